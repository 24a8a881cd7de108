using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases.Pages;

/// <summary>A case registered from the console, or why it was not.</summary>
public sealed record ReportOutcome(Guid? Id, string? Number, Dictionary<string, string[]> Errors)
{
    public bool Done => Id is not null;
}

/// <summary>A small class of the current dictionary, for pickers: "event:0503" 占道经营 (街面秩序).</summary>
public sealed record CategoryChoice(string Code, string Name, string BigName);

/// <summary>
/// Registering a case from the console (an officer's patrol report from the phone, a dispatcher's
/// residents' committee or leadership case at the desk): the same checks as POST /api/cases, the photos
/// checked before anything is written, then the case and its photos saved together.
/// </summary>
public static class CaseReport
{
    public const int MaxPhotos = 10;

    /// <summary>Offered first on the phone when the district has little history yet: the street problems officers meet most.</summary>
    private static readonly string[] s_usual = ["event:0503", "event:0107", "event:0201", "event:0101", "event:0102", "event:0204"];

    public static async Task<ReportOutcome> ReportAsync(IServiceProvider sp, CaseInput input, IReadOnlyList<PendingPhoto> photos, CancellationToken ct)
    {
        CaseIntake intake = sp.GetRequiredService<CaseIntake>();
        Attachments attachments = sp.GetRequiredService<Attachments>();
        IncomingFile[] files = [.. photos.Select(p => IncomingFile.From(p.FileName, p.Content))];
        FieldErrors errors = await CasesEndpoints.ValidateOpenAsync(input, intake, ct);
        attachments.CheckReportPhotos(files, errors);
        if (errors.Any)
        {
            return new(null, null, errors.ToDictionary());
        }

        // The bytes first, outside the transaction; the rows are staged with the case and saved with it.
        StoredFiles stored = await attachments.StoreAsync(files, ct);
        AppDbContext db = sp.GetRequiredService<AppDbContext>();
        CurrentUser user = sp.GetRequiredService<CurrentUser>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Case c = await intake.OpenAsync(input, user.UserId, user.Name, ct);
        attachments.StageOnNewCase(c.Id, stored);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(c.Id, c.Number, []);
    }

    /// <summary>Every small class of the current dictionary, in code order.</summary>
    public static async Task<List<CategoryChoice>> CategoriesAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.CategoryConditions.AsNoTracking()
            .Where(c => c.Version == db.CategoryConditions.Max(v => v.Version))
            .Select(c => new { c.Kind, c.BigCode, c.SmallCode, c.SmallName, c.BigName }).Distinct().ToListAsync(ct);
        return [.. rows.Select(r => new CategoryChoice(Categories.Code(r.Kind, r.BigCode, r.SmallCode), r.SmallName, r.BigName))
            .DistinctBy(r => r.Code).OrderBy(r => r.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The problems to offer as one-tap choices on the phone: what patrols reported most in the last 90
    /// days, topped up with the usual street problems.
    /// </summary>
    public static async Task<List<CategoryChoice>> CommonAsync(AppDbContext db, IReadOnlyList<CategoryChoice> all, DateTimeOffset now, int count, CancellationToken ct)
    {
        DateTimeOffset since = now.AddDays(-90);
        List<string> frequent = await db.Cases.AsNoTracking()
            .Where(c => c.CategoryCode != null && c.ReportedAt >= since && (c.Channel == CaseChannel.Patrol || c.Channel == CaseChannel.GridInspector))
            .GroupBy(c => c.CategoryCode!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(count).Select(g => g.Key).ToListAsync(ct);
        Dictionary<string, CategoryChoice> byCode = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
        return [.. frequent.Concat(s_usual).Distinct(StringComparer.Ordinal)
            .Select(code => byCode.GetValueOrDefault(code)).OfType<CategoryChoice>().Take(count)];
    }
}

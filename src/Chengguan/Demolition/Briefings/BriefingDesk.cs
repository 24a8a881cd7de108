using System.Text.Json;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Briefings;

/// <summary>
/// The one way into briefings (通报), for the API and the console alike: make one on demand (the interview rule follows,
/// in <see cref="BriefingService"/>), list them, read one with the interviews it proposed, download its Excel and PDF.
/// Answers are <see cref="Outcome{T}"/>s.
/// </summary>
public sealed class BriefingDesk(AppDbContext db, BriefingService briefings, EvidenceStore store, CurrentUser user)
{
    private const string Missing = "通报不存在";

    private static BriefingSummary Summary(Briefing b) =>
        new(b.Id, b.Kind, b.BasisKey, b.PeriodKey, b.Title, b.AsOf, b.CreatedBy, $"/api/demolition/briefings/{b.Id}/xlsx", $"/api/demolition/briefings/{b.Id}/pdf");

    /// <summary>A briefing made now for a task batch, or for a plan year.</summary>
    public async Task<Outcome<BriefingDetail>> GenerateAsync(BriefingInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<BriefingDetail>.Invalid(invalid);
        }
        if ((input.TaskId is null) == (input.PlanId is null))
        {
            return new Outcome<BriefingDetail>.Invalid(new FieldErrors().Add("taskId", "须指定任务批次（taskId）或计划（planId 与 year）之一"));
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<BriefingDetail>.Forbidden("只有局领导、科长可以发布通报");
        }
        if (input.PlanId is not null && input.Year is null)
        {
            return new Outcome<BriefingDetail>.Invalid(new FieldErrors().Add("year", "按计划通报须指定年度"));
        }
        string basis = input.TaskId is { } t ? BriefingService.TaskBasis(t) : BriefingService.PlanBasis(input.PlanId!.Value, input.Year!.Value);
        Briefing? b = await briefings.GenerateAsync(BriefingKind.OnDemand, basis, null, user.Name, ct);
        return b is null ? new Outcome<BriefingDetail>.NotFound("任务批次或计划年度不存在") : await DetailAsync(b, ct);
    }

    /// <summary>The latest briefings (of one basis, a task's or a plan year's key, if named), newest first.</summary>
    public async Task<List<BriefingSummary>> ListAsync(string? basis, CancellationToken ct)
    {
        IQueryable<Briefing> q = db.Briefings.AsNoTracking();
        q = basis is null ? q : q.Where(b => b.BasisKey == basis);
        return [.. (await q.OrderByDescending(b => b.AsOf).Take(200).ToListAsync(ct)).Select(Summary)];
    }

    public async Task<Outcome<BriefingDetail>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } b ? await DetailAsync(b, ct) : new Outcome<BriefingDetail>.NotFound(Missing);

    private async Task<BriefingDetail> DetailAsync(Briefing b, CancellationToken ct) =>
        new(Summary(b), JsonSerializer.Deserialize<BriefingContent>(b.RowsJson, DemolitionProcedure.Json)!,
            await db.Interviews.AsNoTracking().Where(i => i.BriefingId == b.Id).Select(i => i.Id).ToListAsync(ct));

    /// <summary>The briefing's Excel workbook (<paramref name="xlsx"/>) or its PDF.</summary>
    public async Task<Outcome<EvidenceFile>> FileAsync(Guid id, bool xlsx, CancellationToken ct)
    {
        if (await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is not { } b || !File.Exists(store.PathOf(xlsx ? b.XlsxSha256 : b.PdfSha256)))
        {
            return new Outcome<EvidenceFile>.NotFound(Missing);
        }
        return xlsx
            ? new EvidenceFile(store.PathOf(b.XlsxSha256), BriefingFiles.XlsxType, $"{b.Title}.xlsx")
            : new EvidenceFile(store.PathOf(b.PdfSha256), "application/pdf", $"{b.Title}.pdf");
    }
}

using Chengguan.Data;
using Chengguan.Identity;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Areas;

/// <summary>Reads areas in scope and computes their status and rebound check (Demolition:Areas:* settings).</summary>
public sealed class AreaQueries(AppDbContext db, IConfiguration config, TimeProvider time)
{
    /// <summary>Demolition:Areas:ConsolidationDays (90): how long after completion an area must stay clean to count as consolidated.</summary>
    public int ConsolidationDays => Math.Max(1, config.GetValue("Demolition:Areas:ConsolidationDays", 90));

    /// <summary>Demolition:Areas:ReboundCategories: case category code prefixes that count as a rebound; empty = every case.</summary>
    public IReadOnlyList<string> ReboundCategories =>
        [.. (config["Demolition:Areas:ReboundCategories"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public IQueryable<RemediationArea> InScope(DataScope scope) => scope.DistrictWide
        ? db.RemediationAreas
        : db.RemediationAreas.Where(a => a.Streets.Any(s => db.Units.Any(u => u.Id == s.StreetId && u.Path.StartsWith(scope.RootPath!))));

    public async Task<ReboundReport> ReboundAsync(RemediationArea area, IReadOnlyList<AreaProblem> problems, CancellationToken ct)
    {
        int days = ConsolidationDays;
        IReadOnlyList<string> categories = ReboundCategories;
        List<int> reopened = [.. problems.Where(p => p.State != ProblemState.Rectified).Select(p => p.Seq)];
        if (area.CompletedAt is not { } done)
        {
            return new ReboundReport(false, days, null, null, null, categories, [], []);
        }
        (DateTimeOffset from, DateTimeOffset to) = AreaRules.ReboundWindow(done, days, time.GetUtcNow());
        // Candidates by time window and bounding box (indexed columns); the outline test is exact, in memory.
        Envelope box = area.Outline.EnvelopeInternal;
        List<CasePoint> candidates = await db.Cases.AsNoTracking()
            .Where(c => c.ReportedAt > from && c.ReportedAt <= to && c.Lon >= box.MinX && c.Lon <= box.MaxX && c.Lat >= box.MinY && c.Lat <= box.MaxY)
            .Select(c => new CasePoint(c.Id, c.Number, c.Lon!.Value, c.Lat!.Value, c.ReportedAt, c.CategoryCode))
            .ToListAsync(ct);
        IReadOnlyList<CasePoint> cases = AreaRules.ReboundCases(area.Outline, candidates, from, to, categories);
        return new ReboundReport(cases.Count > 0 || reopened.Count > 0, days, from, to, done.AddDays(days), categories,
            [.. cases.Select(c => new ReboundCase(c.Id, c.Number, c.ReportedAt, c.CategoryCode, c.Lon, c.Lat))], reopened);
    }

    public async Task<(AreaSummary Summary, List<AreaProblem> Problems, ReboundReport Rebound)> LoadAsync(RemediationArea area, CancellationToken ct)
    {
        List<AreaProblem> problems = await db.AreaProblems.AsNoTracking().Include(p => p.Links).Where(p => p.AreaId == area.Id).OrderBy(p => p.Seq).ToListAsync(ct);
        ReboundReport rebound = await ReboundAsync(area, problems, ct);
        List<Guid> ids = [.. area.Streets.Select(s => s.StreetId)];
        List<StreetRef> streets = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.SortOrder).Select(u => new StreetRef(u.Id, u.Name)).ToListAsync(ct);
        AreaStatus status = AreaRules.Status([.. problems.Select(p => p.State)], area.CompletedAt, rebound.Cases.Count, ConsolidationDays, time.GetUtcNow());
        return (new AreaSummary(area.Id, area.Name, area.PeriodStart, area.PeriodEnd, area.AreaM2, streets, status, area.CompletedAt,
            problems.Count, problems.Count(p => p.State == ProblemState.Rectified)), problems, rebound);
    }

    public async Task<AreaDetail> DetailAsync(RemediationArea area, CancellationToken ct)
    {
        (AreaSummary summary, List<AreaProblem> problems, ReboundReport rebound) = await LoadAsync(area, ct);
        return new AreaDetail(summary, DemolitionGeometry.ToJson(area.Outline), area.Note, [.. problems.Select(ToDto)], rebound);
    }

    public static ProblemDto ToDto(AreaProblem p) => new(
        p.Id, p.Seq, p.Kind, AreaLabels.Kinds[p.Kind], p.Description, [.. p.Musts()], p.State, p.CreatedAt, p.RectifiedAt, p.ReopenedAt, p.ReopenCount, p.Note,
        [.. p.Links.Where(l => l.Kind == ProblemLinkKind.LedgerItem).Select(l => l.SubjectId)],
        [.. p.Links.Where(l => l.Kind == ProblemLinkKind.Case).Select(l => l.SubjectId)],
        [.. Enum.GetValues<ProblemAction>().Where(a => AreaRules.Next(p.State, a) is not null)]);
}

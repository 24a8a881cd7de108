using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Supervision;

/// <summary>The read side: plans with counts, file rows with street names, findings with their rectification state, the checklists.</summary>
public sealed class SupervisionQueries(AppDbContext db, CurrentUser user)
{
    /// <summary>Who manages plans, reviews files and inspects.</summary>
    public static readonly string[] Managers = [Roles.Supervisor, Roles.SectionChief, Roles.BureauLeader, Roles.Admin];

    public bool IsManager => Managers.Any(user.Principal.IsInRole);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        List<Guid> list = [.. ids.Distinct()];
        return await db.Units.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>The findings the caller may see: all for district-wide roles, a street team's own otherwise.</summary>
    public async Task<IQueryable<SupervisionFinding>> VisibleFindingsAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        if (scope.DistrictWide)
        {
            return db.SupervisionFindings.AsNoTracking();
        }
        IQueryable<Guid> units = db.Units.InScope(scope).Select(u => u.Id);
        return db.SupervisionFindings.AsNoTracking().Where(f => units.Contains(f.OwnerUnitId));
    }

    public async Task<IQueryable<SupervisionInspection>> VisibleInspectionsAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        if (scope.DistrictWide)
        {
            return db.SupervisionInspections.AsNoTracking();
        }
        IQueryable<Guid> units = db.Units.InScope(scope).Select(u => u.Id);
        return db.SupervisionInspections.AsNoTracking().Where(i => units.Contains(i.OwnerUnitId));
    }

    public async Task<List<FindingDto>> FindingsAsync(IQueryable<SupervisionFinding> q, CancellationToken ct)
    {
        List<SupervisionFinding> rows = await q.OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToListAsync(ct);
        List<Guid> items = [.. rows.Where(f => f.RectificationItemId != null).Select(f => f.RectificationItemId!.Value)];
        // The rectification items' states are read for display; they are moved only through Rectification's door.
        var states = await db.RectificationItems.AsNoTracking().Where(i => items.Contains(i.Id))
            .Select(i => new { i.Id, i.State, i.Deadline }).ToDictionaryAsync(i => i.Id, ct);
        Dictionary<Guid, string> names = await NamesAsync(rows.Select(f => f.StreetId), ct);
        return [.. rows.Select(f =>
        {
            var s = f.RectificationItemId is { } id ? states.GetValueOrDefault(id) : null;
            return new FindingDto(f.Id, f.FileId, f.InspectionId, f.StreetId, names.GetValueOrDefault(f.StreetId, ""), f.ItemCode, f.Text, f.RectificationItemId,
                s?.State, s?.Deadline, f.CreatedAt, f.CreatedBy);
        })];
    }

    public async Task<List<FileRow>> FileRowsAsync(IQueryable<SupervisionFile> q, CancellationToken ct)
    {
        List<SupervisionFile> files = await q.AsNoTracking().OrderBy(f => f.Seq).ToListAsync(ct);
        List<Guid> ids = [.. files.Select(f => f.Id)];
        Dictionary<Guid, int> findings = await db.SupervisionFindings.AsNoTracking().Where(f => f.FileId != null && ids.Contains(f.FileId.Value))
            .GroupBy(f => f.FileId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Dictionary<Guid, string> names = await NamesAsync(files.Select(f => f.StreetId), ct);
        return [.. files.Select(f => new FileRow(f.Id, f.PlanId, f.Seq, f.StreetId, names.GetValueOrDefault(f.StreetId, ""), f.SubjectType, f.SubjectId,
            f.Reference, f.Summary, f.ClosedAt, f.Score, f.MaxScore, f.ReviewedAt, f.ReviewedBy, findings.GetValueOrDefault(f.Id)))];
    }

    public async Task<List<PlanDto>> PlansAsync(Guid? only, CancellationToken ct)
    {
        IQueryable<SupervisionPlan> q = db.SupervisionPlans.AsNoTracking();
        if (only is { } id)
        {
            q = q.Where(p => p.Id == id);
        }
        List<SupervisionPlan> plans = await q.OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        List<Guid> ids = [.. plans.Select(p => p.Id)];
        var counts = await db.SupervisionFiles.AsNoTracking().Where(f => ids.Contains(f.PlanId)).GroupBy(f => f.PlanId)
            .Select(g => new { g.Key, Files = g.Count(), Reviewed = g.Count(f => f.ReviewedAt != null) }).ToDictionaryAsync(x => x.Key, ct);
        return [.. plans.Select(p => new PlanDto(p.Id, p.Name, p.From, p.To, p.Cases, p.Demolition, p.PerStreet, p.Seed, p.ChecklistVersion, p.Population,
            p.DrawnAt, p.CreatedAt, p.CreatedBy, counts.GetValueOrDefault(p.Id)?.Files ?? 0, counts.GetValueOrDefault(p.Id)?.Reviewed ?? 0))];
    }

    public async Task<List<ChecklistDefinition>> ChecklistsAsync(CancellationToken ct) =>
        [.. (await db.SupervisionChecklists.AsNoTracking().OrderBy(c => c.Version).ToListAsync(ct)).Select(Definition)];

    public static ChecklistDefinition Definition(SupervisionChecklist c) =>
        new(c.Version, c.Name, JsonSerializer.Deserialize<List<ChecklistItem>>(c.ItemsJson, Json) ?? []);

    /// <summary>The active streets and towns in code order (the strata of a draw).</summary>
    /// <summary>
    /// Per street, district-wide: the points and the maximum of the sampled files reviewed in [start, end). One GROUP BY,
    /// for the performance assessment's supervision score (得分率 = points ÷ maximum).
    /// </summary>
    public async Task<Dictionary<Guid, (long Score, long Max, int Files)>> ReviewedScoresByStreetAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.SupervisionFiles.AsNoTracking()
            .Where(f => f.Score != null && f.ReviewedAt >= start && f.ReviewedAt < end)
            .GroupBy(f => f.StreetId)
            .Select(g => new { g.Key, Score = g.Sum(f => (long)f.Score!.Value), Max = g.Sum(f => (long)f.MaxScore), Files = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => (r.Score, r.Max, r.Files));
    }

    public Task<List<(Guid Id, string Code, string Name)>> StreetsAsync(CancellationToken ct) => StreetsAsync(db, ct);

    public static async Task<List<(Guid Id, string Code, string Name)>> StreetsAsync(AppDbContext db, CancellationToken ct) =>
        [.. (await db.Units.AsNoTracking().Where(u => (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town) && u.Active)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Code, u.Name))];

    /// <summary>The street's active street team, the owner of its findings.</summary>
    public Task<Guid?> TeamOfAsync(Guid street, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.ParentId == street && u.Kind == UnitKind.StreetTeam && u.Active).OrderBy(u => u.Code).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
}

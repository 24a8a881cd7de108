using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Directives;

/// <summary>
/// The read side of directives, in the caller's scope: district-wide roles see every directive, a
/// unit's people those their unit owns or shares (协办); the rows carry their lights.
/// </summary>
public sealed class DirectiveQueries(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public async Task<IQueryable<Directive>> VisibleAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        if (scope.DistrictWide)
        {
            return db.Directives.AsNoTracking();
        }
        IQueryable<Guid> units = db.Units.InScope(scope).Select(u => u.Id);
        return db.Directives.AsNoTracking().Where(d => units.Contains(d.OwnerUnitId)
            || db.DirectiveCoOwners.Any(c => c.DirectiveId == d.Id && units.Contains(c.UnitId)));
    }

    /// <summary>
    /// Per owner unit, district-wide: the directives falling due or closed in [start, end) and how many of them were
    /// closed (销号) by their due time. One GROUP BY, for the performance assessment's on-time close-out indicator.
    /// </summary>
    public async Task<Dictionary<Guid, (int OnTime, int Counted)>> OnTimeByOwnerAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await db.Directives.AsNoTracking()
            .Where(d => (d.DueAt >= start && d.DueAt < end) || (d.ClosedAt >= start && d.ClosedAt < end))
            .GroupBy(d => d.OwnerUnitId)
            .Select(g => new { g.Key, OnTime = g.Count(d => d.ClosedAt != null && d.ClosedAt <= d.DueAt), Counted = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => (r.OnTime, r.Counted));
    }

    /// <summary>Whether the caller answers for the directive as its owner: district-wide, or the owner unit is in the caller's scope.</summary>
    public async Task<bool> OwnsAsync(Directive d, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return scope.DistrictWide || await db.Units.InScope(scope).AnyAsync(u => u.Id == d.OwnerUnitId, ct);
    }

    /// <summary>The caller's name as people know it (the account's display name), for the timeline, reports and approvals: never the login.</summary>
    public async Task<string?> MyNameAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? user.Name;

    public async Task<List<DirectiveRow>> RowsAsync(DirectiveFilter filter, CancellationToken ct)
    {
        IQueryable<Directive> q = await VisibleAsync(ct);
        if (filter.Source is { } s)
        {
            q = q.Where(d => d.SourceId == s);
        }
        if (filter.Leader is { } l)
        {
            q = q.Where(d => d.LeaderPersonId == l);
        }
        if (filter.Unit is { } u)
        {
            q = q.Where(d => d.OwnerUnitId == u || db.DirectiveCoOwners.Any(c => c.DirectiveId == d.Id && c.UnitId == u));
        }
        if (filter.Closed is { } closed)
        {
            q = closed ? q.Where(d => d.State == DirectiveState.Closed) : q.Where(d => d.State != DirectiveState.Closed);
        }
        List<DirectiveRow> rows = await RowsOfAsync(await q.OrderBy(d => d.Number).ToListAsync(ct), ct);
        return filter.Light is { } light ? [.. rows.Where(r => r.Light == light)] : rows;
    }

    public async Task<List<DirectiveRow>> RowsOfAsync(IReadOnlyList<Directive> items, CancellationToken ct)
    {
        List<Guid> ids = [.. items.Select(d => d.Id)];
        List<DirectiveCoOwner> co = await db.DirectiveCoOwners.AsNoTracking().Where(c => ids.Contains(c.DirectiveId)).ToListAsync(ct);
        List<Guid> unitIds = [.. items.Select(d => d.OwnerUnitId).Concat(co.Select(c => c.UnitId)).Distinct()];
        List<Guid> leaderIds = [.. items.Select(d => d.LeaderPersonId).Distinct()];
        Dictionary<Guid, string> units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Dictionary<Guid, string> leaders = await db.People.AsNoTracking().Where(p => leaderIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Dictionary<Guid, string> sources = await db.DirectiveSources.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        DateOnly today = ShanghaiTime.Today(time);
        Dictionary<Guid, int> late = await db.DirectiveMilestones.AsNoTracking().Where(m => ids.Contains(m.DirectiveId) && m.DoneOn == null && m.Due < today)
            .GroupBy(m => m.DirectiveId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        ILookup<Guid, DirectiveCoOwner> byDirective = co.ToLookup(c => c.DirectiveId);
        DateTimeOffset now = time.GetUtcNow();
        return [.. items.Select(d => new DirectiveRow(d.Id, d.Number, d.SourceId, sources.GetValueOrDefault(d.SourceId, ""), d.Reference, d.Text,
            d.OwnerUnitId, units.GetValueOrDefault(d.OwnerUnitId, ""),
            [.. byDirective[d.Id].Select(c => new UnitName(c.UnitId, units.GetValueOrDefault(c.UnitId, ""))).OrderBy(u => u.Name, StringComparer.Ordinal)],
            d.LeaderPersonId, leaders.GetValueOrDefault(d.LeaderPersonId, ""), d.DeadlineKind, d.Asap, d.Deadline, d.DueAt, d.State, d.Percent,
            DirectiveLights.Of(d.State, d.StartedAt, d.DueAt, d.Percent, late.GetValueOrDefault(d.Id), now), d.Extensions, d.PendingDays, d.ClosedAt))];
    }

    /// <summary>Groups rows per leader in charge, or per unit (owner and each co-owner), with their light counts.</summary>
    public static List<BoardGroup> Group(IReadOnlyList<DirectiveRow> rows, bool byLeader) =>
        [.. rows.SelectMany(r => byLeader
                ? [(Id: r.LeaderPersonId, Name: r.Leader, Row: r)]
                : new[] { (Id: r.OwnerUnitId, Name: r.OwnerUnit, Row: r) }.Concat(r.CoOwners.Select(c => (c.Id, c.Name, Row: r))))
            .GroupBy(x => (x.Id, x.Name)).OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g =>
            {
                List<DirectiveRow> list = [.. g.Select(x => x.Row)];
                List<DirectiveRow> open = [.. list.Where(r => r.State != DirectiveState.Closed)];
                return new BoardGroup(g.Key.Id, g.Key.Name, open.Count, open.Count(r => r.Light == DirectiveLight.Green),
                    open.Count(r => r.Light == DirectiveLight.Yellow), open.Count(r => r.Light == DirectiveLight.Red), list.Count - open.Count, list);
            })];
}

using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Demolition;
using Chengguan.Identity;

namespace Chengguan.Overview;

/// <summary>
/// The owners' scope rules, read-only, for the read models here: a case is seen when its street or its unit lies
/// in the caller's subtree (an integration sees its own cases), a ledger item when its street does. They repeat
/// the rules of the cases' and the ledger's own queries (which are not theirs to share yet) and must change with them.
/// </summary>
internal static class OverviewScope
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> q, DataScope scope, AppDbContext db) =>
        scope.Integration is { } integration ? q.Where(c => c.Integration == integration)
        : scope.DistrictWide ? q
        : q.Where(c => db.Units.Any(u => (u.Id == c.StreetId || u.Id == c.UnitId) && u.Path.StartsWith(scope.RootPath!)));

    public static IQueryable<IllegalBuilding> VisibleTo(this IQueryable<IllegalBuilding> q, DataScope scope, AppDbContext db) =>
        scope.DistrictWide ? q : q.Where(i => db.Units.Any(u => u.Id == i.StreetId && u.Path.StartsWith(scope.RootPath!)));
}

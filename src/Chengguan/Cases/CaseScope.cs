using Chengguan.Data;
using Chengguan.Identity;

namespace Chengguan.Cases;

/// <summary>
/// Which cases a caller sees: Cases' own rule, used by every reader of cases (the cases' doors, the
/// demolition ledger's links, the KPIs, the grid map, evidence) so that a case outside the scope is
/// "not found" everywhere alike.
/// </summary>
public static class CaseScope
{
    /// <summary>The cases a scope sees: an API key its integration's, staff those of their unit subtree (or all).</summary>
    public static IQueryable<Case> InScope(this IQueryable<Case> q, DataScope scope, AppDbContext db) =>
        scope.Integration is { } integration ? q.Where(c => c.Integration == integration)
        : scope.DistrictWide ? q
        : q.Where(c => db.Units.Any(u => (u.Id == c.StreetId || u.Id == c.UnitId) && u.Path.StartsWith(scope.RootPath!)));
}

using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;

namespace Chengguan.Demolition;

/// <summary>A case as the item page lists and offers it.</summary>
public sealed record CaseChoice(Guid Id, string Number, string Description, CaseState State);

/// <summary>The cases demolition may read to link them (to a ledger item or an area's problem): read only, never written.</summary>
internal static class LinkedCases
{
    /// <summary>
    /// The cases a scope sees, by the cases' own rule (the case's street or unit lies in the caller's subtree; an API key its
    /// integration's). It is Cases' rule restated, not asked, because Cases has no door for it yet and its endpoints may not be
    /// called from here; when Cases' door offers it, this is to ask that instead.
    /// </summary>
    public static IQueryable<Case> SeenBy(this IQueryable<Case> q, DataScope scope, AppDbContext db) =>
        scope.Integration is { } integration ? q.Where(c => c.Integration == integration)
        : scope.DistrictWide ? q
        : q.Where(c => db.Units.Any(u => (u.Id == c.StreetId || u.Id == c.UnitId) && u.Path.StartsWith(scope.RootPath!)));
}

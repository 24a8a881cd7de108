using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>
/// Which unit a new case (or a demolition item) found on a grid goes to: the street team
/// (街道城管中队) that answers for the grid, as dispatchers send it; else a squad that answers for
/// it; else any unit that answers for it; else the street itself, whose people re-dispatch it.
/// Ties go to the lowest unit code, so that the same grid always routes to the same unit.
/// A unit that has been deactivated (merged, dissolved) is passed over: nobody there would sign
/// for the case and its clocks would count for a unit that no longer answers.
/// </summary>
public static class CaseRouting
{
    public static Guid UnitFor(LocatedGrid grid, IReadOnlySet<Guid> inactiveUnits) =>
        grid.ResponsibleUnits
            .Where(u => !inactiveUnits.Contains(u.Id))
            .OrderBy(u => u.Kind switch { UnitKind.StreetTeam => 0, UnitKind.Squad => 1, _ => 2 })
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => (Guid?)u.Id).FirstOrDefault() ?? grid.Street.Id;

    /// <summary>
    /// The deactivated units, read from the database rather than the grid layer's snapshot (which is rebuilt when
    /// the grids change, not when a unit is deactivated). They are few; a caller reads them once per unit of work.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> InactiveUnitsAsync(AppDbContext db, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => !u.Active).Select(u => u.Id).ToHashSetAsync(ct);
}

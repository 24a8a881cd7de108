using Chengguan.Grids;
using Chengguan.Organisation;

namespace Chengguan.Cases;

/// <summary>
/// Which unit a new case (or a demolition item) found on a grid goes to: the street team
/// (街道城管中队) that answers for the grid, as dispatchers send it; else a squad that answers for
/// it; else any unit that answers for it; else the street itself, whose people re-dispatch it.
/// Ties go to the lowest unit code, so that the same grid always routes to the same unit.
/// </summary>
public static class CaseRouting
{
    public static Guid UnitFor(LocatedGrid grid) =>
        grid.ResponsibleUnits
            .OrderBy(u => u.Kind switch { UnitKind.StreetTeam => 0, UnitKind.Squad => 1, _ => 2 })
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => (Guid?)u.Id).FirstOrDefault() ?? grid.Street.Id;
}

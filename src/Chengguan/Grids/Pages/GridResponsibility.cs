using Chengguan.Data;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Grids.Pages;

/// <summary>A unit the grid form offers: <see cref="InStreet"/> for the grid's own street team, squads are the bureau's.</summary>
public sealed record UnitChoice(Guid Id, string Code, string Name, UnitKind Kind, bool InStreet, bool Active);

/// <summary>A person the grid form offers, with the unit that places them in the grid's street or in a chosen unit.</summary>
public sealed record OfficerChoice(Guid Id, string Name, string? Badge, Guid UnitId, string UnitName, bool InStreet, bool Active);

/// <summary>What the responsibility form shows for one grid: what is assigned now and what may be chosen.</summary>
public sealed record GridResponsibilityForm(Guid GridId, string Code, string? Name, string Street, string Community,
    IReadOnlyList<UnitChoice> Units, IReadOnlyList<OfficerChoice> Officers, IReadOnlySet<Guid> CurrentUnitIds, IReadOnlySet<Guid> CurrentOfficerIds);

/// <summary>A grid list row's responsible units and officers, by name.</summary>
public sealed record GridResponsibles(IReadOnlyList<string> Units, IReadOnlyList<string> Officers);

/// <summary>
/// The reading side of the grid page's responsibility form. Saving goes through
/// <see cref="GridsEndpoints.SetResponsibilityAsync"/>, as <c>PUT /api/grids/{code}/responsibility</c> does.
/// The page is for administrators, who see the whole district, so no data scope applies here.
/// </summary>
public static class GridResponsibility
{
    /// <summary>
    /// The grid, its current units and officers (inactive ones too, so that the form shows them and the
    /// save refuses them), every active squad and street team, and the active people of those units.
    /// </summary>
    public static async Task<GridResponsibilityForm?> LoadAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var grid = await db.Grids.AsNoTracking().Where(g => g.Code == code).Select(g => new
        {
            g.Id, g.Code, g.Name, Street = g.Street!.Name, StreetPath = g.Street.Path, Community = g.Community!.Name,
            Units = g.ResponsibleUnits.Select(r => r.UnitId).ToList(),
            Officers = g.Officers.Select(o => o.PersonId).ToList(),
        }).FirstOrDefaultAsync(ct);
        if (grid is null)
        {
            return null;
        }
        List<Guid> currentUnits = grid.Units, currentOfficers = grid.Officers;
        List<UnitChoice> units = await db.Units.AsNoTracking()
            .Where(u => (u.Active && (u.Kind == UnitKind.StreetTeam || u.Kind == UnitKind.Squad)) || currentUnits.Contains(u.Id))
            .OrderBy(u => u.Kind).ThenBy(u => u.Code)
            .Select(u => new UnitChoice(u.Id, u.Code, u.Name, u.Kind, u.Path.StartsWith(grid.StreetPath), u.Active))
            .ToListAsync(ct);
        // The people of the grid's street and of every unit that may be chosen; the form narrows them to the street and the ticked units.
        List<OfficerChoice> officers = await db.People.AsNoTracking()
            .Where(p => (p.Active && (p.Unit!.Path.StartsWith(grid.StreetPath) || p.Unit.Kind == UnitKind.StreetTeam || p.Unit.Kind == UnitKind.Squad))
                || currentOfficers.Contains(p.Id))
            .OrderBy(p => p.Unit!.Code).ThenBy(p => p.Name)
            .Select(p => new OfficerChoice(p.Id, p.Name, p.BadgeNumber, p.UnitId, p.Unit!.Name, p.Unit.Path.StartsWith(grid.StreetPath), p.Active))
            .ToListAsync(ct);
        return new GridResponsibilityForm(grid.Id, grid.Code, grid.Name, grid.Street, grid.Community, units, officers,
            currentUnits.ToHashSet(), currentOfficers.ToHashSet());
    }

    /// <summary>The officers the form lists: the street's people, those of the ticked units, and whoever is ticked or assigned now.</summary>
    public static IEnumerable<OfficerChoice> Offered(GridResponsibilityForm form, IReadOnlySet<Guid> units, IReadOnlySet<Guid> officers, bool all) =>
        form.Officers.Where(p => all || p.InStreet || units.Contains(p.UnitId) || officers.Contains(p.Id) || form.CurrentOfficerIds.Contains(p.Id));

    /// <summary>The units the form lists: the street's own team, the bureau's squads, and whatever is ticked or assigned now.</summary>
    public static IEnumerable<UnitChoice> Offered(GridResponsibilityForm form, IReadOnlySet<Guid> units, bool all) =>
        form.Units.Where(u => all || u.InStreet || u.Kind == UnitKind.Squad || units.Contains(u.Id) || form.CurrentUnitIds.Contains(u.Id));

    /// <summary>The responsible units and officers of the listed grids, for the grid list's columns.</summary>
    public static async Task<Dictionary<Guid, GridResponsibles>> OfGridsAsync(AppDbContext db, IReadOnlyCollection<Guid> gridIds, CancellationToken ct)
    {
        var units = await db.Set<GridResponsibleUnit>().AsNoTracking().Where(r => gridIds.Contains(r.GridId))
            .OrderBy(r => r.Unit!.Kind).ThenBy(r => r.Unit!.Code).Select(r => new { r.GridId, r.Unit!.Name }).ToListAsync(ct);
        var officers = await db.Set<GridOfficer>().AsNoTracking().Where(o => gridIds.Contains(o.GridId))
            .OrderBy(o => o.Person!.Name).Select(o => new { o.GridId, o.Person!.Name }).ToListAsync(ct);
        ILookup<Guid, string> u = units.ToLookup(x => x.GridId, x => x.Name), o = officers.ToLookup(x => x.GridId, x => x.Name);
        return gridIds.ToDictionary(id => id, id => new GridResponsibles([.. u[id]], [.. o[id]]));
    }
}

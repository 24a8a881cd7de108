using Chengguan.Organisation;

namespace Chengguan.Grids;

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
/// Which of a responsibility form's choices the grid page lists (the form itself comes from
/// <see cref="GridRegister.ResponsibilityFormAsync"/>, and saving goes through <see cref="GridRegister.SetResponsibilityAsync"/>).
/// </summary>
public static class GridResponsibility
{
    /// <summary>The officers the form lists: the street's people, those of the ticked units, and whoever is ticked or assigned now.</summary>
    public static IEnumerable<OfficerChoice> Offered(GridResponsibilityForm form, IReadOnlySet<Guid> units, IReadOnlySet<Guid> officers, bool all) =>
        form.Officers.Where(p => all || p.InStreet || units.Contains(p.UnitId) || officers.Contains(p.Id) || form.CurrentOfficerIds.Contains(p.Id));

    /// <summary>The units the form lists: the street's own team, the bureau's squads, and whatever is ticked or assigned now.</summary>
    public static IEnumerable<UnitChoice> Offered(GridResponsibilityForm form, IReadOnlySet<Guid> units, bool all) =>
        form.Units.Where(u => all || u.InStreet || u.Kind == UnitKind.Squad || units.Contains(u.Id) || form.CurrentUnitIds.Contains(u.Id));
}

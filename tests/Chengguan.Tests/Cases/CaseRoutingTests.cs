using Chengguan.Cases;
using Chengguan.Grids;
using Chengguan.Organisation;

namespace Chengguan.Tests.Cases;

/// <summary>Which unit a case found on a grid goes to (<see cref="CaseRouting"/>).</summary>
public sealed class CaseRoutingTests
{
    private static readonly UnitRef s_street = new(Guid.NewGuid(), "310106006", "江宁路街道", UnitKind.Street);
    private static readonly UnitRef s_team = new(Guid.NewGuid(), "310106006-ZD", "江宁路街道城管中队", UnitKind.StreetTeam);
    private static readonly UnitRef s_squad = new(Guid.NewGuid(), "JA-SQ01", "机动执法中队", UnitKind.Squad);
    private static readonly UnitRef s_section = new(Guid.NewGuid(), "JA-KS01", "勤务指挥科", UnitKind.Section);

    private static readonly HashSet<Guid> s_allActive = [];

    private static LocatedGrid Grid(params UnitRef[] responsible) =>
        new(Guid.NewGuid(), "310106006001001", null, new UnitRef(Guid.NewGuid(), "310106006001", "某居委会", UnitKind.Committee), s_street, responsible, []);

    [Fact]
    public void The_street_team_that_answers_for_the_grid_gets_the_case_wherever_it_is_listed()
    {
        Assert.Equal(s_team.Id, CaseRouting.UnitFor(Grid(s_squad, s_team), s_allActive));
        Assert.Equal(s_team.Id, CaseRouting.UnitFor(Grid(s_team, s_squad), s_allActive));
        Assert.Equal(s_team.Id, CaseRouting.UnitFor(Grid(s_section, s_squad, s_team), s_allActive));
    }

    [Fact]
    public void Without_a_street_team_a_squad_then_any_responsible_unit_then_the_street()
    {
        Assert.Equal(s_squad.Id, CaseRouting.UnitFor(Grid(s_section, s_squad), s_allActive));
        Assert.Equal(s_section.Id, CaseRouting.UnitFor(Grid(s_section), s_allActive));
        Assert.Equal(s_street.Id, CaseRouting.UnitFor(Grid(), s_allActive));
    }

    [Fact]
    public void Two_street_teams_route_to_the_same_one_every_time()
    {
        var other = new UnitRef(Guid.NewGuid(), "310106006-ZD2", "江宁路街道城管二中队", UnitKind.StreetTeam);
        Assert.Equal(s_team.Id, CaseRouting.UnitFor(Grid(other, s_team), s_allActive));
        Assert.Equal(s_team.Id, CaseRouting.UnitFor(Grid(s_team, other), s_allActive));
    }

    [Fact]
    public void An_inactive_street_team_is_passed_over_for_the_next_responsible_active_unit()
    {
        // The team dissolved: its squad answers for the grid now, as a dispatcher would send it.
        Assert.Equal(s_squad.Id, CaseRouting.UnitFor(Grid(s_team, s_squad, s_section), new HashSet<Guid> { s_team.Id }));
        // A second team of the same street still comes before any squad.
        var other = new UnitRef(Guid.NewGuid(), "310106006-ZD2", "江宁路街道城管二中队", UnitKind.StreetTeam);
        Assert.Equal(other.Id, CaseRouting.UnitFor(Grid(s_team, other, s_squad), new HashSet<Guid> { s_team.Id }));
        // Neither team nor squad: any other responsible unit that is still active.
        Assert.Equal(s_section.Id, CaseRouting.UnitFor(Grid(s_team, s_squad, s_section), new HashSet<Guid> { s_team.Id, s_squad.Id }));
    }

    [Fact]
    public void With_every_responsible_unit_inactive_the_case_goes_to_the_street_as_without_any()
    {
        Assert.Equal(s_street.Id, CaseRouting.UnitFor(Grid(s_team, s_squad), new HashSet<Guid> { s_team.Id, s_squad.Id }));
        // Units that are inactive elsewhere do not change a grid whose own units are active.
        Assert.Equal(s_team.Id, CaseRouting.UnitFor(Grid(s_squad, s_team), new HashSet<Guid> { Guid.NewGuid(), s_section.Id }));
    }
}

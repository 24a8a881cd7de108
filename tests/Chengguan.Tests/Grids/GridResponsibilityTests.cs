using Chengguan.Grids;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Grids;

/// <summary>What the grid page's responsibility form offers, read through the door (the saving is tested over HTTP, the same door).</summary>
public abstract class GridResponsibilityTests(ChengguanApp app)
{
    private async Task<T> WithGridsAsync<T>(Func<GridRegister, Task<T>> work)
    {
        app.RequireAvailable();
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GridRegister>());
    }

    // A grid of 大宁路街道 that no test changes: the seeder gave it the street's team, one squad and one team officer.
    private const string Code = "310106019001002";

    [Fact]
    public async Task The_form_shows_the_current_units_and_officers_and_offers_the_streets_people_and_the_ticked_units_people()
    {
        Outcome<GridResponsibilityForm> loaded = await WithGridsAsync(grids => grids.ResponsibilityFormAsync(Code, default));
        GridResponsibilityForm form = Assert.IsType<Outcome<GridResponsibilityForm>.Done>(loaded).Value;
        Assert.Equal("大宁路街道", form.Street);
        UnitChoice team = Assert.Single(form.Units, u => u.Code == "310106019-ZD");
        Assert.True(team.InStreet);
        Assert.Contains(team.Id, form.CurrentUnitIds);
        Assert.Equal(2, form.CurrentUnitIds.Count);
        Assert.Single(form.CurrentOfficerIds);
        Assert.All(form.Units, u => Assert.True(u.Kind is UnitKind.Squad or UnitKind.StreetTeam));
        Assert.All(form.Units.Where(u => u.Code.StartsWith("31010601", StringComparison.Ordinal) && u.Code != "310106019-ZD"), u => Assert.False(u.InStreet));

        // Unticked units: the street's team, the bureau's squads, and whatever is assigned now.
        UnitChoice[] offered = [.. GridResponsibility.Offered(form, new HashSet<Guid>(), all: false)];
        Assert.Contains(offered, u => u.Code == "310106019-ZD");
        // Every squad of the bureau (other tests may add squads meanwhile: all of those the form knows are offered).
        Assert.True(form.Units.Count(u => u.Kind == UnitKind.Squad) >= 3);
        Assert.All(form.Units.Where(u => u.Kind == UnitKind.Squad), u => Assert.Contains(offered, o => o.Id == u.Id));
        Assert.DoesNotContain(offered, u => u.Code == "310106006-ZD");
        Assert.Contains(GridResponsibility.Offered(form, new HashSet<Guid>(), all: true), u => u.Code == "310106006-ZD");

        // People: the street's, plus those of a ticked squad; all of them on request.
        UnitChoice squad = form.Units.First(u => u.Kind == UnitKind.Squad && !form.CurrentUnitIds.Contains(u.Id));
        var none = new HashSet<Guid>();
        OfficerChoice[] streetOnly = [.. GridResponsibility.Offered(form, none, none, all: false)];
        Assert.Contains(streetOnly, p => p.InStreet);
        Assert.DoesNotContain(streetOnly, p => p.UnitId == squad.Id);
        Assert.Contains(form.CurrentOfficerIds.Single(), streetOnly.Select(p => p.Id));
        Assert.Contains(GridResponsibility.Offered(form, new HashSet<Guid> { squad.Id }, none, all: false), p => p.UnitId == squad.Id);
        Assert.True(GridResponsibility.Offered(form, none, none, all: true).Count() > streetOnly.Length);
    }

    [Fact]
    public async Task The_list_names_each_grids_units_and_officers_and_an_unknown_grid_has_no_form()
    {
        Guid id = await app.WithDbAsync(db => db.Grids.Where(g => g.Code == Code).Select(g => g.Id).SingleAsync());
        Dictionary<Guid, GridResponsibles> names = await WithGridsAsync(grids => grids.ResponsiblesAsync([id], default));
        Assert.Contains("大宁路街道城管中队", names[id].Units);
        Assert.Single(names[id].Officers);
        Assert.IsType<Outcome<GridResponsibilityForm>.NotFound>(await WithGridsAsync(grids => grids.ResponsibilityFormAsync("310106019999999", default)));
    }
}

public sealed class GridResponsibilityTestsOnSqlite(SqliteApp app) : GridResponsibilityTests(app);

public sealed class GridResponsibilityTestsOnPostgres(PostgresApp app) : GridResponsibilityTests(app);

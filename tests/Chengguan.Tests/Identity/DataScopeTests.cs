using System.Net;
using Chengguan.Grids;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Identity;

/// <summary>The scope matrix: an officer of one street reads their street and gets 404 for another's, so existence does not leak.</summary>
public abstract class DataScopeTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";
    private const string Shimen = "310106011";

    private Task<(Guid Street, Guid Committee, Guid Person, string Grid)> RecordsOf(string street) => app.WithDbAsync(async db =>
    {
        Guid streetId = await db.Units.Where(u => u.Code == street).Select(u => u.Id).SingleAsync();
        Guid committee = await db.Units.Where(u => u.Code == street + "001").Select(u => u.Id).SingleAsync();
        Guid person = await db.People.Where(p => p.Unit!.Code == street + "-ZD").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        string grid = await db.Grids.Where(g => g.StreetId == streetId).OrderBy(g => g.Code).Select(g => g.Code).FirstAsync();
        return (streetId, committee, person, grid);
    });

    public static TheoryData<string, string, bool> Matrix => new()
    {
        { "jnl.officer", Jiangning, true },
        { "jnl.officer", Shimen, false },
        { "jnl.leader", Jiangning, true },
        { "jnl.leader", Shimen, false },
        { "smel.officer", Shimen, true },
        { "smel.officer", Jiangning, false },
        { "dispatcher", Jiangning, true },
        { "dispatcher", Shimen, true },
        { "leader", Shimen, true },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Records_of_another_street_answer_404(string user, string street, bool visible)
    {
        HttpClient client = await app.ClientFor(user);
        var r = await RecordsOf(street);
        HttpStatusCode expected = visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        foreach (string url in new[] { $"/api/units/{r.Street}", $"/api/units/{r.Committee}", $"/api/people/{r.Person}", $"/api/grids/{r.Grid}" })
        {
            HttpResponseMessage response = await client.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{user} GET {url}: expected {(int)expected}, got {(int)response.StatusCode}");
            if (!visible)
            {
                await response.Problem(HttpStatusCode.NotFound);
            }
        }
    }

    [Fact]
    public async Task A_missing_record_and_a_hidden_one_look_the_same()
    {
        HttpClient client = await app.ClientFor("jnl.officer");
        var hidden = await RecordsOf(Shimen);
        string missing = await (await client.GetAsync($"/api/people/{Guid.NewGuid()}")).Content.ReadAsStringAsync();
        string other = await (await client.GetAsync($"/api/people/{hidden.Person}")).Content.ReadAsStringAsync();
        Assert.Equal(Strip(missing), Strip(other));

        static string Strip(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"traceId\":\"[^\"]*\"", "");
    }

    [Fact]
    public async Task Lists_hold_only_what_is_in_scope()
    {
        HttpClient client = await app.ClientFor("jnl.officer");
        List<UnitDto> units = await (await client.GetAsync("/api/units")).OkJson<List<UnitDto>>();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.StartsWith(Jiangning, u.Code));

        Page<PersonDto> people = await (await client.GetAsync("/api/people?limit=500")).OkJson<Page<PersonDto>>();
        Assert.NotEmpty(people.Items);
        Assert.All(people.Items, p => Assert.Contains("江宁路", p.UnitName));

        Page<GridSummary> grids = await (await client.GetAsync("/api/grids?limit=1000")).OkJson<Page<GridSummary>>();
        Assert.Equal(24, grids.Items.Count(g => g.Street.Code == Jiangning));
        Assert.All(grids.Items, g => Assert.Equal(Jiangning, g.Street.Code));
    }

    [Fact]
    public async Task A_bureau_squad_officer_sees_the_grids_the_squad_answers_for()
    {
        HttpClient client = await app.ClientFor("officer");
        Page<GridSummary> grids = await (await client.GetAsync("/api/grids?limit=1000")).OkJson<Page<GridSummary>>();
        int expected = await app.WithDbAsync(db => db.Grids.CountAsync(g => g.ResponsibleUnits.Any(r => r.Unit!.Code == "JA-JDZD")));
        Assert.Equal(expected, grids.Items.Count);
        Assert.InRange(expected, 100, 130);
    }
}

public sealed class DataScopeTestsOnSqlite(SqliteApp app) : DataScopeTests(app);

public sealed class DataScopeTestsOnPostgres(PostgresApp app) : DataScopeTests(app);

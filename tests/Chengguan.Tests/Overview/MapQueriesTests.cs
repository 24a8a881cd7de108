using System.Net;
using Chengguan.Cases;
using Chengguan.Demolition;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Overview;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Overview;

/// <summary>The map's read models, run as the page runs them (a console user's scope): counts, a grid's detail and the ledger overlay.</summary>
public abstract class MapQueriesTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";

    private Task<T> AsAsync<T, TService>(string userName, string role, Func<TService, Task<T>> work) where TService : notnull =>
        app.AsConsoleUserAsync(userName, role, sp => work(sp.GetRequiredService<TService>()));

    private Task<(Guid Id, double Lon, double Lat)> JiangningGridAsync() => app.WithDbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Street!.Code == Jiangning).OrderBy(x => x.Code).Select(x => new { x.Id, x.CentroidLon, x.CentroidLat }).FirstAsync();
        return (g.Id, g.CentroidLon, g.CentroidLat);
    });

    [Fact]
    public async Task A_reported_case_colours_its_grid_and_is_listed_for_its_streets_team_but_not_for_another_street()
    {
        (Guid grid, double lon, double lat) = await JiangningGridAsync();
        using HttpClient dispatcher = await app.ClientFor("dispatcher");
        CaseDetail opened = await (await dispatcher.PostJson("/api/cases", new { channel = "Patrol", description = "地图统计 " + Guid.NewGuid().ToString("N")[..6], lon, lat }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);
        DateOnly day = ShanghaiTime.DateOf(opened.Case.ReportedAt);
        KpiPeriod period = KpiPeriod.Of(day, day, ShanghaiTime.Zone);

        Dictionary<Guid, int> district = await AsAsync<Dictionary<Guid, int>, MapQueries>("dispatcher", Roles.Dispatcher, map => map.CountsAsync(MapMeasure.Reported, period, default));
        Dictionary<Guid, int> street = await AsAsync<Dictionary<Guid, int>, MapQueries>("jnl.officer", Roles.StreetTeamOfficer, map => map.CountsAsync(MapMeasure.Reported, period, default));
        Dictionary<Guid, int> open = await AsAsync<Dictionary<Guid, int>, MapQueries>("jnl.officer", Roles.StreetTeamOfficer, map => map.CountsAsync(MapMeasure.Open, period, default));
        Dictionary<Guid, int> other = await AsAsync<Dictionary<Guid, int>, MapQueries>("smel.officer", Roles.StreetTeamOfficer, map => map.CountsAsync(MapMeasure.Reported, period, default));
        Assert.True(district.GetValueOrDefault(grid) >= 1);
        Assert.True(street.GetValueOrDefault(grid) >= 1);
        Assert.True(open.GetValueOrDefault(grid) >= 1);
        Assert.False(other.ContainsKey(grid));

        MapGridDetail? mine = await AsAsync<MapGridDetail?, MapQueries>("jnl.officer", Roles.StreetTeamOfficer, map => map.DetailAsync(grid, period, default));
        Assert.NotNull(mine);
        Assert.Contains(mine.Cases, c => c.Number == opened.Case.Number);
        Assert.NotEmpty(mine.Teams);
        MapGridDetail? theirs = await AsAsync<MapGridDetail?, MapQueries>("smel.officer", Roles.StreetTeamOfficer, map => map.DetailAsync(grid, period, default));
        Assert.NotNull(theirs);
        Assert.DoesNotContain(theirs.Cases, c => c.Number == opened.Case.Number);
        Assert.Null(await AsAsync<MapGridDetail?, MapQueries>("dispatcher", Roles.Dispatcher, map => map.DetailAsync(Guid.NewGuid(), period, default)));
    }

    [Fact]
    public async Task A_new_ledger_item_is_drawn_at_its_stage_for_its_streets_team_only()
    {
        (_, double lon, double lat) = await JiangningGridAsync();
        using HttpClient leader = await app.ClientFor("jnl.leader");
        LedgerItemDetail item = await (await leader.PostJson("/api/demolition/items", new { address = "江宁路 2 号（地图图层）", kind = "Rooftop", area = 12, source = "Patrol", vintage = "New", lon, lat }))
            .OkJson<LedgerItemDetail>(HttpStatusCode.Created);
        MapProjection projection = (await app.Services.GetRequiredService<MapLayers>().GetAsync(default)).Projection;

        MapLedger pending = await AsAsync<MapLedger, MapOverlayQueries>("jnl.leader", Roles.StreetTeamLeader, o => o.LedgerAsync(projection, LedgerStage.Pending, default));
        LedgerMark mark = Assert.Single(pending.Marks, m => m.Number == item.Item.Number);
        Assert.Equal(LedgerStage.Pending, mark.Stage);
        Assert.StartsWith("M", mark.Path, StringComparison.Ordinal);
        Assert.True(pending.Total >= pending.Marks.Count);

        MapLedger withdrawn = await AsAsync<MapLedger, MapOverlayQueries>("jnl.leader", Roles.StreetTeamLeader, o => o.LedgerAsync(projection, LedgerStage.Withdrawn, default));
        Assert.DoesNotContain(withdrawn.Marks, m => m.Number == item.Item.Number);
        MapLedger other = await AsAsync<MapLedger, MapOverlayQueries>("smel.officer", Roles.StreetTeamOfficer, o => o.LedgerAsync(projection, null, default));
        Assert.DoesNotContain(other.Marks, m => m.Number == item.Item.Number);
    }
}

public sealed class MapQueriesTestsOnSqlite(SqliteApp app) : MapQueriesTests(app);

public sealed class MapQueriesTestsOnPostgres(PostgresApp app) : MapQueriesTests(app);

using System.Net;
using Chengguan.Demolition;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Demolition;

/// <summary>
/// The console's procedure move through the ledger's door: refused as the API refuses it (scope, role, fields), a move on an
/// item changed since it was read is a conflict naming the state and the action, and a move done is on the item.
/// </summary>
public abstract class LedgerDoorTests(ChengguanApp app)
{
    private Task<Outcome<LedgerItemDetail>> MoveAsync(string userName, string role, Guid id, DemolitionAction action, DemolitionActionInput input, int version) =>
        app.AsConsoleUserAsync(userName, role, sp => sp.GetRequiredService<Ledger>().ActAsync(id, action, input, version, default));

    [Fact]
    public async Task A_console_move_is_refused_as_the_api_refuses_it_and_a_stale_one_is_a_conflict_naming_state_and_action()
    {
        var point = await app.WithDbAsync(db => db.Grids.Where(g => g.Street!.Code == "310106006").OrderBy(g => g.Code)
            .Select(g => new { g.CentroidLon, g.CentroidLat }).FirstAsync());
        using HttpClient leader = await app.ClientFor("jnl.leader");
        LedgerItemDetail item = await (await leader.PostJson("/api/demolition/items", new
        {
            address = "江宁路 9 号（控制台操作）" + Guid.NewGuid().ToString("N")[..6], kind = "Rooftop", area = 20, source = "Patrol", vintage = "New",
            lon = point.CentroidLon, lat = point.CentroidLat,
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created);
        Guid id = item.Item.Id;
        var order = new DemolitionActionInput(Days: 15);

        Assert.IsType<Outcome<LedgerItemDetail>.NotFound>(await MoveAsync("smel.officer", Roles.StreetTeamOfficer, id, DemolitionAction.IssueOrder, order, item.Version));
        Assert.IsType<Outcome<LedgerItemDetail>.Forbidden>(await MoveAsync("jnl.officer", Roles.StreetTeamOfficer, id, DemolitionAction.IssueOrder, order, item.Version));
        var invalid = Assert.IsType<Outcome<LedgerItemDetail>.Invalid>(await MoveAsync("jnl.leader", Roles.StreetTeamLeader, id, DemolitionAction.IssueOrder, new(Days: 0), item.Version));
        Assert.Equal(["期限天数须为 1–3650"], invalid.Errors.ToDictionary()["days"]);

        var done = Assert.IsType<Outcome<LedgerItemDetail>.Done>(await MoveAsync("jnl.leader", Roles.StreetTeamLeader, id, DemolitionAction.IssueOrder, order, item.Version));
        Assert.Equal(DemolitionState.Ordered, done.Value.Item.State);

        // The page still holds the version it read before the order: the same move again is refused, not made twice.
        var stale = Assert.IsType<Outcome<LedgerItemDetail>.Conflict>(await MoveAsync("jnl.leader", Roles.StreetTeamLeader, id, DemolitionAction.IssueOrder, order, item.Version));
        Assert.Equal((nameof(DemolitionState.Ordered), nameof(DemolitionAction.IssueOrder)), (stale.State, stale.Action));
        var wrong = Assert.IsType<Outcome<LedgerItemDetail>.Conflict>(
            await MoveAsync("jnl.leader", Roles.StreetTeamLeader, id, DemolitionAction.Recheck, new(Area: 20), done.Value.Version));
        Assert.Equal((nameof(DemolitionState.Ordered), nameof(DemolitionAction.Recheck)), (wrong.State, wrong.Action));
        Assert.Equal(1, await app.WithDbAsync(db => db.DemolitionEvents.CountAsync(e => e.ItemId == id && e.Action == nameof(DemolitionAction.IssueOrder))));
    }
}

public sealed class LedgerDoorTestsOnSqlite(SqliteApp app) : LedgerDoorTests(app);

public sealed class LedgerDoorTestsOnPostgres(PostgresApp app) : LedgerDoorTests(app);

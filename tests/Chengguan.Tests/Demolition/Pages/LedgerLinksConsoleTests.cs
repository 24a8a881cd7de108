using System.Net;
using System.Text.Json;
using Chengguan.Data;
using Chengguan.Demolition;
using Chengguan.Demolition.Pages;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Demolition.Pages;

/// <summary>The item page's case choice and the progress page's batch choice (through the doors the pages use) offer only what the doors then accept, in the user's scope.</summary>
public abstract class LedgerLinksConsoleTests(ChengguanApp app)
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    private Task<T> AsAsync<T>(string userName, string role, Func<IServiceProvider, Task<T>> work) => app.AsConsoleUserAsync(userName, role, work);

    private async Task<(Guid Street, double Lon, double Lat)> StreetPointAsync(string code) => await app.WithDbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Street!.Code == code).OrderBy(x => x.Code).Select(x => new { x.StreetId, x.CentroidLon, x.CentroidLat }).FirstAsync();
        return (g.StreetId, g.CentroidLon, g.CentroidLat);
    });

    [Fact]
    public async Task A_case_is_offered_by_its_number_to_its_streets_team_only_and_linked_through_the_ledgers_door()
    {
        (_, double lon, double lat) = await StreetPointAsync(Jiangning);
        using HttpClient dispatcher = await app.ClientFor("dispatcher");
        JsonElement opened = (await (await dispatcher.PostJson("/api/cases", new { channel = "Patrol", description = "违法搭建 " + Guid.NewGuid().ToString("N")[..6], lon, lat }))
            .OkJson<JsonElement>(HttpStatusCode.Created)).GetProperty("case");
        string number = opened.GetProperty("number").GetString()!;
        using HttpClient leader = await app.ClientFor("jnl.leader");
        Guid item = (await (await leader.PostJson("/api/demolition/items", new { address = "江宁路 1 号（关联案件）", kind = "Rooftop", area = 10, source = "Patrol", vintage = "New", lon, lat }))
            .OkJson<LedgerItemDetail>(HttpStatusCode.Created)).Item.Id;

        List<CaseChoice> found = await AsAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<Ledger>().FindCasesAsync(number, default));
        Assert.Equal([number], found.Select(c => c.Number));
        Assert.Empty(await AsAsync("smel.officer", Roles.StreetTeamOfficer, sp => sp.GetRequiredService<Ledger>().FindCasesAsync(number, default)));
        Assert.Empty(await AsAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<Ledger>().FindCasesAsync("  ", default)));

        Outcome<LedgerItemDetail> linked = await AsAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<Ledger>().LinkCaseAsync(item, new CaseLinkInput(found[0].Id), default));
        Assert.True(linked is Outcome<LedgerItemDetail>.Done, linked.Message);
        Outcome<LedgerItemDetail> none = await AsAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<Ledger>().LinkCaseAsync(item, new CaseLinkInput(null), default));
        Assert.Equal(["案件编号不能为空"], Assert.IsType<Outcome<LedgerItemDetail>.Invalid>(none).Errors.ToDictionary()["caseId"]);
        LedgerItemDetail detail = await (await leader.GetAsync($"/api/demolition/items/{item}")).OkJson<LedgerItemDetail>();
        Assert.Equal([found[0].Id], detail.CaseIds);
        Assert.Equal([number], (await AsAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<Ledger>().LinkedCasesAsync(detail.CaseIds, default))).Select(c => c.Number));
    }

    [Fact]
    public async Task A_batch_is_offered_the_items_of_its_streets_in_no_batch_and_attaching_puts_them_in()
    {
        (Guid jiangning, double lon, double lat) = await StreetPointAsync(Jiangning);
        (_, double smLon, double smLat) = await StreetPointAsync(Shimen);
        using HttpClient chief = await app.ClientFor("chief");
        DateOnly today = ShanghaiTime.Today(app.Services.GetRequiredService<TimeProvider>());
        TaskDto task = await (await chief.PostJson("/api/demolition/tasks", new
        {
            name = "纳入批次 " + Guid.NewGuid().ToString("N")[..6], issuer = "District", issuedOn = today, deadline = today.AddDays(30),
            targets = new[] { new { streetId = jiangning, targetArea = 100, targetCount = 1 } },
        })).OkJson<TaskDto>(HttpStatusCode.Created);
        async Task<LedgerItemSummary> ItemAsync(double x, double y) => (await (await chief.PostJson("/api/demolition/items", new
        {
            address = "纳入批次测试 " + Guid.NewGuid().ToString("N")[..6], kind = "Rooftop", area = 12.5, source = "Patrol", vintage = "Existing", lon = x, lat = y,
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created)).Item;
        LedgerItemSummary here = await ItemAsync(lon, lat), elsewhere = await ItemAsync(smLon, smLat);

        List<LedgerItemSummary> offered = await AsAsync("chief", Roles.SectionChief, sp => sp.GetRequiredService<TaskBatches>().AttachableAsync(task.Id, default));
        Assert.Contains(offered, i => i.Id == here.Id);
        Assert.DoesNotContain(offered, i => i.Id == elsewhere.Id);
        Assert.All(offered, i => Assert.Null(i.TaskId));

        // A street team may not attach (the door's role check), so nothing moves.
        Outcome<TaskDto> refused = await AsAsync("jnl.leader", Roles.StreetTeamLeader, sp => sp.GetRequiredService<TaskBatches>().AttachAsync(task.Id, new AttachInput([here.Id]), default));
        Assert.IsType<Outcome<TaskDto>.Forbidden>(refused);
        Assert.Contains("局领导、科长", refused.Message);

        Outcome<TaskDto> done = await AsAsync("chief", Roles.SectionChief, sp => sp.GetRequiredService<TaskBatches>().AttachAsync(task.Id, new AttachInput([here.Id]), default));
        Assert.True(done is Outcome<TaskDto>.Done, done.Message);
        Assert.Equal(task.Id, await app.WithDbAsync(db => db.IllegalBuildings.Where(i => i.Id == here.Id).Select(i => i.TaskId).SingleAsync()));
        Assert.DoesNotContain(await AsAsync("chief", Roles.SectionChief, sp => sp.GetRequiredService<TaskBatches>().AttachableAsync(task.Id, default)), i => i.Id == here.Id);
        Outcome<TaskDto> empty = await AsAsync("chief", Roles.SectionChief, sp => sp.GetRequiredService<TaskBatches>().AttachAsync(task.Id, new AttachInput([]), default));
        Assert.Equal(["违法建筑不能为空"], Assert.IsType<Outcome<TaskDto>.Invalid>(empty).Errors.ToDictionary()["itemIds"]);
    }
}

public sealed class LedgerLinksConsoleTestsOnSqlite(SqliteApp app) : LedgerLinksConsoleTests(app);

public sealed class LedgerLinksConsoleTestsOnPostgres(PostgresApp app) : LedgerLinksConsoleTests(app);

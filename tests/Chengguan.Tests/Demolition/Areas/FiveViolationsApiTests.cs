using System.Net;
using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Demolition;
using Chengguan.Demolition.Areas;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Tests.Demolition.Areas;

/// <summary>
/// A 五违四必 area over HTTP: problems by kind and must, rectification to completion, a new case
/// inside the outline making it rebound, and a quiet area consolidating after the period.
/// </summary>
public abstract class FiveViolationsApiTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    /// <summary>The street's largest grid: its box (the area outline) and a point well inside it.</summary>
    private async Task<(Guid Street, double[][] Ring, double Lon, double Lat)> GridBoxAsync(string code, int skip = 0) => await app.WithDbAsync(async db =>
    {
        var g = (await db.Grids.Where(x => x.Street!.Code == code).Select(x => new { x.StreetId, x.Boundary, x.AreaM2 }).ToListAsync())
            .OrderByDescending(x => x.AreaM2).Skip(skip).First();
        Envelope e = g.Boundary.EnvelopeInternal;
        Point inner = g.Boundary.InteriorPoint;
        return (g.StreetId, new[] { new[] { e.MinX, e.MinY }, [e.MaxX, e.MinY], [e.MaxX, e.MaxY], [e.MinX, e.MaxY] }, inner.X, inner.Y);
    });

    private static Task<HttpResponseMessage> Act(HttpClient who, Guid area, Guid problem, string action) =>
        who.PostJson($"/api/areas/{area}/problems/{problem}/actions/{action}", new { note = "现场核查" });

    [Fact]
    public async Task An_area_is_completed_when_its_problems_are_rectified_and_rebounds_on_a_new_case_inside_its_outline()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), officer = await app.ClientFor("jnl.officer"), other = await app.ClientFor("smel.officer");
        HttpClient supervisor = await app.ClientFor("supervisor");
        (Guid jnl, double[][] ring, double lon, double lat) = await GridBoxAsync(Jiangning);
        (_, _, double farLon, double farLat) = await GridBoxAsync(Shimen);
        DateOnly today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        string name = "五违四必测试区域" + Guid.NewGuid().ToString("N")[..6];

        await (await officer.PostJson("/api/areas", new { name, outline = ring, streetIds = new[] { jnl }, periodStart = today, periodEnd = today.AddMonths(6) }))
            .Problem(HttpStatusCode.Forbidden);
        JsonElement bad = await (await chief.PostJson("/api/areas", new
        {
            name, outline = ring.Take(2), streetIds = new[] { Guid.NewGuid() }, periodStart = today, periodEnd = today.AddDays(-1),
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("outline"));
        Assert.NotEmpty(bad.FieldErrors("streetIds"));
        Assert.NotEmpty(bad.FieldErrors("periodEnd"));

        AreaDetail area = await (await chief.PostJson("/api/areas", new { name, outline = ring, streetIds = new[] { jnl }, periodStart = today, periodEnd = today.AddMonths(6) }))
            .OkJson<AreaDetail>(HttpStatusCode.Created);
        Guid id = area.Area.Id;
        Assert.Equal(AreaStatus.Planned, area.Area.Status);
        Assert.True(area.Area.AreaM2 > 0);
        Assert.Equal("Polygon", area.Outline.GetProperty("type").GetString());
        await (await other.GetAsync($"/api/areas/{id}")).Problem(HttpStatusCode.NotFound);
        await (await other.PostJson($"/api/areas/{id}/problems", new { kind = "Business", musts = new[] { "Ban" }, description = "无证经营" })).Problem(HttpStatusCode.NotFound);

        LedgerItemDetail item = await (await officer.PostJson("/api/demolition/items", new
        {
            address = "整治区域内 1 号", kind = "Commercial", area = 60, source = "FiveViolationsArea", lon, lat, vintage = "Existing",
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created);
        JsonElement badProblem = await (await officer.PostJson($"/api/areas/{id}/problems", new
        {
            kind = "Building", musts = Array.Empty<string>(), description = "违法搭建", itemIds = new[] { Guid.NewGuid() },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badProblem.FieldErrors("musts"));
        Assert.NotEmpty((await (await officer.PostJson($"/api/areas/{id}/problems", new
        {
            kind = "Building", musts = new[] { "Demolish" }, description = "违法搭建", itemIds = new[] { Guid.NewGuid() },
        })).Problem(HttpStatusCode.BadRequest)).FieldErrors("itemIds"));

        area = await (await officer.PostJson($"/api/areas/{id}/problems", new
        {
            kind = "Building", musts = new[] { "Demolish", "RemoveHazard" }, description = "沿街违法搭建，存在消防隐患", itemIds = new[] { item.Item.Id },
        })).OkJson<AreaDetail>(HttpStatusCode.Created);
        area = await (await officer.PostJson($"/api/areas/{id}/problems", new { kind = "Business", musts = new[] { "Ban" }, description = "无证废品回收站" }))
            .OkJson<AreaDetail>(HttpStatusCode.Created);
        Assert.Equal([1, 2], area.Problems.Select(p => p.Seq));
        ProblemDto first = area.Problems[0], second = area.Problems[1];
        Assert.Equal("违法建筑", first.KindName);
        Assert.Equal([FourMust.RemoveHazard, FourMust.Demolish], first.Musts);
        Assert.Equal([item.Item.Id], first.ItemIds);

        await (await Act(officer, id, first.Id, "Reopen")).Problem(HttpStatusCode.Conflict);
        Assert.NotEmpty((await (await Act(officer, id, first.Id, "Demolish")).Problem(HttpStatusCode.BadRequest)).FieldErrors("action"));
        area = await (await Act(officer, id, first.Id, "Start")).OkJson<AreaDetail>();
        Assert.Equal(AreaStatus.Remediating, area.Area.Status);
        area = await (await Act(officer, id, first.Id, "Rectify")).OkJson<AreaDetail>();
        Assert.Null(area.Area.CompletedAt);
        app.Clock.Advance(TimeSpan.FromHours(1));
        area = await (await Act(officer, id, second.Id, "Rectify")).OkJson<AreaDetail>();
        Assert.Equal(AreaStatus.Completed, area.Area.Status);
        Assert.Equal(app.Clock.GetUtcNow(), area.Area.CompletedAt);
        Assert.False(area.Rebound.Rebounded);

        // Two hours later a patrol reports inside the outline (and one far away, in another street): the area rebounds, naming the case.
        app.Clock.Advance(TimeSpan.FromHours(2));
        CaseDetail inside = await (await supervisor.PostJson("/api/cases", new { channel = "Patrol", description = "区域内又见占道经营", lon, lat })).OkJson<CaseDetail>(HttpStatusCode.Created);
        await (await supervisor.PostJson("/api/cases", new { channel = "Patrol", description = "区域外的案件", lon = farLon, lat = farLat })).OkJson<CaseDetail>(HttpStatusCode.Created);
        ReboundReport rebound = await (await officer.GetAsync($"/api/areas/{id}/rebound")).OkJson<ReboundReport>();
        Assert.True(rebound.Rebounded);
        Assert.Equal([inside.Case.Id], rebound.Cases.Select(c => c.Id));
        Assert.Equal(90, rebound.ConsolidationDays);
        area = await (await officer.GetAsync($"/api/areas/{id}")).OkJson<AreaDetail>();
        Assert.Equal(AreaStatus.Rebounded, area.Area.Status);
        Assert.Contains(await (await chief.GetAsync("/api/areas?status=Rebounded")).OkJson<List<AreaSummary>>(), a => a.Id == id);
        Assert.DoesNotContain(await (await other.GetAsync("/api/areas")).OkJson<List<AreaSummary>>(), a => a.Id == id);

        // The map layer: the outline with its status, for the caller's scope only.
        JsonElement map = JsonDocument.Parse(await (await chief.GetAsync("/api/areas/map")).Content.ReadAsStringAsync()).RootElement;
        JsonElement feature = map.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("name").GetString() == name);
        Assert.Equal(("Polygon", "Rebounded"), (feature.GetProperty("geometry").GetProperty("type").GetString(), feature.GetProperty("properties").GetProperty("status").GetString()));
        Assert.DoesNotContain(name, await (await other.GetAsync("/api/areas/map")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_quiet_area_consolidates_after_the_period_and_a_reopened_problem_restarts_it()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), officer = await app.ClientFor("smel.officer");
        // A tiny square in a Shimen grid where no test reports cases.
        (Guid smel, _, double lon, double lat) = await GridBoxAsync(Shimen, skip: 1);
        double d = 0.00005;
        double[][] ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]];
        DateOnly today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        AreaDetail area = await (await chief.PostJson("/api/areas", new
        {
            name = "巩固测试区域" + Guid.NewGuid().ToString("N")[..6], outline = ring, streetIds = new[] { smel }, periodStart = today, periodEnd = today.AddMonths(3),
        })).OkJson<AreaDetail>(HttpStatusCode.Created);
        Guid id = area.Area.Id;
        area = await (await officer.PostJson($"/api/areas/{id}/problems", new { kind = "Residence", musts = new[] { "RemoveHazard", "CleanUp" }, description = "群租" }))
            .OkJson<AreaDetail>(HttpStatusCode.Created);
        Guid problem = area.Problems[0].Id;
        area = await (await Act(officer, id, problem, "Rectify")).OkJson<AreaDetail>();
        Assert.Equal(AreaStatus.Completed, area.Area.Status);
        app.Clock.Advance(TimeSpan.FromHours(1));
        area = await (await Act(officer, id, problem, "Reopen")).OkJson<AreaDetail>();
        Assert.Equal(AreaStatus.Rebounded, area.Area.Status);
        Assert.Equal([1], area.Rebound.ReopenedProblems);
        app.Clock.Advance(TimeSpan.FromHours(1));
        area = await (await Act(officer, id, problem, "Rectify")).OkJson<AreaDetail>();
        DateTimeOffset restarted = app.Clock.GetUtcNow();
        Assert.Equal((AreaStatus.Completed, restarted), (area.Area.Status, area.Area.CompletedAt!.Value));
        // The period is passed by moving the completion back rather than the clock forward: the fake
        // clock would fire the app's 2-second timers millions of times over 90 days.
        async Task<AreaDetail> CompletedDaysAgoAsync(double days)
        {
            await app.WithDbAsync(db => db.RemediationAreas.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, restarted.AddDays(-days))));
            return await (await officer.GetAsync($"/api/areas/{id}")).OkJson<AreaDetail>();
        }
        Assert.Equal(AreaStatus.Completed, (await CompletedDaysAgoAsync(89.9)).Area.Status);
        area = await CompletedDaysAgoAsync(90);
        Assert.Equal(AreaStatus.Consolidated, area.Area.Status);
        Assert.Equal(restarted, area.Rebound.ConsolidatesAt);
    }
}

public sealed class FiveViolationsApiTestsOnSqlite(DemolitionSqliteApp app) : FiveViolationsApiTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class FiveViolationsApiTestsOnPostgres(DemolitionPostgresApp app) : FiveViolationsApiTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;

using System.Net;
using System.Text.Json;
using Chengguan.Demolition;
using Chengguan.Demolition.Rivers;
using Chengguan.Grids.Spatial;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Chengguan.Tests.Demolition.Rivers;

/// <summary>
/// A river over HTTP: its line and reach, the spatial census of ledger items near the line,
/// attaching them, the hardest-first order, progress against the year-end deadline, and the map layers.
/// </summary>
public abstract class RiversApiTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006";

    [Fact]
    public async Task The_census_finds_ledger_items_near_the_line_and_progress_counts_only_rechecked_area_against_the_year_end()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), officer = await app.ClientFor("jnl.officer"), other = await app.ClientFor("smel.officer");
        var grid = await app.WithDbAsync(async db => (await db.Grids.Where(x => x.Street!.Code == Jiangning).Select(x => new { x.StreetId, x.Boundary, x.AreaM2 }).ToListAsync())
            .OrderByDescending(x => x.AreaM2).First());
        Point centre = grid.Boundary.InteriorPoint;
        double dLat = 1 / GeoMeasure.MetresPerDegree, dLon = 0.0008;
        // An east–west line of about 150 m through the middle of the street's largest grid.
        var line = new { type = "LineString", coordinates = new[] { new[] { centre.X - dLon, centre.Y }, [centre.X + dLon, centre.Y] } };
        string code = "HD" + Guid.NewGuid().ToString("N")[..8];

        await (await officer.PostJson("/api/rivers", new { code, name = "测试河", level = "Town", geometry = line, targetYear = 2031 })).Problem(HttpStatusCode.Forbidden);
        JsonElement bad = await (await chief.PostJson("/api/rivers", new
        {
            code, name = "测试河", level = "Town", geometry = new { type = "Point", coordinates = new[] { centre.X, centre.Y } }, targetYear = 2031,
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("geometry"));
        Assert.NotEmpty((await (await chief.PostJson("/api/rivers", new { code, name = "测试河", level = "Town", geometry = line })).Problem(HttpStatusCode.BadRequest)).FieldErrors("targetYear"));
        RiverDetail river = await (await chief.PostJson("/api/rivers", new { code, name = "测试河", level = "Town", geometry = line, targetYear = 2031, chiefName = "王河长", chiefPhone = "021-12345678" }))
            .OkJson<RiverDetail>(HttpStatusCode.Created);
        Guid id = river.River.Id;
        Assert.InRange(river.River.LengthM, 140, 160);
        Assert.Equal(new DateTimeOffset(2031, 12, 31, 16, 0, 0, TimeSpan.Zero), river.River.Deadline);
        Assert.NotEmpty((await (await chief.PostJson("/api/rivers", new { code, name = "重复", level = "Town", geometry = line, targetYear = 2031 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("code"));
        // Without a reach in their street, street teams do not see the river.
        await (await officer.GetAsync($"/api/rivers/{id}")).Problem(HttpStatusCode.NotFound);
        river = await (await chief.PostJson($"/api/rivers/{id}/reaches", new { name = "测试河江宁路段", streetId = grid.StreetId, geometry = line, chiefName = "李段长" }))
            .OkJson<RiverDetail>(HttpStatusCode.Created);
        Assert.Equal("李段长", Assert.Single(river.Reaches).ChiefName);
        await (await officer.GetAsync($"/api/rivers/{id}")).OkJson<RiverDetail>();
        await (await other.GetAsync($"/api/rivers/{id}/census")).Problem(HttpStatusCode.NotFound);

        async Task<Guid> ItemAsync(string address, double metresNorth, double area) => (await (await officer.PostJson("/api/demolition/items", new
        {
            address, kind = "Riverside", area, source = "RiverCensus", vintage = "Existing", lon = centre.X, lat = centre.Y + metresNorth * dLat,
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created)).Item.Id;
        Guid near20 = await ItemAsync("河边 20 米", 20, 100), near10 = await ItemAsync("河边 10 米", -10, 300), far = await ItemAsync("河边 80 米", 80, 500);

        CensusReport census = await (await officer.GetAsync($"/api/rivers/{id}/census")).OkJson<CensusReport>();
        Assert.Equal(50, census.Metres);
        Assert.Equal([near10, near20], census.Items.Select(i => i.Id));
        Assert.Equal(10, census.Items[0].DistanceM, 0);
        Assert.All(census.Items, i => Assert.False(i.Attached));
        JsonElement outside = await (await officer.PostJson($"/api/rivers/{id}/census", new { itemIds = new[] { near20, far } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(outside.FieldErrors("itemIds[1]"));
        Assert.NotEmpty((await (await officer.PostJson($"/api/rivers/{id}/census", new { itemIds = new[] { Guid.NewGuid() } })).Problem(HttpStatusCode.BadRequest)).FieldErrors("itemIds"));
        census = await (await officer.PostJson($"/api/rivers/{id}/census", new { itemIds = new[] { near20, near10 } })).OkJson<CensusReport>();
        Assert.All(census.Items, i => Assert.True(i.Attached));

        RiverProgress progress = await (await officer.GetAsync($"/api/rivers/{id}/progress")).OkJson<RiverProgress>();
        Assert.Equal((400.0, 2, 0.0, 0), (progress.Total.TargetArea, progress.Total.TargetCount, progress.Total.DoneArea, progress.Total.DoneCount));
        Assert.Equal([near10, near20], progress.HardestFirst.Select(i => i.Id));
        Assert.Equal(grid.StreetId, Assert.Single(progress.Streets).StreetId);

        // Only re-checked area counts, and a structure further along the procedure drops behind the others.
        await app.WithDbAsync(async db => await db.IllegalBuildings.Where(i => i.Id == near10)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, DemolitionState.Rechecked).SetProperty(i => i.DemolishedArea, 280).SetProperty(i => i.RecheckedAt, app.Clock.GetUtcNow())));
        await app.WithDbAsync(async db => await db.IllegalBuildings.Where(i => i.Id == near20)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, DemolitionState.Demolished)));
        progress = await (await officer.GetAsync($"/api/rivers/{id}/progress")).OkJson<RiverProgress>();
        Assert.Equal((280.0, 1, 0.7m, 1), (progress.Total.DoneArea, progress.Total.DoneCount, progress.Total.AreaRate, progress.Total.PendingCount));
        Assert.Equal([near20], progress.HardestFirst.Select(i => i.Id));
        Assert.Contains(await (await officer.GetAsync("/api/rivers")).OkJson<List<RiverSummary>>(), r => r.Id == id && r.Progress.DoneArea == 280);

        // Map layers: the river's line with its progress; ledger items by state, within scope.
        JsonElement rivers = JsonDocument.Parse(await (await officer.GetAsync("/api/rivers/map")).Content.ReadAsStringAsync()).RootElement;
        JsonElement feature = rivers.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("code").GetString() == code);
        Assert.Equal(("MultiLineString", 280.0), (feature.GetProperty("geometry").GetProperty("type").GetString(), feature.GetProperty("properties").GetProperty("doneArea").GetDouble()));
        HttpResponseMessage items = await officer.GetAsync("/api/demolition/map/items?state=Identified");
        Assert.Equal("application/geo+json", items.Content.Headers.ContentType?.MediaType);
        string layer = await items.Content.ReadAsStringAsync();
        Assert.Contains(far.ToString(), layer);
        Assert.DoesNotContain(near10.ToString(), layer);
        Assert.DoesNotContain(far.ToString(), await (await other.GetAsync("/api/demolition/map/items")).Content.ReadAsStringAsync());
        Assert.NotEmpty((await (await officer.GetAsync("/api/demolition/map/items?bbox=1,2,3")).Problem(HttpStatusCode.BadRequest)).FieldErrors("bbox"));
        Assert.NotEmpty((await (await officer.GetAsync("/api/demolition/map/items?limit=0")).Problem(HttpStatusCode.BadRequest)).FieldErrors("limit"));
    }
}

public sealed class RiversApiTestsOnSqlite(DemolitionSqliteApp app) : RiversApiTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class RiversApiTestsOnPostgres(DemolitionPostgresApp app) : RiversApiTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;

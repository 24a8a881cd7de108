using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chengguan.Grids;
using Chengguan.Grids.Spatial;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Grids;

public abstract class GridsApiTests(ChengguanApp app)
{
    private Task<(string Code, double Lon, double Lat, string Street, string Community)> DemoGrid(string code) => app.WithDbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Code == code).Select(x => new { x.Code, x.CentroidLon, x.CentroidLat, Street = x.Street!.Name, Community = x.Community!.Code }).SingleAsync();
        return (g.Code, g.CentroidLon, g.CentroidLat, g.Street, g.Community);
    });

    private static StringContent GeoJson(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/geo+json");

    [Fact]
    public async Task Demo_layer_has_at_least_300_grids_with_valid_codes()
    {
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Page<GridSummary> page = await (await dispatcher.GetAsync("/api/grids?limit=1000")).OkJson<Page<GridSummary>>();
        Assert.True(page.Items.Count >= 300, $"{page.Items.Count} grids");
        Assert.All(page.Items, g =>
        {
            Assert.True(GridCode.TryParse(g.Code, out GridCode code, out _));
            Assert.Equal(g.Community.Code, code.CommunityCode);
            Assert.Equal(g.Street.Code, code.StreetCode);
            Assert.InRange(g.AreaM2, 10_000, 1_000_000);
        });
    }

    [Theory]
    [InlineData("wgs84")]
    [InlineData("gcj02")]
    [InlineData("bd09")]
    public async Task Locate_converts_the_point_and_names_grid_community_street_and_responsible_units(string crs)
    {
        var grid = await DemoGrid("310106006002003");
        (double lon, double lat) = ChinaCoordinates.FromWgs84(grid.Lon, grid.Lat, Enum.Parse<Crs>(crs, ignoreCase: true));
        HttpClient client = await app.ClientFor("jnl.officer");
        LocateResponse located = await (await client.GetAsync(FormattableString.Invariant($"/api/grids/locate?lon={lon}&lat={lat}&crs={crs}"))).OkJson<LocateResponse>();
        Assert.Equal(grid.Code, located.Grid.Code);
        Assert.Equal("江宁路街道", located.Grid.Street.Name);
        Assert.Equal(grid.Community, located.Grid.Community.Code);
        Assert.Contains(located.Grid.ResponsibleUnits, u => u.Name == "江宁路街道城管中队");
        Assert.NotEmpty(located.Grid.Officers);
        Assert.Equal(grid.Lon, located.Wgs84.Lon, 5);
        Assert.Equal(grid.Lat, located.Wgs84.Lat, 5);
    }

    [Fact]
    public async Task Locate_outside_the_district_is_404_and_bad_parameters_are_400()
    {
        HttpClient client = await app.ClientFor("dispatcher");
        var outside = await (await client.GetAsync("/api/grids/locate?lon=116.39&lat=39.9")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("该位置不在任何单元网格内", outside.GetProperty("detail").GetString());
        var bad = await (await client.GetAsync("/api/grids/locate?lon=200&crs=mars")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("lon"));
        Assert.NotEmpty(bad.FieldErrors("lat"));
        Assert.NotEmpty(bad.FieldErrors("crs"));
        await (await client.GetAsync("/api/grids/locate?lon=abc&lat=31.2")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Export_is_rfc7946_geojson_limited_to_scope()
    {
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        HttpResponseMessage response = await dispatcher.GetAsync("/api/grids/export");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode all = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FeatureCollection", (string?)all["type"]);
        JsonArray features = all["features"]!.AsArray();
        Assert.True(features.Count >= 300);
        JsonNode first = features[0]!;
        Assert.Equal("Polygon", (string?)first["geometry"]!["type"]);
        JsonArray ring = first["geometry"]!["coordinates"]![0]!.AsArray();
        Assert.Equal(ring[0]!.ToJsonString(), ring[^1]!.ToJsonString());
        Assert.InRange((double)ring[0]![0]!, 121.4, 121.5);

        JsonNode mine = JsonNode.Parse(await (await (await app.ClientFor("jnl.officer")).GetAsync("/api/grids/export")).Content.ReadAsStringAsync())!;
        JsonArray myFeatures = mine["features"]!.AsArray();
        Assert.Equal(24, myFeatures.Count);
        Assert.All(myFeatures, f => Assert.Equal("310106006", (string?)f!["properties"]!["street"]));
    }

    [Fact]
    public async Task Re_importing_the_exported_layer_as_a_dry_run_finds_no_problems()
    {
        HttpClient admin = await app.ClientFor("admin");
        string exported = await (await admin.GetAsync("/api/grids/export")).Content.ReadAsStringAsync();
        GridImportReport report = await (await admin.PostAsync("/api/grids/import?dryRun=true", new StringContent(exported, Encoding.UTF8, "application/geo+json")))
            .OkJson<GridImportReport>();
        Assert.True(report.DryRun);
        Assert.Equal(report.Features, report.Updated);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task Import_reports_bad_codes_bad_rings_overlaps_and_gaps_per_feature_and_writes_nothing()
    {
        HttpClient admin = await app.ClientFor("admin");
        JsonNode layer = JsonNode.Parse(await (await admin.GetAsync("/api/grids/export?streetId=" + await StreetId("310106015"))).Content.ReadAsStringAsync())!;
        JsonArray features = layer["features"]!.AsArray();
        JsonNode a = features[0]!.DeepClone();
        // B lies inside the district (not on its west or east edge), so that cutting it leaves an enclosed gap.
        static double X(JsonNode f, Func<IEnumerable<double>, double> pick) => pick(f["geometry"]!["coordinates"]![0]!.AsArray().Select(p => (double)p![0]!));
        double west = features.Min(f => X(f!, xs => xs.Min())), east = features.Max(f => X(f!, xs => xs.Max()));
        JsonNode b = features.Skip(1).First(f => X(f!, xs => xs.Min()) > west + 1e-6 && X(f!, xs => xs.Max()) < east - 1e-6)!.DeepClone();

        // 0: a copy of grid A under a new code in the same community: overlaps A completely.
        JsonNode overlap = a.DeepClone();
        string aCode = (string)a["properties"]!["code"]!;
        overlap["properties"]!["code"] = aCode[..12] + "999";
        // 1: a code whose community is not in the unit tree.
        JsonNode unknown = b.DeepClone();
        unknown["properties"]!["code"] = "310106012777001";
        unknown["geometry"] = JsonNode.Parse("{\"type\":\"Polygon\",\"coordinates\":[[[121.30,31.10],[121.301,31.10],[121.301,31.101],[121.30,31.101],[121.30,31.10]]]}");
        // 2: a bow-tie ring (self-intersecting).
        JsonNode bowtie = b.DeepClone();
        bowtie["properties"]!["code"] = aCode[..12] + "998";
        bowtie["geometry"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[121.40,31.20],[121.401,31.201],[121.401,31.20],[121.40,31.201],[121.40,31.20]]]}""");
        // 3: grid B shrunk to a tenth of its width, leaving a gap where the rest was.
        JsonNode shrunk = b.DeepClone();
        JsonArray ring = shrunk["geometry"]!["coordinates"]![0]!.AsArray();
        double minX = ring.Min(p => (double)p![0]!), maxX = ring.Max(p => (double)p![0]!), minY = ring.Min(p => (double)p![1]!), maxY = ring.Max(p => (double)p![1]!);
        double cut = minX + (maxX - minX) / 10;
        shrunk["geometry"] = JsonNode.Parse(FormattableString.Invariant($$"""{"type":"Polygon","coordinates":[[[{{minX}},{{minY}}],[{{cut}},{{minY}}],[{{cut}},{{maxY}}],[{{minX}},{{maxY}}],[{{minX}},{{minY}}]]]}"""));
        // 4: an invalid code.
        JsonNode badCode = b.DeepClone();
        badCode["properties"]!["code"] = "31010600";
        badCode["geometry"] = JsonNode.Parse("{\"type\":\"Polygon\",\"coordinates\":[[[121.32,31.10],[121.321,31.10],[121.321,31.101],[121.32,31.101],[121.32,31.10]]]}");

        var upload = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(overlap, unknown, bowtie, shrunk, badCode) };
        int before = await app.WithDbAsync(db => db.Grids.CountAsync());
        JsonElement problem = await (await admin.PostAsync("/api/grids/import", GeoJson(upload))).Problem(HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("features[0].geometry"), m => m.Contains("重叠", StringComparison.Ordinal) || m.Contains(aCode, StringComparison.Ordinal));
        Assert.NotEmpty(problem.FieldErrors("features[1].code"));
        Assert.NotEmpty(problem.FieldErrors("features[2].geometry"));
        Assert.NotEmpty(problem.FieldErrors("features[4].code"));
        string[] kinds = [.. problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()!)];
        Assert.Contains(GridLayerProblemKinds.Overlap, kinds);
        Assert.Contains(GridLayerProblemKinds.InvalidRing, kinds);
        Assert.Contains(GridLayerProblemKinds.Gap, kinds);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == GridLayerProblemKinds.Gap && p.GetProperty("areaM2").GetDouble() > 1);
        Assert.Equal(before, await app.WithDbAsync(db => db.Grids.CountAsync()));
    }

    /// <summary>Junk inside a real grid's feature (a dry run): a problem document naming it, never a 500.</summary>
    [Fact]
    public async Task Junk_in_an_imported_feature_is_a_problem_not_a_failure()
    {
        HttpClient admin = await app.ClientFor("admin");
        string real = await (await admin.GetAsync("/api/grids/310106013003005")).Content.ReadAsStringAsync();
        string[] junk =
        [
            """{"geometry":null}""", """{"geometry":{"type":"Point","coordinates":[121.44,31.22]}}""", """{"geometry":{"type":"Polygon","coordinates":[]}}""",
            """{"geometry":{"type":"Polygon","coordinates":[[[121.44,31.22]]]}}""", """{"geometry":{"type":"GeometryCollection","geometries":[]}}""",
            """{"properties":null}""", """{"properties":{"code":5}}""", """{"properties":{"code":"310106013003005","responsibleUnits":5,"officers":{"a":1}}}""",
            """{"properties":{"code":"310106013003005","responsibleUnits":[null,7],"officers":[null,"  "]}}""",
            """{"properties":{"code":"310106013003005","name":{"x":[1]}}}""", """{"properties":{"code":["310106013003005"]}}""",
        ];
        var failures = new List<string>();
        foreach (string part in junk)
        {
            JsonObject feature = JsonNode.Parse(real)!.AsObject();
            foreach ((string key, JsonNode? value) in JsonNode.Parse(part)!.AsObject())
            {
                feature[key] = value?.DeepClone();
            }
            var upload = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature) };
            HttpResponseMessage response = await admin.PostAsync("/api/grids/import?dryRun=true", GeoJson(upload));
            string type = response.Content.Headers.ContentType?.MediaType ?? "";
            if ((int)response.StatusCode >= 500 || (!response.IsSuccessStatusCode && type != "application/problem+json"))
            {
                failures.Add($"{part} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Import_updates_a_grid_and_the_index_follows_at_once()
    {
        HttpClient admin = await app.ClientFor("admin");
        var grid = await DemoGrid("310106013003005");
        JsonNode feature = JsonNode.Parse(await (await admin.GetAsync("/api/grids/310106013003005")).Content.ReadAsStringAsync())!;
        string name = "静安寺测试网格" + Guid.NewGuid().ToString("N")[..4];
        feature["properties"]!["name"] = name;
        feature["properties"]!["responsibleUnits"] = new JsonArray("310106013-ZD", "JA-ZS2");
        var upload = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature) };
        GridImportReport report = await (await admin.PostAsync("/api/grids/import", GeoJson(upload))).OkJson<GridImportReport>();
        Assert.Equal(1, report.Updated);

        LocateResponse located = await (await admin.GetAsync(FormattableString.Invariant($"/api/grids/locate?lon={grid.Lon}&lat={grid.Lat}"))).OkJson<LocateResponse>();
        Assert.Equal(name, located.Grid.Name);
        Assert.Equal(["310106013-ZD", "JA-ZS2"], located.Grid.ResponsibleUnits.Select(u => u.Code).Order());
    }

    [Fact]
    public async Task Responsibility_change_reaches_the_locate_answer()
    {
        HttpClient admin = await app.ClientFor("admin");
        var grid = await DemoGrid("310106014001002");
        Guid team = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "310106014-ZD").Select(u => u.Id).SingleAsync());
        Guid[] officers = await app.WithDbAsync(db => db.People.Where(p => p.Unit!.Code == "310106014-ZD").Select(p => p.Id).ToArrayAsync());
        LocatedGrid updated = await (await admin.PutJson("/api/grids/310106014001002/responsibility", new { unitIds = new[] { team }, officerIds = officers })).OkJson<LocatedGrid>();
        Assert.Single(updated.ResponsibleUnits);
        Assert.Equal(officers.Length, updated.Officers.Count);

        LocateResponse located = await (await admin.GetAsync(FormattableString.Invariant($"/api/grids/locate?lon={grid.Lon}&lat={grid.Lat}"))).OkJson<LocateResponse>();
        Assert.Equal(officers.Order(), located.Grid.Officers.Select(o => o.Id).Order());

        var bad = await (await admin.PutJson("/api/grids/310106014001002/responsibility", new { unitIds = new[] { Guid.NewGuid() }, officerIds = Array.Empty<Guid>() })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("unitIds"));
    }

    [Fact]
    public async Task Responsibility_is_for_administrators_and_a_person_who_has_left_is_refused_in_chinese()
    {
        const string code = "310106020001005";
        Guid team = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "310106020-ZD").Select(u => u.Id).SingleAsync());
        HttpClient admin = await app.ClientFor("admin");
        Chengguan.Organisation.PersonDto person = await (await admin.PostJson("/api/people", new { name = "离岗队员", unitId = team }))
            .OkJson<Chengguan.Organisation.PersonDto>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/people/{person.Id}/deactivate", null)).OkJson<Chengguan.Organisation.PersonDto>();
        Guid[] before = await Officers(code);

        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PutJson($"/api/grids/{code}/responsibility", new { unitIds = new[] { team }, officerIds = Array.Empty<Guid>() })).StatusCode);

        var refused = await (await admin.PutJson($"/api/grids/{code}/responsibility", new { unitIds = new[] { team }, officerIds = new[] { person.Id } })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["责任队员不存在或已离岗"], refused.FieldErrors("officerIds"));
        Assert.Empty(refused.FieldErrors("unitIds"));
        Assert.Equal(before, await Officers(code));
    }

    private Task<Guid[]> Officers(string gridCode) =>
        app.WithDbAsync(db => db.Set<GridOfficer>().Where(o => db.Grids.Any(g => g.Id == o.GridId && g.Code == gridCode)).Select(o => o.PersonId).OrderBy(id => id).ToArrayAsync());

    private Task<Guid> StreetId(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());
}

public sealed class GridsApiTestsOnSqlite(SqliteApp app) : GridsApiTests(app);

public sealed class GridsApiTestsOnPostgres(PostgresApp app) : GridsApiTests(app);

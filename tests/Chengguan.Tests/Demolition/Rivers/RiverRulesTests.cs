using Chengguan.Demolition;
using Chengguan.Demolition.Rivers;
using NetTopologySuite.Geometries;

namespace Chengguan.Tests.Demolition.Rivers;

public sealed class RiverRulesTests
{
    private static PriorityCandidate C(string number, DemolitionState state, double area) => new(Guid.NewGuid(), number, state, area);

    [Fact]
    public void Hardest_first_is_earliest_legal_stage_then_largest_area_then_number_and_leaves_out_finished_items()
    {
        PriorityCandidate[] items =
        [
            C("WJ-1", DemolitionState.Ordered, 500), C("WJ-2", DemolitionState.Identified, 30), C("WJ-3", DemolitionState.Identified, 300),
            C("WJ-4", DemolitionState.Demolished, 900), C("WJ-5", DemolitionState.AppealWindow, 1000), C("WJ-6", DemolitionState.Rechecked, 2000),
            C("WJ-7", DemolitionState.Closed, 50), C("WJ-8", DemolitionState.Withdrawn, 5000), C("WJ-9", DemolitionState.Identified, 300),
        ];
        Assert.Equal(["WJ-3", "WJ-9", "WJ-2", "WJ-1", "WJ-5", "WJ-4"], RiverRules.HardestFirst(items).Select(i => i.Number));
    }

    [Fact]
    public void Stages_follow_the_procedure()
    {
        DemolitionState[] order = [DemolitionState.Identified, DemolitionState.Ordered, DemolitionState.Hearing, DemolitionState.Demanded,
            DemolitionState.Decided, DemolitionState.AppealWindow, DemolitionState.Demolished];
        Assert.Equal(order.Select(RiverRules.Stage), order.Select(RiverRules.Stage).Order());
        Assert.Equal(7, order.Select(RiverRules.Stage).Distinct().Count());
    }

    [Fact]
    public void Distances_to_the_line_are_metres_in_a_local_projection()
    {
        // An east–west line at 31.30°N; one metre of latitude is 1 / 111195 degree.
        MultiLineString line = DemolitionGeometry.Factory.CreateMultiLineString([DemolitionGeometry.Factory.CreateLineString([new(121.44, 31.30), new(121.46, 31.30)])]);
        double dLat = 1 / Chengguan.Grids.Spatial.GeoMeasure.MetresPerDegree;
        Point north30 = DemolitionGeometry.Factory.CreatePoint(new Coordinate(121.45, 31.30 + 30 * dLat));
        Point north60 = DemolitionGeometry.Factory.CreatePoint(new Coordinate(121.45, 31.30 + 60 * dLat));
        Assert.Equal(30, DemolitionGeometry.DistanceMetres(line, north30), 1);
        Assert.Equal(60, DemolitionGeometry.DistanceMetres(line, north60), 1);
        Assert.True(RiverRules.InCensus(DemolitionGeometry.DistanceMetres(line, north30), 50));
        Assert.False(RiverRules.InCensus(DemolitionGeometry.DistanceMetres(line, north60), 50));
        // An outline counts by its nearest edge, not its centre: a 40 m-deep footprint whose near wall is 45 m away.
        Polygon footprint = DemolitionGeometry.Factory.CreatePolygon([new(121.45, 31.30 + 45 * dLat), new(121.4505, 31.30 + 45 * dLat),
            new(121.4505, 31.30 + 85 * dLat), new(121.45, 31.30 + 85 * dLat), new(121.45, 31.30 + 45 * dLat)]);
        Assert.Equal(45, DemolitionGeometry.DistanceMetres(line, footprint), 1);
        // Length: 0.02° of longitude at 31.30°N ≈ 1900 m.
        Assert.Equal(0.02 * Chengguan.Grids.Spatial.GeoMeasure.MetresPerDegree * Math.Cos(double.DegreesToRadians(31.30)), DemolitionGeometry.LengthMetres(line), 0);
    }

    [Fact]
    public void The_deadline_is_the_end_of_31_December_in_Shanghai()
    {
        Assert.Equal(new DateTimeOffset(2031, 12, 31, 16, 0, 0, TimeSpan.Zero), RiverRules.Deadline(2031));
    }

    [Fact]
    public void Geojson_lines_are_read_as_one_multilinestring_and_anything_else_is_refused()
    {
        static System.Text.Json.JsonElement J(string s) => System.Text.Json.JsonDocument.Parse(s).RootElement;
        Assert.Equal(1, DemolitionGeometry.Lines(J("""{"type":"LineString","coordinates":[[121.44,31.30],[121.45,31.31]]}"""))!.NumGeometries);
        Assert.Equal(2, DemolitionGeometry.Lines(J("""{"type":"MultiLineString","coordinates":[[[121.44,31.30],[121.45,31.31]],[[121.45,31.31],[121.46,31.31]]]}"""))!.NumGeometries);
        Assert.Null(DemolitionGeometry.Lines(J("""{"type":"Point","coordinates":[121.44,31.30]}""")));
        Assert.Null(DemolitionGeometry.Lines(J("""{"type":"LineString","coordinates":[[121.44,31.30]]}""")));
        Assert.Null(DemolitionGeometry.Lines(J("""{"type":"LineString","coordinates":[[521.44,31.30],[121.45,31.31]]}""")));
        Assert.Null(DemolitionGeometry.Lines(J("""{"type":"LineString","coordinates":"x"}""")));
        Assert.Null(DemolitionGeometry.Lines(J("42")));
    }

    /// <summary>Junk where a centre line should be: always "not a line" (null, a 400 upstream), never an exception.</summary>
    [Theory]
    [InlineData("""{"type":"LineString","coordinates":[[1],[2]]}""")]
    [InlineData("""{"type":"LineString","coordinates":[[],[]]}""")]
    [InlineData("""{"type":"LineString","coordinates":[null,null]}""")]
    [InlineData("""{"type":"LineString","coordinates":[["a","b"],[1,2]]}""")]
    [InlineData("""{"type":"LineString","coordinates":null}""")]
    [InlineData("""{"type":"LineString"}""")]
    [InlineData("""{"type":"MultiLineString","coordinates":[null]}""")]
    [InlineData("""{"type":"MultiLineString","coordinates":[[1,2]]}""")]
    [InlineData("""{"type":"MultiLineString","coordinates":[[[1,2],null]]}""")]
    [InlineData("""{"type":"GeometryCollection","geometries":[null]}""")]
    [InlineData("""{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[1,2],[3,4]]}]}""")]
    [InlineData("""{"type":null,"coordinates":[[1,2],[3,4]]}""")]
    [InlineData("""{"coordinates":[[1,2],[3,4]]}""")]
    [InlineData("""{"type":"Nope","coordinates":[[1,2],[3,4]]}""")]
    [InlineData("""{"type":"LineString","coordinates":[[1e400,2],[3,4]]}""")]
    [InlineData("""{"type":"Feature","geometry":null}""")]
    [InlineData("""{"type":"FeatureCollection","features":[null]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[1]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}""")]
    [InlineData("""{"type":"LineString","coordinates":{"a":1}}""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"x\"")]
    public void Junk_geojson_is_not_a_line(string json)
    {
        Assert.Null(DemolitionGeometry.Lines(System.Text.Json.JsonDocument.Parse(json).RootElement));
    }
}

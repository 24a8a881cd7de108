using System.Text.Json;
using Chengguan.Demolition;
using Chengguan.Demolition.Pages;

namespace Chengguan.Tests.Demolition.Pages;

public sealed class GeoJsonTextTests
{
    private const string Line = """{"type":"LineString","coordinates":[[121.45,31.23],[121.46,31.24]]}""";

    [Fact]
    public void Blank_text_is_no_geometry_so_the_request_says_it_is_required()
    {
        Assert.Null(GeoJsonText.Element("  "));
        Assert.Null(GeoJsonText.Ring(null));
    }

    [Fact]
    public void A_line_or_a_feature_holding_it_reaches_the_endpoint_as_the_geometry()
    {
        Assert.NotNull(DemolitionGeometry.Lines(GeoJsonText.Element(Line)!.Value));
        JsonElement fromFeature = GeoJsonText.Element($$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{{Line}}}]}""")!.Value;
        Assert.Equal("LineString", fromFeature.GetProperty("type").GetString());
        Assert.NotNull(DemolitionGeometry.Lines(fromFeature));
    }

    [Fact]
    public void Text_that_is_not_json_still_reaches_the_endpoint_which_refuses_it_as_a_line()
    {
        JsonElement e = GeoJsonText.Element("121.45 31.23, 121.46 31.24")!.Value;
        Assert.Equal(JsonValueKind.String, e.ValueKind);
        Assert.Null(DemolitionGeometry.Lines(e));
    }

    [Fact]
    public void A_polygon_gives_its_outer_ring_and_anything_else_an_empty_ring_the_endpoint_refuses()
    {
        double[][] ring = GeoJsonText.Ring("""{"type":"Polygon","coordinates":[[[121.4,31.2],[121.5,31.2],[121.5,31.3],[121.4,31.2]],[[121.41,31.21],[121.42,31.21],[121.42,31.22],[121.41,31.21]]]}""")!;
        Assert.Equal(4, ring.Length);
        Assert.Equal([121.5, 31.3], ring[2]);
        Assert.Equal(4, GeoJsonText.Ring("""{"type":"MultiPolygon","coordinates":[[[[121.4,31.2],[121.5,31.2],[121.5,31.3],[121.4,31.2]]]]}""")!.Length);
        Assert.Empty(GeoJsonText.Ring(Line)!);
        Assert.Empty(GeoJsonText.Ring("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}""")!);
        Assert.Empty(GeoJsonText.Ring("""{"type":"Polygon","coordinates":[[["a","b"]]]}""")!);
        Assert.Empty(GeoJsonText.Ring("not json")!);
    }
}

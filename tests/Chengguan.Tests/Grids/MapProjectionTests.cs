using Chengguan.Grids;
using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;

namespace Chengguan.Tests.Grids;

public sealed class MapProjectionTests
{
    private static readonly GeometryFactory s_factory = new(new PrecisionModel(), 4326);
    private static readonly Envelope s_jingan = new(121.42, 121.48, 31.22, 31.30);

    [Fact]
    public void The_north_west_corner_is_the_origin_and_y_grows_southwards()
    {
        var p = new MapProjection(s_jingan);
        (double x, double y) = p.Project(121.42, 31.30);
        Assert.Equal(0, x, 6);
        Assert.Equal(0, y, 6);
        (_, double south) = p.Project(121.42, 31.22);
        Assert.True(south > 0);
    }

    [Fact]
    public void Distances_on_the_map_are_metres_within_half_a_percent_of_the_great_circle()
    {
        var p = new MapProjection(s_jingan);
        (double x1, double y1) = p.Project(121.43, 31.23);
        (double x2, double y2) = p.Project(121.47, 31.29);
        double onMap = Math.Sqrt(Math.Pow(x2 - x1, 2) + Math.Pow(y2 - y1, 2));
        double great = GeoMeasure.DistanceMeters(121.43, 31.23, 121.47, 31.29);
        Assert.InRange(onMap / great, 0.995, 1.005);
    }

    [Fact]
    public void The_view_box_covers_the_extent_and_its_margin()
    {
        var bare = new MapProjection(s_jingan);
        var framed = new MapProjection(s_jingan, marginMetres: 100);
        Assert.Equal(bare.Width + 200, framed.Width, 6);
        Assert.Equal(bare.Height + 200, framed.Height, 6);
        (double x, double y) = framed.Project(121.42, 31.30);
        Assert.Equal(100, x, 6);
        Assert.Equal(100, y, 6);
        Assert.StartsWith("0 0 ", framed.ViewBox, StringComparison.Ordinal);
    }

    [Fact]
    public void Unproject_inverts_project()
    {
        var p = new MapProjection(s_jingan, 50);
        (double x, double y) = p.Project(121.4567, 31.2543);
        (double lon, double lat) = p.Unproject(x, y);
        Assert.Equal(121.4567, lon, 9);
        Assert.Equal(31.2543, lat, 9);
    }

    [Fact]
    public void A_polygon_with_a_hole_is_two_closed_rings_without_the_repeated_closing_point()
    {
        var p = new MapProjection(new Envelope(0, 0.01, 0, 0.01));
        Polygon square = s_factory.CreatePolygon(
            s_factory.CreateLinearRing([new(0, 0), new(0.01, 0), new(0.01, 0.01), new(0, 0.01), new(0, 0)]),
            [s_factory.CreateLinearRing([new(0.004, 0.004), new(0.006, 0.004), new(0.006, 0.006), new(0.004, 0.004)])]);
        string path = p.Path(square);
        Assert.Equal(2, path.Count(ch => ch == 'M'));
        Assert.Equal(2, path.Count(ch => ch == 'Z'));
        Assert.Equal(4 + 3, path.Count(ch => ch is 'M' or 'L'));
        Assert.StartsWith("M0,1112 L", path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_stays_open_and_a_point_is_a_zero_length_segment()
    {
        var p = new MapProjection(new Envelope(0, 0.01, 0, 0.01));
        string line = p.Path(s_factory.CreateLineString([new(0, 0), new(0.01, 0.01)]));
        Assert.DoesNotContain('Z', line);
        Assert.Equal("M0,1112 L1112,0", line);
        Assert.Equal("M0,0h0", p.Path(s_factory.CreatePoint(new Coordinate(0, 0.01))));
    }

    [Fact]
    public void An_empty_extent_is_refused() =>
        Assert.Throws<ArgumentException>(() => new MapProjection(new Envelope()));
}

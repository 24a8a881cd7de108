using Chengguan.Data.Seeding;
using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace Chengguan.Tests.Data;

public sealed class JinganGeographyTests
{
    private static readonly DemoLayer s_layer = JinganGeography.Demo;
    private static readonly Polygon s_outline = JinganGeography.DistrictOutline(new GeometryFactory(new PrecisionModel(), 4326));

    [Fact]
    public void The_outline_is_a_valid_long_narrow_district_of_about_jingans_size()
    {
        Assert.True(s_outline.IsValid);
        double km2 = GeoMeasure.AreaM2(s_outline) / 1e6;
        Assert.InRange(km2, 30, 45); // Jing'an: 36.9 km²
        Envelope e = s_outline.EnvelopeInternal;
        double heightM = e.Height * GeoMeasure.MetresPerDegree, widthM = e.Width * GeoMeasure.MetresPerDegree * Math.Cos(double.DegreesToRadians(e.Centre.Y));
        Assert.True(heightM > 1.8 * widthM, $"{heightM:F0} m × {widthM:F0} m");
    }

    [Fact]
    public void The_streets_tile_the_outline_and_each_holds_its_office()
    {
        Assert.Equal(DemoDistrict.Streets.Select(s => s.Code).Order(), s_layer.Streets.Keys.Order());
        foreach ((string code, Polygon street) in s_layer.Streets)
        {
            Assert.True(street.IsValid, code);
            (double lon, double lat) = JinganGeography.Offices[code];
            Assert.True(street.Contains(street.Factory.CreatePoint(new Coordinate(lon, lat))), $"{code}'s office lies outside its street");
            Assert.InRange(GeoMeasure.AreaM2(street), 0.8e6, 10e6);
        }

        foreach ((string a, Polygon pa) in s_layer.Streets)
        {
            foreach ((string b, Polygon pb) in s_layer.Streets.Where(s => string.CompareOrdinal(s.Key, a) > 0))
            {
                Assert.True(GeoMeasure.AreaM2(pa.Intersection(pb)) < 1, $"{a} overlaps {b}");
            }
        }

        Geometry union = OverlayNGRobust.Union(s_layer.Streets.Values);
        Assert.True(GeoMeasure.AreaM2(union.SymmetricDifference(s_outline)) < 1, "the streets' union differs from the outline");
    }

    [Fact]
    public void Every_grid_lies_in_its_street_and_the_grids_form_a_clean_layer()
    {
        Assert.Equal(14 * DemoDistrict.CommitteesPerStreet * DemoDistrict.GridsPerCommittee, s_layer.Grids.Count);
        Assert.Equal(s_layer.Grids.Count, s_layer.Grids.Select(g => g.GridCode).Distinct().Count());
        foreach (DemoGrid grid in s_layer.Grids)
        {
            Assert.True(GridCode.TryParse(grid.GridCode, out GridCode code, out string? error), error);
            Assert.Equal(grid.CommunityCode, code.CommunityCode);
            Polygon street = s_layer.Streets[code.StreetCode];
            Assert.True(GeoMeasure.AreaM2(grid.Boundary.Difference(street)) < 1, $"{grid.GridCode} leaves its street");

            // Tests and the demo seeding put points at a grid's centroid: it must route to that grid.
            Assert.True(grid.Boundary.Contains(grid.Boundary.Centroid), $"{grid.GridCode}'s centroid lies outside it");
            Assert.InRange(GeoMeasure.AreaM2(grid.Boundary), 10_000, 1_000_000);
        }

        Assert.All(s_layer.Grids.GroupBy(g => g.CommunityCode), c => Assert.Equal(DemoDistrict.GridsPerCommittee, c.Count()));
        Assert.Empty(GridLayerValidator.Validate([.. s_layer.Grids.Select(g => new GridFeature(g.GridCode, g.Boundary))]));
        // Overlays snap vertices to 1e-9° (0.1 mm), so the layer's edge may stray from the outline by that much.
        Geometry union = OverlayNGRobust.Union(s_layer.Grids.Select(g => (Geometry)g.Boundary));
        double straysM2 = GeoMeasure.AreaM2(union.SymmetricDifference(s_outline));
        Assert.True(straysM2 < 10, $"the grids' union differs from the outline by {straysM2:F1} m²");
    }

    [Fact]
    public void The_layer_is_the_same_every_time()
    {
        DemoLayer again = JinganGeography.Build(DemoDistrict.CommitteesPerStreet, DemoDistrict.GridsPerCommittee);
        Assert.Equal(s_layer.Grids.Select(g => g.GridCode), again.Grids.Select(g => g.GridCode));
        Assert.All(s_layer.Grids.Zip(again.Grids), p => Assert.True(p.First.Boundary.EqualsExact(p.Second.Boundary), p.First.GridCode));
    }
}

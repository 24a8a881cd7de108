using Chengguan.Grids.Spatial;

namespace Chengguan.Tests.Grids.Spatial;

public sealed class ChinaCoordinatesTests
{
    // Published outputs of coordtransform (README examples) for the input (116.404, 39.915).
    [Fact]
    public void Gcj02ToBd09_MatchesPublishedExample()
    {
        (double lon, double lat) = ChinaCoordinates.Gcj02ToBd09(116.404, 39.915);

        Assert.Equal(116.41036949371029, lon, 1e-12);
        Assert.Equal(39.92133699351021, lat, 1e-12);
    }

    [Fact]
    public void Bd09ToGcj02Approximate_MatchesPublishedExample()
    {
        (double lon, double lat) = ChinaCoordinates.Bd09ToGcj02Approximate(116.404, 39.915);

        Assert.Equal(116.39762729119315, lon, 1e-12);
        Assert.Equal(39.90865673957631, lat, 1e-12);
    }

    [Fact]
    public void Bd09ToGcj02_IsCloseToPublishedValueAndExactlyInvertsForward()
    {
        (double lon, double lat) = ChinaCoordinates.Bd09ToGcj02(116.404, 39.915);

        Assert.Equal(116.39762729119315, lon, 1e-5);
        Assert.Equal(39.90865673957631, lat, 1e-5);

        (double backLon, double backLat) = ChinaCoordinates.Gcj02ToBd09(lon, lat);
        Assert.Equal(116.404, backLon, 1e-9);
        Assert.Equal(39.915, backLat, 1e-9);
    }

    [Fact]
    public void Wgs84ToGcj02_MatchesPublishedExample()
    {
        (double lon, double lat) = ChinaCoordinates.Wgs84ToGcj02(116.404, 39.915);

        Assert.Equal(116.41024449916938, lon, 1e-12);
        Assert.Equal(39.91640428150164, lat, 1e-12);
    }

    [Fact]
    public void Gcj02ToWgs84_IsCloseToPublishedSingleStepValueAndExactlyInvertsForward()
    {
        (double lon, double lat) = ChinaCoordinates.Gcj02ToWgs84(116.404, 39.915);

        // coordtransform publishes the single-step approximation; the iterative inverse differs by metres at most.
        Assert.Equal(116.39775550083061, lon, 1e-5);
        Assert.Equal(39.91359571849836, lat, 1e-5);

        (double backLon, double backLat) = ChinaCoordinates.Wgs84ToGcj02(lon, lat);
        Assert.Equal(116.404, backLon, 1e-9);
        Assert.Equal(39.915, backLat, 1e-9);
    }

    // eviltransform's Shanghai test vector: WGS-84 (31.1774276 N, 121.5272106 E).
    [Fact]
    public void Wgs84ToGcj02_MatchesEviltransformShanghaiVector()
    {
        (double lon, double lat) = ChinaCoordinates.Wgs84ToGcj02(121.5272106, 31.1774276);

        Assert.Equal(121.531541859215, lon, 1e-9);
        Assert.Equal(31.17530398364597, lat, 1e-9);
    }

    [Fact]
    public void Tiananmen_ShiftIsTheFamiliarFewHundredMetres()
    {
        (double lon, double lat) = ChinaCoordinates.Wgs84ToGcj02(116.397428, 39.90923);

        double eastM = (lon - 116.397428) * GeoMeasure.MetresPerDegree * Math.Cos(39.90923 * Math.PI / 180);
        double northM = (lat - 39.90923) * GeoMeasure.MetresPerDegree;
        Assert.InRange(eastM, 450, 650);
        Assert.InRange(northM, 100, 200);
    }

    [Fact]
    public void RoundTrips_AcrossShanghai_StayWithinAMicrodegree()
    {
        for (double lon = 120.85; lon <= 122.0; lon += 0.0173)
        {
            for (double lat = 30.67; lat <= 31.88; lat += 0.0191)
            {
                (double gLon, double gLat) = ChinaCoordinates.Wgs84ToGcj02(lon, lat);
                (double wLon, double wLat) = ChinaCoordinates.Gcj02ToWgs84(gLon, gLat);
                Assert.Equal(lon, wLon, 1e-7);
                Assert.Equal(lat, wLat, 1e-7);

                (double bLon, double bLat) = ChinaCoordinates.Wgs84ToBd09(lon, lat);
                (double w2Lon, double w2Lat) = ChinaCoordinates.Bd09ToWgs84(bLon, bLat);
                Assert.Equal(lon, w2Lon, 1e-6);
                Assert.Equal(lat, w2Lat, 1e-6);

                (double b2Lon, double b2Lat) = ChinaCoordinates.Gcj02ToBd09(lon, lat);
                (double gcjLon, double gcjLat) = ChinaCoordinates.Bd09ToGcj02(b2Lon, b2Lat);
                Assert.Equal(lon, gcjLon, 1e-6);
                Assert.Equal(lat, gcjLat, 1e-6);
            }
        }
    }

    [Fact]
    public void Gcj02ToWgs84_InverseIsAccurateToACentimetre()
    {
        var random = new Random(20240601);
        for (int i = 0; i < 2000; i++)
        {
            double lon = 74 + random.NextDouble() * 60;
            double lat = 18 + random.NextDouble() * 35;

            (double gLon, double gLat) = ChinaCoordinates.Wgs84ToGcj02(lon, lat);
            (double wLon, double wLat) = ChinaCoordinates.Gcj02ToWgs84(gLon, gLat);

            Assert.True(Math.Abs(wLon - lon) < 1e-7 && Math.Abs(wLat - lat) < 1e-7, $"({lon}, {lat}) came back as ({wLon}, {wLat})");
        }
    }

    [Theory]
    [InlineData(2.3522, 48.8566)]
    [InlineData(-74.006, 40.7128)]
    [InlineData(151.2093, -33.8688)]
    public void PointsOutsideChina_AreNotShiftedByGcj02(double lon, double lat)
    {
        Assert.Equal((lon, lat), ChinaCoordinates.Wgs84ToGcj02(lon, lat));
        Assert.Equal((lon, lat), ChinaCoordinates.Gcj02ToWgs84(lon, lat));
        Assert.Equal((lon, lat), ChinaCoordinates.ToWgs84(lon, lat, Crs.Gcj02));
    }

    [Fact]
    public void ToWgs84_DispatchesOnCrs()
    {
        (double lon, double lat) = (121.4737, 31.2304);
        (double gLon, double gLat) = ChinaCoordinates.Wgs84ToGcj02(lon, lat);
        (double bLon, double bLat) = ChinaCoordinates.Wgs84ToBd09(lon, lat);

        Assert.Equal((lon, lat), ChinaCoordinates.ToWgs84(lon, lat, Crs.Wgs84));
        (double fromGcjLon, double fromGcjLat) = ChinaCoordinates.ToWgs84(gLon, gLat, Crs.Gcj02);
        Assert.Equal(lon, fromGcjLon, 1e-8);
        Assert.Equal(lat, fromGcjLat, 1e-8);
        (double fromBdLon, double fromBdLat) = ChinaCoordinates.ToWgs84(bLon, bLat, Crs.Bd09);
        Assert.Equal(lon, fromBdLon, 1e-6);
        Assert.Equal(lat, fromBdLat, 1e-6);
        Assert.Equal((bLon, bLat), ChinaCoordinates.FromWgs84(lon, lat, Crs.Bd09));
    }

    [Theory]
    [InlineData("wgs84", Crs.Wgs84)]
    [InlineData("GCJ02", Crs.Gcj02)]
    [InlineData(" bd09 ", Crs.Bd09)]
    public void TryParseCrs_AcceptsTheQueryValues(string value, Crs expected)
    {
        Assert.True(ChinaCoordinates.TryParseCrs(value, out Crs crs));
        Assert.Equal(expected, crs);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("epsg:4326")]
    public void TryParseCrs_RejectsOtherValues(string? value)
    {
        Assert.False(ChinaCoordinates.TryParseCrs(value, out _));
    }
}

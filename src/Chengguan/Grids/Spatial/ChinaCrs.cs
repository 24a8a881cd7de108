namespace Chengguan.Grids.Spatial;

/// <summary>
/// The coordinate reference systems a point can arrive in. Storage is always <see cref="Wgs84"/>;
/// Chinese web maps and phones report <see cref="Gcj02"/> (Amap, Tencent) or <see cref="Bd09"/> (Baidu).
/// </summary>
public enum Crs
{
    Wgs84,
    Gcj02,
    Bd09,
}

/// <summary>
/// Conversions between WGS-84, GCJ-02 and BD-09 longitude/latitude in degrees, using the widely
/// published constants (Krasovsky 1940 ellipsoid, a = 6378245, e² = 0.00669342162296594323) so that
/// results agree with the common open-source implementations (eviltransform, coordtransform).
/// </summary>
/// <remarks>
/// Neither GCJ-02 nor BD-09 has a closed-form inverse, so <see cref="Gcj02ToWgs84"/> and
/// <see cref="Bd09ToGcj02"/> iterate the forward transform until the residual is below 1e-9 degrees instead of
/// using the popular single-step approximations, which are off by up to a few metres (GCJ-02) or about 0.1 m (BD-09).
/// </remarks>
public static class ChinaCoordinates
{
    private const double SemiMajorAxis = 6378245.0;
    private const double EccentricitySquared = 0.00669342162296594323;
    private const double BaiduPi = Math.PI * 3000.0 / 180.0;
    private const double InverseTolerance = 1e-9;
    private const int MaxInverseIterations = 30;

    /// <summary>
    /// True when the point lies outside the rectangle that GCJ-02 is applied to (the same rectangle
    /// as eviltransform and coordtransform), so that foreign coordinates pass through unshifted.
    /// </summary>
    public static bool IsOutsideChina(double lon, double lat)
    {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat))
        {
            return (lon, lat);
        }

        (double dLon, double dLat) = Gcj02Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>
    /// Inverts <see cref="Wgs84ToGcj02"/> by fixed-point iteration; converges to better than 1e-9
    /// degrees (about 0.1 mm) in a handful of steps because the offset varies slowly.
    /// </summary>
    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat))
        {
            return (lon, lat);
        }

        double wgsLon = lon;
        double wgsLat = lat;
        for (int i = 0; i < MaxInverseIterations; i++)
        {
            (double dLon, double dLat) = Gcj02Offset(wgsLon, wgsLat);
            double errLon = wgsLon + dLon - lon;
            double errLat = wgsLat + dLat - lat;
            wgsLon -= errLon;
            wgsLat -= errLat;
            if (Math.Abs(errLon) < InverseTolerance && Math.Abs(errLat) < InverseTolerance)
            {
                break;
            }
        }

        return (wgsLon, wgsLat);
    }

    public static (double Lon, double Lat) Gcj02ToBd09(double lon, double lat)
    {
        double z = Math.Sqrt(lon * lon + lat * lat) + 0.00002 * Math.Sin(lat * BaiduPi);
        double theta = Math.Atan2(lat, lon) + 0.000003 * Math.Cos(lon * BaiduPi);
        return (z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>
    /// Inverts <see cref="Gcj02ToBd09"/>. The published closed-form inverse is only approximate (off by up to
    /// about 1e-6 degrees, 0.1 m), so it is used as the first guess and refined by fixed-point iteration until
    /// the forward transform reproduces the input to 1e-9 degrees.
    /// </summary>
    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat)
    {
        (double gcjLon, double gcjLat) = Bd09ToGcj02Approximate(lon, lat);
        for (int i = 0; i < MaxInverseIterations; i++)
        {
            (double bdLon, double bdLat) = Gcj02ToBd09(gcjLon, gcjLat);
            double errLon = bdLon - lon;
            double errLat = bdLat - lat;
            gcjLon -= errLon;
            gcjLat -= errLat;
            if (Math.Abs(errLon) < InverseTolerance && Math.Abs(errLat) < InverseTolerance)
            {
                break;
            }
        }

        return (gcjLon, gcjLat);
    }

    /// <summary>
    /// The widely published single-step BD-09 → GCJ-02 formula, for comparison with other tools; prefer
    /// <see cref="Bd09ToGcj02"/>.
    /// </summary>
    public static (double Lon, double Lat) Bd09ToGcj02Approximate(double lon, double lat)
    {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * BaiduPi);
        double theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * BaiduPi);
        return (z * Math.Cos(theta), z * Math.Sin(theta));
    }

    public static (double Lon, double Lat) Wgs84ToBd09(double lon, double lat)
    {
        (double gcjLon, double gcjLat) = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(gcjLon, gcjLat);
    }

    public static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat)
    {
        (double gcjLon, double gcjLat) = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(gcjLon, gcjLat);
    }

    public static (double Lon, double Lat) ToWgs84(double lon, double lat, Crs crs)
    {
        return crs switch
        {
            Crs.Wgs84 => (lon, lat),
            Crs.Gcj02 => Gcj02ToWgs84(lon, lat),
            Crs.Bd09 => Bd09ToWgs84(lon, lat),
            _ => throw new ArgumentOutOfRangeException(nameof(crs), crs, "Unknown coordinate reference system."),
        };
    }

    public static (double Lon, double Lat) FromWgs84(double lon, double lat, Crs crs)
    {
        return crs switch
        {
            Crs.Wgs84 => (lon, lat),
            Crs.Gcj02 => Wgs84ToGcj02(lon, lat),
            Crs.Bd09 => Wgs84ToBd09(lon, lat),
            _ => throw new ArgumentOutOfRangeException(nameof(crs), crs, "Unknown coordinate reference system."),
        };
    }

    /// <summary>
    /// Parses the <c>crs</c> query value accepted by every point input (wgs84, gcj02, bd09), case-insensitively.
    /// </summary>
    public static bool TryParseCrs(string? value, out Crs crs)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "wgs84":
                crs = Crs.Wgs84;
                return true;
            case "gcj02":
                crs = Crs.Gcj02;
                return true;
            case "bd09":
                crs = Crs.Bd09;
                return true;
            default:
                crs = Crs.Wgs84;
                return false;
        }
    }

    private static (double DLon, double DLat) Gcj02Offset(double lon, double lat)
    {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = TransformLat(x, y);
        double dLon = TransformLon(x, y);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.Sin(radLat);
        magic = 1 - EccentricitySquared * magic * magic;
        double sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (SemiMajorAxis * (1 - EccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (SemiMajorAxis / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    private static double TransformLat(double x, double y)
    {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLon(double x, double y)
    {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}

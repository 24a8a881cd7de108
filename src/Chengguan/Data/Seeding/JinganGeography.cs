using System.Globalization;
using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;

namespace Chengguan.Data.Seeding;

/// <summary>
/// Where the demo district lies: an outline of Jing'an, its 14 streets and town, and their grids.
/// </summary>
/// <remarks>
/// <para>The coordinates below are APPROXIMATE, written down from public map knowledge (WGS-84, not surveyed, not
/// the official boundaries) so that the demo map looks like Jing'an: long from north to south and narrow, the
/// old Jing'an south of Suzhou Creek, the old Zhabei north of it. They are for the demo only; a bureau imports
/// its real grid layer (Grids/README.md).</para>
/// <para>The streets are the Voronoi cells of their offices clipped to the outline; each street is split into its
/// communities and each community into its grids by relaxed Voronoi cells (<see cref="VoronoiPartition"/>).
/// Everything is computed from these tables alone, so the layer is the same on every start and machine.</para>
/// </remarks>
internal static class JinganGeography
{
    /// <summary>The district's outline, counter-clockwise from the south-west (lon, lat; approximate, demo only).</summary>
    public static readonly (double Lon, double Lat)[] Outline =
    [
        (121.4270, 31.2205), // 延安西路 / 江苏路, south-west
        (121.4400, 31.2175),
        (121.4520, 31.2160), // 延安中路, south
        (121.4640, 31.2195),
        (121.4700, 31.2235), // 成都北路 / 延安中路, south-east
        (121.4705, 31.2330),
        (121.4720, 31.2420), // 苏州河 at 成都北路
        (121.4790, 31.2440),
        (121.4845, 31.2455), // 苏州河 at 河南北路
        (121.4880, 31.2540),
        (121.4870, 31.2650), // 宝山路, east
        (121.4780, 31.2720),
        (121.4710, 31.2800),
        (121.4720, 31.2950),
        (121.4690, 31.3100),
        (121.4620, 31.3210), // northern tip
        (121.4480, 31.3190),
        (121.4340, 31.3120),
        (121.4290, 31.2980), // 沪太路, west
        (121.4330, 31.2840),
        (121.4390, 31.2700),
        (121.4420, 31.2580),
        (121.4400, 31.2500),
        (121.4330, 31.2470), // 苏州河 bend north of 曹家渡
        (121.4250, 31.2400),
        (121.4235, 31.2300), // 万航渡路, west
    ];

    /// <summary>Each street or town office (lon, lat; approximate, demo only), by the street's code.</summary>
    public static readonly IReadOnlyDictionary<string, (double Lon, double Lat)> Offices = new Dictionary<string, (double Lon, double Lat)>(StringComparer.Ordinal)
    {
        ["310106006"] = (121.4495, 31.2405), // 江宁路街道
        ["310106011"] = (121.4605, 31.2370), // 石门二路街道
        ["310106012"] = (121.4580, 31.2275), // 南京西路街道
        ["310106013"] = (121.4445, 31.2245), // 静安寺街道
        ["310106014"] = (121.4325, 31.2330), // 曹家渡街道
        ["310106015"] = (121.4580, 31.2500), // 天目西路街道
        ["310106016"] = (121.4760, 31.2490), // 北站街道
        ["310106017"] = (121.4805, 31.2600), // 宝山路街道
        ["310106022"] = (121.4650, 31.2610), // 芷江西路街道
        ["310106018"] = (121.4540, 31.2690), // 共和新路街道
        ["310106019"] = (121.4580, 31.2830), // 大宁路街道
        ["310106020"] = (121.4500, 31.3040), // 彭浦新村街道
        ["310106021"] = (121.4600, 31.3100), // 临汾路街道
        ["310106101"] = (121.4380, 31.2950), // 彭浦镇
    };

    // Lloyd iterations: enough for compact grids, few enough to keep the first start fast.
    private const int Relaxations = 8;

    private static readonly Lazy<DemoLayer> s_demo = new(() => Build(DemoDistrict.CommitteesPerStreet, DemoDistrict.GridsPerCommittee));

    /// <summary>The demo layer: computed once per process (it is the same every time).</summary>
    public static DemoLayer Demo => s_demo.Value;

    /// <summary>The 12-digit code of a street's n-th community (1-based), as the seeding numbers them.</summary>
    public static string CommunityCode(string streetCode, int n) => streetCode + n.ToString("D3", CultureInfo.InvariantCulture);

    public static Polygon DistrictOutline(GeometryFactory factory) =>
        factory.CreatePolygon([.. Outline.Select(p => new Coordinate(p.Lon, p.Lat)), new Coordinate(Outline[0].Lon, Outline[0].Lat)]);

    /// <summary>
    /// The streets tiling the outline, their communities tiling each street and <paramref name="gridsPerCommunity"/>
    /// grids tiling each community; communities and grids are numbered from 001 north to south, then west to east.
    /// </summary>
    public static DemoLayer Build(int communitiesPerStreet, int gridsPerCommunity)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        string[] codes = [.. Offices.Keys.Order(StringComparer.Ordinal)];
        Polygon[] streets = VoronoiPartition.Split(DistrictOutline(factory), [.. codes.Select(c => new Coordinate(Offices[c].Lon, Offices[c].Lat))], factory);
        var grids = new List<DemoGrid>();
        for (int s = 0; s < codes.Length; s++)
        {
            Polygon[] communities = VoronoiPartition.Relaxed(streets[s], communitiesPerStreet, Relaxations, factory);
            for (int c = 0; c < communities.Length; c++)
            {
                string community = CommunityCode(codes[s], c + 1);
                Polygon[] cells = VoronoiPartition.Relaxed(communities[c], gridsPerCommunity, Relaxations, factory);
                for (int g = 0; g < cells.Length; g++)
                {
                    cells[g].SRID = 4326;
                    grids.Add(new DemoGrid(GridCode.Create(community, g + 1).Value, community, cells[g]));
                }
            }
        }

        return new DemoLayer(codes.Select((c, i) => (c, streets[i])).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal), grids);
    }
}

/// <summary>The demo district's geometry: each street's outline by its code, and every grid.</summary>
internal sealed record DemoLayer(IReadOnlyDictionary<string, Polygon> Streets, IReadOnlyList<DemoGrid> Grids);

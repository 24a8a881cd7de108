using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;
using static Chengguan.Tests.Grids.Spatial.SpatialTestData;

namespace Chengguan.Tests.Grids.Spatial;

public sealed class DemoGridLayoutTests
{
    private const double MinLon = 121.46;
    private const double MinLat = 31.20;
    private const double MaxLon = 121.52;
    private const double MaxLat = 31.245;

    [Fact]
    public void Layout_TilesTheBoxWithoutGapsOrOverlaps()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(2, 3, 4), 7);

        Assert.Equal((2 + 3 + 4) * 7, grids.Count);
        Assert.Empty(Validate(grids));
        AssertCoversBoxExactly(grids);
    }

    [Fact]
    public void Codes_AreValidUniqueAndInTheirCommunity()
    {
        List<DemoStreet> streets = Streets(2, 3, 4);
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, streets, 12);

        Assert.Equal(grids.Count, grids.Select(g => g.GridCode).Distinct().Count());
        foreach (DemoGrid grid in grids)
        {
            Assert.True(GridCode.TryParse(grid.GridCode, out GridCode code, out string? error), error);
            Assert.Equal(grid.CommunityCode, code.CommunityCode);
        }

        foreach (string community in streets.SelectMany(s => s.CommunityCodes))
        {
            Assert.Equal(
                Enumerable.Range(1, 12).Select(i => community + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)),
                grids.Where(g => g.CommunityCode == community).Select(g => g.GridCode));
        }
    }

    [Fact]
    public void Sequence_RunsWestToEastThenNorthToSouth()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(1), 9, jitter: 0);

        // One community of nine near-square cells in a near-square box: three rows of three.
        Point[] centres = grids.Select(g => g.Boundary.Centroid).ToArray();
        for (int i = 0; i < 9; i++)
        {
            int row = i / 3;
            int column = i % 3;
            Assert.Equal(MinLon + (column + 0.5) * (MaxLon - MinLon) / 3, centres[i].X, 1e-9);
            Assert.Equal(MaxLat - (row + 0.5) * (MaxLat - MinLat) / 3, centres[i].Y, 1e-9);
        }
    }

    [Fact]
    public void Streets_AreBandsNorthToSouthProportionalToTheirCommunities()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(1, 3), 4, jitter: 0);

        Envelope north = Envelope(grids.Where(g => g.GridCode.StartsWith("310101001", StringComparison.Ordinal)));
        Envelope south = Envelope(grids.Where(g => g.GridCode.StartsWith("310101002", StringComparison.Ordinal)));
        Assert.Equal(MaxLat, north.MaxY);
        Assert.Equal(MinLat, south.MinY);
        Assert.Equal(north.MinY, south.MaxY);
        Assert.Equal(0.25, north.Height / (MaxLat - MinLat), 1e-12);
    }

    [Fact]
    public void WithoutJitter_GridsAreRectangles_AndWithJitterTheyAreNot()
    {
        IReadOnlyList<DemoGrid> plain = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(2, 2), 6, jitter: 0);
        IReadOnlyList<DemoGrid> jittered = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(2, 2), 6);

        Assert.All(plain, g => Assert.Equal(g.Boundary.EnvelopeInternal.Area, g.Boundary.Area, 1e-15));
        Assert.Contains(jittered, g => Math.Abs(g.Boundary.EnvelopeInternal.Area - g.Boundary.Area) > 1e-9);
        Assert.Empty(Validate(jittered));
    }

    [Fact]
    public void Layout_IsDeterministic()
    {
        IReadOnlyList<DemoGrid> first = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(3, 1, 2), 10);
        IReadOnlyList<DemoGrid> second = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(3, 1, 2), 10);

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].GridCode, second[i].GridCode);
            Assert.True(first[i].Boundary.EqualsExact(second[i].Boundary));
        }
    }

    [Fact]
    public void AssortedShapes_AlwaysTileExactly()
    {
        var random = new Random(5);
        for (int run = 0; run < 12; run++)
        {
            int[] communities = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(1, 7)).ToArray();
            int perCommunity = random.Next(1, 40);
            double width = 0.01 + random.NextDouble() * 0.2;
            double height = 0.01 + random.NextDouble() * 0.2;

            IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(121, 31, 121 + width, 31 + height, Streets(communities), perCommunity, jitter: 1);

            Assert.Equal(communities.Sum() * perCommunity, grids.Count);
            Assert.Empty(Validate(grids));
            AssertCoversBoxExactly(grids, 121, 31, 121 + width, 31 + height);
        }
    }

    [Fact]
    public void DemoDistrict_OfTenThousandGrids_IsACleanLayer()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(121.40, 31.15, 121.55, 31.28, Streets(Enumerable.Repeat(10, 10).ToArray()), 100);

        Assert.Equal(10_000, grids.Count);
        Assert.Empty(Validate(grids));
    }

    [Fact]
    public void StreetsWithoutCommunities_GetNoBand()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(MinLon, MinLat, MaxLon, MaxLat, Streets(0, 3, 0), 5);

        Assert.Equal(15, grids.Count);
        Assert.Empty(Validate(grids));
        AssertCoversBoxExactly(grids);
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => DemoGridLayout.Generate(122, 31, 121, 32, Streets(1), 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoGridLayout.Generate(121, 31, 122, 32, Streets(1), 0));
        Assert.Throws<ArgumentException>(
            () => DemoGridLayout.Generate(121, 31, 122, 32, [new DemoStreet("310101001", ["310101002001"])], 4));
        Assert.Throws<ArgumentException>(
            () => DemoGridLayout.Generate(121, 31, 122, 32, [new DemoStreet("310101001", ["310101001001", "310101001001"])], 4));
    }

    private static IReadOnlyList<GridLayerProblem> Validate(IEnumerable<DemoGrid> grids)
    {
        return GridLayerValidator.Validate(grids.Select(g => new GridFeature(g.GridCode, g.Boundary)).ToList());
    }

    private static void AssertCoversBoxExactly(
        IReadOnlyList<DemoGrid> grids,
        double minLon = MinLon,
        double minLat = MinLat,
        double maxLon = MaxLon,
        double maxLat = MaxLat)
    {
        double boxArea = (maxLon - minLon) * (maxLat - minLat);
        Assert.Equal(boxArea, grids.Sum(g => g.Boundary.Area), boxArea * 1e-9);
        Envelope envelope = Envelope(grids);
        Assert.Equal(new Envelope(minLon, maxLon, minLat, maxLat), envelope);
    }

    private static Envelope Envelope(IEnumerable<DemoGrid> grids)
    {
        var envelope = new Envelope();
        foreach (DemoGrid grid in grids)
        {
            envelope.ExpandToInclude(grid.Boundary.EnvelopeInternal);
        }

        return envelope;
    }
}

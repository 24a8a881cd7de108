using Chengguan.Grids.Spatial;
using NetTopologySuite.Geometries;
using static Chengguan.Tests.Grids.Spatial.SpatialTestData;

namespace Chengguan.Tests.Grids.Spatial;

public sealed class GridIndexTests
{
    // A 2×2 block of half-degree squares; the codes are chosen so the smallest is not the first in the list.
    private const string NorthWest = "310101001001003";
    private const string NorthEast = "310101001001001";
    private const string SouthWest = "310101001001004";
    private const string SouthEast = "310101001001002";

    private static readonly GridShape[] s_block =
    [
        new(Guid.NewGuid(), SouthWest, Rect(121.0, 31.0, 121.5, 31.5)),
        new(Guid.NewGuid(), SouthEast, Rect(121.5, 31.0, 122.0, 31.5)),
        new(Guid.NewGuid(), NorthWest, Rect(121.0, 31.5, 121.5, 32.0)),
        new(Guid.NewGuid(), NorthEast, Rect(121.5, 31.5, 122.0, 32.0)),
    ];

    private static readonly GridIndex s_blockIndex = new(s_block);

    [Theory]
    [InlineData(121.25, 31.25, SouthWest)]
    [InlineData(121.75, 31.25, SouthEast)]
    [InlineData(121.25, 31.75, NorthWest)]
    [InlineData(121.75, 31.75, NorthEast)]
    public void InteriorPoint_BelongsToItsGrid(double lon, double lat, string expected)
    {
        Assert.Equal(expected, s_blockIndex.Find(lon, lat)?.Code);
    }

    [Theory]
    [InlineData(121.5, 31.25, SouthEast)] // SW | SE
    [InlineData(121.5, 31.75, NorthEast)] // NW | NE
    [InlineData(121.25, 31.5, NorthWest)] // SW / NW
    [InlineData(121.75, 31.5, NorthEast)] // SE / NE
    public void PointOnSharedEdge_BelongsToTheSmallestCodeOfTheTwo(double lon, double lat, string expected)
    {
        Assert.Equal(expected, s_blockIndex.Find(lon, lat)?.Code);
    }

    [Fact]
    public void SharedVertexOfFourGrids_BelongsToTheSmallestCode()
    {
        Assert.Equal(NorthEast, s_blockIndex.Find(121.5, 31.5)?.Code);
    }

    [Fact]
    public void Result_DoesNotDependOnInputOrder()
    {
        var reversed = new GridIndex(s_block.Reverse().ToArray());

        foreach ((double lon, double lat) in new[] { (121.5, 31.5), (121.5, 31.25), (121.25, 31.5), (121.3, 31.2) })
        {
            Assert.Equal(s_blockIndex.Find(lon, lat)?.Code, reversed.Find(lon, lat)?.Code);
        }
    }

    [Theory]
    [InlineData(121.0, 31.25, SouthWest)]
    [InlineData(121.0, 31.0, SouthWest)]
    [InlineData(122.0, 32.0, NorthEast)]
    [InlineData(121.75, 31.0, SouthEast)]
    [InlineData(121.5, 32.0, NorthEast)] // outer boundary at the NW | NE edge: still the smaller code
    public void PointOnOuterBoundary_BelongsToThatGrid(double lon, double lat, string expected)
    {
        Assert.Equal(expected, s_blockIndex.Find(lon, lat)?.Code);
    }

    [Theory]
    [InlineData(120.9, 31.25)]
    [InlineData(121.25, 32.0000001)]
    [InlineData(122.5, 32.5)]
    [InlineData(double.NaN, 31.25)]
    [InlineData(121.25, double.PositiveInfinity)]
    public void PointOutsideEveryGrid_IsMinusOne(double lon, double lat)
    {
        Assert.Equal(-1, s_blockIndex.Locate(lon, lat));
        Assert.Null(s_blockIndex.Find(lon, lat));
    }

    [Fact]
    public void EmptyIndex_FindsNothing()
    {
        var index = new GridIndex([]);

        Assert.Equal(0, index.Count);
        Assert.Equal(-1, index.Locate(121, 31));
    }

    [Fact]
    public void PointInHole_IsNotInTheGridWithTheHole()
    {
        Polygon withHole = SpatialTestData.Factory.CreatePolygon(
            SpatialTestData.Factory.CreateLinearRing(Rect(121.0, 31.0, 122.0, 32.0).Coordinates),
            [SpatialTestData.Factory.CreateLinearRing(Rect(121.25, 31.25, 121.75, 31.75).Coordinates)]);
        var index = new GridIndex([new GridShape(Guid.NewGuid(), "310101001001002", withHole)]);

        Assert.Equal(-1, index.Locate(121.5, 31.5));
        Assert.Equal(0, index.Locate(121.1, 31.5));
        Assert.Equal(0, index.Locate(121.25, 31.5)); // on the hole's ring = on the grid's boundary
    }

    [Fact]
    public void HoleFilledByAnotherGrid_BelongsToTheFiller_AndTheRingToTheSmallerCode()
    {
        Polygon withHole = SpatialTestData.Factory.CreatePolygon(
            SpatialTestData.Factory.CreateLinearRing(Rect(121.0, 31.0, 122.0, 32.0).Coordinates),
            [SpatialTestData.Factory.CreateLinearRing(Rect(121.25, 31.25, 121.75, 31.75).Coordinates)]);
        var index = new GridIndex(
        [
            new GridShape(Guid.NewGuid(), "310101001001002", withHole),
            new GridShape(Guid.NewGuid(), "310101001001001", Rect(121.25, 31.25, 121.75, 31.75)),
        ]);

        Assert.Equal(1, index.Locate(121.5, 31.5));
        Assert.Equal(0, index.Locate(121.1, 31.5));
        Assert.Equal(1, index.Locate(121.25, 31.5));
    }

    [Fact]
    public void RandomPoints_AgreeWithBruteForceNtsPredicates()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(121.40, 31.15, 121.52, 31.25, Streets(3, 2, 4), 23);
        List<GridShape> shapes = Shapes(grids);
        var index = new GridIndex(shapes);
        var random = new Random(7);

        var points = new List<(double Lon, double Lat)>();
        for (int i = 0; i < 5000; i++)
        {
            points.Add((121.39 + random.NextDouble() * 0.14, 31.14 + random.NextDouble() * 0.12));
        }

        // Vertices, and points on or within rounding of edges, exercise the boundary rules.
        foreach (GridShape shape in shapes.Take(60))
        {
            Coordinate[] ring = shape.Boundary.ExteriorRing.Coordinates;
            for (int k = 0; k < ring.Length - 1; k++)
            {
                points.Add((ring[k].X, ring[k].Y));
                double t = random.NextDouble();
                points.Add((ring[k].X + t * (ring[k + 1].X - ring[k].X), ring[k].Y + t * (ring[k + 1].Y - ring[k].Y)));
            }
        }

        var factory = SpatialTestData.Factory;
        foreach ((double lon, double lat) in points)
        {
            Point point = factory.CreatePoint(new Coordinate(lon, lat));
            int expected = BruteForce(shapes, point);
            Assert.True(expected == index.Locate(lon, lat), $"({lon:R}, {lat:R}): expected {expected}, got {index.Locate(lon, lat)}");
        }
    }

    [Fact]
    public void UnevenLayer_FallsBackToTheTreeAndStillAgreesWithBruteForce()
    {
        // A dense district plus one grid far away: most of the extent is empty, so the district's few
        // bucket cells hold too many grids and defer to the STR tree walk.
        var grids = DemoGridLayout.Generate(121.40, 31.15, 121.45, 31.20, Streets(4, 4), 40).ToList();
        List<GridShape> shapes = Shapes(grids);
        shapes.Add(new GridShape(Guid.NewGuid(), "650102001001001", Rect(87.0, 43.0, 88.0, 44.0)));
        var index = new GridIndex(shapes);
        Assert.True(index.DeferredBucketCount > 0);

        var random = new Random(13);
        var factory = SpatialTestData.Factory;
        for (int i = 0; i < 3000; i++)
        {
            (double lon, double lat) = i % 10 == 0
                ? (87.0 + random.NextDouble(), 43.0 + random.NextDouble())
                : (121.39 + random.NextDouble() * 0.07, 31.14 + random.NextDouble() * 0.07);
            int expected = BruteForce(shapes, factory.CreatePoint(new Coordinate(lon, lat)));
            Assert.Equal(expected, index.Locate(lon, lat));
        }

        Assert.Equal(shapes.Count - 1, index.Locate(87.5, 43.5));
        Assert.Equal(-1, index.Locate(100, 40));
    }

    [Fact]
    public void ManyVertexPolygonsWithHoles_AgreeWithBruteForce()
    {
        // Round grids of 256 vertices exercise the per-grid latitude bands; the ring grid's hole holds a disc grid.
        var factory = SpatialTestData.Factory;
        Point centre = factory.CreatePoint(new Coordinate(121.48, 31.22));
        var outer = (Polygon)centre.Buffer(0.02, 64);
        var inner = (Polygon)centre.Buffer(0.008, 64);
        Polygon ring = factory.CreatePolygon(outer.Shell, [inner.Shell]);
        var neighbour = (Polygon)factory.CreatePoint(new Coordinate(121.52, 31.22)).Buffer(0.02, 16).Difference(outer);
        var shapes = new List<GridShape>
        {
            new(Guid.NewGuid(), "310101001001002", ring),
            new(Guid.NewGuid(), "310101001001001", inner),
            new(Guid.NewGuid(), "310101001001003", neighbour),
        };
        var index = new GridIndex(shapes);

        var random = new Random(17);
        var points = new List<(double Lon, double Lat)>();
        for (int i = 0; i < 4000; i++)
        {
            points.Add((121.455 + random.NextDouble() * 0.09, 31.195 + random.NextDouble() * 0.05));
        }

        foreach (Coordinate c in shapes.SelectMany(s => s.Boundary.Coordinates))
        {
            points.Add((c.X, c.Y));
        }

        foreach ((double lon, double lat) in points)
        {
            int expected = BruteForce(shapes, factory.CreatePoint(new Coordinate(lon, lat)));
            Assert.True(expected == index.Locate(lon, lat), $"({lon:R}, {lat:R}): expected {expected}, got {index.Locate(lon, lat)}");
        }

        Assert.Equal(1, index.Locate(121.48, 31.22));
    }

    [Fact]
    public void Locate_IsSafeFromManyThreads()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(121.40, 31.15, 121.52, 31.25, Streets(4, 4), 25);
        var index = new GridIndex(Shapes(grids));
        var random = new Random(11);
        var points = Enumerable.Range(0, 20_000)
            .Select(_ => (Lon: 121.40 + random.NextDouble() * 0.12, Lat: 31.15 + random.NextDouble() * 0.10))
            .ToArray();
        int[] expected = points.Select(p => index.Locate(p.Lon, p.Lat)).ToArray();

        int[] actual = new int[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i] = index.Locate(points[i].Lon, points[i].Lat);
        });

        Assert.Equal(expected, actual);
        Assert.DoesNotContain(-1, actual);
    }

    [Fact]
    public void Locate_DoesNotAllocate()
    {
        IReadOnlyList<DemoGrid> grids = DemoGridLayout.Generate(121.40, 31.15, 121.52, 31.25, Streets(5, 5), 40);
        var index = new GridIndex(Shapes(grids));
        var random = new Random(3);
        double[] lons = Enumerable.Range(0, 1024).Select(_ => 121.40 + random.NextDouble() * 0.12).ToArray();
        double[] lats = Enumerable.Range(0, 1024).Select(_ => 31.15 + random.NextDouble() * 0.10).ToArray();
        int Run()
        {
            int sum = 0;
            for (int i = 0; i < lons.Length; i++)
            {
                sum += index.Locate(lons[i], lats[i]);
            }

            return sum;
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int checksum = Run() + Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(checksum > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Constructor_RejectsShapesWithoutBoundary()
    {
        Assert.Throws<ArgumentException>(() => new GridIndex([new GridShape(Guid.NewGuid(), "310101001001001", Polygon.Empty)]));
    }

    private static int BruteForce(List<GridShape> shapes, Point point)
    {
        int best = -1;
        for (int i = 0; i < shapes.Count; i++)
        {
            if (shapes[i].Boundary.Contains(point))
            {
                return i;
            }

            if (shapes[i].Boundary.Covers(point) && (best < 0 || string.CompareOrdinal(shapes[i].Code, shapes[best].Code) < 0))
            {
                best = i;
            }
        }

        return best;
    }
}

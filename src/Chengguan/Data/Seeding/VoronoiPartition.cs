using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace Chengguan.Data.Seeding;

/// <summary>
/// Splits a polygon into one piece per seed point: the seeds' Voronoi cells clipped to the polygon. The demo
/// district uses it three times: the district into streets (seeds: the street offices), a street into its
/// communities and a community into its grids (seeds relaxed by Lloyd's method, so the pieces come out compact
/// and of similar size, and their number is exactly the number asked for, which a clipped lattice cannot promise).
/// </summary>
internal static class VoronoiPartition
{
    // Overlays snap-round to 1e-9° (about 0.1 mm): pieces clipped one by one then share their vertices with
    // their neighbours, instead of differing in the last bits of computed intersection points.
    private static readonly PrecisionModel s_precision = new(1e9);

    /// <summary>
    /// One polygon per seed (same order), together tiling <paramref name="parent"/>. A cell the parent's outline
    /// cuts into several parts keeps the part holding its seed; the other parts join the neighbour they share the
    /// longest border with, so every piece is a single polygon.
    /// </summary>
    public static Polygon[] Split(Polygon parent, IReadOnlyList<Coordinate> seeds, GeometryFactory factory)
    {
        Geometry[] cells = Cells(parent, seeds, factory);
        var pieces = new Polygon[seeds.Count];
        var strays = new List<Polygon>();
        for (int i = 0; i < seeds.Count; i++)
        {
            Polygon[] parts = Parts(OverlayNG.Overlay(cells[i], parent, SpatialFunction.Intersection, s_precision));
            if (parts.Length == 0)
            {
                throw new InvalidOperationException($"Seed {seeds[i]} lies outside the polygon it should split.");
            }

            Point seed = factory.CreatePoint(seeds[i]);
            Polygon main = parts.FirstOrDefault(p => p.Covers(seed)) ?? parts.MaxBy(p => p.Area)!;
            pieces[i] = main;
            strays.AddRange(parts.Where(p => !ReferenceEquals(p, main)));
        }

        foreach (Polygon stray in strays.OrderByDescending(p => p.Area))
        {
            int best = Enumerable.Range(0, pieces.Length)
                .Select(j => (j, Shared: OverlayNG.Overlay(stray, pieces[j], SpatialFunction.Intersection, s_precision).Length))
                .MaxBy(x => x.Shared).j;
            pieces[best] = Parts(OverlayNG.Overlay(pieces[best], stray, SpatialFunction.Union, s_precision)) is [Polygon merged]
                ? merged
                : throw new InvalidOperationException($"A stray part near {stray.InteriorPoint} touches no single neighbour.");
        }

        return pieces;
    }

    /// <summary>
    /// <paramref name="count"/> pieces of about equal area: seeds spread by a Halton sequence over the polygon,
    /// then moved to their piece's centroid <paramref name="iterations"/> times (Lloyd's method). Pieces are
    /// ordered north to south, then west to east, by the seeds they end with.
    /// </summary>
    public static Polygon[] Relaxed(Polygon parent, int count, int iterations, GeometryFactory factory)
    {
        IPreparedGeometry inside = PreparedGeometryFactory.Prepare(parent);
        Coordinate[] seeds = Spread(parent, inside, count);
        for (int k = 0; k < iterations; k++)
        {
            // Only the centroids matter here, so the cheaper unsnapped overlay will do; the final split is exact.
            Geometry[] cells = Cells(parent, seeds, factory);
            seeds = [.. cells.Select((cell, i) => Anchor(inside.Contains(cell) ? cell : cell.Intersection(parent), inside, seeds[i]))];
        }

        Polygon[] pieces = Split(parent, seeds, factory);
        return [.. pieces.Select((p, i) => (p, Seed: seeds[i])).OrderByDescending(x => x.Seed.Y).ThenBy(x => x.Seed.X).Select(x => x.p)];
    }

    private static Coordinate Anchor(Geometry piece, IPreparedGeometry inside, Coordinate seed)
    {
        if (piece.IsEmpty)
        {
            return seed;
        }

        Point centroid = piece.Centroid;
        return inside.Contains(centroid) ? centroid.Coordinate : piece.InteriorPoint.Coordinate;
    }

    private static Coordinate[] Spread(Polygon parent, IPreparedGeometry inside, int count)
    {
        Envelope e = parent.EnvelopeInternal;
        var seeds = new List<Coordinate>(count);
        for (int i = 1; seeds.Count < count; i++)
        {
            if (i > 100_000)
            {
                throw new InvalidOperationException("The polygon is too thin to place its seeds.");
            }

            var c = new Coordinate(e.MinX + Halton(i, 2) * e.Width, e.MinY + Halton(i, 3) * e.Height);
            if (inside.Contains(parent.Factory.CreatePoint(c)))
            {
                seeds.Add(c);
            }
        }

        return [.. seeds];
    }

    private static double Halton(int index, int radix)
    {
        double result = 0, f = 1.0 / radix;
        for (int i = index; i > 0; i /= radix, f /= radix)
        {
            result += f * (i % radix);
        }

        return result;
    }

    private static Geometry[] Cells(Polygon parent, IReadOnlyList<Coordinate> seeds, GeometryFactory factory)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds.ToList());
        var clip = new Envelope(parent.EnvelopeInternal);
        clip.ExpandBy(Math.Max(clip.Width, clip.Height));
        builder.ClipEnvelope = clip;
        Geometry diagram = builder.GetDiagram(factory);

        // Each cell carries its site as user data; the diagram's order is not the seeds' order.
        var cells = new Geometry[seeds.Count];
        var index = new Dictionary<(double, double), int>();
        for (int i = 0; i < seeds.Count; i++)
        {
            index.Add((seeds[i].X, seeds[i].Y), i);
        }

        for (int k = 0; k < diagram.NumGeometries; k++)
        {
            Geometry cell = diagram.GetGeometryN(k);
            var site = (Coordinate)cell.UserData;
            cells[index[(site.X, site.Y)]] = cell;
        }

        return cells;
    }

    private static Polygon[] Parts(Geometry g) =>
        [.. Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().Where(p => !p.IsEmpty)];
}

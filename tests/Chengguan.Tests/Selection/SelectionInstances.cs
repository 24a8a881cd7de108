using Chengguan.Selection;

namespace Chengguan.Tests.Selection;

/// <summary>Seeded random instances of the matching: small ones for brute force, large ones for speed.</summary>
public static class SelectionInstances
{
    /// <summary>≤ <paramref name="maxCandidates"/> candidates, ≤ <paramref name="maxPosts"/> posts, 1–2 seats (sometimes 0), random partial choices and rankings.</summary>
    public static (List<MatchPost> Posts, List<MatchCandidate> Candidates) Small(Random rng, int maxCandidates = 6, int maxPosts = 4)
    {
        int nc = rng.Next(1, maxCandidates + 1), np = rng.Next(1, maxPosts + 1);
        string[] cs = [.. Enumerable.Range(0, nc).Select(i => $"c{i}")];
        string[] ps = [.. Enumerable.Range(0, np).Select(i => $"p{i}")];
        var posts = ps.Select(p => new MatchPost(p, rng.Next(10) == 0 ? 0 : rng.Next(1, 3),
            [.. cs.OrderBy(_ => rng.Next()).Where(_ => rng.Next(5) != 0)])).ToList();
        var candidates = cs.Select(c => new MatchCandidate(c, [.. ps.OrderBy(_ => rng.Next()).Take(rng.Next(0, np + 1))])).ToList();
        return (posts, candidates);
    }

    /// <summary>A realistic large round: each candidate chooses <paramref name="choices"/> posts (popular posts more often), seats 1–10, each post ranks its applicants.</summary>
    public static (List<MatchPost> Posts, List<MatchCandidate> Candidates) Large(Random rng, int nc, int np, int choices)
    {
        string[] ps = [.. Enumerable.Range(0, np).Select(i => $"P{i:D4}")];
        var applicants = ps.ToDictionary(p => p, _ => new List<string>());
        var candidates = new List<MatchCandidate>(nc);
        for (int c = 0; c < nc; c++)
        {
            var chosen = new List<string>(choices);
            while (chosen.Count < choices)
            {
                // Skewed popularity: the square of a uniform draw favours the low-numbered posts.
                double u = rng.NextDouble();
                string p = ps[(int)(u * u * np)];
                if (!chosen.Contains(p))
                {
                    chosen.Add(p);
                }
            }
            string id = $"C{c:D5}";
            foreach (string p in chosen)
            {
                applicants[p].Add(id);
            }
            candidates.Add(new MatchCandidate(id, chosen));
        }
        var posts = ps.Select(p => new MatchPost(p, rng.Next(1, 11), [.. applicants[p].OrderBy(_ => rng.Next())])).ToList();
        return (posts, candidates);
    }
}

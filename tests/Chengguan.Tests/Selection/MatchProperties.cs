using Chengguan.Selection;

namespace Chengguan.Tests.Selection;

/// <summary>The properties a matching must have, checked by brute force: capacity, individual rationality, stability; and every stable matching, enumerated.</summary>
public static class MatchProperties
{
    public static Dictionary<string, string?> AsMap(MatchResult r) => r.Assignments.ToDictionary(a => a.Candidate, a => a.Post);

    private static int Rank(MatchPost p, string c)
    {
        for (int i = 0; i < p.Ranking.Count; i++)
        {
            if (p.Ranking[i] == c)
            {
                return i;
            }
        }
        return -1;
    }

    private static bool Acceptable(MatchPost p, MatchCandidate c) => c.Choices.Contains(p.Id) && Rank(p, c.Id) >= 0;

    /// <summary>Seats respected, and nobody placed where they did not choose or are not ranked.</summary>
    public static bool Feasible(IReadOnlyList<MatchPost> posts, IReadOnlyList<MatchCandidate> candidates, IReadOnlyDictionary<string, string?> m)
    {
        foreach (MatchPost p in posts)
        {
            if (m.Values.Count(v => v == p.Id) > p.Seats)
            {
                return false;
            }
        }
        return candidates.All(c => m[c.Id] is not { } p || Acceptable(posts.First(x => x.Id == p), c));
    }

    /// <summary>No blocking pair: a candidate and a post that both prefer each other (a post with a free seat prefers anyone acceptable).</summary>
    public static bool Stable(IReadOnlyList<MatchPost> posts, IReadOnlyList<MatchCandidate> candidates, IReadOnlyDictionary<string, string?> m)
    {
        var byId = posts.ToDictionary(p => p.Id);
        foreach (MatchCandidate c in candidates)
        {
            int mine = m[c.Id] is { } got ? IndexOf(c.Choices, got) : c.Choices.Count;
            for (int k = 0; k < mine; k++)
            {
                MatchPost p = byId[c.Choices[k]];
                int r = Rank(p, c.Id);
                if (r < 0 || p.Seats == 0)
                {
                    continue;
                }
                string[] held = [.. m.Where(x => x.Value == p.Id).Select(x => x.Key)];
                if (held.Length < p.Seats || held.Any(h => Rank(p, h) > r))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public static bool Stable(IReadOnlyList<MatchPost> posts, IReadOnlyList<MatchCandidate> candidates, MatchResult r) => Stable(posts, candidates, AsMap(r));

    /// <summary>Every feasible matching, by trying each candidate at each acceptable post or nowhere.</summary>
    public static List<Dictionary<string, string?>> AllStable(IReadOnlyList<MatchPost> posts, IReadOnlyList<MatchCandidate> candidates)
    {
        var stable = new List<Dictionary<string, string?>>();
        var current = new Dictionary<string, string?>();
        var used = posts.ToDictionary(p => p.Id, _ => 0);
        void Place(int i)
        {
            if (i == candidates.Count)
            {
                if (Stable(posts, candidates, current))
                {
                    stable.Add(new Dictionary<string, string?>(current));
                }
                return;
            }
            MatchCandidate c = candidates[i];
            current[c.Id] = null;
            Place(i + 1);
            foreach (MatchPost p in posts.Where(p => Acceptable(p, c) && used[p.Id] < p.Seats))
            {
                current[c.Id] = p.Id;
                used[p.Id]++;
                Place(i + 1);
                used[p.Id]--;
            }
            current.Remove(c.Id);
        }
        Place(0);
        return stable;
    }

    /// <summary>How a candidate values an outcome: the index of the post in their choices, unmatched last.</summary>
    public static int Value(MatchCandidate c, string? post) => post is null ? c.Choices.Count : IndexOf(c.Choices, post);

    private static int IndexOf(IReadOnlyList<string> list, string s)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == s)
            {
                return i;
            }
        }
        return -1;
    }
}

namespace Chengguan.Selection;

/// <summary>A post as the matching sees it: its seats and its strict ranking of candidate ids (best first); a candidate it does not rank is unacceptable to it.</summary>
public sealed record MatchPost(string Id, int Seats, IReadOnlyList<string> Ranking);

/// <summary>A candidate as the matching sees it: the posts they want, best first.</summary>
public sealed record MatchCandidate(string Id, IReadOnlyList<string> Choices);

public sealed record MatchAssignment(string Candidate, string? Post);

/// <summary>A post's cut-off: the 1-based rank (in the post's own ranking) of the last candidate it admitted; null when it admitted nobody.</summary>
public sealed record MatchCutoff(string Post, int? LastAdmittedRank);

public sealed record MatchResult(IReadOnlyList<MatchAssignment> Assignments, IReadOnlyList<MatchCutoff> Cutoffs);

/// <summary>
/// Candidate-proposing deferred acceptance (Gale–Shapley) with capacities. Free candidates propose
/// to their next choice; a post keeps its best <c>Seats</c> proposers so far and rejects the rest, who
/// propose on. The result is stable (no candidate and post both prefer each other to what they got)
/// and, among all stable outcomes, the best one for every candidate — so a candidate gains nothing
/// by ranking posts other than as they truly prefer them.
/// Input must be well-formed (unique ids, choices naming posts, seats ≥ 0); the what-if door checks
/// that and answers field errors; here a bad input is a programming error.
/// Internally everything is int indices: one rank table per post (flat array), a heap of the
/// admitted per post keyed by rank (worst on top), a queue of free candidates. Work is bounded by
/// the total number of choices, so 2,000 candidates × 300 posts runs in about a millisecond.
/// </summary>
public static class DeferredAcceptance
{
    public static MatchResult Run(IReadOnlyList<MatchPost> posts, IReadOnlyList<MatchCandidate> candidates)
    {
        int np = posts.Count, nc = candidates.Count;
        var postIndex = new Dictionary<string, int>(np, StringComparer.Ordinal);
        for (int p = 0; p < np; p++)
        {
            if (!postIndex.TryAdd(posts[p].Id, p) || posts[p].Seats < 0)
            {
                throw new ArgumentException($"Post '{posts[p].Id}' is duplicated or has negative seats.", nameof(posts));
            }
        }
        var candidateIndex = new Dictionary<string, int>(nc, StringComparer.Ordinal);
        for (int c = 0; c < nc; c++)
        {
            if (!candidateIndex.TryAdd(candidates[c].Id, c))
            {
                throw new ArgumentException($"Candidate '{candidates[c].Id}' is duplicated.", nameof(candidates));
            }
        }

        // rankOf[c][k]: the 0-based rank of candidate c in the post of their k-th choice, -1 when that post does not rank them.
        // Filled post by post through one scratch array, so the memory is the size of the input, not posts × candidates.
        int[][] choice = new int[nc][];
        int[][] rankOf = new int[nc][];
        for (int c = 0; c < nc; c++)
        {
            IReadOnlyList<string> wants = candidates[c].Choices;
            choice[c] = new int[wants.Count];
            rankOf[c] = new int[wants.Count];
            for (int k = 0; k < wants.Count; k++)
            {
                choice[c][k] = postIndex.TryGetValue(wants[k], out int p) ? p : throw new ArgumentException($"Candidate '{candidates[c].Id}' chose unknown post '{wants[k]}'.", nameof(candidates));
            }
        }
        var byPost = new List<(int Candidate, int K)>[np];
        for (int c = 0; c < nc; c++)
        {
            for (int k = 0; k < choice[c].Length; k++)
            {
                (byPost[choice[c][k]] ??= []).Add((c, k));
            }
        }
        int[] scratch = new int[nc];
        Array.Fill(scratch, -1);
        for (int p = 0; p < np; p++)
        {
            if (byPost[p] is not { } askers)
            {
                continue;
            }
            IReadOnlyList<string> ranking = posts[p].Ranking;
            for (int r = 0; r < ranking.Count; r++)
            {
                if (candidateIndex.TryGetValue(ranking[r], out int c) && scratch[c] < 0)
                {
                    scratch[c] = r;
                }
            }
            foreach ((int c, int k) in askers)
            {
                rankOf[c][k] = scratch[c];
            }
            for (int r = 0; r < ranking.Count; r++)
            {
                if (candidateIndex.TryGetValue(ranking[r], out int c))
                {
                    scratch[c] = -1;
                }
            }
        }

        // Each post's admitted candidates, worst (largest rank) on top: the one to bump when a better proposer comes.
        var held = new PriorityQueue<int, int>[np];
        for (int p = 0; p < np; p++)
        {
            held[p] = new PriorityQueue<int, int>(Math.Min(posts[p].Seats, nc));
        }
        int[] next = new int[nc];
        int[] matched = new int[nc];
        Array.Fill(matched, -1);
        var free = new Queue<int>(nc);
        for (int c = 0; c < nc; c++)
        {
            free.Enqueue(c);
        }
        while (free.TryDequeue(out int c))
        {
            while (next[c] < choice[c].Length)
            {
                int k = next[c]++;
                int p = choice[c][k], r = rankOf[c][k];
                if (r < 0 || posts[p].Seats == 0)
                {
                    continue;
                }
                PriorityQueue<int, int> admitted = held[p];
                if (admitted.Count < posts[p].Seats)
                {
                    admitted.Enqueue(c, -r);
                    matched[c] = p;
                    break;
                }
                admitted.TryPeek(out int worst, out int negWorstRank);
                if (-negWorstRank > r)
                {
                    admitted.DequeueEnqueue(c, -r);
                    matched[c] = p;
                    matched[worst] = -1;
                    free.Enqueue(worst);
                    break;
                }
            }
        }

        var assignments = new MatchAssignment[nc];
        for (int c = 0; c < nc; c++)
        {
            assignments[c] = new MatchAssignment(candidates[c].Id, matched[c] < 0 ? null : posts[matched[c]].Id);
        }
        var cutoffs = new MatchCutoff[np];
        for (int p = 0; p < np; p++)
        {
            cutoffs[p] = new MatchCutoff(posts[p].Id, held[p].TryPeek(out _, out int negRank) ? -negRank + 1 : null);
        }
        return new MatchResult(assignments, cutoffs);
    }
}

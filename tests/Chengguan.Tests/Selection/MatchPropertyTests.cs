using Chengguan.Selection;

namespace Chengguan.Tests.Selection;

/// <summary>
/// Property tests on thousands of small seeded random instances (≤ 6 candidates, ≤ 4 posts, 0–2 seats):
/// the deferred-acceptance result respects seats and acceptability, has no blocking pair, and gives
/// every candidate their best post among all stable matchings found by brute force.
/// </summary>
public sealed class MatchPropertyTests
{
    private const int Instances = 1500;

    [Fact]
    public void The_result_respects_seats_and_places_nobody_unacceptable()
    {
        var rng = new Random(19);
        for (int i = 0; i < Instances; i++)
        {
            (List<MatchPost> posts, List<MatchCandidate> candidates) = SelectionInstances.Small(rng);
            MatchResult r = DeferredAcceptance.Run(posts, candidates);
            Assert.True(MatchProperties.Feasible(posts, candidates, MatchProperties.AsMap(r)), $"instance {i}");
            Assert.Equal(candidates.Select(c => c.Id), r.Assignments.Select(a => a.Candidate));
        }
    }

    [Fact]
    public void The_result_has_no_blocking_pair()
    {
        var rng = new Random(20);
        for (int i = 0; i < Instances; i++)
        {
            (List<MatchPost> posts, List<MatchCandidate> candidates) = SelectionInstances.Small(rng);
            Assert.True(MatchProperties.Stable(posts, candidates, DeferredAcceptance.Run(posts, candidates)), $"instance {i}");
        }
    }

    [Fact]
    public void Every_candidate_gets_their_best_post_among_all_stable_matchings()
    {
        var rng = new Random(21);
        int withChoice = 0;
        // More instances here: only about one in a hundred random instances has several stable matchings.
        for (int i = 0; i < 5 * Instances; i++)
        {
            (List<MatchPost> posts, List<MatchCandidate> candidates) = SelectionInstances.Small(rng);
            Dictionary<string, string?> da = MatchProperties.AsMap(DeferredAcceptance.Run(posts, candidates));
            List<Dictionary<string, string?>> stable = MatchProperties.AllStable(posts, candidates);
            Assert.Contains(stable, s => s.All(kv => da[kv.Key] == kv.Value));
            withChoice += stable.Count > 1 ? 1 : 0;
            foreach (MatchCandidate c in candidates)
            {
                int best = stable.Min(s => MatchProperties.Value(c, s[c.Id]));
                Assert.True(MatchProperties.Value(c, da[c.Id]) == best, $"instance {i}: {c.Id} got {da[c.Id]} but a stable matching gives a better post");
            }
        }
        // The instances must include some with several stable matchings, or optimality was never tested.
        Assert.True(withChoice > 20, $"only {withChoice} instances had more than one stable matching");
    }

    [Fact]
    public void The_checker_finds_a_blocking_pair_in_an_unstable_matching()
    {
        // Guards the property test itself: x and A prefer each other to what they have.
        MatchPost[] posts = [new("A", 1, ["x", "y"]), new("B", 1, ["x", "y"])];
        MatchCandidate[] candidates = [new("x", ["A", "B"]), new("y", ["A", "B"])];
        Assert.False(MatchProperties.Stable(posts, candidates, new Dictionary<string, string?> { ["x"] = "B", ["y"] = "A" }));
        Assert.False(MatchProperties.Stable(posts, candidates, new Dictionary<string, string?> { ["x"] = null, ["y"] = "A" }));
        Assert.True(MatchProperties.Stable(posts, candidates, new Dictionary<string, string?> { ["x"] = "A", ["y"] = "B" }));
    }
}

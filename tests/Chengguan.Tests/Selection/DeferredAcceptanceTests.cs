using Chengguan.Selection;

namespace Chengguan.Tests.Selection;

/// <summary>Worked examples of candidate-proposing deferred acceptance with seats, checked by hand.</summary>
public sealed class DeferredAcceptanceTests
{
    private static MatchPost P(string id, int seats, params string[] ranking) => new(id, seats, ranking);

    private static MatchCandidate C(string id, params string[] choices) => new(id, choices);

    private static Dictionary<string, string?> Assigned(MatchResult r) => r.Assignments.ToDictionary(a => a.Candidate, a => a.Post);

    private static Dictionary<string, int?> Cutoffs(MatchResult r) => r.Cutoffs.ToDictionary(c => c.Post, c => c.LastAdmittedRank);

    [Fact]
    public void The_classic_three_by_three_gives_every_candidate_their_first_choice_when_posts_disagree()
    {
        // Candidates all want different posts first; the posts' rankings do not matter then.
        MatchResult r = DeferredAcceptance.Run(
            [P("A", 1, "z", "y", "x"), P("B", 1, "x", "z", "y"), P("C", 1, "y", "x", "z")],
            [C("x", "A", "B", "C"), C("y", "B", "C", "A"), C("z", "C", "A", "B")]);
        Assert.Equal(new Dictionary<string, string?> { ["x"] = "A", ["y"] = "B", ["z"] = "C" }, Assigned(r));
        Assert.Equal(new Dictionary<string, int?> { ["A"] = 3, ["B"] = 3, ["C"] = 3 }, Cutoffs(r));
    }

    [Fact]
    public void A_better_ranked_later_proposer_bumps_the_worst_admitted_who_moves_on()
    {
        // x proposes to A and is held; y (ranked first by A) bumps x; x goes to B.
        MatchResult r = DeferredAcceptance.Run(
            [P("A", 1, "y", "x"), P("B", 1, "x")],
            [C("x", "A", "B"), C("y", "A")]);
        Assert.Equal("B", Assigned(r)["x"]);
        Assert.Equal("A", Assigned(r)["y"]);
        Assert.Equal(1, Cutoffs(r)["A"]);
        Assert.Equal(1, Cutoffs(r)["B"]);
    }

    [Fact]
    public void Seats_are_filled_by_rank_and_the_cutoff_is_the_rank_of_the_last_admitted()
    {
        MatchResult r = DeferredAcceptance.Run(
            [P("A", 2, "a", "b", "c", "d"), P("B", 1, "d", "c")],
            [C("a", "A"), C("b", "B", "A"), C("c", "A", "B"), C("d", "A", "B")]);
        // A holds a and b (ranks 1, 2) and refuses c and d; c goes to B, then d (B's first) bumps c, who has no choice left.
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "A", ["b"] = "A", ["c"] = null, ["d"] = "B" }, Assigned(r));
        Assert.Equal(2, Cutoffs(r)["A"]);
        Assert.Equal(1, Cutoffs(r)["B"]);
    }

    [Fact]
    public void Unranked_candidates_zero_seats_and_posts_nobody_wants_are_handled()
    {
        MatchResult r = DeferredAcceptance.Run(
            [P("A", 0, "x"), P("B", 1, "y"), P("C", 3)],
            [C("x", "A", "B"), C("y", "C", "B"), C("z")]);
        Assert.Null(Assigned(r)["x"]);   // A has no seats, B does not rank x
        Assert.Equal("B", Assigned(r)["y"]); // C ranks nobody
        Assert.Null(Assigned(r)["z"]);   // no choices
        Assert.Null(Cutoffs(r)["A"]);
        Assert.Null(Cutoffs(r)["C"]);
        Assert.Equal(1, Cutoffs(r)["B"]);
    }

    [Fact]
    public void Candidate_proposing_picks_the_candidate_optimal_of_two_stable_matchings()
    {
        // Two stable matchings exist: {x-A, y-B} (candidates' best) and {x-B, y-A} (posts' best).
        MatchResult r = DeferredAcceptance.Run(
            [P("A", 1, "y", "x"), P("B", 1, "x", "y")],
            [C("x", "A", "B"), C("y", "B", "A")]);
        Assert.Equal(new Dictionary<string, string?> { ["x"] = "A", ["y"] = "B" }, Assigned(r));
        Assert.Equal(2, Cutoffs(r)["A"]);
    }

    [Fact]
    public void Order_of_the_input_does_not_change_the_result()
    {
        MatchPost[] posts = [P("A", 1, "c", "a", "b"), P("B", 2, "a", "b", "c")];
        MatchCandidate[] candidates = [C("a", "A", "B"), C("b", "A", "B"), C("c", "B", "A")];
        Dictionary<string, string?> first = Assigned(DeferredAcceptance.Run(posts, candidates));
        Dictionary<string, string?> reversed = Assigned(DeferredAcceptance.Run([.. posts.Reverse()], [.. candidates.Reverse()]));
        Assert.Equal(first, reversed);
    }

    [Fact]
    public void Malformed_input_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => DeferredAcceptance.Run([P("A", 1), P("A", 1)], []));
        Assert.Throws<ArgumentException>(() => DeferredAcceptance.Run([P("A", -1)], []));
        Assert.Throws<ArgumentException>(() => DeferredAcceptance.Run([P("A", 1)], [C("x", "Z")]));
        Assert.Throws<ArgumentException>(() => DeferredAcceptance.Run([P("A", 1)], [C("x"), C("x")]));
    }

    [Fact]
    public void Two_thousand_candidates_over_three_hundred_posts_get_a_stable_match_within_the_seats()
    {
        // Speed is measured by the bench (selection-match, docs/performance.md), never asserted here.
        (List<MatchPost> posts, List<MatchCandidate> candidates) = SelectionInstances.Large(new Random(2026), 2000, 300, 5);
        MatchResult r = DeferredAcceptance.Run(posts, candidates);
        Assert.Equal(2000, r.Assignments.Count);
        Assert.True(MatchProperties.Stable(posts, candidates, r), "the large match should be stable");
        foreach (MatchPost post in posts)
        {
            Assert.True(r.Assignments.Count(a => a.Post == post.Id) <= post.Seats, $"{post.Id} over its seats");
        }
    }
}

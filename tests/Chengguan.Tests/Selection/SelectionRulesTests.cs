using Chengguan.Selection;

namespace Chengguan.Tests.Selection;

/// <summary>Eligibility as data, the weighted composite, the written tie-break and the explanation of a result.</summary>
public sealed class SelectionRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    private static CandidateProfile Profile(CadreGrade g = CadreGrade.Staff, int years = 5, Education e = Education.Bachelor, params string[] certs) => new(g, years, e, certs);

    [Fact]
    public void Each_eligibility_rule_is_checked_and_named()
    {
        var rules = new EligibilityRules(CadreGrade.DeputySection, 3, Education.Bachelor, ["行政执法证"]);
        Assert.True(SelectionRules.Eligible(rules, Profile(CadreGrade.Section, 3, Education.Master, "行政执法证", "驾驶证")));
        Assert.Equal(["职级须为副科级及以上"], SelectionRules.Unmet(rules, Profile(CadreGrade.Staff, 3, Education.Bachelor, "行政执法证")));
        Assert.Equal(["任职年限须满 3 年"], SelectionRules.Unmet(rules, Profile(CadreGrade.DeputySection, 2, Education.Bachelor, "行政执法证")));
        Assert.Equal(["学历须为本科及以上"], SelectionRules.Unmet(rules, Profile(CadreGrade.DeputySection, 3, Education.College, "行政执法证")));
        Assert.Equal(["须持有行政执法证"], SelectionRules.Unmet(rules, Profile(CadreGrade.DeputySection, 3, Education.Bachelor)));
        Assert.Equal(4, SelectionRules.Unmet(rules, Profile(CadreGrade.Clerk, 0, Education.HighSchool)).Count);
        Assert.True(SelectionRules.Eligible(EligibilityRules.None, Profile(CadreGrade.Clerk, 0, Education.HighSchool)));
    }

    [Fact]
    public void The_composite_weighs_the_parts_and_waits_for_every_weighted_score()
    {
        var w = new Weights(40, 30, 20, 10);
        Assert.Equal(82.5m, SelectionRules.Composite(new Scores(80, 90, 75, 85), w)); // 32 + 27 + 15 + 8.5
        Assert.Null(SelectionRules.Composite(new Scores(80, null, 75, 85), w));
        // A part without weight needs no score.
        Assert.Equal(85m, SelectionRules.Composite(new Scores(80, 90, null, null), new Weights(50, 50, 0, 0)));
    }

    [Fact]
    public void The_ranking_is_strict_by_composite_then_the_written_rule_then_service_then_application_time()
    {
        var w = new Weights(50, 50, 0, 0);
        Applicant A(string id, decimal written, decimal interview, int years, int minutes) =>
            new(id, Profile(years: years), new Scores(written, interview, null, null), T0.AddMinutes(minutes));
        Applicant[] applicants =
        [
            A("low", 60, 60, 9, 0),        // 60
            A("interview", 70, 90, 1, 0),  // 80, lower written
            A("written", 90, 70, 1, 5),    // 80, higher written
            A("senior", 80, 80, 8, 9),     // 80, written 80, long service
            A("junior-late", 80, 80, 2, 9),  // 80, written 80, short service, later
            A("junior-early", 80, 80, 2, 1), // 80, written 80, short service, earlier
        ];
        PostRanking byWritten = SelectionRules.Rank(EligibilityRules.None, applicants, w, TieBreak.WrittenThenServiceThenApplied);
        Assert.Equal(["written", "senior", "junior-early", "junior-late", "interview", "low"], byWritten.Ranked.Select(r => r.Id));
        Assert.Equal([1, 2, 3, 4, 5, 6], byWritten.Ranked.Select(r => r.Rank));
        PostRanking byInterview = SelectionRules.Rank(EligibilityRules.None, applicants, w, TieBreak.InterviewThenServiceThenApplied);
        Assert.Equal(["interview", "senior", "junior-early", "junior-late", "written", "low"], byInterview.Ranked.Select(r => r.Id));
    }

    [Fact]
    public void The_ineligible_and_those_without_scores_are_left_out_with_the_reason()
    {
        var rules = new EligibilityRules(null, 3, null, []);
        Applicant[] applicants =
        [
            new("ok", Profile(years: 5), new Scores(80, 80, 80, 80), T0),
            new("young", Profile(years: 1), new Scores(99, 99, 99, 99), T0),
            new("unscored", Profile(years: 5), new Scores(80, null, 80, 80), T0),
        ];
        PostRanking r = SelectionRules.Rank(rules, applicants, new Weights(25, 25, 25, 25), TieBreak.WrittenThenServiceThenApplied);
        Assert.Equal(["ok"], r.Ranked.Select(x => x.Id));
        Assert.Equal(Unranked.NotEligible, r.Left["young"]);
        Assert.Equal(Unranked.ScoresMissing, r.Left["unscored"]);
    }

    [Fact]
    public void The_explanation_gives_each_higher_choice_its_cutoff_beside_the_candidates_own_rank()
    {
        MatchPost[] posts = [new("A", 1, ["y", "x"]), new("B", 1, ["z"]), new("C", 1, ["x"]), new("D", 0, ["x"])];
        MatchCandidate x = new("x", ["D", "A", "B", "C"]);
        MatchCandidate[] candidates = [x, new("y", ["A"]), new("z", ["B"])];
        MatchResult result = DeferredAcceptance.Run(posts, candidates);
        var ineligible = new HashSet<(string, string)> { ("x", "B") };
        Explanation e = Explanations.For(x, result, posts.ToDictionary(p => p.Id), ineligible);
        Assert.Equal("C", e.Post);
        Assert.Equal(4, e.ResultChoice);
        Assert.Equal(
            [
                new ExplanationLine("D", 1, null, 1, ExplanationReason.NoSeats),
                new ExplanationLine("A", 2, 1, 2, ExplanationReason.RankedBelowCutoff),
                new ExplanationLine("B", 3, 1, null, ExplanationReason.NotEligible),
            ],
            e.Above);
        // A candidate with their first choice has nothing above it; an unmatched one has every choice explained.
        Assert.Empty(Explanations.For(candidates[1], result, posts.ToDictionary(p => p.Id), ineligible).Above);
        MatchResult none = DeferredAcceptance.Run([new("A", 1, ["y"])], [new("x", ["A"]), new("y", ["A"])]);
        Explanation unmatched = Explanations.For(new("x", ["A"]), none, new Dictionary<string, MatchPost> { ["A"] = new("A", 1, ["y"]) }, new HashSet<(string, string)>());
        Assert.Null(unmatched.Post);
        Assert.Equal([new ExplanationLine("A", 1, 1, null, ExplanationReason.NotRanked)], unmatched.Above);
    }
}

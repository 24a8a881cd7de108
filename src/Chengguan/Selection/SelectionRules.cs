namespace Chengguan.Selection;

/// <summary>职级, lowest first: the order is what eligibility compares.</summary>
public enum CadreGrade
{
    Clerk = 1,
    Staff = 2,
    DeputySection = 3,
    Section = 4,
    DeputyDivision = 5,
}

/// <summary>学历, lowest first.</summary>
public enum Education
{
    HighSchool = 1,
    College = 2,
    Bachelor = 3,
    Master = 4,
    Doctor = 5,
}

/// <summary>
/// The written tie-break rule of a round, applied when two composites are equal. Every rule ends on
/// the earlier application and then the candidate's id, so a ranking is always strict and the same
/// input always gives the same ranking.
/// </summary>
public enum TieBreak
{
    /// <summary>笔试成绩高者优先，其次任职年限长者，其次报名早者.</summary>
    WrittenThenServiceThenApplied,

    /// <summary>面试成绩高者优先，其次任职年限长者，其次报名早者.</summary>
    InterviewThenServiceThenApplied,
}

/// <summary>A post's eligibility rules as data: each null or empty rule asks nothing.</summary>
public sealed record EligibilityRules(CadreGrade? MinGrade, int? MinYears, Education? MinEducation, IReadOnlyList<string> Certificates)
{
    public static readonly EligibilityRules None = new(null, null, null, []);
}

/// <summary>What a candidate declares (and the personnel office checks) on applying.</summary>
public sealed record CandidateProfile(CadreGrade Grade, int ServiceYears, Education Education, IReadOnlyList<string> Certificates);

/// <summary>The four parts of the composite, 0–100 each; null until entered.</summary>
public sealed record Scores(decimal? Written, decimal? Interview, decimal? Assessment, decimal? Evaluation);

/// <summary>The composite's weights in percent; they add up to 100.</summary>
public sealed record Weights(int Written, int Interview, int Assessment, int Evaluation)
{
    public int Total => Written + Interview + Assessment + Evaluation;
}

/// <summary>One applicant of a post as its ranking sees them.</summary>
public sealed record Applicant(string Id, CandidateProfile Profile, Scores Scores, DateTimeOffset AppliedAt);

public sealed record RankedApplicant(string Id, int Rank, decimal Composite);

/// <summary>Why an applicant is not in a post's ranking.</summary>
public enum Unranked
{
    NotEligible,
    ScoresMissing,
}

public sealed record PostRanking(IReadOnlyList<RankedApplicant> Ranked, IReadOnlyDictionary<string, Unranked> Left);

/// <summary>The selection's pure rules: eligibility, the composite and the strict ranking of a post.</summary>
public static class SelectionRules
{
    /// <summary>The rules the profile fails, in words (empty when eligible).</summary>
    public static List<string> Unmet(EligibilityRules rules, CandidateProfile who)
    {
        var unmet = new List<string>();
        if (rules.MinGrade is { } g && who.Grade < g)
        {
            unmet.Add($"职级须为{SelectionText.Grade(g)}及以上");
        }
        if (rules.MinYears is { } y && who.ServiceYears < y)
        {
            unmet.Add($"任职年限须满 {y} 年");
        }
        if (rules.MinEducation is { } e && who.Education < e)
        {
            unmet.Add($"学历须为{SelectionText.Education(e)}及以上");
        }
        foreach (string cert in rules.Certificates)
        {
            if (!who.Certificates.Contains(cert, StringComparer.Ordinal))
            {
                unmet.Add($"须持有{cert}");
            }
        }
        return unmet;
    }

    public static bool Eligible(EligibilityRules rules, CandidateProfile who) => Unmet(rules, who).Count == 0;

    /// <summary>Σ weight × score / 100, rounded to two places; null when a part with a weight has no score yet.</summary>
    public static decimal? Composite(Scores s, Weights w)
    {
        decimal total = 0;
        foreach ((int weight, decimal? score) in new[] { (w.Written, s.Written), (w.Interview, s.Interview), (w.Assessment, s.Assessment), (w.Evaluation, s.Evaluation) })
        {
            if (weight == 0)
            {
                continue;
            }
            if (score is not { } v)
            {
                return null;
            }
            total += weight * v;
        }
        return Math.Round(total / 100m, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// A post's strict ranking of its applicants: the eligible ones with complete scores by composite
    /// (highest first), ties broken by the round's written rule; the others listed with the reason.
    /// </summary>
    public static PostRanking Rank(EligibilityRules rules, IEnumerable<Applicant> applicants, Weights weights, TieBreak tieBreak)
    {
        var left = new Dictionary<string, Unranked>(StringComparer.Ordinal);
        var scored = new List<(Applicant A, decimal Composite)>();
        foreach (Applicant a in applicants)
        {
            if (!Eligible(rules, a.Profile))
            {
                left[a.Id] = Unranked.NotEligible;
            }
            else if (Composite(a.Scores, weights) is { } c)
            {
                scored.Add((a, c));
            }
            else
            {
                left[a.Id] = Unranked.ScoresMissing;
            }
        }
        scored.Sort((x, y) => Compare(x.A, x.Composite, y.A, y.Composite, tieBreak));
        return new PostRanking([.. scored.Select((s, i) => new RankedApplicant(s.A.Id, i + 1, s.Composite))], left);
    }

    /// <summary>Negative when <paramref name="x"/> ranks above <paramref name="y"/>.</summary>
    public static int Compare(Applicant x, decimal cx, Applicant y, decimal cy, TieBreak tieBreak)
    {
        int by = cy.CompareTo(cx);
        if (by != 0)
        {
            return by;
        }
        by = tieBreak == TieBreak.WrittenThenServiceThenApplied
            ? (y.Scores.Written ?? -1).CompareTo(x.Scores.Written ?? -1)
            : (y.Scores.Interview ?? -1).CompareTo(x.Scores.Interview ?? -1);
        if (by != 0)
        {
            return by;
        }
        by = y.Profile.ServiceYears.CompareTo(x.Profile.ServiceYears);
        if (by != 0)
        {
            return by;
        }
        by = x.AppliedAt.CompareTo(y.AppliedAt);
        return by != 0 ? by : string.CompareOrdinal(x.Id, y.Id);
    }
}

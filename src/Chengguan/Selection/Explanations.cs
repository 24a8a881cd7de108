namespace Chengguan.Selection;

public enum ExplanationReason
{
    NotEligible,
    NotRanked,
    RankedBelowCutoff,
    NoSeats,
}

/// <summary>One post the candidate ranked above their result: its last admitted rank and the candidate's own rank there.</summary>
public sealed record ExplanationLine(string Post, int Choice, int? LastAdmittedRank, int? OwnRank, ExplanationReason Reason);

public sealed record Explanation(string Candidate, string? Post, int? ResultChoice, IReadOnlyList<ExplanationLine> Above);

/// <summary>
/// Why a candidate got what they got: for each post they chose before their result (all of them when
/// unmatched), the post's last admitted rank beside their own — in a stable match their own is
/// always worse, or they were not eligible / not ranked there.
/// </summary>
public static class Explanations
{
    /// <param name="ineligible">(candidate, post) pairs the post found not eligible; other unranked pairs had incomplete scores.</param>
    public static Explanation For(MatchCandidate candidate, MatchResult result, IReadOnlyDictionary<string, MatchPost> posts, ISet<(string Candidate, string Post)> ineligible)
    {
        string? got = result.Assignments.First(a => a.Candidate == candidate.Id).Post;
        var cutoffs = result.Cutoffs.ToDictionary(c => c.Post, c => c.LastAdmittedRank, StringComparer.Ordinal);
        var lines = new List<ExplanationLine>();
        int? resultChoice = null;
        for (int k = 0; k < candidate.Choices.Count; k++)
        {
            string p = candidate.Choices[k];
            if (p == got)
            {
                resultChoice = k + 1;
                break;
            }
            MatchPost post = posts[p];
            int index = IndexOf(post.Ranking, candidate.Id);
            int? own = index < 0 ? null : index + 1;
            ExplanationReason reason = own is not null ? (post.Seats == 0 ? ExplanationReason.NoSeats : ExplanationReason.RankedBelowCutoff)
                : ineligible.Contains((candidate.Id, p)) ? ExplanationReason.NotEligible : ExplanationReason.NotRanked;
            lines.Add(new ExplanationLine(p, k + 1, cutoffs[p], own, reason));
        }
        return new Explanation(candidate.Id, got, resultChoice, lines);
    }

    private static int IndexOf(IReadOnlyList<string> ranking, string id)
    {
        for (int i = 0; i < ranking.Count; i++)
        {
            if (ranking[i] == id)
            {
                return i;
            }
        }
        return -1;
    }
}

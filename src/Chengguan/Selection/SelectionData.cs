using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Selection;

/// <summary>A round read whole, with names: what the rankings, the match and the pages are built from.</summary>
public sealed record RoundData(
    SelectionRound Round, IReadOnlyList<SelectionPost> Posts, IReadOnlyList<SelectionCandidate> Candidates,
    ILookup<Guid, SelectionChoice> Choices, IReadOnlyDictionary<Guid, string> UnitNames, IReadOnlyDictionary<Guid, string> PersonNames)
{
    public string PostName(Guid postId) => Posts.First(p => p.Id == postId) is var p ? $"{UnitNames[p.UnitId]} · {p.Title}" : "";

    public string Name(SelectionCandidate c) => PersonNames.GetValueOrDefault(c.PersonId, "");

    public static EligibilityRules Rules(SelectionPost p) => new(p.MinGrade, p.MinYears, p.MinEducation, Split(p.Certificates));

    public static CandidateProfile Profile(SelectionCandidate c) => new(c.Grade, c.ServiceYears, c.Education, Split(c.Certificates));

    public static Scores ScoresOf(SelectionCandidate c) => new(c.Written, c.Interview, c.Assessment, c.Evaluation);

    public static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split('、');

    /// <summary>Each post's strict ranking of those who chose it.</summary>
    public Dictionary<Guid, PostRanking> Rankings()
    {
        var byPost = Candidates.SelectMany(c => Choices[c.Id].Select(ch => (ch.PostId, c))).ToLookup(x => x.PostId, x => x.c);
        return Posts.ToDictionary(p => p.Id, p => SelectionRules.Rank(Rules(p),
            byPost[p.Id].Select(c => new Applicant(c.Id.ToString(), Profile(c), ScoresOf(c), c.AppliedAt)), Round.Weights, Round.TieBreak));
    }

    /// <summary>The matching's input: posts with their rankings, candidates with their choices in order (ids as text).</summary>
    public (List<MatchPost> Posts, List<MatchCandidate> Candidates) MatchInput(Dictionary<Guid, PostRanking> rankings) =>
        ([.. Posts.Select(p => new MatchPost(p.Id.ToString(), p.Seats, [.. rankings[p.Id].Ranked.Select(r => r.Id)]))],
         [.. Candidates.OrderBy(c => c.AppliedAt).ThenBy(c => c.Id)
             .Select(c => new MatchCandidate(c.Id.ToString(), [.. Choices[c.Id].OrderBy(ch => ch.Preference).Select(ch => ch.PostId.ToString())]))]);
}

/// <summary>Reads a round for the selection's doors (the register's names are read, never written).</summary>
public sealed class SelectionData(AppDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RoundData?> LoadAsync(Guid roundId, CancellationToken ct)
    {
        if (await db.SelectionRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return null;
        }
        List<SelectionPost> posts = await db.SelectionPosts.AsNoTracking().Where(p => p.RoundId == roundId).OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(ct);
        List<SelectionCandidate> candidates = await db.SelectionCandidates.AsNoTracking().Where(c => c.RoundId == roundId).OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).ToListAsync(ct);
        List<SelectionChoice> choices = await db.SelectionChoices.AsNoTracking()
            .Where(ch => db.SelectionCandidates.Any(c => c.Id == ch.CandidateId && c.RoundId == roundId)).ToListAsync(ct);
        List<Guid> unitIds = [.. posts.Select(p => p.UnitId).Distinct()];
        List<Guid> personIds = [.. candidates.Select(c => c.PersonId).Distinct()];
        Dictionary<Guid, string> units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Dictionary<Guid, string> people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return new RoundData(round, posts, candidates, choices.ToLookup(c => c.CandidateId), units, people);
    }

    public async Task<(SelectionRun Run, StoredRun Stored)?> LatestRunAsync(Guid roundId, CancellationToken ct)
    {
        SelectionRun? run = await db.SelectionRuns.AsNoTracking().Where(r => r.RoundId == roundId).OrderByDescending(r => r.Seq).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }
        var input = JsonSerializer.Deserialize<RunInput>(run.InputJson, Json)!;
        var result = JsonSerializer.Deserialize<MatchResult>(run.ResultJson, Json)!;
        return (run, new StoredRun(input.Posts, input.Candidates, result));
    }

    /// <summary>The stored input of a run: the rankings and choices it ran on, plus the pairs left out as not eligible.</summary>
    public sealed record RunInput(List<MatchPost> Posts, List<MatchCandidate> Candidates, List<string[]> Ineligible);

    public async Task<RunInput?> LatestInputAsync(Guid roundId, CancellationToken ct)
    {
        string? json = await db.SelectionRuns.AsNoTracking().Where(r => r.RoundId == roundId).OrderByDescending(r => r.Seq).Select(r => r.InputJson).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<RunInput>(json, Json);
    }
}

using System.Text.Json;

namespace Chengguan.Evaluation;

/// <summary>A group's part of a kept result (evaluation_results.GroupsJson).</summary>
public sealed record StoredGroup(RaterGroup Group, int Raters, int Counted, bool Shown, decimal? Score, decimal[]? ItemMeans);

/// <summary>Turns a closed round's answer sheets into each cadre's kept result with the pure <see cref="EvaluationRules"/>.</summary>
public static class EvaluationTally
{
    public static List<EvaluationResult> Results(EvaluationRound round, IReadOnlyList<EvaluationCadre> cadres, IReadOnlyList<EvaluationAnswer> answers, int items)
    {
        ILookup<(Guid, RaterGroup), EvaluationAnswer> byCadre = answers.ToLookup(a => (a.CadreId, a.Group));
        var computed = cadres.Select(c =>
        {
            GroupResult[] groups = [.. Enum.GetValues<RaterGroup>().Select(g => EvaluationRules.Group(g,
                [.. byCadre[(c.Id, g)].Select(a => new Sheet(a.Score, JsonSerializer.Deserialize<int[]>(a.PointsJson)!))], items))];
            return (Cadre: c, Groups: groups, Total: EvaluationRules.WeightedTotal(groups, round.Weights));
        }).ToList();
        Dictionary<Guid, int> ranks = EvaluationRules.Ranks(computed.Select(x => (x.Cadre.Id, x.Total)));
        return [.. computed.Select(x => new EvaluationResult
        {
            RoundId = round.Id, CadreId = x.Cadre.Id, PersonId = x.Cadre.PersonId, Total = x.Total, Rank = ranks.TryGetValue(x.Cadre.Id, out int r) ? r : null,
            GroupsJson = JsonSerializer.Serialize(x.Groups.Select(g => new StoredGroup(g.Group, g.Raters, g.Counted, g.Shown, g.Score, g.ItemMeans)), EvaluationData.Json),
        })];
    }

    public static StoredGroup[] Groups(EvaluationResult r) => JsonSerializer.Deserialize<StoredGroup[]>(r.GroupsJson, EvaluationData.Json)!;

    public static GroupResultDto Dto(StoredGroup g, GroupWeights weights) => new(
        g.Group, EvaluationText.Group(g.Group), weights.Of(g.Group), g.Raters, g.Counted, g.Shown, g.Shown && g.Counted < g.Raters,
        g.Score, g.ItemMeans, g.Shown ? (g.Counted < g.Raters ? $"{g.Raters} 人评价，去掉一个最高分和一个最低分" : $"{g.Raters} 人评价") : EvaluationText.TooFew);
}

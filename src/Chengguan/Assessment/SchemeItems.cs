using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chengguan.Assessment;

/// <summary>
/// One indicator of a scheme: code, Chinese name, source (a computed source's code, <see cref="SchemeItem.Manual"/>
/// for an assessor's score, or <see cref="SchemeItem.UnitScore"/> for an officer's share of the unit's total),
/// direction, method and its parameters, and its weight (the points it is worth; a scheme's weights add up to 100).
/// </summary>
public sealed record SchemeItem(
    string Code, string Name, string Source, Direction Direction, ScoringMethod Method, decimal Weight,
    decimal? Floor = null, decimal? Target = null, decimal? PassMark = null)
{
    public const string Manual = "manual";
    public const string UnitScore = "unit";

    public bool IsManual => Source == Manual;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(IEnumerable<SchemeItem> items) => JsonSerializer.Serialize(items, Json);

    public static List<SchemeItem> Read(string json) => JsonSerializer.Deserialize<List<SchemeItem>>(json, Json) ?? [];
}

/// <summary>
/// The indicator library: the bureau's default scheme for each assessed kind, from which a first version is made
/// (the leader then edits weights and targets and saves a new version). Rates are fractions (0.95 = 95%).
/// </summary>
public static class IndicatorLibrary
{
    private static SchemeItem Rate(string code, string name, string source, decimal weight, decimal floor, decimal target) =>
        new(code, name, source, floor < target ? Direction.HigherBetter : Direction.LowerBetter, ScoringMethod.Linear, weight, floor, target);

    private static SchemeItem ManualScore(string code, string name, decimal weight) =>
        new(code, name, SchemeItem.Manual, Direction.HigherBetter, ScoringMethod.Linear, weight, 0, 100);

    public static IReadOnlyList<SchemeItem> Defaults(AssessedKind kind) => kind switch
    {
        AssessedKind.StreetTeam =>
        [
            Rate("on-time-accept", "按时签收率", "kpis", 5, 0.8m, 1m),
            Rate("on-time-on-site", "按时到场率", "kpis", 5, 0.8m, 1m),
            Rate("on-time-preliminary", "初步结果按时反馈率", "kpis", 5, 0.8m, 1m),
            Rate("on-time-closure", "按期结案率", "kpis", 15, 0.8m, 1m),
            Rate("closure", "结案率", "kpis", 5, 0.6m, 0.95m),
            Rate("rework", "返工率", "kpis", 10, 0.2m, 0.02m),
            Rate("satisfaction", "回访满意率", "kpis", 10, 0.7m, 0.95m),
            Rate("survey-enforcement", "城管执法工作市民满意度（测评）", "surveys", 5, 0.6m, 0.9m),
            Rate("survey-cityscape", "市容环境卫生公众满意度（测评）", "surveys", 5, 0.6m, 0.9m),
            new("proactive-discovery", "主动发现率", "kpis", Direction.HigherBetter, ScoringMethod.Ranking, 10),
            Rate("demolition-completion", "拆违任务完成率", "demolition", 5, 0.5m, 1m),
            Rate("supervision-score", "督查抽查得分率", "supervision", 5, 0.6m, 0.95m),
            new("directive-on-time", "督办事项按时办结率", "directives", Direction.HigherBetter, ScoringMethod.PassFail, 5, PassMark: 0.9m),
            Rate("training-coverage", "培训学时达标率", "training", 5, 0.6m, 1m),
            ManualScore("team-building", "队伍建设", 5),
        ],
        AssessedKind.Squad =>
        [
            Rate("on-time-closure", "按期结案率", "kpis", 20, 0.8m, 1m),
            Rate("closure", "结案率", "kpis", 15, 0.6m, 0.95m),
            Rate("rework", "返工率", "kpis", 15, 0.2m, 0.02m),
            Rate("satisfaction", "回访满意率", "kpis", 15, 0.7m, 0.95m),
            new("proactive-discovery", "主动发现率", "kpis", Direction.HigherBetter, ScoringMethod.Ranking, 10),
            Rate("directive-on-time", "督办事项按时办结率", "directives", 10, 0.6m, 1m),
            Rate("training-coverage", "培训学时达标率", "training", 5, 0.6m, 1m),
            ManualScore("team-building", "队伍建设", 10),
        ],
        AssessedKind.Section =>
        [
            Rate("directive-on-time", "督办事项按时办结率", "directives", 40, 0.6m, 1m),
            Rate("training-coverage", "培训学时达标率", "training", 10, 0.6m, 1m),
            ManualScore("work-results", "工作实绩", 30),
            ManualScore("service", "服务基层", 20),
        ],
        _ =>
        [
            Rate("on-time-closure", "按期结案率（本人）", "kpis", 25, 0.8m, 1m),
            Rate("rework", "返工率（本人）", "kpis", 15, 0.2m, 0.02m),
            Rate("satisfaction", "回访满意率（本人）", "kpis", 20, 0.7m, 0.95m),
            Rate("training-hours", "培训学时完成率（本人）", "training", 10, 0.5m, 1m),
            new(SchemeItem.UnitScore, "所在单位得分", SchemeItem.UnitScore, Direction.HigherBetter, ScoringMethod.Linear, 20, 60, 100),
            ManualScore("conduct", "个人表现", 10),
        ],
    };

    public static string KindName(AssessedKind kind) => kind switch
    {
        AssessedKind.StreetTeam => "街镇中队",
        AssessedKind.Squad => "直属中队",
        AssessedKind.Section => "机关科室",
        _ => "执法队员",
    };

    public static string MethodName(ScoringMethod method) => method switch
    {
        ScoringMethod.Linear => "线性计分",
        ScoringMethod.Ranking => "排名计分",
        _ => "达标计分",
    };
}

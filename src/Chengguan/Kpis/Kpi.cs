namespace Chengguan.Kpis;

/// <summary>
/// One KPI as tables and the drill-down name it: its code in URLs, its Chinese name and the
/// labels of its numerator and denominator. KPIs that share a denominator label share its count.
/// </summary>
public sealed record KpiDefinition(string Code, string Name, string NumeratorLabel, string DenominatorLabel, bool HigherIsBetter);

/// <summary>The catalogue of KPIs, in the order tables show them (README.md has each formula).</summary>
public static class Kpi
{
    public const string OnTimeAccept = "on-time-accept";
    public const string OnTimeOnSite = "on-time-on-site";
    public const string OnTimePreliminary = "on-time-preliminary";
    public const string OnTimeClosure = "on-time-closure";
    public const string Closure = "closure";
    public const string ProactiveDiscovery = "proactive-discovery";
    public const string Rework = "rework";
    public const string Satisfaction = "satisfaction";
    public const string Resolution = "resolution";
    public const string ReplyQuality = "reply-quality";

    /// <summary>The league table is sorted by this KPI unless the caller names another.</summary>
    public const string DefaultSort = OnTimeClosure;

    public static readonly IReadOnlyList<KpiDefinition> All =
    [
        new(OnTimeAccept, "按时签收率", "按时签收数", "应签收数", true),
        new(OnTimeOnSite, "按时到场率", "按时到场数", "应到场数", true),
        new(OnTimePreliminary, "初步结果按时反馈率", "按时反馈初步结果数", "应反馈初步结果数", true),
        new(OnTimeClosure, "按期结案率", "按期结案数", "应结案数", true),
        new(Closure, "结案率", "结案数", "立案数", true),
        new(ProactiveDiscovery, "主动发现率", "主动发现数", "立案数", true),
        new(Rework, "返工率", "返工数", "处置数", false),
        new(Satisfaction, "满意率", "满意数（含基本满意）", "回访数", true),
        new(Resolution, "解决率", "已解决数", "回访数", true),
        new(ReplyQuality, "答复合格率", "答复未退回数", "答复数", true),
    ];

    private static readonly Dictionary<string, KpiDefinition> s_byCode = All.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);

    public static KpiDefinition? Find(string? code) => code is null ? null : s_byCode.GetValueOrDefault(code);

    public static string Codes => string.Join("、", All.Select(d => d.Code));
}

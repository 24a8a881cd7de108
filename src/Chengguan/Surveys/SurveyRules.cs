using System.Globalization;
using System.Text.RegularExpressions;

namespace Chengguan.Surveys;

/// <summary>The rules of a survey's set-up that are not single-field checks: its period, scale and indicator tree.</summary>
public static partial class SurveyRules
{
    public const int MaxIndicators = 100;

    /// <summary>Headers of the respondent file that no indicator may be named after.</summary>
    public static readonly string[] ReservedCodes = ["respondent", "street", "overall", "indicator", "mean", "n", "sd"];

    /// <summary>The column and summary name of the overall satisfaction question.</summary>
    public const string Overall = "overall";

    [GeneratedRegex("^(20[0-9]{2})H([12])$")]
    private static partial Regex PeriodPattern();

    /// <summary>The first and last day of a half-year period (2026H1 → 1 January–30 June 2026); null when it is no period.</summary>
    public static (DateOnly From, DateOnly To)? Days(string period)
    {
        Match m = PeriodPattern().Match(period);
        if (!m.Success)
        {
            return null;
        }
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value == "1" ? (new DateOnly(year, 1, 1), new DateOnly(year, 6, 30)) : (new DateOnly(year, 7, 1), new DateOnly(year, 12, 31));
    }

    /// <summary>The half-year a day lies in, e.g. 2026H2.</summary>
    public static string PeriodOf(DateOnly day) => $"{day.Year.ToString(CultureInfo.InvariantCulture)}H{(day.Month <= 6 ? 1 : 2)}";

    /// <summary>The half-year before (2026H1 → 2025H2).</summary>
    public static string Previous(string period) =>
        period.EndsWith("H2", StringComparison.Ordinal) ? period[..4] + "H1" : (int.Parse(period[..4], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture) + "H2";

    public static void Check(SurveyInput input, Infrastructure.FieldErrors errors)
    {
        if (input.ScaleMin is { } min && input.ScaleMax is { } max && min >= max)
        {
            errors.Add("scaleMax", "评分上限须大于下限");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < (input.Indicators?.Count ?? 0); i++)
        {
            IndicatorInput ind = input.Indicators![i];
            if (ind.Code is not { } code)
            {
                continue;
            }
            if (ReservedCodes.Contains(code, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"indicators[{i}].code", $"指标编码不能为 {code}（导入文件的保留列名）");
            }
            else if (!seen.Add(code))
            {
                errors.Add($"indicators[{i}].code", $"指标编码 {code} 重复");
            }
            // A parent named earlier in the list: the tree has no cycles and a page can draw it in one pass.
            if (!string.IsNullOrWhiteSpace(ind.Parent) && (!seen.Contains(ind.Parent) || string.Equals(ind.Parent, code, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"indicators[{i}].parent", $"上级指标 {ind.Parent} 须为列表中更靠前的指标");
            }
        }
    }
}

/// <summary>The two kinds of survey the bureau commissions every half-year: reference data every installation starts with.</summary>
public static class SurveyKinds
{
    public const string Enforcement = "enforcement";
    public const string Cityscape = "cityscape";

    public static readonly (string Code, string Name)[] Seeded =
    [
        (Enforcement, "城管执法工作市民满意度测评"),
        (Cityscape, "市容环境卫生状况社会公众满意度测评"),
    ];

    public static IEnumerable<SurveyKind> Missing(IReadOnlyCollection<string> existing) =>
        Seeded.Select((k, i) => (k, i)).Where(x => !existing.Contains(x.k.Code)).Select(x => new SurveyKind { Code = x.k.Code, Name = x.k.Name, SortOrder = x.i + 1 });
}

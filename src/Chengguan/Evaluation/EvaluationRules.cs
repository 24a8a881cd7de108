namespace Chengguan.Evaluation;

/// <summary>Group weights in percent (局领导/中层互评/下属), adding up to 100.</summary>
public sealed record GroupWeights(int Leaders, int Peers, int Subordinates)
{
    public static readonly GroupWeights Default = new(50, 25, 25);

    public int Of(RaterGroup g) => g switch
    {
        RaterGroup.Leaders => Leaders,
        RaterGroup.Peers => Peers,
        _ => Subordinates,
    };
}

/// <summary>A two-month period of the Asia/Shanghai calendar: 第1期 = January–February … 第6期 = November–December.</summary>
public readonly record struct BimonthlyPeriod(int Year, int Number) : IComparable<BimonthlyPeriod>
{
    public static BimonthlyPeriod Of(DateOnly day) => new(day.Year, (day.Month + 1) / 2);

    public static bool IsValid(int year, int number) => year is >= 2000 and <= 2100 && number is >= 1 and <= 6;

    public DateOnly First => new(Year, Number * 2 - 1, 1);

    public DateOnly Last => new DateOnly(Year, Number * 2, 1).AddMonths(1).AddDays(-1);

    public BimonthlyPeriod Next => Number == 6 ? new(Year + 1, 1) : new(Year, Number + 1);

    public BimonthlyPeriod Previous => Number == 1 ? new(Year - 1, 6) : new(Year, Number - 1);

    /// <summary>Consecutive periods have consecutive ordinals: for ordering and for "n periods apart".</summary>
    public int Ordinal => Year * 6 + Number - 1;

    public bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>2026年第6期（11–12月）.</summary>
    public string Label => $"{Year}年第{Number}期（{Number * 2 - 1}–{Number * 2}月）";

    public int CompareTo(BimonthlyPeriod other) => Ordinal.CompareTo(other.Ordinal);
}

/// <summary>One group's aggregate for a cadre: shown only with enough raters; trimmed when large enough.</summary>
public sealed record GroupResult(RaterGroup Group, int Raters, int Counted, bool Shown, decimal? Score, decimal[]? ItemMeans);

/// <summary>An answer sheet as the rules read it: the 0–100 score and the points per item.</summary>
public sealed record Sheet(decimal Score, int[] Points);

/// <summary>
/// The evaluation's pure rules: a group is shown only with <see cref="MinimumRaters"/> sheets; with
/// <see cref="TrimFrom"/> or more, the sheet with the highest score and the one with the lowest are
/// dropped before averaging; the weighted total re-normalises the weights over the groups shown; ranks
/// are competition ranks (1, 2, 2, 4) on the total rounded to two decimals.
/// </summary>
public static class EvaluationRules
{
    public const int MinimumRaters = 3;

    public const int TrimFrom = 5;

    /// <summary>The sheets that count: all, or all but one highest and one lowest (by score; ties broken by the points, then order) from five on.</summary>
    public static IReadOnlyList<Sheet> Trim(IReadOnlyList<Sheet> sheets)
    {
        if (sheets.Count < TrimFrom)
        {
            return sheets;
        }
        var ordered = sheets.Select((s, i) => (s, i)).OrderBy(x => x.s.Score).ThenBy(x => string.Join(',', x.s.Points), StringComparer.Ordinal).ThenBy(x => x.i).ToList();
        return [.. ordered.Skip(1).Take(ordered.Count - 2).OrderBy(x => x.i).Select(x => x.s)];
    }

    /// <summary>A group's result: hidden (no score, no item means) under three sheets.</summary>
    public static GroupResult Group(RaterGroup group, IReadOnlyList<Sheet> sheets, int items)
    {
        if (sheets.Count < MinimumRaters)
        {
            return new GroupResult(group, sheets.Count, 0, false, null, null);
        }
        IReadOnlyList<Sheet> counted = Trim(sheets);
        decimal score = Round(counted.Average(s => s.Score));
        decimal[] means = [.. Enumerable.Range(0, items).Select(i => Round(counted.Average(s => (decimal)(i < s.Points.Length ? s.Points[i] : 0))))];
        return new GroupResult(group, sheets.Count, counted.Count, true, score, means);
    }

    /// <summary>
    /// Σ weight × score / Σ weight over the groups shown (a hidden group's weight is spread over the others in
    /// proportion); null when no group is shown or the shown groups weigh nothing.
    /// </summary>
    public static decimal? WeightedTotal(IEnumerable<GroupResult> groups, GroupWeights weights)
    {
        decimal sum = 0, weight = 0;
        foreach (GroupResult g in groups.Where(g => g.Shown && g.Score is not null))
        {
            sum += weights.Of(g.Group) * g.Score!.Value;
            weight += weights.Of(g.Group);
        }
        return weight == 0 ? null : Round(sum / weight);
    }

    /// <summary>Competition ranks by total, highest first: equal totals share a rank and the next rank skips (1, 2, 2, 4). No total, no rank.</summary>
    public static Dictionary<TKey, int> Ranks<TKey>(IEnumerable<(TKey Key, decimal? Total)> totals) where TKey : notnull
    {
        var ranked = totals.Where(t => t.Total is not null).Select(t => (t.Key, Total: Round(t.Total!.Value))).OrderByDescending(t => t.Total).ToList();
        var ranks = new Dictionary<TKey, int>();
        for (int i = 0; i < ranked.Count; i++)
        {
            ranks[ranked[i].Key] = i > 0 && ranked[i].Total == ranked[i - 1].Total ? ranks[ranked[i - 1].Key] : i + 1;
        }
        return ranks;
    }

    /// <summary>A sheet's score on 0–100: the mean of the items' points over the scale's top.</summary>
    public static decimal SheetScore(IReadOnlyList<int> points, int top) =>
        top <= 0 || points.Count == 0 ? 0 : Round(points.Average(p => (decimal)p) * 100 / top);

    public static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}

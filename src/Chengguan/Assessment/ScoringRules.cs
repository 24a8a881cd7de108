namespace Chengguan.Assessment;

public enum Direction
{
    /// <summary>More is better (on-time rates, satisfaction).</summary>
    HigherBetter,

    /// <summary>Less is better (rework rate).</summary>
    LowerBetter,
}

public enum ScoringMethod
{
    /// <summary>Straight line from the floor (no points) to the target (full points), clamped at both ends.</summary>
    Linear,

    /// <summary>The rank among peers of the same kind mapped to points: rank 1 full, each place below one share less.</summary>
    Ranking,

    /// <summary>Full points when the pass mark is reached, none otherwise.</summary>
    PassFail,
}

/// <summary>The total's thresholds (inclusive lower bounds) of the bands 优秀、良好、合格、基本合格; below the last is 不合格.</summary>
public sealed record Bands(decimal Excellent, decimal Good, decimal Pass, decimal BasicPass)
{
    public static readonly Bands Default = new(90, 80, 70, 60);

    public const string ExcellentName = "优秀", GoodName = "良好", PassName = "合格", BasicPassName = "基本合格", FailName = "不合格";

    public static readonly IReadOnlyList<string> Names = [ExcellentName, GoodName, PassName, BasicPassName, FailName];

    public bool Ordered => Excellent > Good && Good > Pass && Pass > BasicPass && BasicPass >= 0;
}

/// <summary>
/// The scoring rules of the assessment, pure (no database, no clock): points of one indicator by its method,
/// ranks among peers, the capped bonus and deduction, the band of a total. Points are rounded half away from
/// zero to two places. A missing value (no business of that kind in the period, so no denominator) costs
/// nothing: the indicator scores its full weight (无此项业务不扣分) and the line says so.
/// </summary>
public static class ScoringRules
{
    public const int Decimals = 2;

    public static decimal Round(decimal points) => Math.Round(points, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Linear between <paramref name="floor"/> (0 points) and <paramref name="target"/> (full weight), clamped. For a
    /// higher-is-better indicator the target lies above the floor; for lower-is-better below it.
    /// </summary>
    public static decimal Linear(decimal? value, decimal floor, decimal target, decimal weight, Direction direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        if (direction == Direction.HigherBetter ? target <= floor : target >= floor)
        {
            throw new ArgumentException("The target must lie beyond the floor in the indicator's direction.", nameof(target));
        }
        if (value is not { } v)
        {
            return weight;
        }
        decimal share = (v - floor) / (target - floor);
        return Round(weight * Math.Clamp(share, 0m, 1m));
    }

    /// <summary>Full weight when the pass mark is reached (at or above it, at or below for lower-is-better), else 0.</summary>
    public static decimal PassFail(decimal? value, decimal passMark, decimal weight, Direction direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        if (value is not { } v)
        {
            return weight;
        }
        return (direction == Direction.HigherBetter ? v >= passMark : v <= passMark) ? weight : 0m;
    }

    /// <summary>
    /// Competition ranks (1, 1, 3…) of the subjects that have a value, best first in the indicator's direction; equal
    /// values share a rank. Subjects without a value have none.
    /// </summary>
    public static Dictionary<Guid, int> Ranks(IEnumerable<KeyValuePair<Guid, decimal?>> values, Direction direction)
    {
        List<KeyValuePair<Guid, decimal>> known = [.. values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value!.Value))];
        known.Sort((a, b) => direction == Direction.HigherBetter ? b.Value.CompareTo(a.Value) : a.Value.CompareTo(b.Value));
        var ranks = new Dictionary<Guid, int>();
        for (int i = 0; i < known.Count; i++)
        {
            ranks[known[i].Key] = i > 0 && known[i].Value == known[i - 1].Value ? ranks[known[i - 1].Key] : i + 1;
        }
        return ranks;
    }

    /// <summary>Rank <paramref name="rank"/> of <paramref name="ranked"/> peers: weight × (n − rank + 1) ÷ n; no rank (no value) is full weight.</summary>
    public static decimal RankPoints(int? rank, int ranked, decimal weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        if (rank is not { } r)
        {
            return weight;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(r, ranked);
        return Round(weight * (ranked - r + 1) / ranked);
    }

    /// <summary>Bonuses (positive points) summed and capped, deductions (negative) summed and capped: the net change.</summary>
    public static (decimal Bonus, decimal Deduction) Adjustments(IEnumerable<decimal> points, decimal bonusCap, decimal deductionCap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bonusCap);
        ArgumentOutOfRangeException.ThrowIfNegative(deductionCap);
        decimal bonus = 0, deduction = 0;
        foreach (decimal p in points)
        {
            if (p > 0)
            {
                bonus += p;
            }
            else
            {
                deduction -= p;
            }
        }
        return (Math.Min(bonus, bonusCap), Math.Min(deduction, deductionCap));
    }

    /// <summary>The band of a total (thresholds are inclusive lower bounds).</summary>
    public static string Band(decimal total, Bands bands) =>
        total >= bands.Excellent ? Bands.ExcellentName
        : total >= bands.Good ? Bands.GoodName
        : total >= bands.Pass ? Bands.PassName
        : total >= bands.BasicPass ? Bands.BasicPassName
        : Bands.FailName;
}

namespace Chengguan.Kpis;

/// <summary>A rate with the counts it comes from; <see cref="Rate"/> is null when nothing was due (denominator 0).</summary>
public readonly record struct KpiValue(long Numerator, long Denominator, decimal? Rate);

/// <summary>One KPI of one row as the API answers it.</summary>
public sealed record KpiResult(string Kpi, string Name, long Numerator, long Denominator, decimal? Rate);

/// <summary>
/// The raw counts of one row (a street, a unit, or the total), as the database counts them.
/// Every count belongs to exactly one case, so a total is the sum of its rows.
/// </summary>
public sealed class KpiCounts
{
    public long AcceptMet { get; set; }
    public long AcceptBreached { get; set; }
    public long OnSiteMet { get; set; }
    public long OnSiteBreached { get; set; }
    public long PreliminaryMet { get; set; }
    public long PreliminaryBreached { get; set; }

    /// <summary>Handling (hotline) and disposal (grid) clocks met or breached.</summary>
    public long ClosureMet { get; set; }
    public long ClosureBreached { get; set; }

    public long Filed { get; set; }
    public long FiledClosed { get; set; }
    public long FiledProactive { get; set; }

    public long Handlings { get; set; }
    public long Reworks { get; set; }
    public long Rehandles { get; set; }

    /// <summary>Callbacks answered 满意 or 基本满意 (timeline "Callback"); 不满意 is a "Rehandle".</summary>
    public long CallbacksSatisfied { get; set; }
    public long CallbacksDissatisfied { get; set; }
    public long CallbacksResolved { get; set; }

    public long Replies { get; set; }
    public long RepliesReturned { get; set; }

    /// <summary>Adds the met and breached clocks of one clock KPI.</summary>
    public void AddClocks(string kpi, long met, long breached)
    {
        switch (kpi)
        {
            case Kpi.OnTimeAccept:
                (AcceptMet, AcceptBreached) = (AcceptMet + met, AcceptBreached + breached);
                break;
            case Kpi.OnTimeOnSite:
                (OnSiteMet, OnSiteBreached) = (OnSiteMet + met, OnSiteBreached + breached);
                break;
            case Kpi.OnTimePreliminary:
                (PreliminaryMet, PreliminaryBreached) = (PreliminaryMet + met, PreliminaryBreached + breached);
                break;
            case Kpi.OnTimeClosure:
                (ClosureMet, ClosureBreached) = (ClosureMet + met, ClosureBreached + breached);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Not a clock KPI.");
        }
    }

    /// <summary>Adds timeline lines of one action (the "resolved" count matters only for callbacks and re-handles).</summary>
    public void AddEvents(string action, long count, long resolved)
    {
        switch (action)
        {
            case nameof(Cases.CaseAction.Handle):
                Handlings += count;
                break;
            case nameof(Cases.CaseAction.Rework):
                Reworks += count;
                break;
            case nameof(Cases.CaseAction.Reply):
                Replies += count;
                break;
            case nameof(Cases.CaseAction.Callback):
                CallbacksSatisfied += count;
                CallbacksResolved += resolved;
                break;
            case nameof(Cases.CaseAction.Rehandle):
                // A 不满意 callback is recorded as the re-handle it starts: one rework and one answered callback.
                Rehandles += count;
                CallbacksDissatisfied += count;
                CallbacksResolved += resolved;
                break;
        }
    }

    public KpiCounts Add(KpiCounts o)
    {
        AcceptMet += o.AcceptMet;
        AcceptBreached += o.AcceptBreached;
        OnSiteMet += o.OnSiteMet;
        OnSiteBreached += o.OnSiteBreached;
        PreliminaryMet += o.PreliminaryMet;
        PreliminaryBreached += o.PreliminaryBreached;
        ClosureMet += o.ClosureMet;
        ClosureBreached += o.ClosureBreached;
        Filed += o.Filed;
        FiledClosed += o.FiledClosed;
        FiledProactive += o.FiledProactive;
        Handlings += o.Handlings;
        Reworks += o.Reworks;
        Rehandles += o.Rehandles;
        CallbacksSatisfied += o.CallbacksSatisfied;
        CallbacksDissatisfied += o.CallbacksDissatisfied;
        CallbacksResolved += o.CallbacksResolved;
        Replies += o.Replies;
        RepliesReturned += o.RepliesReturned;
        return this;
    }
}

/// <summary>
/// Every rate from its counts, one formula each (domain.md, "Rates"). Pure: no database, no clock.
/// A rate is a fraction rounded half away from zero to <see cref="RateDecimals"/> places
/// (0.01 %); a zero denominator gives null, never 0 or NaN. Counts are never negative, and a
/// numerator that is a subset of its denominator may not exceed it; only the rework rate, whose
/// reworks and handlings are separate events of the period, can exceed 1.
/// </summary>
public static class KpiFormulas
{
    public const int RateDecimals = 4;

    public static decimal? Rate(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        return denominator == 0 ? null : Math.Round((decimal)numerator / denominator, RateDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>On-time accept, on-site, preliminary and closure: clocks met on time ÷ clocks met or breached.</summary>
    public static KpiValue OnTime(long metOnTime, long breached)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(metOnTime);
        ArgumentOutOfRangeException.ThrowIfNegative(breached);
        return Value(metOnTime, metOnTime + breached);
    }

    /// <summary>结案率: cases of the period's filings now closed ÷ cases filed.</summary>
    public static KpiValue Closure(long closed, long filed) => Subset(closed, filed);

    /// <summary>返工率: (返工 + 不满意重办) ÷ 处置 (办结) events.</summary>
    public static KpiValue Rework(long reworks, long rehandles, long handlings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reworks);
        ArgumentOutOfRangeException.ThrowIfNegative(rehandles);
        return Value(reworks + rehandles, handlings);
    }

    /// <summary>满意率: callbacks answered 满意 or 基本满意 ÷ callbacks answered (those plus 不满意).</summary>
    public static KpiValue Satisfaction(long satisfiedOrBasicallySatisfied, long dissatisfied)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(satisfiedOrBasicallySatisfied);
        ArgumentOutOfRangeException.ThrowIfNegative(dissatisfied);
        return Value(satisfiedOrBasicallySatisfied, satisfiedOrBasicallySatisfied + dissatisfied);
    }

    /// <summary>解决率: callbacks answered 已解决 ÷ callbacks answered.</summary>
    public static KpiValue Resolution(long resolved, long callbacksAnswered) => Subset(resolved, callbacksAnswered);

    /// <summary>主动发现率: filed cases from patrol, grid inspectors and residents' committees ÷ all filed cases.</summary>
    public static KpiValue ProactiveDiscovery(long proactive, long filed) => Subset(proactive, filed);

    /// <summary>答复合格率: replies the platform did not return ÷ replies.</summary>
    public static KpiValue ReplyQuality(long replies, long returned)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replies);
        ArgumentOutOfRangeException.ThrowIfNegative(returned);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(returned, replies);
        return Value(replies - returned, replies);
    }

    public static KpiValue Of(string kpi, KpiCounts c) => kpi switch
    {
        Kpi.OnTimeAccept => OnTime(c.AcceptMet, c.AcceptBreached),
        Kpi.OnTimeOnSite => OnTime(c.OnSiteMet, c.OnSiteBreached),
        Kpi.OnTimePreliminary => OnTime(c.PreliminaryMet, c.PreliminaryBreached),
        Kpi.OnTimeClosure => OnTime(c.ClosureMet, c.ClosureBreached),
        Kpi.Closure => Closure(c.FiledClosed, c.Filed),
        Kpi.ProactiveDiscovery => ProactiveDiscovery(c.FiledProactive, c.Filed),
        Kpi.Rework => Rework(c.Reworks, c.Rehandles, c.Handlings),
        Kpi.Satisfaction => Satisfaction(c.CallbacksSatisfied, c.CallbacksDissatisfied),
        Kpi.Resolution => Resolution(c.CallbacksResolved, c.CallbacksSatisfied + c.CallbacksDissatisfied),
        Kpi.ReplyQuality => ReplyQuality(c.Replies, c.RepliesReturned),
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
    };

    /// <summary>Every KPI of a row, in catalogue order.</summary>
    public static IReadOnlyList<KpiResult> Evaluate(KpiCounts c) =>
        [.. Kpi.All.Select(d => Result(d, Of(d.Code, c)))];

    private static KpiResult Result(KpiDefinition d, KpiValue v) => new(d.Code, d.Name, v.Numerator, v.Denominator, v.Rate);

    private static KpiValue Subset(long part, long whole)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(part, whole);
        return Value(part, whole);
    }

    private static KpiValue Value(long numerator, long denominator) => new(numerator, denominator, Rate(numerator, denominator));
}

using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Infrastructure;

namespace Chengguan.Kpis.Rollups;

/// <summary>A row of <c>kpi_rollups</c>: a Shanghai day, the case's street and unit (<see cref="Guid.Empty"/> for none), a metric.</summary>
public readonly record struct RollupKey(DateOnly Day, Guid StreetId, Guid UnitId, KpiMetric Metric);

/// <summary>A row of <c>kpi_handler_rollups</c>: a Shanghai day, the account that handled the case, a metric.</summary>
public readonly record struct HandlerKey(DateOnly Day, string ActorId, KpiMetric Metric);

/// <summary>What a write adds to both rollup tables.</summary>
public sealed class RollupDelta
{
    public Dictionary<RollupKey, long> Units { get; } = [];
    public Dictionary<HandlerKey, long> Handlers { get; } = [];

    public bool IsEmpty => Units.Values.All(v => v == 0) && Handlers.Values.All(v => v == 0);

    public void Merge(RollupDelta other)
    {
        foreach ((RollupKey k, long n) in other.Units)
        {
            Units[k] = Units.GetValueOrDefault(k) + n;
        }
        foreach ((HandlerKey k, long n) in other.Handlers)
        {
            Handlers[k] = Handlers.GetValueOrDefault(k) + n;
        }
    }
}

/// <summary>The parts of a case its KPI facts depend on.</summary>
public sealed record CaseShape(Guid Id, CaseRoute Route, CaseChannel Channel, DateTimeOffset ReportedAt, DateTimeOffset? ClosedAt, Guid? StreetId, Guid? UnitId)
{
    public static CaseShape Of(Case c) => new(c.Id, c.Route, c.Channel, c.ReportedAt, c.ClosedAt, c.StreetId, c.UnitId);
}

/// <summary>The parts of a case's clock its KPI facts depend on.</summary>
public readonly record struct ClockShape(Guid Id, string Kind, ClockState State, DateTimeOffset? StoppedAt, DateTimeOffset? DueAt)
{
    public static ClockShape Of(Clock k) => new(k.Id, k.Kind, k.State, k.StoppedAt, k.DueAt);
}

/// <summary>The parts of a timeline line its KPI facts depend on.</summary>
public readonly record struct EventShape(int Seq, string Action, DateTimeOffset At, bool Resolved, string? ActorId = null)
{
    public static EventShape Of(CaseEvent e) => new(e.Seq, e.Action, e.At, IsResolved(e.DataJson), e.ActorId);

    public static bool IsResolved(string? dataJson) => dataJson is not null && dataJson.Contains(KpiSources.ResolvedMarker, StringComparison.Ordinal);
}

/// <summary>Which facts of a case to add: a rebuild reads the three from separate streams.</summary>
[Flags]
public enum FactParts
{
    /// <summary>A hotline case's filing (a grid case files by its 立案 line, which is part of the timeline).</summary>
    Filing = 1,
    Clocks = 2,
    Timeline = 4,
    All = Filing | Clocks | Timeline,
}

/// <summary>
/// The KPI facts of one case: what it adds to which day and metric, exactly as <see cref="KpiSources.CountAsync"/> counts
/// it from the raw rows (a test holds the two equal). Pure. What is left out on purpose: a clock not yet stopped. Whether it
/// counts as breached depends on the hour of asking (running past its due time), so the reader counts the few open clocks
/// live (<see cref="KpiRollupReader"/>) and only stopped clocks are facts.
/// </summary>
public static class KpiFacts
{
    /// <summary>The timeline actions that carry facts; the loaders read only these lines.</summary>
    public static readonly string[] Actions =
    [
        nameof(CaseAction.Handle), nameof(CaseAction.Rework), nameof(CaseAction.Rehandle), nameof(CaseAction.Reply),
        nameof(CaseAction.ReplyReturned), nameof(CaseAction.Callback), nameof(CaseAction.File),
    ];

    public static DateOnly Day(DateTimeOffset at) => ShanghaiTime.DateOf(at);

    /// <summary>Adds <paramref name="sign"/> (+1 or −1) for every fact of the case to <paramref name="into"/>.</summary>
    public static void Add(CaseShape c, IEnumerable<ClockShape> clocks, IEnumerable<EventShape> events, int sign, Dictionary<RollupKey, long> into,
        FactParts parts = FactParts.All)
    {
        Guid street = c.StreetId ?? Guid.Empty, unit = c.UnitId ?? Guid.Empty;
        void Fact(DateTimeOffset at, KpiMetric metric)
        {
            var key = new RollupKey(Day(at), street, unit, metric);
            into[key] = into.GetValueOrDefault(key) + sign;
        }
        void Filing(DateTimeOffset at)
        {
            Fact(at, KpiMetric.Filed);
            if (c.ClosedAt is not null)
            {
                Fact(at, KpiMetric.FiledClosed);
            }
            if (c.Channel is CaseChannel.Patrol or CaseChannel.GridInspector or CaseChannel.ResidentsCommittee)
            {
                Fact(at, KpiMetric.FiledProactive);
            }
        }

        if (c.Route == CaseRoute.Hotline && parts.HasFlag(FactParts.Filing))
        {
            Filing(c.ReportedAt);
        }
        foreach (ClockShape k in parts.HasFlag(FactParts.Clocks) ? clocks : [])
        {
            if (ClockFact(k) is { } f)
            {
                Fact(f.At, f.Metric);
            }
        }
        EventShape? lastReply = null;
        bool lastReplyReturned = false;
        foreach (EventShape e in parts.HasFlag(FactParts.Timeline) ? events.OrderBy(e => e.Seq) : Enumerable.Empty<EventShape>())
        {
            switch (e.Action)
            {
                case nameof(CaseAction.Handle):
                    Fact(e.At, KpiMetric.Handlings);
                    break;
                case nameof(CaseAction.Rework):
                    Fact(e.At, KpiMetric.Reworks);
                    break;
                case nameof(CaseAction.Rehandle):
                    Fact(e.At, KpiMetric.Rehandles);
                    if (e.Resolved)
                    {
                        Fact(e.At, KpiMetric.CallbacksResolved);
                    }
                    break;
                case nameof(CaseAction.Callback):
                    Fact(e.At, KpiMetric.CallbacksSatisfied);
                    if (e.Resolved)
                    {
                        Fact(e.At, KpiMetric.CallbacksResolved);
                    }
                    break;
                case nameof(CaseAction.Reply):
                    Fact(e.At, KpiMetric.Replies);
                    (lastReply, lastReplyReturned) = (e, false);
                    break;
                case nameof(CaseAction.ReplyReturned):
                    // A reply is returned when the next reply-or-return line after it is a return; later returns change nothing.
                    if (lastReply is { } r && !lastReplyReturned)
                    {
                        Fact(r.At, KpiMetric.RepliesReturned);
                        lastReplyReturned = true;
                    }
                    break;
                case nameof(CaseAction.File) when c.Route == CaseRoute.Grid:
                    Filing(e.At);
                    break;
            }
        }
    }

    /// <summary>The accounts with a 处置 line on the case: whose own figures its facts count in.</summary>
    public static string[] Handlers(IEnumerable<EventShape> events) =>
        [.. events.Where(e => e.Action == nameof(CaseAction.Handle) && e.ActorId is not null).Select(e => e.ActorId!).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Adds the handler facts of a case for each of <paramref name="handlers"/>: its closure clocks' outcomes and its reworks,
    /// re-handles and callbacks on their days, and each account's own 处置 lines on theirs.
    /// </summary>
    public static void AddHandlerFacts(string[] handlers, IEnumerable<ClockShape> clocks, IEnumerable<EventShape> events, int sign,
        Dictionary<HandlerKey, long> into, FactParts parts = FactParts.All)
    {
        if (handlers.Length == 0)
        {
            return;
        }
        void Fact(string actor, DateTimeOffset at, KpiMetric metric)
        {
            var key = new HandlerKey(Day(at), actor, metric);
            into[key] = into.GetValueOrDefault(key) + sign;
        }
        foreach (ClockShape k in parts.HasFlag(FactParts.Clocks) ? clocks : [])
        {
            if (ClockFact(k) is { Metric: KpiMetric.ClosureMet or KpiMetric.ClosureBreached } f)
            {
                foreach (string a in handlers)
                {
                    Fact(a, f.At, f.Metric);
                }
            }
        }
        foreach (EventShape e in parts.HasFlag(FactParts.Timeline) ? events : [])
        {
            KpiMetric? metric = e.Action switch
            {
                nameof(CaseAction.Rework) => KpiMetric.Reworks,
                nameof(CaseAction.Rehandle) => KpiMetric.Rehandles,
                nameof(CaseAction.Callback) => KpiMetric.CallbacksSatisfied,
                _ => null,
            };
            if (metric is { } m)
            {
                foreach (string a in handlers)
                {
                    Fact(a, e.At, m);
                }
            }
            else if (e.Action == nameof(CaseAction.Handle) && e.ActorId is { } actor)
            {
                Fact(actor, e.At, KpiMetric.Handlings);
            }
        }
    }

    /// <summary>The one fact of a stopped case clock of a KPI kind: met on the day it stopped, breached on the day it was due.</summary>
    public static (DateTimeOffset At, KpiMetric Metric)? ClockFact(ClockShape k)
    {
        if (k.StoppedAt is not { } stopped || KpiSources.KpiOfKind(k.Kind) is not { } kpi)
        {
            return null;
        }
        return k.State switch
        {
            ClockState.Met => (stopped, Met(kpi)),
            ClockState.Breached when k.DueAt is { } due => (due, Breached(kpi)),
            _ => null,
        };
    }

    public static KpiMetric Met(string kpi) => kpi switch
    {
        Kpi.OnTimeAccept => KpiMetric.AcceptMet,
        Kpi.OnTimeOnSite => KpiMetric.OnSiteMet,
        Kpi.OnTimePreliminary => KpiMetric.PreliminaryMet,
        Kpi.OnTimeClosure => KpiMetric.ClosureMet,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Not a clock KPI."),
    };

    public static KpiMetric Breached(string kpi) => kpi switch
    {
        Kpi.OnTimeAccept => KpiMetric.AcceptBreached,
        Kpi.OnTimeOnSite => KpiMetric.OnSiteBreached,
        Kpi.OnTimePreliminary => KpiMetric.PreliminaryBreached,
        Kpi.OnTimeClosure => KpiMetric.ClosureBreached,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Not a clock KPI."),
    };

    /// <summary>Adds a summed metric to a row of counts.</summary>
    public static void AddTo(KpiCounts row, KpiMetric metric, long n)
    {
        switch (metric)
        {
            case KpiMetric.AcceptMet: row.AcceptMet += n; break;
            case KpiMetric.AcceptBreached: row.AcceptBreached += n; break;
            case KpiMetric.OnSiteMet: row.OnSiteMet += n; break;
            case KpiMetric.OnSiteBreached: row.OnSiteBreached += n; break;
            case KpiMetric.PreliminaryMet: row.PreliminaryMet += n; break;
            case KpiMetric.PreliminaryBreached: row.PreliminaryBreached += n; break;
            case KpiMetric.ClosureMet: row.ClosureMet += n; break;
            case KpiMetric.ClosureBreached: row.ClosureBreached += n; break;
            case KpiMetric.Filed: row.Filed += n; break;
            case KpiMetric.FiledClosed: row.FiledClosed += n; break;
            case KpiMetric.FiledProactive: row.FiledProactive += n; break;
            case KpiMetric.Handlings: row.Handlings += n; break;
            case KpiMetric.Reworks: row.Reworks += n; break;
            case KpiMetric.Rehandles:
                // A 不满意 callback is recorded as the re-handle it starts: one rework and one answered callback.
                row.Rehandles += n;
                row.CallbacksDissatisfied += n;
                break;
            case KpiMetric.CallbacksSatisfied: row.CallbacksSatisfied += n; break;
            case KpiMetric.CallbacksResolved: row.CallbacksResolved += n; break;
            case KpiMetric.Replies: row.Replies += n; break;
            case KpiMetric.RepliesReturned: row.RepliesReturned += n; break;
            default: throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");
        }
    }
}

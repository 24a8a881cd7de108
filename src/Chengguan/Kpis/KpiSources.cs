using System.Linq.Expressions;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis;

/// <summary>A case reduced to what the counts need, with the key of the row it counts in.</summary>
internal sealed class KeyedCase
{
    public Guid Id { get; init; }
    public Guid? Key { get; init; }
    public CaseChannel Channel { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>
/// The sets behind every KPI of one period, as composable queries: clocks decided in the period,
/// timeline events of the period, and cases filed in the period. The GROUP BY counts and the
/// drill-down are built from the same sets, so a number and the list behind it cannot disagree.
/// Every count runs in the database; only one row per (group, clock kind or action) comes back.
/// </summary>
internal sealed class KpiSources(AppDbContext db, KpiPeriod period, DateTimeOffset now)
{
    public const string HandlingPrefix = "hotline.handling.";
    public const string DisposalPrefix = "disposal.";

    /// <summary>Serialised as the transitions write it (<c>CaseTransitions</c>, callback and re-handle data).</summary>
    public const string ResolvedMarker = "\"resolved\":true";

    private const string Handle = nameof(CaseAction.Handle);
    private const string Rework = nameof(CaseAction.Rework);
    private const string Rehandle = nameof(CaseAction.Rehandle);
    private const string Reply = nameof(CaseAction.Reply);
    private const string ReplyReturned = nameof(CaseAction.ReplyReturned);
    private const string Callback = nameof(CaseAction.Callback);
    private const string File = nameof(CaseAction.File);

    /// <summary>
    /// The cases that can count in the period: no clock, event or filing of the period can belong
    /// to a case reported after it ends (this bound also narrows the (StreetId, ReportedAt) index).
    /// </summary>
    public IQueryable<Case> Candidates(IQueryable<Case> cases)
    {
        DateTimeOffset end = period.End;
        return cases.Where(c => c.ReportedAt < end);
    }

    /// <summary>
    /// Case clocks decided in the period: met (stopped by the due time) with the stop in the period,
    /// or breached with the due time in the period, whether stopped late, recorded by the sweeper,
    /// or still running past it and not yet swept. Paused and cancelled clocks are not decided.
    /// </summary>
    public IQueryable<Clock> Decided
    {
        get
        {
            DateTimeOffset start = period.Start, end = period.End, at = now;
            return db.Clocks.Where(k => k.SubjectType == CaseIntake.SubjectType
                && ((k.State == ClockState.Met && k.StoppedAt >= start && k.StoppedAt < end)
                    || ((k.State == ClockState.Breached || (k.State == ClockState.Running && k.DueAt < at)) && k.DueAt >= start && k.DueAt < end)));
        }
    }

    public static bool IsClockKpi(string kpi) => kpi is Kpi.OnTimeAccept or Kpi.OnTimeOnSite or Kpi.OnTimePreliminary or Kpi.OnTimeClosure;

    /// <summary>The clock kinds (policy codes) a clock KPI counts.</summary>
    public static Expression<Func<Clock, bool>> KindsOf(string kpi) => kpi switch
    {
        Kpi.OnTimeAccept => k => k.Kind == ClockPolicies.HotlineAccept,
        Kpi.OnTimeOnSite => k => k.Kind == ClockPolicies.HotlineOnSite,
        Kpi.OnTimePreliminary => k => k.Kind == ClockPolicies.HotlinePreliminary,
        Kpi.OnTimeClosure => k => k.Kind.StartsWith(HandlingPrefix) || k.Kind.StartsWith(DisposalPrefix),
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Not a clock KPI."),
    };

    public static string? KpiOfKind(string kind) =>
        kind == ClockPolicies.HotlineAccept ? Kpi.OnTimeAccept
        : kind == ClockPolicies.HotlineOnSite ? Kpi.OnTimeOnSite
        : kind == ClockPolicies.HotlinePreliminary ? Kpi.OnTimePreliminary
        : kind.StartsWith(HandlingPrefix, StringComparison.Ordinal) || kind.StartsWith(DisposalPrefix, StringComparison.Ordinal) ? Kpi.OnTimeClosure
        : null;

    /// <summary>Timeline lines of the given actions in the period.</summary>
    public IQueryable<CaseEvent> Events(params string[] actions)
    {
        DateTimeOffset start = period.Start, end = period.End;
        return db.CaseEvents.Where(e => actions.Contains(e.Action) && e.At >= start && e.At < end);
    }

    /// <summary>Callbacks (satisfied or not) of the period whose answer was 已解决.</summary>
    public IQueryable<CaseEvent> ResolvedCallbacks => Events(Callback, Rehandle).Where(e => e.DataJson != null && e.DataJson.Contains(ResolvedMarker));

    /// <summary>
    /// Replies of the period, returned by the platform or not (so far). A reply is returned when the
    /// next reply-or-return line of its case is a return (a return only ever follows a reply).
    /// </summary>
    public IQueryable<CaseEvent> Replies(bool returned)
    {
        IQueryable<CaseEvent> all = db.CaseEvents;
        Expression<Func<CaseEvent, bool>> isReturned = r => all.Any(x => x.CaseId == r.CaseId && x.Action == ReplyReturned && x.Seq > r.Seq
            && !all.Any(y => y.CaseId == r.CaseId && y.Action == Reply && y.Seq > r.Seq && y.Seq < x.Seq));
        return Events(Reply).Where(returned ? isReturned : Expression.Lambda<Func<CaseEvent, bool>>(Expression.Not(isReturned.Body), isReturned.Parameters));
    }

    /// <summary>
    /// Cases filed in the period: a hotline case when received (its first timeline line, at
    /// ReportedAt), a grid case when its 立案 line falls in it. Two sets joined by UNION ALL (a case
    /// has one route), so that each side can use its own index.
    /// </summary>
    public IQueryable<Case> Filed(IQueryable<Case> cases)
    {
        DateTimeOffset start = period.Start, end = period.End;
        IQueryable<CaseEvent> filings = db.CaseEvents.Where(e => e.Action == File && e.At >= start && e.At < end);
        return cases.Where(c => c.Route == CaseRoute.Hotline && c.ReportedAt >= start && c.ReportedAt < end)
            .Concat(cases.Where(c => c.Route == CaseRoute.Grid && filings.Any(e => e.CaseId == c.Id)));
    }

    /// <summary>Channels where the bureau finds the problem itself (巡查发现, 监督员上报, 居委反映).</summary>
    public static readonly Expression<Func<Case, bool>> Proactive =
        c => c.Channel == CaseChannel.Patrol || c.Channel == CaseChannel.GridInspector || c.Channel == CaseChannel.ResidentsCommittee;

    /// <summary>The cases behind a KPI's numerator or denominator (distinct cases; an event-based count may be larger).</summary>
    public IQueryable<Case> Behind(string kpi, KpiPart part, IQueryable<Case> cases)
    {
        bool numerator = part == KpiPart.Numerator;
        cases = Candidates(cases);
        if (IsClockKpi(kpi))
        {
            IQueryable<Clock> clocks = Decided.Where(KindsOf(kpi));
            if (numerator)
            {
                clocks = clocks.Where(k => k.State == ClockState.Met);
            }
            return cases.Where(c => clocks.Any(k => k.SubjectId == c.Id));
        }
        return kpi switch
        {
            Kpi.Closure => numerator ? Filed(cases).Where(c => c.ClosedAt != null) : Filed(cases),
            Kpi.ProactiveDiscovery => numerator ? Filed(cases).Where(Proactive) : Filed(cases),
            Kpi.Rework => WithAny(cases, numerator ? Events(Rework, Rehandle) : Events(Handle)),
            Kpi.Satisfaction => WithAny(cases, numerator ? Events(Callback) : Events(Callback, Rehandle)),
            Kpi.Resolution => WithAny(cases, numerator ? ResolvedCallbacks : Events(Callback, Rehandle)),
            Kpi.ReplyQuality => WithAny(cases, numerator ? Replies(returned: false) : Events(Reply)),
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
        };
    }

    private static IQueryable<Case> WithAny(IQueryable<Case> cases, IQueryable<CaseEvent> events) => cases.Where(c => events.Any(e => e.CaseId == c.Id));

    /// <summary>
    /// Every count of every row in four GROUP BY queries (clocks, timeline, returned replies,
    /// filings). Rows are keyed by the street or unit id; <see cref="Guid.Empty"/> holds cases without one.
    /// </summary>
    public async Task<Dictionary<Guid, KpiCounts>> CountAsync(IQueryable<Case> cases, KpiGrouping groupBy, CancellationToken ct)
    {
        cases = Candidates(cases);
        IQueryable<KeyedCase> keyed = Keyed(cases, groupBy);
        var rows = new Dictionary<Guid, KpiCounts>();
        KpiCounts Row(Guid? key) => rows.TryGetValue(key ?? Guid.Empty, out KpiCounts? c) ? c : rows[key ?? Guid.Empty] = new KpiCounts();

        IQueryable<Clock> clocks = Decided.Where(k => k.Kind == ClockPolicies.HotlineAccept || k.Kind == ClockPolicies.HotlineOnSite
            || k.Kind == ClockPolicies.HotlinePreliminary || k.Kind.StartsWith(HandlingPrefix) || k.Kind.StartsWith(DisposalPrefix));
        var clockRows = await (
            from k in clocks
            join c in keyed on k.SubjectId equals c.Id
            group k by new { c.Key, k.Kind } into g
            select new { g.Key.Key, g.Key.Kind, Met = g.Count(x => x.State == ClockState.Met), All = g.Count() }).ToListAsync(ct);
        foreach (var r in clockRows)
        {
            Row(r.Key).AddClocks(KpiOfKind(r.Kind)!, r.Met, r.All - r.Met);
        }

        var eventRows = await (
            from e in Events(Handle, Rework, Rehandle, Reply, Callback)
            join c in keyed on e.CaseId equals c.Id
            group e by new { c.Key, e.Action } into g
            select new { g.Key.Key, g.Key.Action, Count = g.Count(), Resolved = g.Count(x => x.DataJson != null && x.DataJson.Contains(ResolvedMarker)) }).ToListAsync(ct);
        foreach (var r in eventRows)
        {
            Row(r.Key).AddEvents(r.Action, r.Count, r.Resolved);
        }

        var returnedRows = await (
            from e in Replies(returned: true)
            join c in keyed on e.CaseId equals c.Id
            group e by c.Key into g
            select new { g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var r in returnedRows)
        {
            Row(r.Key).RepliesReturned += r.Count;
        }

        var filedRows = await Keyed(Filed(cases), groupBy)
            .GroupBy(c => c.Key)
            .Select(g => new
            {
                g.Key,
                Filed = g.Count(),
                Closed = g.Count(c => c.ClosedAt != null),
                Proactive = g.Count(c => c.Channel == CaseChannel.Patrol || c.Channel == CaseChannel.GridInspector || c.Channel == CaseChannel.ResidentsCommittee),
            }).ToListAsync(ct);
        foreach (var r in filedRows)
        {
            KpiCounts row = Row(r.Key);
            (row.Filed, row.FiledClosed, row.FiledProactive) = (r.Filed, r.Closed, r.Proactive);
        }
        return rows;
    }

    /// <summary>
    /// The counts of the cases each person handled (处置) in the period, keyed by the actor id of the 处置 line: the
    /// closure clocks of those cases decided in the period, and the handlings, reworks, re-handles and callbacks of
    /// the period on them. Two GROUP BY queries over (case, handler) pairs; a case two people handled counts for both.
    /// </summary>
    public async Task<Dictionary<string, KpiCounts>> CountByHandlerAsync(CancellationToken ct)
    {
        var handled = Events(Handle).Where(e => e.ActorId != null).Select(e => new { e.CaseId, e.ActorId }).Distinct();
        var rows = new Dictionary<string, KpiCounts>(StringComparer.Ordinal);
        KpiCounts Row(string key) => rows.TryGetValue(key, out KpiCounts? c) ? c : rows[key] = new KpiCounts();

        IQueryable<Clock> clocks = Decided.Where(k => k.Kind.StartsWith(HandlingPrefix) || k.Kind.StartsWith(DisposalPrefix));
        var clockRows = await (
            from k in clocks
            join h in handled on k.SubjectId equals h.CaseId
            group k by h.ActorId into g
            select new { g.Key, Met = g.Count(x => x.State == ClockState.Met), All = g.Count() }).ToListAsync(ct);
        foreach (var r in clockRows)
        {
            Row(r.Key!).AddClocks(Kpi.OnTimeClosure, r.Met, r.All - r.Met);
        }

        var eventRows = await (
            from e in Events(Rework, Rehandle, Callback)
            join h in handled on e.CaseId equals h.CaseId
            group e by new { h.ActorId, e.Action } into g
            select new { g.Key.ActorId, g.Key.Action, Count = g.Count() }).ToListAsync(ct);
        foreach (var r in eventRows)
        {
            Row(r.ActorId!).AddEvents(r.Action, r.Count, 0);
        }
        var handlings = await Events(Handle).Where(e => e.ActorId != null).GroupBy(e => e.ActorId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var r in handlings)
        {
            Row(r.Key!).Handlings += r.Count;
        }
        return rows;
    }

    private static IQueryable<KeyedCase> Keyed(IQueryable<Case> cases, KpiGrouping groupBy) => groupBy == KpiGrouping.Street
        ? cases.Select(c => new KeyedCase { Id = c.Id, Key = c.StreetId, Channel = c.Channel, ClosedAt = c.ClosedAt })
        : cases.Select(c => new KeyedCase { Id = c.Id, Key = c.UnitId, Channel = c.Channel, ClosedAt = c.ClosedAt });
}

using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis.Rollups;

/// <summary>
/// The case rows of a write as the KPI facts see them: read from the database (what is committed or written earlier in
/// the same transaction) and, for the writer's own rows, from memory.
/// </summary>
public sealed class CaseFactRows
{
    public Dictionary<Guid, CaseShape> Cases { get; } = [];
    public Dictionary<Guid, Dictionary<Guid, ClockShape>> Clocks { get; } = [];
    public Dictionary<Guid, List<EventShape>> Events { get; } = [];

    public Dictionary<Guid, ClockShape> ClocksOf(Guid caseId) => Clocks.TryGetValue(caseId, out var c) ? c : Clocks[caseId] = [];

    public List<EventShape> EventsOf(Guid caseId) => Events.TryGetValue(caseId, out var e) ? e : Events[caseId] = [];

    /// <summary>Adds the facts of every case of <paramref name="ids"/> that exists here, times <paramref name="sign"/>.</summary>
    public void AddFacts(IEnumerable<Guid> ids, int sign, RollupDelta into)
    {
        foreach (Guid id in ids)
        {
            if (Cases.TryGetValue(id, out CaseShape? c))
            {
                IEnumerable<ClockShape> clocks = Clocks.TryGetValue(id, out var k) ? k.Values : [];
                List<EventShape> events = Events.TryGetValue(id, out var e) ? e : [];
                KpiFacts.Add(c, clocks, events, sign, into.Units);
                KpiFacts.AddHandlerFacts(KpiFacts.Handlers(events), clocks, events, sign, into.Handlers);
            }
        }
    }

    /// <summary>The cases, their KPI clocks and fact-carrying timeline lines as stored now, read in chunks.</summary>
    public static async Task<CaseFactRows> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = new CaseFactRows();
        HashSet<string> actions = [.. KpiFacts.Actions];
        string callback = nameof(CaseAction.Callback), rehandle = nameof(CaseAction.Rehandle);
        foreach (Guid[] chunk in ids.Chunk(500))
        {
            foreach (CaseShape c in await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new CaseShape(c.Id, c.Route, c.Channel, c.ReportedAt, c.ClosedAt, c.StreetId, c.UnitId)).ToListAsync(ct))
            {
                rows.Cases[c.Id] = c;
            }
            var clocks = await db.Clocks.AsNoTracking().Where(k => k.SubjectType == CaseIntake.SubjectType && chunk.Contains(k.SubjectId))
                .Select(k => new { k.SubjectId, k.Id, k.Kind, k.State, k.StoppedAt, k.DueAt }).ToListAsync(ct);
            foreach (var k in clocks)
            {
                rows.ClocksOf(k.SubjectId)[k.Id] = new ClockShape(k.Id, k.Kind, k.State, k.StoppedAt, k.DueAt);
            }
            // By case only (the (CaseId, Seq) index), the actions filtered here: with them in the query SQLite's planner
            // prefers the (Action, At) index and reads every line of those actions ever written.
            var events = await db.CaseEvents.AsNoTracking().Where(e => chunk.Contains(e.CaseId))
                .Select(e => new { e.CaseId, e.Seq, e.Action, e.At, DataJson = e.Action == callback || e.Action == rehandle ? e.DataJson : null, e.ActorId })
                .ToListAsync(ct);
            foreach (var e in events.Where(e => actions.Contains(e.Action)))
            {
                rows.EventsOf(e.CaseId).Add(new EventShape(e.Seq, e.Action, e.At, EventShape.IsResolved(e.DataJson), e.ActorId));
            }
        }
        return rows;
    }
}

/// <summary>
/// Keeps <c>kpi_rollups</c> in step with the rows it counts (decision 0012): a write's delta is the facts of every case it
/// touches after the write minus before it, added to the rollup rows in the writer's transaction.
/// </summary>
public static class KpiRollupWriter
{
    /// <summary>
    /// The delta of a bulk insert, computed before its rows are written: cases inserted with their timelines and clocks
    /// count from memory; lines or clocks added to cases already stored count as their case after minus before.
    /// </summary>
    public static async Task<RollupDelta> DeltaOfInsertsAsync(
        AppDbContext db, IReadOnlyList<Case> cases, IReadOnlyList<CaseEvent> events, IReadOnlyList<Clock> clocks, CancellationToken ct)
    {
        var delta = new RollupDelta();
        HashSet<Guid> inserted = [.. cases.Select(c => c.Id)];
        HashSet<Guid> stored = [.. events.Select(e => e.CaseId).Concat(clocks.Where(k => k.SubjectType == CaseIntake.SubjectType).Select(k => k.SubjectId)).Where(id => !inserted.Contains(id))];
        CaseFactRows rows = stored.Count == 0 ? new CaseFactRows() : await CaseFactRows.LoadAsync(db, stored, ct);
        rows.AddFacts(stored, -1, delta);
        Overlay(rows, cases, events, clocks);
        rows.AddFacts(inserted.Concat(stored), +1, delta);
        return delta;
    }

    /// <summary>The facts of new cases written with their timelines and clocks by a loader that bypasses EF (the 1M bench).</summary>
    public static void AddFactsOfNew(IReadOnlyList<Case> cases, IReadOnlyList<CaseEvent> events, IReadOnlyList<Clock> clocks, RollupDelta into)
    {
        var rows = new CaseFactRows();
        Overlay(rows, cases, events, clocks);
        rows.AddFacts(cases.Select(c => c.Id), +1, into);
    }

    private static void Overlay(CaseFactRows rows, IReadOnlyList<Case> cases, IReadOnlyList<CaseEvent> events, IReadOnlyList<Clock> clocks)
    {
        foreach (Case c in cases)
        {
            rows.Cases[c.Id] = CaseShape.Of(c);
        }
        foreach (Clock k in clocks.Where(k => k.SubjectType == CaseIntake.SubjectType))
        {
            rows.ClocksOf(k.SubjectId)[k.Id] = ClockShape.Of(k);
        }
        HashSet<string> actions = [.. KpiFacts.Actions];
        foreach (CaseEvent e in events.Where(e => actions.Contains(e.Action)))
        {
            rows.EventsOf(e.CaseId).Add(EventShape.Of(e));
        }
    }

    /// <summary>Adds the non-zero deltas to their rollup rows, in the current transaction, in key order (one lock order for every writer).</summary>
    public static async Task ApplyAsync(AppDbContext db, RollupDelta delta, CancellationToken ct)
    {
        List<KpiRollup> rows = [.. delta.Units.Where(kv => kv.Value != 0)
            .OrderBy(kv => kv.Key.Day).ThenBy(kv => kv.Key.StreetId).ThenBy(kv => kv.Key.UnitId).ThenBy(kv => kv.Key.Metric)
            .Select(kv => new KpiRollup { Day = kv.Key.Day, StreetId = kv.Key.StreetId, UnitId = kv.Key.UnitId, Metric = kv.Key.Metric, Count = kv.Value })];
        await BulkWrite.AccumulateAsync(db, rows, nameof(KpiRollup.Count), ct);
        List<KpiHandlerRollup> handlers = [.. delta.Handlers.Where(kv => kv.Value != 0)
            .OrderBy(kv => kv.Key.Day).ThenBy(kv => kv.Key.ActorId, StringComparer.Ordinal).ThenBy(kv => kv.Key.Metric)
            .Select(kv => new KpiHandlerRollup { Day = kv.Key.Day, ActorId = kv.Key.ActorId, Metric = kv.Key.Metric, Count = kv.Value })];
        await BulkWrite.AccumulateAsync(db, handlers, nameof(KpiHandlerRollup.Count), ct);
    }
}

using System.Data;
using Chengguan.Cases;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Kpis.Rollups;

/// <summary>A rollup row that differs from the facts of the stored rows: its key, what is stored and what should be.</summary>
public sealed record RollupDifference(string Key, long Stored, long Expected);

/// <summary>
/// The rollups' upkeep for operators and the bench: recount every row from the stored cases, clocks and timelines
/// (after a load that bypassed EF and the bulk writer, or to repair), and check the rows against that recount. Both read
/// every case: minutes at a million cases; run them when the system is quiet (writes during a rebuild may be lost to it).
/// </summary>
public sealed class KpiRollups(AppDbContext db)
{
    /// <summary>The rollup rows as the stored rows make them, read in three streams.</summary>
    public async Task<RollupDelta> RecountAsync(CancellationToken ct)
    {
        var cases = new Dictionary<Guid, CaseShape>();
        await foreach (CaseShape c in db.Cases.AsNoTracking()
            .Select(c => new CaseShape(c.Id, c.Route, c.Channel, c.ReportedAt, c.ClosedAt, c.StreetId, c.UnitId)).AsAsyncEnumerable().WithCancellation(ct))
        {
            cases[c.Id] = c;
        }
        var delta = new RollupDelta();
        // The timeline first: the accounts that handled each case, which its clocks' handler facts need.
        var handlers = new Dictionary<Guid, string[]>();
        string[] actions = KpiFacts.Actions;
        var events = db.CaseEvents.AsNoTracking().Where(e => actions.Contains(e.Action)).OrderBy(e => e.CaseId).ThenBy(e => e.Seq)
            .Select(e => new { e.CaseId, e.Seq, e.Action, e.At, e.DataJson, e.ActorId });
        Guid? current = null;
        var timeline = new List<EventShape>();
        void Flush()
        {
            if (current is { } id && cases.TryGetValue(id, out CaseShape? c))
            {
                KpiFacts.Add(c, [], timeline, +1, delta.Units, FactParts.Timeline);
                string[] by = KpiFacts.Handlers(timeline);
                if (by.Length > 0)
                {
                    handlers[id] = by;
                    KpiFacts.AddHandlerFacts(by, [], timeline, +1, delta.Handlers, FactParts.Timeline);
                }
            }
            timeline.Clear();
        }
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.CaseId != current)
            {
                Flush();
                current = e.CaseId;
            }
            timeline.Add(new EventShape(e.Seq, e.Action, e.At, EventShape.IsResolved(e.DataJson), e.ActorId));
        }
        Flush();
        var clocks = db.Clocks.AsNoTracking().Where(k => k.SubjectType == CaseIntake.SubjectType && k.StoppedAt != null)
            .Select(k => new { k.SubjectId, k.Id, k.Kind, k.State, k.StoppedAt, k.DueAt });
        await foreach (var k in clocks.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (cases.TryGetValue(k.SubjectId, out CaseShape? c))
            {
                ClockShape[] one = [new ClockShape(k.Id, k.Kind, k.State, k.StoppedAt, k.DueAt)];
                KpiFacts.Add(c, one, [], +1, delta.Units, FactParts.Clocks);
                if (handlers.TryGetValue(c.Id, out string[]? by))
                {
                    KpiFacts.AddHandlerFacts(by, one, [], +1, delta.Handlers, FactParts.Clocks);
                }
            }
        }
        foreach (CaseShape c in cases.Values)
        {
            KpiFacts.Add(c, [], [], +1, delta.Units, FactParts.Filing);
        }
        return delta;
    }

    /// <summary>Replaces every rollup row by the recount, in one transaction; the number of rows written.</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        RollupDelta facts = await RecountAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.KpiRollups.ExecuteDeleteAsync(ct);
        await db.KpiHandlerRollups.ExecuteDeleteAsync(ct);
        await KpiRollupWriter.ApplyAsync(db, facts, ct);
        await tx.CommitAsync(ct);
        return facts.Units.Count(kv => kv.Value != 0) + facts.Handlers.Count(kv => kv.Value != 0);
    }

    /// <summary>Every rollup row that differs from the recount (none when the upkeep is right).</summary>
    public async Task<List<RollupDifference>> VerifyAsync(CancellationToken ct)
    {
        // One snapshot for the recount and the rows: PostgreSQL's repeatable read; SQLite's transaction holds the write lock.
        await using var tx = await db.Database.BeginTransactionAsync(db.Provider == DatabaseProvider.Postgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct);
        RollupDelta expected = await RecountAsync(ct);
        Dictionary<RollupKey, long> units = await db.KpiRollups.AsNoTracking()
            .ToDictionaryAsync(r => new RollupKey(r.Day, r.StreetId, r.UnitId, r.Metric), r => r.Count, ct);
        Dictionary<HandlerKey, long> handlers = await db.KpiHandlerRollups.AsNoTracking()
            .ToDictionaryAsync(r => new HandlerKey(r.Day, r.ActorId, r.Metric), r => r.Count, ct);
        return [.. Differences(expected.Units, units), .. Differences(expected.Handlers, handlers)];

        static IEnumerable<RollupDifference> Differences<TKey>(Dictionary<TKey, long> expected, Dictionary<TKey, long> stored) where TKey : notnull =>
            expected.Keys.Union(stored.Keys)
                .Select(k => new RollupDifference(k.ToString()!, stored.GetValueOrDefault(k), expected.GetValueOrDefault(k)))
                .Where(d => d.Stored != d.Expected);
    }
}

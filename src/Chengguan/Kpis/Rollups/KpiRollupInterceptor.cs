using System.Data.Common;
using System.Runtime.CompilerServices;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chengguan.Kpis.Rollups;

/// <summary>
/// Keeps the KPI rollups in step with every case, timeline line and case clock written through EF (decision 0012).
/// Before a save: the cases it touches are read as stored (before) and as they will be (stored rows overlaid with the
/// tracked ones: after); the difference of their facts waits for the transaction's commit, which adds it to the rollup
/// rows inside that transaction. A save outside a transaction gets one, so the counts never run ahead of or behind the
/// rows. A save that fails (or a transaction rolled back) drops its delta.
/// </summary>
public sealed class KpiRollupInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] s_caseProperties =
        [nameof(Case.Route), nameof(Case.Channel), nameof(Case.ReportedAt), nameof(Case.ClosedAt), nameof(Case.StreetId), nameof(Case.UnitId)];

    private static readonly string[] s_clockProperties =
        [nameof(Clock.Kind), nameof(Clock.State), nameof(Clock.StoppedAt), nameof(Clock.DueAt), nameof(Clock.SubjectId), nameof(Clock.SubjectType)];

    private static readonly HashSet<string> s_actions = [.. KpiFacts.Actions];

    private sealed class State
    {
        /// <summary>The delta of the save in progress.</summary>
        public RollupDelta? Saving;

        /// <summary>The deltas of saves done in the open transaction.</summary>
        public RollupDelta Saved = new();

        public AutoTransactionBehavior? Restore;
    }

    private readonly ConditionalWeakTable<DbContext, State> _states = [];

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await CollectAsync(db, cancellationToken);
        }
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            CollectAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && Take(db) is { } delta)
        {
            await KpiRollupWriter.ApplyAsync(db, delta, cancellationToken);
        }
        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is AppDbContext db && Take(db) is { } delta)
        {
            KpiRollupWriter.ApplyAsync(db, delta, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private async Task CollectAsync(AppDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var added = new HashSet<Guid>();
        var touched = new HashSet<Guid>();
        List<EntityEntry<Case>> cases = [.. db.ChangeTracker.Entries<Case>().Where(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached)];
        foreach (EntityEntry<Case> e in cases)
        {
            if (e.State == EntityState.Added)
            {
                added.Add(e.Entity.Id);
            }
            else if (e.State == EntityState.Deleted || s_caseProperties.Any(p => e.Property(p).IsModified))
            {
                touched.Add(e.Entity.Id);
            }
        }
        List<EntityEntry<Clock>> clocks = [.. db.ChangeTracker.Entries<Clock>().Where(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && s_clockProperties.Any(p => e.Property(p).IsModified)))];
        List<EntityEntry<CaseEvent>> events = [.. db.ChangeTracker.Entries<CaseEvent>().Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified && s_actions.Contains(e.Entity.Action))];
        foreach (EntityEntry<Clock> e in clocks)
        {
            foreach (string? type in new[] { e.Entity.SubjectType, e.State == EntityState.Modified ? e.Property(k => k.SubjectType).OriginalValue : null })
            {
                if (type == CaseIntake.SubjectType)
                {
                    touched.Add(e.State == EntityState.Modified ? e.Property(k => k.SubjectId).OriginalValue : e.Entity.SubjectId);
                    touched.Add(e.Entity.SubjectId);
                }
            }
        }
        foreach (EntityEntry<CaseEvent> e in events)
        {
            touched.Add(e.Entity.CaseId);
        }
        touched.ExceptWith(added);
        if (added.Count + touched.Count == 0)
        {
            return;
        }

        // Before: as stored. After: stored rows overlaid with what this save writes.
        var delta = new RollupDelta();
        CaseFactRows rows = touched.Count == 0 ? new CaseFactRows() : await CaseFactRows.LoadAsync(db, touched, ct);
        rows.AddFacts(touched, -1, delta);
        foreach (EntityEntry<Case> e in cases)
        {
            if (e.State == EntityState.Deleted)
            {
                rows.Cases.Remove(e.Entity.Id);
            }
            else
            {
                rows.Cases[e.Entity.Id] = CaseShape.Of(e.Entity);
            }
        }
        foreach (EntityEntry<Clock> e in clocks)
        {
            if (e.State == EntityState.Modified)
            {
                rows.ClocksOf(e.Property(k => k.SubjectId).OriginalValue).Remove(e.Entity.Id);
            }
            if (e.State != EntityState.Deleted && e.Entity.SubjectType == CaseIntake.SubjectType)
            {
                rows.ClocksOf(e.Entity.SubjectId)[e.Entity.Id] = ClockShape.Of(e.Entity);
            }
            else
            {
                rows.ClocksOf(e.Entity.SubjectId).Remove(e.Entity.Id);
            }
        }
        foreach (EntityEntry<CaseEvent> e in events)
        {
            List<EventShape> list = rows.EventsOf(e.Entity.CaseId);
            list.RemoveAll(x => x.Seq == e.Entity.Seq);
            if (e.State != EntityState.Deleted)
            {
                list.Add(EventShape.Of(e.Entity));
            }
        }
        rows.AddFacts(touched.Concat(added), +1, delta);
        if (delta.IsEmpty)
        {
            return;
        }
        State state = _states.GetOrCreateValue(db);
        state.Saving = delta;
        if (db.Database.CurrentTransaction is null)
        {
            // A single-statement save would run without a transaction; the delta must commit with it.
            state.Restore = db.Database.AutoTransactionBehavior;
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    private void Saved(DbContext? db)
    {
        if (db is null || !_states.TryGetValue(db, out State? state))
        {
            return;
        }
        RestoreBehaviour(db, state);
        if (state.Saving is { } saving && db.Database.CurrentTransaction is not null)
        {
            state.Saved.Merge(saving);
        }
        state.Saving = null;
        if (db.Database.CurrentTransaction is null)
        {
            _states.Remove(db);
        }
    }

    private void Failed(DbContext? db)
    {
        if (db is not null && _states.TryGetValue(db, out State? state))
        {
            RestoreBehaviour(db, state);
            state.Saving = null;
        }
    }

    private RollupDelta? Take(DbContext db)
    {
        if (!_states.TryGetValue(db, out State? state))
        {
            return null;
        }
        RollupDelta all = state.Saved;
        if (state.Saving is { } saving)
        {
            all.Merge(saving);
        }
        // The save in progress (if any) is now part of the commit; SavedChanges must not add it again.
        state.Saving = null;
        state.Saved = new();
        return all.IsEmpty ? null : all;
    }

    private void Drop(DbContext? db)
    {
        if (db is not null && _states.TryGetValue(db, out State? state))
        {
            RestoreBehaviour(db, state);
            _states.Remove(db);
        }
    }

    private static void RestoreBehaviour(DbContext db, State state)
    {
        if (state.Restore is { } behaviour)
        {
            db.Database.AutoTransactionBehavior = behaviour;
            state.Restore = null;
        }
    }
}

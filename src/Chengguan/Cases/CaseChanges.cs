using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chengguan.Cases;

/// <summary>
/// In-process news of committed case changes (intake, moves, urges), for screens that show cases
/// live (the console's workbench). Only this node's writes are heard; pages also refresh on a timer.
/// </summary>
public sealed class CaseChanges
{
    public event Action<IReadOnlyCollection<Guid>>? Changed;

    public void Publish(IReadOnlyCollection<Guid> caseIds)
    {
        if (caseIds.Count > 0)
        {
            Changed?.Invoke(caseIds);
        }
    }
}

/// <summary>
/// Raises <see cref="CaseChanges"/> once a change to cases is committed: after SaveChanges, or, inside
/// an explicit transaction, after its commit, so that a listener re-reading the case sees it.
/// </summary>
public sealed class CaseChangeInterceptor(CaseChanges changes) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
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

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        List<Guid> ids = [.. db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.Id)];
        if (ids.Count > 0)
        {
            _pending.GetOrCreateValue(db).UnionWith(ids);
        }
    }

    private void Saved(DbContext? db)
    {
        if (db is not null && db.Database.CurrentTransaction is null)
        {
            Flush(db);
        }
    }

    private void Flush(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out HashSet<Guid>? ids))
        {
            _pending.Remove(db);
            changes.Publish(ids);
        }
    }

    private void Discard(DbContext? db)
    {
        if (db is not null)
        {
            _pending.Remove(db);
        }
    }
}

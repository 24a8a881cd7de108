using System.Threading.Channels;
using Chengguan.Cases;
using Chengguan.Cases.Search;
using Chengguan.Clocks;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Hotline;

/// <summary>
/// Group commit for hotline intake. Requests validate on their own and queue the order here; one
/// writer takes whatever has queued (up to <c>Hotline:GroupCommit:MaxBatch</c>), opens every case
/// in one transaction and answers each request only after that transaction has committed. A
/// batch costs one commit (one fsync on PostgreSQL) instead of one per order, and the number
/// sequence, the audit chain head and the clock policies are read once per batch. Nothing waits
/// for a batch to fill: under light load a batch is one order.
/// </summary>
/// <remarks>
/// If a batch fails as a whole (another process delivered one of its orders first, or anything
/// unexpected), it is rolled back and each order is retried alone, so one bad order never costs
/// the others their answer. Re-deliveries inside a batch get the case the first delivery opened.
/// </remarks>
public sealed class HotlineIntakeQueue(IServiceScopeFactory scopes, TimeProvider time, CaseChanges changes, IConfiguration config, ILogger<HotlineIntakeQueue> logger) : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(config.GetValue("Hotline:GroupCommit:Capacity", 4096))
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly int _maxBatch = Math.Max(1, config.GetValue("Hotline:GroupCommit:MaxBatch", 256));

    public readonly record struct Outcome(Case Case, bool Created);

    private sealed record Pending(CaseInput Input, string? ActorId, string ActorName, TaskCompletionSource<Outcome> Done)
    {
        public (CaseChannel, string) Key => (Input.Channel!.Value, Input.ExternalNumber!.Trim());
    }

    /// <summary>
    /// Opens the case for a validated order, or finds the one a previous delivery opened. Returns
    /// once the case is durable. Cancelling stops the wait in the queue, never a decided outcome.
    /// </summary>
    public async Task<Outcome> SubmitAsync(CaseInput input, string? actorId, string actorName, CancellationToken ct)
    {
        var pending = new Pending(input, actorId, actorName, new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out Pending? next))
                {
                    batch.Add(next);
                }
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                await CommitAsync(batch);
                logger.LogDebug("Group commit of {Count} hotline orders took {Ms:F1} ms", batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server has stopped taking requests before this service stops; anything still
            // queued belongs to a request that has gone.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out Pending? left))
            {
                left.Done.TrySetException(new OperationCanceledException("服务正在停止"));
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        if (batch.Count == 1)
        {
            await CommitOneAsync(batch[0]);
            return;
        }
        try
        {
            Outcome[] outcomes = await OpenAllAsync(batch);
            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A group commit of {Count} hotline orders failed; retrying them one by one", batch.Count);
            foreach (Pending p in batch)
            {
                await CommitOneAsync(p);
            }
        }
    }

    private async Task CommitOneAsync(Pending p)
    {
        try
        {
            p.Done.TrySetResult((await OpenAllAsync([p]))[0]);
        }
        catch (DbUpdateException ex)
        {
            // Delivered at the same moment through another process: the unique index let that one in.
            Case? raced = await FindAsync(p.Key).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            if (raced is null)
            {
                p.Done.TrySetException(ex);
            }
            else
            {
                p.Done.TrySetResult(new Outcome(raced, false));
            }
        }
        catch (Exception ex)
        {
            p.Done.TrySetException(ex);
        }
    }

    private async Task<Outcome[]> OpenAllAsync(List<Pending> batch)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var intake = scope.ServiceProvider.GetRequiredService<CaseIntake>();
        using IDisposable? gate = db.Provider == DatabaseProvider.Sqlite ? await SqliteWriteGate.EnterAsync(CancellationToken.None) : null;
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);

        string[] numbers = [.. batch.Select(p => p.Key.Item2).Distinct()];
        Dictionary<(CaseChannel, string), Case> known = (await db.Cases.AsNoTracking()
                .Where(c => (c.Channel == CaseChannel.Hotline12345 || c.Channel == CaseChannel.Hotline12319) && numbers.Contains(c.ExternalNumber!))
                .ToListAsync(CancellationToken.None))
            .ToDictionary(c => (c.Channel, c.ExternalNumber!));
        int fresh = batch.Select(p => p.Key).Distinct().Count(k => !known.ContainsKey(k));
        if (fresh > 0)
        {
            await intake.ReserveNumbersAsync(fresh, CancellationToken.None);
        }

        var outcomes = new Outcome[batch.Count];
        // Saved per delivering account so the audit trail names who sent each order.
        foreach (var byActor in batch.Select((p, i) => (p, i)).GroupBy(x => (x.p.ActorId, x.p.ActorName)))
        {
            foreach ((Pending p, int i) in byActor)
            {
                if (known.TryGetValue(p.Key, out Case? existing))
                {
                    outcomes[i] = new Outcome(existing, false);
                    continue;
                }
                Case opened = await intake.OpenAsync(p.Input, p.ActorId, p.ActorName, CancellationToken.None);
                known[p.Key] = opened;
                outcomes[i] = new Outcome(opened, true);
            }
            await WriteAsync(db, byActor.Key);
        }
        await tx.CommitAsync(CancellationToken.None);
        // Bulk rows pass no change interceptor: live screens (the workbench) hear of them here.
        try
        {
            changes.Publish([.. outcomes.Where(o => o.Created).Select(o => o.Case.Id)]);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A listener failed on news of new hotline cases");
        }
        return outcomes;
    }

    private static readonly HashSet<Type> s_bulkTypes = [typeof(Case), typeof(CaseEvent), typeof(Clock), typeof(ClockLedgerEntry)];

    /// <summary>
    /// Writes what the intakes added: as multi-row inserts with one chained audit entry for the
    /// batch (decision 0007), or, should an intake ever add another kind of row, through SaveChanges.
    /// </summary>
    private async Task WriteAsync(AppDbContext db, (string? Id, string Name) actor)
    {
        List<object> added = [.. db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
        if (added.Any(e => !s_bulkTypes.Contains(e.GetType())))
        {
            db.AuditActor = actor;
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        List<Case> cases = [.. added.OfType<Case>()];
        BulkWrite write = new BulkWrite(db, time)
            .Insert(cases)
            .Insert(added.OfType<CaseEvent>().ToList())
            .Insert(added.OfType<Clock>().ToList())
            .Insert(added.OfType<ClockLedgerEntry>().ToList());
        // From here the rows are the bulk write's: neither the audit entry's save nor a later group may insert them again.
        db.ChangeTracker.AcceptAllChanges();
        // The search documents the indexer would have written in SaveChanges (it no longer sees these
        // cases): added now, they are saved with the batch's audit entry, after the cases they point to.
        Dictionary<string, CategoryNames> names = await CategoryNames.OfAsync(db, cases.Select(c => c.CategoryCode), CancellationToken.None);
        db.CaseSearchDocuments.AddRange(cases.Select(c => new CaseSearchDocument
        {
            CaseId = c.Id,
            Text = CaseSearchIndexer.DocumentFor(c, c.CategoryCode is { } code ? names.GetValueOrDefault(code) : null),
        }));
        db.AuditActor = actor;
        await write.ExecuteAsync($"hotline-intake: {cases.Count} 张工单", actor.Name, CancellationToken.None);
    }

    private async Task<Case?> FindAsync((CaseChannel Channel, string Number) key)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == key.Channel && c.ExternalNumber == key.Number);
    }
}

using System.Threading.Channels;
using Chengguan.Cases;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Hotline;

/// <summary>
/// Group commit for hotline intake. Requests validate on their own and queue the order here; one
/// writer takes whatever has queued (up to <c>Hotline:GroupCommit:MaxBatch</c>), hands the batch to
/// Cases (<see cref="CaseBatchIntake.OpenManyAsync"/>), which opens every case in one transaction,
/// and answers each request only after that transaction has committed. A batch costs one commit
/// (one fsync on PostgreSQL) instead of one per order, and the number sequence, the audit chain
/// head and the clock policies are read once per batch. Nothing waits for a batch to fill: under
/// light load a batch is one order.
/// </summary>
/// <remarks>
/// If a batch fails as a whole (another process delivered one of its orders first, or anything
/// unexpected), it is rolled back and each order is retried alone, so one bad order never costs
/// the others their answer. Re-deliveries inside a batch get the case the first delivery opened.
/// </remarks>
public sealed class HotlineIntakeQueue : BackgroundService
{
    /// <summary>How the batches are named in the audit trail ("hotline-intake: 12 张工单").</summary>
    public const string AuditSource = "hotline-intake";

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<HotlineIntakeQueue> logger;
    private readonly HotlineMetrics _metrics;
    private readonly Channel<Pending> _queue;
    private readonly int _maxBatch;

    public HotlineIntakeQueue(IServiceScopeFactory scopes, IConfiguration config, HotlineMetrics metrics, ILogger<HotlineIntakeQueue> logger)
    {
        (this.scopes, this.logger, _metrics) = (scopes, logger, metrics);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(config.GetValue("Hotline:GroupCommit:Capacity", 4096))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _maxBatch = Math.Max(1, config.GetValue("Hotline:GroupCommit:MaxBatch", 256));
        metrics.ObserveQueue(() => _queue.Reader.Count);
    }

    private sealed record Pending(DeliveredOrder Order, TaskCompletionSource<DeliveredCase> Done);

    /// <summary>
    /// Opens the case for a validated order, or finds the one a previous delivery opened. Returns
    /// once the case is durable. Cancelling stops the wait in the queue, never a decided outcome.
    /// </summary>
    public async Task<DeliveredCase> SubmitAsync(CaseInput input, string? actorId, string actorName, CancellationToken ct)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var pending = new Pending(new DeliveredOrder(input, actorId, actorName), new TaskCompletionSource<DeliveredCase>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        try
        {
            DeliveredCase done = await pending.Done.Task;
            _metrics.Taken(input.Channel, done.Created ? "opened" : "redelivered", started);
            return done;
        }
        catch (Exception)
        {
            _metrics.Taken(input.Channel, "failed", started);
            throw;
        }
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
            DeliveredCase[] outcomes = await OpenAllAsync(batch);
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
            Case? raced = await FindAsync(p.Order.Key).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            if (raced is null)
            {
                p.Done.TrySetException(ex);
            }
            else
            {
                p.Done.TrySetResult(new DeliveredCase(raced, false));
            }
        }
        catch (Exception ex)
        {
            p.Done.TrySetException(ex);
        }
    }

    /// <summary>The batch's write is Cases': one transaction, rows in bulk, one audit entry per delivering key.</summary>
    private async Task<DeliveredCase[]> OpenAllAsync(List<Pending> batch)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        var cases = scope.ServiceProvider.GetRequiredService<CaseBatchIntake>();
        return await cases.OpenManyAsync([.. batch.Select(p => p.Order)], AuditSource, CancellationToken.None);
    }

    private async Task<Case?> FindAsync((CaseChannel Channel, string Number) key)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseBatchIntake>().FindDeliveredAsync(key.Channel, key.Number, CancellationToken.None);
    }
}

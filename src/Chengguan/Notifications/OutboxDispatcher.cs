using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Chengguan.Notifications;

/// <summary>
/// Delivers outbox messages, whoever wrote them. A message whose topic has an owner
/// (<see cref="OutboxTopics"/>) is first handed to that owner (clock steps become inbox notifications);
/// then every message is fanned out to the webhook subscriptions that want its topic, one delivery
/// message per subscription. A topic without an owner is only fanned out (and marked delivered even
/// when nobody subscribes). A failure is retried with growing back-off and the message is
/// dead-lettered after <see cref="MaxAttempts"/>; delivery is at least once.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, OutboxTopics topics, TimeProvider time, IHttpClientFactory http, ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 8;
    public const string WebhookTopic = "webhook";
    private const int BatchSize = 200;

    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DateTimeOffset now = time.GetUtcNow();
        List<OutboxMessage> batch = await db.OutboxMessages
            .Where(m => m.State == OutboxState.Pending && m.AvailableAt <= now)
            .OrderBy(m => m.AvailableAt).Take(BatchSize).ToListAsync(ct);
        List<WebhookSubscription> hooks = batch.Count == 0 ? [] : await db.WebhookSubscriptions.AsNoTracking().Where(w => w.Active).ToListAsync(ct);
        foreach (OutboxMessage message in batch)
        {
            HashSet<object> tracked = Added(db);
            try
            {
                if (message.Topic == WebhookTopic)
                {
                    await SendWebhookAsync(db, message, now, ct);
                }
                else
                {
                    if (topics.OwnerOf(message.Topic) is { } owner)
                    {
                        var handler = (IOutboxTopicHandler)scope.ServiceProvider.GetRequiredService(owner.Handler);
                        await handler.HandleAsync(message, now, ct);
                    }
                    FanOut(db, hooks, message, now);
                }
                message.State = OutboxState.Delivered;
                message.DeliveredAt = now;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The batch is saved once: what a failed handler added must not be saved with the others.
                foreach (EntityEntry entry in db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added && !tracked.Contains(x.Entity)).ToList())
                {
                    entry.State = EntityState.Detached;
                }
                message.Attempts++;
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                message.State = message.Attempts >= MaxAttempts ? OutboxState.Dead : OutboxState.Pending;
                message.AvailableAt = now + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, message.Attempts)));
                logger.LogWarning("Outbox message {Id} ({Topic}) failed attempt {Attempt}: {Error}", message.Id, message.Topic, message.Attempts, message.LastError);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Another dispatcher (a second node, or a second caller in this process) delivered part of this batch first:
            // the inbox's unique (source, user) refused the second copy. Nothing of this batch is saved; the messages still
            // pending are taken by the next round, so delivery stays at least once and never twice.
            logger.LogWarning("Outbox batch of {Count} not saved, another dispatcher delivered part of it first: {Error}", batch.Count, e.InnerException?.Message ?? e.Message);
            return 0;
        }
        return batch.Count;
    }

    private static HashSet<object> Added(AppDbContext db) =>
        db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);

    /// <summary>One delivery message per interested subscription, so that each endpoint retries on its own.</summary>
    private static void FanOut(AppDbContext db, List<WebhookSubscription> hooks, OutboxMessage message, DateTimeOffset now)
    {
        foreach (WebhookSubscription hook in hooks.Where(w => w.Wants(message.Topic)))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Topic = WebhookTopic,
                Payload = JsonSerializer.Serialize(new WebhookDelivery(hook.Id, message.Topic, message.Id, message.Payload), JsonSerializerOptions.Web),
                CreatedAt = now,
                AvailableAt = now,
            });
        }
    }

    private async Task SendWebhookAsync(AppDbContext db, OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        WebhookDelivery delivery = JsonSerializer.Deserialize<WebhookDelivery>(message.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty webhook delivery.");
        WebhookSubscription hook = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.SubscriptionId, ct)
            ?? throw new InvalidOperationException("The subscription no longer exists.");
        if (!hook.Active)
        {
            return;
        }
        await WebhookSigner.SendAsync(http.CreateClient(WebhookTopic), hook, delivery, message.Id, now, ct);
    }
}

/// <summary>
/// Runs the dispatcher every <c>Notifications:Dispatcher:Seconds</c> (default 2) unless
/// <c>Notifications:Dispatcher:Enabled</c> is false; independent of the clock sweeper, since hotline
/// replies and webhooks leave through it too.
/// </summary>
internal sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, TimeProvider time, IConfiguration config, StartupReport startup, ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Notifications:Dispatcher:Enabled", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("Notifications:Dispatcher:Seconds", 2)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A clock moved forward by days fires every missed tick at once, running this loop inline; yielding lets the
            // ticks coalesce into one, as a real clock's would (a test's FakeTimeProvider.Advance otherwise runs the body per tick).
            await Task.Yield();
            if (!startup.Ready)
            {
                continue;
            }
            try
            {
                while (await dispatcher.DispatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox dispatch failed; it will run again");
            }
        }
    }
}

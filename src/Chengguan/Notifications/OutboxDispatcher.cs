using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Notifications;

/// <summary>
/// Delivers outbox messages. Clock steps become inbox notifications for the people who must act:
/// warnings and breaches to the responsible unit (the dispatchers when there is none), escalations
/// to the role the policy names. A failure is retried with growing back-off and the message is
/// dead-lettered after <see cref="MaxAttempts"/>; delivery is at least once, and the inbox is
/// idempotent (unique on message and person).
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider time, IHttpClientFactory http, ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 8;
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
            try
            {
                if (message.Topic == WebhookTopic)
                {
                    await SendWebhookAsync(db, message, now, ct);
                }
                else
                {
                    if (message.Topic.StartsWith("clock.", StringComparison.Ordinal))
                    {
                        await DeliverClockStepAsync(db, message, now, ct);
                    }
                    FanOut(db, hooks, message, now);
                }
                message.State = OutboxState.Delivered;
                message.DeliveredAt = now;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                message.Attempts++;
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                message.State = message.Attempts >= MaxAttempts ? OutboxState.Dead : OutboxState.Pending;
                message.AvailableAt = now + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, message.Attempts)));
                logger.LogWarning("Outbox message {Id} ({Topic}) failed attempt {Attempt}: {Error}", message.Id, message.Topic, message.Attempts, message.LastError);
            }
        }
        await db.SaveChangesAsync(ct);
        return batch.Count;
    }

    public const string WebhookTopic = "webhook";

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

    private static async Task DeliverClockStepAsync(AppDbContext db, OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        ClockStepMessage step = JsonSerializer.Deserialize<ClockStepMessage>(message.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty clock step message.");
        List<string> recipients = await RecipientsAsync(db, step, ct);
        if (await db.Notifications.AnyAsync(n => n.SourceId == message.Id, ct))
        {
            return;
        }
        string due = TimeZoneInfo.ConvertTime(step.DueAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        (string title, string body) = step.Step switch
        {
            ClockService.Warn => ($"【预警】{step.PolicyName}即将到期", $"时限将于 {due} 到期，请尽快处理。"),
            ClockService.Breach => ($"【超时】{step.PolicyName}已超时", $"时限已于 {due} 到期，请立即处理并说明原因。"),
            _ => ($"【督办】{step.PolicyName}超时未处理", $"时限已于 {due} 到期，已按规定升级提醒，请督促办理。"),
        };
        foreach (string user in recipients)
        {
            db.Notifications.Add(new Notification
            {
                UserId = user, Title = title, Body = body, Topic = message.Topic, SourceId = message.Id, CreatedAt = now,
                Link = $"/{step.SubjectType}s/{step.SubjectId}",
            });
        }
    }

    private static async Task<List<string>> RecipientsAsync(AppDbContext db, ClockStepMessage step, CancellationToken ct)
    {
        IQueryable<AppUser> users = db.Users;
        if (step.Step.StartsWith(ClockService.EscalatePrefix, StringComparison.Ordinal))
        {
            string role = step.Step[ClockService.EscalatePrefix.Length..];
            string[] roles = role == Roles.SquadLeader ? [Roles.SquadLeader, Roles.StreetTeamLeader] : [role];
            var holders = db.UserRoles.Join(db.Roles.Where(r => roles.Contains(r.Name!)), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
            users = users.Where(u => holders.Contains(u.Id));
            // Leaders of the responsible unit when there is one; district-wide roles (section chiefs) regardless.
            if (step.UnitId is { } unit && role == Roles.SquadLeader)
            {
                users = users.Where(u => u.Person != null && u.Person.UnitId == unit);
            }
        }
        else if (step.UnitId is { } unit)
        {
            users = users.Where(u => u.Person != null && u.Person.UnitId == unit);
        }
        else
        {
            var dispatchers = db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Dispatcher), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
            users = users.Where(u => dispatchers.Contains(u.Id));
        }
        return await users.Select(u => u.Id).ToListAsync(ct);
    }
}

internal sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, TimeProvider time, IConfiguration config, StartupReport startup, ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Clocks:Sweeper:Enabled", true))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), time);
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

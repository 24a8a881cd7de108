using System.Text.Json;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Directives;

/// <summary>The payload of "directive.overdue" (to the owner unit) and "directive.escalated" (to the leader in charge).</summary>
public sealed record DirectiveOverdueMessage(Guid DirectiveId, int Number, string Text, Guid OwnerUnitId, Guid LeaderPersonId, DateTimeOffset DueAt);

/// <summary>
/// Escalation of overdue directives, in two steps, each sent once: when the deadline passes with the
/// directive open, an outbox message to the owner unit ("directive.overdue"); when it is still open
/// <see cref="EscalateAfterDays"/> days later, one to the leader in charge ("directive.escalated").
/// Each mark is written in the same unit of work as its outbox message, so no warning is lost or doubled.
/// </summary>
public sealed class DirectiveWatch(AppDbContext db, TimeProvider time, IConfiguration config)
{
    public const string TopicPrefix = "directive.";
    public const string OverdueTopic = TopicPrefix + "overdue";
    public const string EscalatedTopic = TopicPrefix + "escalated";

    /// <summary>Days after the owner's warning before the leader is told (Directives:EscalateAfterDays, default 3).</summary>
    public int EscalateAfterDays => Math.Max(0, config.GetValue("Directives:EscalateAfterDays", 3));

    /// <summary>Sends every warning that is due and not sent yet; returns how many were sent.</summary>
    public async Task<int> WarnAsync(CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow(), escalateBefore = now.AddDays(-EscalateAfterDays);
        List<Directive> owners = await db.Directives.Where(d => DirectiveWorkflow.Open.Contains(d.State) && d.OwnerWarnedAt == null && d.DueAt <= now)
            .OrderBy(d => d.DueAt).Take(500).ToListAsync(ct);
        foreach (Directive d in owners)
        {
            d.OwnerWarnedAt = now;
            db.EnqueueOutbox(OverdueTopic, Message(d), now);
        }
        List<Directive> leaders = await db.Directives
            .Where(d => DirectiveWorkflow.Open.Contains(d.State) && d.OwnerWarnedAt != null && d.OwnerWarnedAt <= escalateBefore && d.LeaderWarnedAt == null && d.DueAt <= now)
            .OrderBy(d => d.DueAt).Take(500).ToListAsync(ct);
        foreach (Directive d in leaders)
        {
            d.LeaderWarnedAt = now;
            db.EnqueueOutbox(EscalatedTopic, Message(d), now);
        }
        await db.SaveChangesAsync(ct);
        return owners.Count + leaders.Count;
    }

    private static DirectiveOverdueMessage Message(Directive d) => new(d.Id, d.Number, d.Text, d.OwnerUnitId, d.LeaderPersonId, d.DueAt);
}

/// <summary>Owner of the "directive." topics: the owner unit's people, or the leader in charge, get an inbox message linking the directive.</summary>
internal sealed class DirectiveNotifications(AppDbContext db, SubjectLinks links) : IOutboxTopicHandler
{
    public async Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        DirectiveOverdueMessage m = JsonSerializer.Deserialize<DirectiveOverdueMessage>(message.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty directive message.");
        if (await InboxWrites.DeliveredAsync(db, message.Id, ct))
        {
            return;
        }
        string text = m.Text.Length > 60 ? m.Text[..60] + "…" : m.Text;
        string? link = links.For(DirectiveProcedure.SubjectType, m.DirectiveId);
        if (message.Topic == DirectiveWatch.EscalatedTopic)
        {
            List<string> leader = await db.Users.Where(u => u.PersonId == m.LeaderPersonId).Select(u => u.Id).ToListAsync(ct);
            InboxWrites.Deliver(db, leader, $"【督办升级】第 {m.Number} 号督办事项超期未办结",
                $"您分管的“{text}”已于 {ShanghaiTime.Minutes(m.DueAt)} 超过完成时限，责任单位收到超期提醒后仍未办结，请督促。", link, message.Topic, message.Id, now);
            return;
        }
        List<string> owners = await db.Users.Where(u => u.Person != null && u.Person.UnitId == m.OwnerUnitId).Select(u => u.Id).ToListAsync(ct);
        InboxWrites.Deliver(db, owners, $"【督办超期】第 {m.Number} 号督办事项已超过完成时限",
            $"“{text}”的完成时限已于 {ShanghaiTime.Minutes(m.DueAt)} 届满，请立即办理并报送进展。", link, message.Topic, message.Id, now);
    }
}

/// <summary>Runs <see cref="DirectiveWatch"/> every few minutes; off where the clock sweeper is off (tests drive it by hand).</summary>
internal sealed class DirectiveWatchService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<DirectiveWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Directives:Watch:Enabled", config.GetValue("Clocks:Sweeper:Enabled", true)))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("Directives:Watch:IntervalSeconds", 300)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.Yield();
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DirectiveWatch>().WarnAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The directive watch failed; retrying on the next tick");
            }
        }
    }
}

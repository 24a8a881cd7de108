using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Rectification;

/// <summary>The payload of "rectification.overdue": which item ran past its deadline, and whose it is.</summary>
public sealed record OverdueMessage(Guid ItemId, Guid PlanId, string Period, int Number, string Problem, Guid OwnerUnitId, DateTimeOffset DueAt);

/// <summary>
/// Finds the open items whose deadline has passed and warns each once: an outbox message
/// ("rectification.overdue") in the same unit of work as the item's mark, so a warning is neither
/// lost nor sent twice. The clock engine meanwhile records the deadline's own warn and breach steps.
/// </summary>
public sealed class OverdueWatch(AppDbContext db, TimeProvider time)
{
    public const string TopicPrefix = "rectification.";
    public const string OverdueTopic = TopicPrefix + "overdue";

    /// <summary>Warns every overdue open item not warned yet; returns how many were warned.</summary>
    public async Task<int> WarnAsync(CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        var due = await db.RectificationItems.Where(i => RectificationWorkflow.Open.Contains(i.State) && i.OverdueWarnedAt == null && i.DueAt <= now)
            .Join(db.RectificationPlans, i => i.PlanId, p => p.Id, (i, p) => new { Item = i, p.Period }).OrderBy(x => x.Item.DueAt).Take(500).ToListAsync(ct);
        foreach (var d in due)
        {
            d.Item.OverdueWarnedAt = now;
            db.EnqueueOutbox(OverdueTopic, new OverdueMessage(d.Item.Id, d.Item.PlanId, d.Period, d.Item.Number, d.Item.Problem, d.Item.OwnerUnitId, d.Item.DueAt), now);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}

/// <summary>Owner of the "rectification." topics: an overdue item becomes an inbox message to the owner unit's leaders (中队长), linking the item's page.</summary>
internal sealed class OverdueNotifications(AppDbContext db, SubjectLinks links) : IOutboxTopicHandler
{
    public async Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        OverdueMessage m = JsonSerializer.Deserialize<OverdueMessage>(message.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty rectification message.");
        if (await InboxWrites.DeliveredAsync(db, message.Id, ct))
        {
            return;
        }
        var leaders = db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.StreetTeamLeader), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
        List<string> recipients = await db.Users.Where(u => leaders.Contains(u.Id) && u.Person != null && u.Person.UnitId == m.OwnerUnitId)
            .Select(u => u.Id).ToListAsync(ct);
        InboxWrites.Deliver(db, recipients, $"【整改超期】{m.Period} 整改事项第 {m.Number} 项已超过完成时限",
            $"“{m.Problem}”的完成时限已于 {ShanghaiTime.Minutes(m.DueAt)} 届满，请立即推进整改并报送进展。",
            links.For(RectificationProcedure.SubjectType, m.ItemId), message.Topic, message.Id, now);
    }
}

/// <summary>Runs <see cref="OverdueWatch"/> every few minutes; off where the clock sweeper is off (tests drive it by hand).</summary>
internal sealed class OverdueWatchService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<OverdueWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Rectification:OverdueWatch:Enabled", config.GetValue("Clocks:Sweeper:Enabled", true)))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("Rectification:OverdueWatch:IntervalSeconds", 300)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.Yield();
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OverdueWatch>().WarnAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The rectification overdue watch failed; retrying on the next tick");
            }
        }
    }
}

using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>
/// Owner of the "clock." outbox topics the sweeper writes: each step becomes inbox notifications for
/// the people who must act. Warnings and breaches go to the responsible unit (the dispatchers when
/// there is none), escalations to the role the policy names. The link is the subject's console page,
/// as the subject's owner registered it in <see cref="SubjectLinks"/>.
/// </summary>
internal sealed class ClockStepNotifications(AppDbContext db, SubjectLinks links, ILogger<ClockStepNotifications> logger) : IOutboxTopicHandler
{
    public async Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        ClockStepMessage step = JsonSerializer.Deserialize<ClockStepMessage>(message.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty clock step message.");
        if (await InboxWrites.DeliveredAsync(db, message.Id, ct))
        {
            return;
        }
        List<string> recipients = await RecipientsAsync(step, ct);
        string due = ShanghaiTime.Minutes(step.DueAt);
        (string title, string body) = step.Step switch
        {
            ClockService.Warn => ($"【预警】{step.PolicyName}即将到期", $"时限将于 {due} 到期，请尽快处理。"),
            ClockService.Breach => ($"【超时】{step.PolicyName}已超时", $"时限已于 {due} 到期，请立即处理并说明原因。"),
            _ => ($"【督办】{step.PolicyName}超时未处理", $"时限已于 {due} 到期，已按规定升级提醒，请督促办理。"),
        };
        string? link = links.For(step.SubjectType, step.SubjectId);
        if (link is null)
        {
            // Still worth telling: the people who must act learn of the step even without a page to open.
            logger.LogWarning("No console link is registered for subject type {SubjectType}; clock step {Topic} is notified without one", step.SubjectType, message.Topic);
        }
        InboxWrites.Deliver(db, recipients, title, body, link, message.Topic, message.Id, now);
    }

    private async Task<List<string>> RecipientsAsync(ClockStepMessage step, CancellationToken ct)
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

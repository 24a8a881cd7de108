using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Training;

/// <summary>The payload of "training.certificate-expiry": whose certificate, which band it entered, when it expires.</summary>
public sealed record CertificateExpiryMessage(Guid CertificateId, Guid PersonId, string Number, DateOnly ExpiresOn, ExpiryBand Band);

/// <summary>
/// The daily check of certificate expiry: a certificate entering a closer band (within 90 days, within 30 days, expired)
/// gets one outbox message for that band; the band is marked in the same save as the message, so each is sent once.
/// A renewal (a new expiry date) clears the mark, so a renewed certificate warns afresh when its time comes.
/// </summary>
public sealed class CertificateWatch(AppDbContext db, TimeProvider time)
{
    public const string TopicPrefix = "training.";
    public const string ExpiryTopic = TopicPrefix + "certificate-expiry";

    public async Task<int> WarnAsync(CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now), horizon = today.AddDays(90);
        List<EnforcementCertificate> near = await db.EnforcementCertificates
            .Where(c => c.Status != CertificateStatus.Revoked && c.ExpiresOn <= horizon && c.WarnedBand != ExpiryBand.Expired).ToListAsync(ct);
        int sent = 0;
        foreach (EnforcementCertificate c in near)
        {
            ExpiryBand band = TrainingRules.Band(c.ExpiresOn, today, c.Status);
            if (band > c.WarnedBand)
            {
                c.WarnedBand = band;
                db.EnqueueOutbox(ExpiryTopic, new CertificateExpiryMessage(c.Id, c.PersonId, c.Number, c.ExpiresOn, band), now);
                sent++;
            }
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}

/// <summary>Owner of the "training." topics: the holder and the leaders of the holder's unit get an inbox message linking the certificate register.</summary>
internal sealed class CertificateNotifications(AppDbContext db) : IOutboxTopicHandler
{
    public const string Link = "/training/certificates";

    public async Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        CertificateExpiryMessage m = JsonSerializer.Deserialize<CertificateExpiryMessage>(message.Payload, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("Empty certificate message.");
        if (await InboxWrites.DeliveredAsync(db, message.Id, ct))
        {
            return;
        }
        // The holder's name and unit, and the accounts of the holder and of the unit's leaders: read as the other watches read their recipients.
        var person = await db.People.AsNoTracking().Where(p => p.Id == m.PersonId).Select(p => new { p.Name, p.UnitId }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return;
        }
        var leaders = db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.StreetTeamLeader || r.Name == Roles.SquadLeader), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId);
        List<string> recipients = await db.Users.AsNoTracking()
            .Where(u => u.PersonId == m.PersonId || (leaders.Contains(u.Id) && u.Person != null && u.Person.UnitId == person.UnitId)).Select(u => u.Id).ToListAsync(ct);
        string day = m.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (string title, string body) = m.Band switch
        {
            ExpiryBand.Expired => ($"【执法证已过期】{person.Name}的执法证已于 {day} 到期", $"执法证 {m.Number} 已过有效期，持证人不得从事执法活动，请尽快办理换证。"),
            ExpiryBand.Within30 => ($"【执法证即将到期】{person.Name}的执法证 30 日内到期", $"执法证 {m.Number} 将于 {day} 到期，请立即办理换证。"),
            _ => ($"【执法证到期提醒】{person.Name}的执法证 90 日内到期", $"执法证 {m.Number} 将于 {day} 到期，请安排换证培训与考试。"),
        };
        InboxWrites.Deliver(db, recipients, title, body, Link, message.Topic, message.Id, now);
    }
}

/// <summary>Runs <see cref="CertificateWatch"/> hourly (the bands change by the day); off where the clock sweeper is off (tests drive it by hand).</summary>
internal sealed class CertificateWatchService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration config, ILogger<CertificateWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Training:Watch:Enabled", config.GetValue("Clocks:Sweeper:Enabled", true)))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.GetValue("Training:Watch:IntervalSeconds", 3600)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.Yield();
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CertificateWatch>().WarnAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The certificate watch failed; retrying on the next tick");
            }
        }
    }
}

using System.Net;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Notifications;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Clocks;

/// <summary>The sweeper records each warning, breach and escalation once, at its true time, with an outbox message that reaches the right inboxes.</summary>
public abstract class ClockSweeperTests<TApp>(TApp app) where TApp : ChengguanApp, IClockApp
{
    private async Task<Clock> Start(string policy, string? unitCode = null)
    {
        app.RequireAvailable();
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Guid? unit = unitCode is null ? null : await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        Clock clock = await scope.ServiceProvider.GetRequiredService<ClockService>().StartAsync("case", Guid.NewGuid(), policy, unit, "test", default);
        await db.SaveChangesAsync();
        return clock;
    }

    private Task<int> Sweep() => app.Services.GetRequiredService<ClockSweeper>().SweepAsync(default);

    private Task<List<ClockEvent>> Events(Guid clock) => app.WithDbAsync(db => db.ClockEvents.Where(e => e.ClockId == clock).ToListAsync())
        .ContinueWith(t => t.Result.OrderBy(e => e.OccurredAt).ThenBy(e => Array.IndexOf(s_order, e.Step)).ToList());

    private static readonly string[] s_order = [ClockService.Warn, ClockService.Breach, "escalate:squad_leader", "escalate:section_chief"];

    [Fact]
    public async Task Warning_and_breach_are_recorded_once_each_at_their_true_times()
    {
        Clock clock = await Start(ClockPolicies.HotlineAccept);
        DateTimeOffset started = clock.StartedAt;
        app.Clock.Advance(TimeSpan.FromMinutes(17));
        await Sweep();
        await Sweep();
        List<ClockEvent> events = await Events(clock.Id);
        Assert.Equal([(ClockService.Warn, started.AddMinutes(16))], events.Select(e => (e.Step, e.OccurredAt)));

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await Sweep();
        events = await Events(clock.Id);
        // The squad leader is told at the breach itself (the seeded policy escalates at +0 and +120 minutes).
        Assert.Equal([ClockService.Warn, ClockService.Breach, "escalate:squad_leader"], events.Select(e => e.Step));
        Clock stored = await app.WithDbAsync(db => db.Clocks.SingleAsync(c => c.Id == clock.Id));
        Assert.Equal(ClockState.Breached, stored.State);
        Assert.Equal(started.AddMinutes(20), stored.BreachedAt);
        Assert.Equal("escalate:section_chief", stored.NextStep);
        Assert.Equal(started.AddMinutes(140), stored.NextCheckAt);
        int outbox = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Payload.Contains(clock.Id.ToString())));
        Assert.Equal(3, outbox);
    }

    [Fact]
    public async Task A_sweep_is_audited_as_one_chained_entry_with_a_digest_of_its_rows()
    {
        Clock clock = await Start(ClockPolicies.HotlineAccept);
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await Sweep() >= 3);
        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "batch" && a.EntityKey.StartsWith("clock-sweep")).OrderByDescending(a => a.Seq).FirstAsync());
        using var summary = System.Text.Json.JsonDocument.Parse(entry.After!);
        Assert.True(summary.RootElement.GetProperty("counts").GetProperty("ClockEvent.create").GetInt32() >= 3);
        Assert.True(summary.RootElement.GetProperty("counts").GetProperty("OutboxMessage.create").GetInt32() >= 3);
        Assert.Matches("^[0-9a-f]{64}$", summary.RootElement.GetProperty("sha256").GetString());
        var verification = await app.WithDbAsync(db => Chengguan.Audit.AuditChain.VerifyAsync(db, default));
        Assert.True(verification.Intact, verification.Reason);
    }

    [Fact]
    public async Task Steps_missed_while_the_service_was_down_are_recorded_with_their_true_times()
    {
        Clock clock = await Start(ClockPolicies.HotlineOnSite);
        DateTimeOffset started = clock.StartedAt;
        app.Clock.Advance(TimeSpan.FromHours(5));
        DateTimeOffset now = app.Clock.GetUtcNow();
        await Sweep();
        List<ClockEvent> events = await Events(clock.Id);
        Assert.Equal(
            [(ClockService.Warn, started.AddMinutes(96)), (ClockService.Breach, started.AddMinutes(120)),
             ("escalate:squad_leader", started.AddMinutes(120)), ("escalate:section_chief", started.AddMinutes(240))],
            events.Select(e => (e.Step, e.OccurredAt)));
        Assert.All(events, e => Assert.Equal(now, e.RecordedAt));
        Assert.Null((await app.WithDbAsync(db => db.Clocks.SingleAsync(c => c.Id == clock.Id))).NextCheckAt);
    }

    [Fact]
    public async Task Breaches_reach_the_inboxes_of_the_responsible_unit_and_escalations_its_leader()
    {
        Clock clock = await Start(ClockPolicies.HotlineAccept, "310106006-ZD");
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        await Sweep();
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);

        HttpClient officer = await app.ClientFor("jnl.officer");
        List<NotificationDto> mine = await (await officer.GetAsync("/api/notifications?unreadOnly=true")).OkJson<List<NotificationDto>>();
        // The case's own page, as Cases registered it (SubjectLinkTests opens it).
        string link = $"/cases/{clock.SubjectId}";
        NotificationDto breach = Assert.Single(mine, n => n.Topic == "clock.breach" && n.Link == link);
        Assert.Contains("超时", breach.Title);
        Assert.Single(mine, n => n.Topic == "clock.warn" && n.Link == link);
        Assert.DoesNotContain(mine, n => n.Topic == "clock.escalate:squad_leader");

        HttpClient leader = await app.ClientFor("jnl.leader");
        List<NotificationDto> leaders = await (await leader.GetAsync("/api/notifications")).OkJson<List<NotificationDto>>();
        Assert.Contains(leaders, n => n.Topic == "clock.escalate:squad_leader" && n.Link == link && n.Title.StartsWith("【督办】", StringComparison.Ordinal));
        List<NotificationDto> strangers = await (await (await app.ClientFor("smel.officer")).GetAsync("/api/notifications")).OkJson<List<NotificationDto>>();
        Assert.DoesNotContain(strangers, n => n.Link == link);

        int before = (await (await officer.GetAsync("/api/notifications/unread-count")).OkJson<UnreadCount>()).Unread;
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/notifications/{breach.Id}/read", null)).StatusCode);
        int after = (await (await officer.GetAsync("/api/notifications/unread-count")).OkJson<UnreadCount>()).Unread;
        Assert.Equal(before - 1, after);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("smel.officer")).PostAsync($"/api/notifications/{breach.Id}/read", null)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_sweeps_never_record_a_step_twice()
    {
        var clocks = new List<Clock>();
        for (int i = 0; i < 30; i++)
        {
            clocks.Add(await Start(ClockPolicies.HotlineAccept));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        ClockSweeper sweeper = app.Services.GetRequiredService<ClockSweeper>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => sweeper.SweepAsync(default))));
        var ids = clocks.Select(c => c.Id).ToList();
        var steps = await app.WithDbAsync(db => db.ClockEvents.Where(e => ids.Contains(e.ClockId)).Select(e => new { e.ClockId, e.Step }).ToListAsync());
        Assert.Equal(30 * 3, steps.Count);
        Assert.Equal(steps.Count, steps.Distinct().Count());
    }
}

public sealed class ClockSweeperTestsOnSqlite(SqliteClockApp app) : ClockSweeperTests<SqliteClockApp>(app), IClassFixture<SqliteClockApp>;

public sealed class ClockSweeperTestsOnPostgres(PostgresClockApp app) : ClockSweeperTests<PostgresClockApp>(app), IClassFixture<PostgresClockApp>;

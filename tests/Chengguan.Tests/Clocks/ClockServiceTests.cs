using System.Net;
using System.Text;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengguan.Tests.Clocks.Calendar.TestCalendars;

namespace Chengguan.Tests.Clocks;

/// <summary>Clocks on records, driven through the service as a use case would, read back over HTTP. Time moves only when a test moves it.</summary>
public abstract class ClockServiceTests<TApp>(TApp app) where TApp : ChengguanApp, IClockApp
{
    private async Task<T> InScope<T>(Func<ClockService, AppDbContext, Task<T>> work)
    {
        app.RequireAvailable();
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        T result = await work(scope.ServiceProvider.GetRequiredService<ClockService>(), db);
        await db.SaveChangesAsync();
        return result;
    }

    private Task<Clock> Start(Guid subject, string policy, Guid? unit = null) =>
        InScope((s, _) => s.StartAsync("case", subject, policy, unit, "test", default));

    private Task<Clock> With(Guid clockId, Func<ClockService, Clock, Task> action) => InScope(async (s, db) =>
    {
        Clock c = await db.Clocks.Include(x => x.Ledger).Include(x => x.Policy).SingleAsync(x => x.Id == clockId);
        await action(s, c);
        return c;
    });

    private async Task<ClockDto> Read(Guid subject, string kind)
    {
        HttpClient client = await app.ClientFor("dispatcher");
        List<ClockDto> clocks = await (await client.GetAsync($"/api/clocks/subject/case/{subject}")).OkJson<List<ClockDto>>();
        return clocks.Single(c => c.Kind == kind);
    }

    [Fact]
    public async Task The_accept_clock_runs_twenty_minutes_and_warns_at_sixteen()
    {
        var subject = Guid.NewGuid();
        DateTimeOffset now = app.Clock.GetUtcNow();
        await Start(subject, ClockPolicies.HotlineAccept);
        ClockDto dto = await Read(subject, ClockPolicies.HotlineAccept);
        Assert.Equal(ClockState.Running, dto.State);
        Assert.Equal(now.AddMinutes(20), dto.DueAt);
        Assert.Equal(now.AddMinutes(16), dto.WarnAt);
        Assert.Equal(20, dto.RemainingMinutes);
        Assert.Equal(ClockService.Warn, dto.NextStep);
        Assert.Equal("签收时限（20分钟）", dto.PolicyName);
    }

    [Fact]
    public async Task Starting_twice_is_idempotent_and_a_pause_takes_the_clock_off_the_sweep()
    {
        var subject = Guid.NewGuid();
        Clock c = await Start(subject, ClockPolicies.HotlineOnSite);
        Clock again = await Start(subject, ClockPolicies.HotlineOnSite);
        Assert.Equal(c.Id, again.Id);

        Clock paused = await With(c.Id, (s, x) => s.PauseAsync(x, "test", "挂起：等待当事人", default));
        Assert.Equal(ClockState.Paused, paused.State);
        Assert.Null(paused.NextCheckAt);
        Assert.Null(paused.DueAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.Clocks.CountAsync(x => x.Id == c.Id && x.NextCheckAt != null)));

        Clock resumed = await With(c.Id, (s, x) => s.ResumeAsync(x, "test", default));
        Assert.Equal(ClockState.Running, resumed.State);
        Assert.Equal(c.DueAt, resumed.DueAt);
        Assert.Equal(3, resumed.LedgerCount);
    }

    [Fact]
    public async Task An_extension_moves_the_due_time_and_records_the_approver()
    {
        var subject = Guid.NewGuid();
        Clock c = await Start(subject, ClockPolicies.HotlineHandlingGeneral);
        Clock extended = await With(c.Id, (s, x) => s.ExtendAsync(x, 2, "dispatcher", "chief", "需协调多部门", default));
        Assert.True(extended.DueAt > c.DueAt);
        ClockLedgerEntry entry = await app.WithDbAsync(db => db.ClockLedger.SingleAsync(l => l.ClockId == c.Id && l.Type == LedgerType.Extend));
        Assert.Equal(("chief", "需协调多部门", 2), (entry.Approver, entry.Reason, entry.Amount));
    }

    [Fact]
    public async Task Stopping_in_time_is_met_with_its_margin_and_consumption()
    {
        var subject = Guid.NewGuid();
        Clock c = await Start(subject, ClockPolicies.HotlinePreliminary);
        Clock stopped = await With(c.Id, (s, x) => s.StopAsync(x, "test", default));
        Assert.Equal(ClockState.Met, stopped.State);
        Assert.Equal(0, stopped.ConsumedMinutes);
        Assert.Equal(24 * 60, stopped.MarginMinutes);
        Assert.Null(stopped.NextCheckAt);
        ClockDto dto = await Read(subject, ClockPolicies.HotlinePreliminary);
        Assert.Null(dto.RemainingMinutes);
    }

    [Fact]
    public async Task Rework_restarts_or_continues_as_the_policy_says()
    {
        var subject = Guid.NewGuid();
        Clock accept = await Start(subject, ClockPolicies.HotlineAccept);
        await With(accept.Id, (s, x) => s.StopAsync(x, "test", default));
        Clock restarted = await Start(subject, ClockPolicies.HotlineAccept);
        Assert.Equal(accept.Id, restarted.Id);
        Assert.Equal(ClockState.Running, restarted.State);
        Assert.Contains(restarted.Ledger, l => l.Type == LedgerType.Restart);

        Clock disposal = await Start(subject, "disposal.4wh");
        await With(disposal.Id, (s, x) => s.StopAsync(x, "test", default));
        Clock continued = await Start(subject, "disposal.4wh");
        Assert.Contains(continued.Ledger, l => l.Type == LedgerType.Resume);
        Assert.Equal(ClockState.Running, continued.State);
    }

    [Fact]
    public async Task Due_soon_list_orders_running_clocks_by_due_time_within_the_window()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await Start(second, ClockPolicies.HotlineOnSite);
        await Start(first, ClockPolicies.HotlineAccept);
        DateTimeOffset now = app.Clock.GetUtcNow();
        HttpClient client = await app.ClientFor("dispatcher");
        string before = Uri.EscapeDataString(now.AddMinutes(121).ToString("O"));
        Page<ClockDto> page = await (await client.GetAsync($"/api/clocks?dueBefore={before}&limit=500")).OkJson<Page<ClockDto>>();
        List<ClockDto> mine = [.. page.Items.Where(c => c.SubjectId == first || c.SubjectId == second)];
        Assert.Equal([first, second], mine.Select(c => c.SubjectId));
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.DueAt <= p.Second.DueAt));
    }

    [Fact]
    public async Task A_notice_import_moves_running_working_time_clocks_and_never_ended_ones()
    {
        Clock running = await Start(Guid.NewGuid(), ClockPolicies.HotlineHandlingGeneral);
        Clock natural = await Start(Guid.NewGuid(), ClockPolicies.HotlinePreliminary);
        Clock ended = await Start(Guid.NewGuid(), ClockPolicies.HotlineHandlingSupervised);
        ended = await With(ended.Id, (s, x) => s.StopAsync(x, "test", default));
        DateTimeOffset? endedDue = ended.DueAt;

        // Re-issue 2026 with one more day off inside the running clock's window.
        HttpClient admin = await app.ClientFor("admin");
        CalendarDto calendar = await (await admin.GetAsync("/api/calendars/cn-state-council")).OkJson<CalendarDto>();
        NoticeYearDto y = calendar.Notices.Single(n => n.Year == 2026);
        DateOnly extra = ShanghaiTime.Today(app.Clock).AddDays(2);
        while (extra.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || y.Holidays.Contains(extra.ToString("yyyy-MM-dd")))
        {
            extra = extra.AddDays(1);
        }
        var notice = new
        {
            years = new[]
            {
                new
                {
                    year = 2026, notice = y.Notice + "（补充：临时调整）", url = y.Url,
                    holidays = y.Holidays.Append(extra.ToString("yyyy-MM-dd")).Select(d => new { date = d, name = "临时" }).ToArray(),
                    workdays = y.Workdays.Select(d => new { date = d, name = "调休" }).ToArray(),
                },
            },
        };
        CalendarImportResult result = await (await admin.PostJson("/api/calendars/cn-state-council/notices", notice)).OkJson<CalendarImportResult>(HttpStatusCode.Created);
        Assert.True(result.RecomputedClocks >= 1);

        Clock moved = await app.WithDbAsync(db => db.Clocks.SingleAsync(c => c.Id == running.Id));
        Assert.Equal(running.DueAt!.Value.AddDays(extra.DayOfWeek == DayOfWeek.Friday ? 3 : 1), moved.DueAt);
        Assert.NotEqual(running.CalendarVersionId, moved.CalendarVersionId);
        Assert.Contains(await app.WithDbAsync(db => db.ClockLedger.Where(l => l.ClockId == running.Id).Select(l => l.Type).ToListAsync()), t => t == LedgerType.Recalc);
        Assert.Equal(natural.DueAt, (await app.WithDbAsync(db => db.Clocks.SingleAsync(c => c.Id == natural.Id))).DueAt);
        Clock stillEnded = await app.WithDbAsync(db => db.Clocks.SingleAsync(c => c.Id == ended.Id));
        Assert.Equal((endedDue, ended.CalendarVersionId), (stillEnded.DueAt, stillEnded.CalendarVersionId));
    }

    [Fact]
    public async Task A_street_officer_sees_only_clocks_of_units_in_scope()
    {
        var subject = Guid.NewGuid();
        Guid shimenTeam = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "310106011-ZD").Select(u => u.Id).SingleAsync());
        await Start(subject, ClockPolicies.HotlineAccept, shimenTeam);
        HttpClient jiangning = await app.ClientFor("jnl.officer");
        // Another street's subject is not found at all (a scope miss is a 404, not an empty list).
        await (await jiangning.GetAsync($"/api/clocks/subject/case/{subject}")).Problem(System.Net.HttpStatusCode.NotFound);
        HttpClient shimen = await app.ClientFor("smel.officer");
        Assert.Single(await (await shimen.GetAsync($"/api/clocks/subject/case/{subject}")).OkJson<List<ClockDto>>());
    }
}

public sealed class ClockServiceTestsOnSqlite(SqliteClockApp app) : ClockServiceTests<SqliteClockApp>(app), IClassFixture<SqliteClockApp>;

public sealed class ClockServiceTestsOnPostgres(PostgresClockApp app) : ClockServiceTests<PostgresClockApp>(app), IClassFixture<PostgresClockApp>;

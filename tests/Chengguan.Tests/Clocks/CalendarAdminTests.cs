using System.Net;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Clocks;

/// <summary>Calendars made and changed over the API; each test works on a calendar of its own.</summary>
public abstract class CalendarAdminTests(ChengguanApp app)
{
    private static string NewName() => "t-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> CreateAsync(HttpClient admin, object? specialHours = null)
    {
        string name = NewName();
        CalendarVersionDto created = await (await admin.PostJson("/api/calendars", new { name, copyNoticesFrom = "cn-state-council", specialHours }))
            .OkJson<CalendarVersionDto>(HttpStatusCode.Created);
        Assert.Equal((name, 1, "Asia/Shanghai"), (created.Name, created.Version, created.TimeZoneId));
        return name;
    }

    [Fact]
    public async Task Special_hours_shorten_a_working_day_in_the_deadline_calculator()
    {
        HttpClient admin = await app.ClientFor("admin");
        string name = await CreateAsync(admin, new[] { new { date = "2026-03-06", periods = "09:00-12:00", name = "半天" } });
        // Friday 6 March has three working hours; the fourth falls on Monday at 10:00.
        PreviewResponse preview = await (await admin.GetAsync($"/api/clocks/preview?start=2026-03-06T09:00%2B08:00&amount=4&kind=workingHours&calendar={name}")).OkJson<PreviewResponse>();
        Assert.Equal("2026-03-09T10:00:00+08:00", preview.DueLocal);
        PreviewResponse shipped = await (await admin.GetAsync("/api/clocks/preview?start=2026-03-06T09:00%2B08:00&amount=4&kind=workingHours")).OkJson<PreviewResponse>();
        Assert.Equal("2026-03-06T14:00:00+08:00", shipped.DueLocal);
    }

    [Fact]
    public async Task Changing_working_periods_writes_a_new_version_and_moves_running_clocks()
    {
        HttpClient admin = await app.ClientFor("admin");
        string name = await CreateAsync(admin);
        string code = "test.wh." + Guid.NewGuid().ToString("N")[..8];
        Guid clockId = default;
        await app.WithDbAsync(async db =>
        {
            db.ClockPolicies.Add(new ClockPolicy
            {
                Code = code, Name = "测试", StartEvent = "test", StopEvent = "test", Kind = TimeLimitKind.WorkingHours, Amount = 8, Calendar = name,
            });
            await db.SaveChangesAsync();
            return 0;
        });
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Chengguan.Data.AppDbContext>();
            Clock clock = await scope.ServiceProvider.GetRequiredService<ClockService>().StartAsync("case", Guid.NewGuid(), code, null, "test", default);
            await db.SaveChangesAsync();
            clockId = clock.Id;
        }

        CalendarImportResult changed = await (await admin.PutJson($"/api/calendars/{name}", new { weekdayPeriods = "08:00-12:00,13:00-18:00" })).OkJson<CalendarImportResult>();
        Assert.Equal((2, "08:00-12:00,13:00-18:00", 1), (changed.Version.Version, changed.Version.WeekdayPeriods, changed.RecomputedClocks));

        Clock moved = await app.WithDbAsync(db => db.Clocks.Include(c => c.Ledger).SingleAsync(c => c.Id == clockId));
        Assert.Equal(changed.Version.Id, moved.CalendarVersionId);
        Assert.Equal(LedgerType.Recalc, moved.Ledger.OrderBy(l => l.Seq).Last().Type);
        string start = Uri.EscapeDataString(moved.StartedAt.ToString("O"));
        PreviewResponse expected = await (await admin.GetAsync($"/api/clocks/preview?start={start}&amount=8&kind=workingHours&calendar={name}")).OkJson<PreviewResponse>();
        Assert.Equal(expected.Due, moved.DueAt);
    }

    [Fact]
    public async Task Bad_calendars_are_refused_with_field_errors_and_nothing_written()
    {
        HttpClient admin = await app.ClientFor("admin");
        string name = await CreateAsync(admin);
        var problem = await (await admin.PutJson($"/api/calendars/{name}", new
        {
            timeZoneId = "Mars/Olympus",
            weekdayPeriods = "13:00-17:30,09:00-12:00",
            specialHours = new[] { new { date = "2026-13-01", periods = "9-12", name = "错" } },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("timeZoneId"));
        Assert.NotEmpty(problem.FieldErrors("weekdayPeriods"));
        Assert.NotEmpty(problem.FieldErrors("specialHours[0].date"));
        Assert.NotEmpty(problem.FieldErrors("specialHours[0].periods"));
        CalendarDto unchanged = await (await admin.GetAsync($"/api/calendars/{name}")).OkJson<CalendarDto>();
        Assert.Equal(1, unchanged.Version.Version);

        // A special day without its periods (required: "" is a day off) is a field error, not a failure building the calendar.
        var noPeriods = await (await admin.PutJson($"/api/calendars/{name}", new { specialHours = new[] { new { date = "2026-12-24", name = "平安夜" } } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["工作时段不能为空（当天不上班请填空字符串）"], noPeriods.FieldErrors("specialHours[0].periods"));

        (await (await admin.PostJson("/api/calendars", new { name })).Problem(HttpStatusCode.BadRequest)).FieldErrors("name");
        Assert.NotEmpty((await (await admin.PostJson("/api/calendars", new { name = "Bad Name!" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("name"));
        await (await admin.PutJson("/api/calendars/no-such-calendar", new { weekdayPeriods = "09:00-17:00" })).Problem(HttpStatusCode.NotFound);
        HttpResponseMessage dispatcher = await (await app.ClientFor("dispatcher")).PutJson($"/api/calendars/{name}", new { weekdayPeriods = "09:00-17:00" });
        Assert.Equal(HttpStatusCode.Forbidden, dispatcher.StatusCode);
    }
}

public sealed class CalendarAdminTestsOnSqlite(SqliteApp app) : CalendarAdminTests(app);

public sealed class CalendarAdminTestsOnPostgres(PostgresApp app) : CalendarAdminTests(app);

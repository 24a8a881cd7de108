using System.Net;
using System.Text;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Clocks;

public abstract class ClocksApiTests(ChengguanApp app)
{
    [Fact]
    public async Task The_shipped_calendar_covers_2016_to_2026_with_the_2020_amendment()
    {
        HttpClient client = await app.ClientFor("dispatcher");
        CalendarDto calendar = await (await client.GetAsync("/api/calendars/cn-state-council")).OkJson<CalendarDto>();
        Assert.Equal(Enumerable.Range(2016, 11), calendar.Notices.Select(n => n.Year).Where(y => y <= 2026));
        NoticeYearDto y2020 = calendar.Notices.Single(n => n.Year == 2020);
        Assert.NotNull(y2020.AmendedBy);
        Assert.Contains("2020-02-02", y2020.Holidays);
        Assert.Equal("Asia/Shanghai", calendar.Version.TimeZoneId);
    }

    [Theory]
    // Working hours across National Day 2025: 17:00 on 30 Sep is closing time, the holiday runs to 8 Oct.
    [InlineData("2025-09-30T17:00+08:00", 8, "workingHours", "2025-10-09T17:30:00+08:00", false)]
    // Three hours from opening end exactly at the lunch break, not after it.
    [InlineData("2026-03-02T09:00+08:00", 3, "workingHours", "2026-03-02T12:00:00+08:00", false)]
    // A wall-clock start without an offset is read in the calendar's zone.
    [InlineData("2026-03-02T09:00", 3, "workingHours", "2026-03-02T12:00:00+08:00", false)]
    // Friday evening + 1 working day: the make-up Sunday of 28 Sep 2025 is a working day.
    [InlineData("2025-09-26T19:00+08:00", 1, "workingDays", "2025-09-28T17:30:00+08:00", false)]
    // The bureau's accept clock: 20 natural minutes, through lunch and holidays alike.
    [InlineData("2025-10-01T11:50+08:00", 20, "naturalMinutes", "2025-10-01T12:10:00+08:00", false)]
    // Natural days fall due at 24:00 of the Nth day.
    [InlineData("2026-01-05T10:00+08:00", 90, "naturalDays", "2026-04-06T00:00:00+08:00", false)]
    // 2027 has no notice yet: the weekday rule applies and the answer says so.
    [InlineData("2026-12-31T10:00+08:00", 1, "workingDays", "2027-01-01T17:30:00+08:00", true)]
    public async Task Preview_answers_the_due_time_in_shanghai_time(string start, int amount, string kind, string dueLocal, bool provisional)
    {
        HttpClient client = await app.ClientFor("dispatcher");
        PreviewResponse r = await (await client.GetAsync($"/api/clocks/preview?start={Uri.EscapeDataString(start)}&amount={amount}&kind={kind}")).OkJson<PreviewResponse>();
        Assert.Equal(dueLocal, r.DueLocal);
        Assert.Equal(TimeSpan.Zero, r.Due.Offset);
        Assert.Equal(provisional, r.Provisional);
        Assert.Equal("cn-state-council", r.Calendar);
    }

    [Fact]
    public async Task Preview_rejects_bad_input_with_field_errors()
    {
        HttpClient client = await app.ClientFor("dispatcher");
        var problem = await (await client.GetAsync("/api/clocks/preview?amount=-1&kind=fortnights&calendar=nope")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("start"));
        Assert.NotEmpty(problem.FieldErrors("amount"));
        Assert.NotEmpty(problem.FieldErrors("kind"));
        Assert.NotEmpty(problem.FieldErrors("calendar"));
        var badStart = await (await client.GetAsync("/api/clocks/preview?start=yesterday&amount=1&kind=workingDays")).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badStart.FieldErrors("start"));
    }

    [Fact]
    public async Task Importing_a_notice_makes_a_new_version_and_ends_the_provisional_answer()
    {
        HttpClient admin = await app.ClientFor("admin");
        // 2031 is used by no other test: 1 Jan 2031 (Wednesday) off, Saturday 4 Jan worked.
        const string notice = """
            {"years":[{"year":2031,"notice":"国务院办公厅关于2031年部分节假日安排的通知（测试）","url":null,
              "holidays":[{"date":"2031-01-01","name":"元旦"}],
              "workdays":[{"date":"2031-01-04","name":"元旦"}]}]}
            """;
        PreviewResponse before = await (await admin.GetAsync("/api/clocks/preview?start=2030-12-31T18:00%2B08:00&amount=1&kind=workingDays")).OkJson<PreviewResponse>();
        Assert.True(before.Provisional);
        Assert.Equal("2031-01-01T17:30:00+08:00", before.DueLocal);

        CalendarVersionDto created = (await (await admin.PostAsync("/api/calendars/cn-state-council/notices", new StringContent(notice, Encoding.UTF8, "application/json")))
            .OkJson<CalendarImportResult>(HttpStatusCode.Created)).Version;
        Assert.Contains(2031, created.Years);
        Assert.Contains(2020, created.Years);
        Assert.Equal(before.CalendarVersion + 1, created.Version);

        PreviewResponse after = await (await admin.GetAsync("/api/clocks/preview?start=2030-12-31T18:00%2B08:00&amount=1&kind=workingDays")).OkJson<PreviewResponse>();
        Assert.Equal(created.Version, after.CalendarVersion);
        Assert.Equal("2031-01-02T17:30:00+08:00", after.DueLocal);
        Assert.True(after.Provisional, "2030 itself still has no notice");
        PreviewResponse saturday = await (await admin.GetAsync("/api/clocks/preview?start=2031-01-03T18:00%2B08:00&amount=1&kind=workingDays")).OkJson<PreviewResponse>();
        Assert.Equal("2031-01-04T17:30:00+08:00", saturday.DueLocal);
        Assert.False(saturday.Provisional);
    }

    [Fact]
    public async Task Seeded_policies_carry_the_three_twos_and_the_city_limits()
    {
        HttpClient client = await app.ClientFor("dispatcher");
        List<ClockPolicyDto> policies = await (await client.GetAsync("/api/clocks/policies")).OkJson<List<ClockPolicyDto>>();
        Assert.Equal(("NaturalMinutes", 20), policies.Where(p => p.Code == ClockPolicies.HotlineAccept).Select(p => (p.Kind, p.Amount)).Single());
        Assert.Equal(("NaturalMinutes", 120), policies.Where(p => p.Code == ClockPolicies.HotlineOnSite).Select(p => (p.Kind, p.Amount)).Single());
        Assert.Equal(("NaturalMinutes", 1440), policies.Where(p => p.Code == ClockPolicies.HotlinePreliminary).Select(p => (p.Kind, p.Amount)).Single());
        Assert.Equal([1, 3, 5, 15], policies.Where(p => p.Code.StartsWith("hotline.handling.", StringComparison.Ordinal)).Select(p => p.Amount).Order());
        Assert.Equal(("NaturalDays", 90), policies.Where(p => p.Code == ClockPolicies.PenaltyCase).Select(p => (p.Kind, p.Amount)).Single());
        Assert.All(policies.Where(p => p.Version == 1), p => Assert.Equal(80, p.WarnPercent));
    }

    [Fact]
    public async Task A_new_policy_version_is_validated_and_becomes_current()
    {
        HttpClient admin = await app.ClientFor("admin");
        var bad = await (await admin.PostJson("/api/clocks/policies/disposal.2uh/versions",
            new { name = "紧急处置", kind = "UrgentHours", amount = 0, warnPercent = 120, escalations = new[] { new { role = "king", afterDueMinutes = -1 } } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("amount"));
        Assert.NotEmpty(bad.FieldErrors("warnPercent"));
        await (await admin.PostJson("/api/clocks/policies/nope/versions", new { name = "x", kind = "UrgentHours", amount = 1, warnPercent = 50, escalations = Array.Empty<object>() }))
            .Problem(HttpStatusCode.NotFound);

        ClockPolicyDto created = await (await admin.PostJson("/api/clocks/policies/disposal.2uh/versions",
            new { name = "紧急处置时限（2个紧急工作时，70%预警）", kind = "UrgentHours", amount = 2, warnPercent = 70, escalations = new[] { new { role = "squad_leader", afterDueMinutes = 15 } } }))
            .OkJson<ClockPolicyDto>(HttpStatusCode.Created);
        Assert.Equal(2, created.Version);
        List<ClockPolicyDto> policies = await (await admin.GetAsync("/api/clocks/policies")).OkJson<List<ClockPolicyDto>>();
        ClockPolicyDto current = policies.Single(p => p.Code == "disposal.2uh");
        Assert.Equal((2, 70), (current.Version, current.WarnPercent));
        Assert.Equal([new EscalationStep("squad_leader", 15)], current.Escalations);
    }

    [Fact]
    public async Task A_notice_with_a_weekday_make_up_day_is_refused()
    {
        HttpClient admin = await app.ClientFor("admin");
        const string notice = """{"years":[{"year":2032,"notice":"测试","url":null,"holidays":[],"workdays":[{"date":"2032-01-05","name":"错"}]}]}""";
        var problem = await (await admin.PostAsync("/api/calendars/cn-state-council/notices", new StringContent(notice, Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("years[0].workdays"));
        var malformed = await (await admin.PostAsync("/api/calendars/cn-state-council/notices", new StringContent("{\"years\":[{\"year\":\"x\"}]}", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(malformed.FieldErrors("years"));
        HttpResponseMessage officer = await (await app.ClientFor("jnl.officer")).PostAsync("/api/calendars/cn-state-council/notices", new StringContent(notice, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }
}

public sealed class ClocksApiTestsOnSqlite(SqliteApp app) : ClocksApiTests(app);

public sealed class ClocksApiTestsOnPostgres(PostgresApp app) : ClocksApiTests(app);

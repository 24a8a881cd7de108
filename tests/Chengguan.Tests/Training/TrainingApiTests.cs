using System.Net;
using System.Text.Json;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Chengguan.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Training;

/// <summary>
/// Unified training over HTTP: courses and sessions, attendance recorded by the bureau and by a street team for its own
/// people, hours against the requirement and the shortfall list, coverage per unit, certificates with their expiry bands and
/// warnings (each band once, a renewal afresh), bad input as Chinese field errors, 403 for roles that must not write and 404
/// outside the scope. Figures are asserted in a year nobody else uses (1998) on people the test adds.
/// </summary>
public abstract class TrainingApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private const string Jiangning = "310106006", Shimen = "310106011";
    private const int Year = 1998;

    private Task<Guid> TeamAsync(string street) => app.WithDbAsync(db => db.Units
        .Where(u => u.Kind == UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == street)).Select(u => u.Id).FirstAsync());

    private Task<Guid> UnitAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).FirstAsync());

    /// <summary>New people of a unit, straight into the register (Organisation's rules are not what is tested here).</summary>
    private Task<Guid[]> HireAsync(Guid unit, int count) => app.WithDbAsync(async db =>
    {
        string tag = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        Person[] people = [.. Enumerable.Range(0, count).Select(i => new Person { Name = $"培训{tag[..4]}{i}", BadgeNumber = $"T{tag}{i}", UnitId = unit })];
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        return people.Select(p => p.Id).ToArray();
    });

    private DateOnly Today => ShanghaiTime.Today(TimeProvider.System);

    private static async Task<CertificateRow> CertifyAsync(HttpClient who, Guid person, DateOnly expires) =>
        await (await who.PostJson("/api/training/certificates", new { personId = person, issuedOn = expires.AddYears(-3), expiresOn = expires, authority = "上海市人民政府" }))
            .OkJson<CertificateRow>(HttpStatusCode.Created);

    private static async Task<SessionDetail> SessionAsync(HttpClient who, Guid course, Guid organiser, DateOnly day, int capacity = 50) =>
        await (await who.PostJson("/api/training/sessions", new
        {
            courseId = course, startsAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)), place = "局机关三楼会议室", trainer = "法制科",
            organiserUnitId = organiser, capacity,
        })).OkJson<SessionDetail>(HttpStatusCode.Created);

    [Fact]
    public async Task Sessions_are_attended_hours_are_counted_against_the_requirement_and_coverage_is_per_unit()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), jnl = await app.ClientFor("jnl.leader"), officer = await app.ClientFor("officer");
        HttpClient jnlOfficer = await app.ClientFor("jnl.officer"), dispatcher = await app.ClientFor("dispatcher");
        Guid legal = await UnitAsync("JA-FZK"), team = await TeamAsync(Jiangning), other = await TeamAsync(Shimen);
        Guid[] ours = await HireAsync(team, 3), theirs = await HireAsync(other, 1);

        // Bad input: Chinese field errors, nothing written; officers and dispatchers may not write.
        JsonElement bad = await (await chief.PostJson("/api/training/courses", new { title = "", defaultHours = 0.3 })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("不能为空", Assert.Single(bad.FieldErrors("title")));
        Assert.NotEmpty(bad.FieldErrors("category"));
        Assert.NotEmpty(bad.FieldErrors("defaultHours"));
        await (await officer.PostJson("/api/training/courses", new { title = "x", category = "Law", defaultHours = 2 })).Problem(HttpStatusCode.Forbidden);
        string title = $"执法文书规范 {Guid.NewGuid():N}";
        CourseDto course = await (await chief.PostJson("/api/training/courses", new { title, category = "Procedure", defaultHours = 4, passMark = 70 })).OkJson<CourseDto>(HttpStatusCode.Created);
        Assert.Contains(await (await jnlOfficer.GetAsync("/api/training/courses")).OkJson<List<CourseDto>>(), c => c.Id == course.Id && c.Category == CourseCategory.Procedure);

        JsonElement badSession = await (await chief.PostJson("/api/training/sessions", new { courseId = Guid.NewGuid(), capacity = 0 })).Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "startsAt", "place", "trainer", "organiserUnitId", "capacity" })
        {
            Assert.NotEmpty(badSession.FieldErrors(field));
        }
        await (await dispatcher.PostJson("/api/training/sessions", new { courseId = course.Id, startsAt = TimeProvider.System.GetUtcNow(), place = "p", trainer = "t", organiserUnitId = legal, capacity = 5 }))
            .Problem(HttpStatusCode.Forbidden);

        SessionDetail first = await SessionAsync(chief, course.Id, legal, new DateOnly(Year, 3, 10), capacity: 4);
        Assert.Equal((4.0, "法制科", new DateOnly(Year, 3, 10)), (first.Session.Hours, first.Session.Organiser, ShanghaiTime.DateOf(first.Session.StartsAt)));
        Assert.Equal(TimeSpan.Zero, first.Session.StartsAt.Offset);
        SessionDetail second = await SessionAsync(chief, course.Id, legal, new DateOnly(Year, 11, 5));
        Guid s1 = first.Session.Id, s2 = second.Session.Id;

        // The street team's leader ticks their own people; not another team's, not more than the session holds, not more hours than it gives.
        JsonElement refused = await (await jnl.PutJson($"/api/training/sessions/{s1}/attendance", new
        {
            entries = new object[]
            {
                new { personId = theirs[0] }, new { personId = ours[0], hours = 5 }, new { personId = ours[1], attended = false, score = 80 }, new { personId = ours[0] },
            },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("管辖范围", refused.FieldErrors("entries[0].personId")[0]);
        Assert.NotEmpty(refused.FieldErrors("entries[1].hours"));
        Assert.NotEmpty(refused.FieldErrors("entries[2].attended"));
        Assert.Contains("重复", refused.FieldErrors("entries[3].personId")[0]);
        Assert.Contains("0–100", (await (await jnl.PutJson($"/api/training/sessions/{s1}/attendance", new { entries = new[] { new { personId = ours[2], score = 101 } } }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("entries[0].score")[0]);
        await (await jnlOfficer.PutJson($"/api/training/sessions/{s1}/attendance", new { entries = new[] { new { personId = ours[0] } } })).Problem(HttpStatusCode.Forbidden);
        await (await jnl.PutJson($"/api/training/sessions/{Guid.NewGuid()}/attendance", new { entries = new[] { new { personId = ours[0] } } })).Problem(HttpStatusCode.NotFound);

        SessionDetail recorded = await (await jnl.PutJson($"/api/training/sessions/{s1}/attendance", new
        {
            entries = new object[] { new { personId = ours[0], score = 90 }, new { personId = ours[1], hours = 2.5, score = 65 }, new { personId = ours[2], attended = false } },
        })).OkJson<SessionDetail>();
        Assert.Equal(3, recorded.Attendance.Count);
        AttendanceRow a0 = recorded.Attendance.Single(a => a.PersonId == ours[0]), a1 = recorded.Attendance.Single(a => a.PersonId == ours[1]);
        Assert.Equal((4.0, 90, (bool?)true), (a0.Hours, a0.Score, a0.Passed));
        Assert.Equal((2.5, 65, (bool?)false), (a1.Hours, a1.Score, a1.Passed)); // the course's pass mark is 70
        Assert.Equal((2, 3), (recorded.Session.Attended, recorded.Session.Enrolled));
        // Capacity 4: the bureau adds one more, then a sixth person is refused.
        Guid[] more = await HireAsync(team, 2);
        await (await chief.PutJson($"/api/training/sessions/{s1}/attendance", new { entries = new[] { new { personId = theirs[0] } } })).OkJson<SessionDetail>();
        Assert.NotEmpty((await (await chief.PutJson($"/api/training/sessions/{s1}/attendance", new { entries = new[] { new { personId = more[0] } } }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("entries"));
        // The street team sees its own people's attendance only.
        SessionDetail seen = await (await jnl.GetAsync($"/api/training/sessions/{s1}")).OkJson<SessionDetail>();
        Assert.DoesNotContain(seen.Attendance, a => a.PersonId == theirs[0]);
        Assert.Equal(4, seen.Session.Enrolled);
        // A correction replaces the person's line.
        await (await jnl.PutJson($"/api/training/sessions/{s2}/attendance", new { entries = new[] { new { personId = ours[0], hours = 4.0 } } })).OkJson<SessionDetail>();
        await (await jnl.PutJson($"/api/training/sessions/{s2}/attendance", new { entries = new[] { new { personId = ours[0], hours = 3.5 } } })).OkJson<SessionDetail>();

        // Certificates make officers; the requirement of the year (a version the test sets) applies to them.
        foreach (Guid p in ours)
        {
            await CertifyAsync(chief, p, new DateOnly(2099, 1, 1));
        }
        HttpResponseMessage set = await chief.PostJson("/api/training/requirements", new { effectiveFrom = new DateOnly(Year, 1, 1), hours = 6, note = "测试年度" });
        Assert.True(set.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        await (await officer.PostJson("/api/training/requirements", new { effectiveFrom = new DateOnly(Year, 6, 1), hours = 6 })).Problem(HttpStatusCode.Forbidden);
        Assert.NotEmpty((await (await chief.PostJson("/api/training/requirements", new { hours = -1 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("effectiveFrom"));

        HoursReport hours = await (await jnl.GetAsync($"/api/training/hours?year={Year}")).OkJson<HoursReport>();
        Assert.Equal((6.0, new DateOnly(Year, 12, 31)), (hours.Required, hours.AsOf));
        PersonHoursRow h0 = hours.People.Single(p => p.PersonId == ours[0]), h1 = hours.People.Single(p => p.PersonId == ours[1]), h2 = hours.People.Single(p => p.PersonId == ours[2]);
        Assert.Equal((7.5, 2, true, 0.0), (h0.Hours, h0.Sessions, h0.MetYear, h0.Shortfall));
        Assert.Equal((2.5, 1, false, 3.5), (h1.Hours, h1.Sessions, h1.MetYear, h1.Shortfall));
        Assert.Equal((0.0, 0, 6.0), (h2.Hours, h2.Sessions, h2.Shortfall));
        Assert.DoesNotContain(hours.People, p => p.PersonId == theirs[0]);
        HoursReport shortfall = await (await jnl.GetAsync($"/api/training/hours?year={Year}&shortfall=true")).OkJson<HoursReport>();
        Assert.Equal([ours[2], ours[1]], shortfall.People.Where(p => ours.Contains(p.PersonId)).Select(p => p.PersonId));

        // The read door: plain figures per person; coverage per unit in one grouped query.
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            List<PersonHours> figures = await scope.ServiceProvider.GetRequiredService<TrainingFigures>().HoursByPersonAsync(Year, default);
            Assert.Equal((7.5, 2), figures.Where(f => f.PersonId == ours[0]).Select(f => (f.Hours, f.Sessions)).Single());
            Assert.Contains(figures, f => f.PersonId == theirs[0]);
        }
        // By 31 March 6 h a year means 1.48 h due: two of three met it; all three but one attended in March.
        UnitCoverage march = (await (await chief.GetAsync($"/api/training/coverage?from={Year}-03-01&to={Year}-03-31")).OkJson<List<UnitCoverage>>()).Single(c => c.UnitId == team);
        Assert.True(march.Officers >= 3);
        UnitCoverage yearEnd = (await (await jnl.GetAsync($"/api/training/coverage?from={Year}-11-01&to={Year}-12-31")).OkJson<List<UnitCoverage>>()).Single(c => c.UnitId == team);
        Assert.Equal(march.Officers, yearEnd.Officers);
        // The demo officers of the team have no 1998 hours: the test's three decide the difference between the two dates.
        Assert.Equal(march.Met - 1, yearEnd.Met);
        Assert.Equal(march.Attended - 1, yearEnd.Attended);
        Assert.NotEmpty((await (await chief.GetAsync($"/api/training/coverage?from={Year}-03-31&to={Year}-03-01")).Problem(HttpStatusCode.BadRequest)).FieldErrors("to"));

        // A person's record: the own team's yes, another team's 404.
        PersonTraining record = await (await jnl.GetAsync($"/api/training/people/{ours[0]}?year={Year}")).OkJson<PersonTraining>();
        Assert.Equal((2, true), (record.Sessions.Count, record.Year.Officer));
        Assert.NotNull(record.Certificate);
        await (await jnl.GetAsync($"/api/training/people/{theirs[0]}?year={Year}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Certificates_warn_once_per_band_renewal_warns_afresh_and_other_teams_are_404()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), jnl = await app.ClientFor("jnl.leader"), smel = await app.ClientFor("smel.officer");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Guid team = await TeamAsync(Jiangning);
        Guid[] people = await HireAsync(team, 2);

        JsonElement bad = await (await chief.PostJson("/api/training/certificates", new { personId = people[0], number = "x", issuedOn = Today }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("执法证号", bad.FieldErrors("number")[0]);
        Assert.NotEmpty(bad.FieldErrors("expiresOn"));
        Assert.NotEmpty(bad.FieldErrors("authority"));
        Assert.Contains("晚于", (await (await chief.PostJson("/api/training/certificates", new { personId = people[0], issuedOn = Today, expiresOn = Today.AddDays(-1), authority = "上海市人民政府" }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("expiresOn")[0]);
        await (await dispatcher.PostJson("/api/training/certificates", new { personId = people[0], issuedOn = Today.AddYears(-1), expiresOn = Today.AddDays(20), authority = "上海市人民政府" }))
            .Problem(HttpStatusCode.Forbidden);

        CertificateRow c = await CertifyAsync(chief, people[0], Today.AddDays(20));
        Assert.Equal((ExpiryBand.Within30, 20), (c.Band, c.DaysLeft));
        string badge = await app.WithDbAsync(db => db.People.Where(p => p.Id == people[0]).Select(p => p.BadgeNumber!).FirstAsync());
        Assert.Equal(badge, c.Number);
        await (await chief.PostJson("/api/training/certificates", new { personId = people[0], number = "ZZ" + badge, issuedOn = Today, expiresOn = Today.AddYears(3), authority = "x" }))
            .Problem(HttpStatusCode.Conflict);
        Assert.Contains("已被他人使用", (await (await chief.PostJson("/api/training/certificates", new { personId = people[1], number = badge, issuedOn = Today, expiresOn = Today.AddYears(3), authority = "x" }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("number")[0]);

        Assert.Contains(await (await jnl.GetAsync("/api/training/certificates?band=Within90")).OkJson<List<CertificateRow>>(), r => r.Id == c.Id);
        Assert.DoesNotContain(await (await jnl.GetAsync("/api/training/certificates?band=None")).OkJson<List<CertificateRow>>(), r => r.Id == c.Id);
        await (await smel.GetAsync($"/api/training/certificates/{c.Id}")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await (await smel.GetAsync("/api/training/certificates")).OkJson<List<CertificateRow>>(), r => r.Id == c.Id);

        async Task WarnAsync()
        {
            await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CertificateWatch>().WarnAsync(default);
            await app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
        }
        async Task<List<NotificationDto>> InboxAsync() =>
            [.. (await (await jnl.GetAsync("/api/notifications")).OkJson<List<NotificationDto>>()).Where(n => n.Topic == CertificateWatch.ExpiryTopic && n.Body.Contains(badge))];

        await WarnAsync();
        Assert.Contains("30 日内到期", Assert.Single(await InboxAsync()).Title);
        await WarnAsync();
        Assert.Single(await InboxAsync());

        // Renewed for three years: no warning; then recorded as expired yesterday: the expired warning, once.
        CertificateRow renewed = await (await chief.PutJson($"/api/training/certificates/{c.Id}", new { personId = people[0], issuedOn = Today, expiresOn = Today.AddYears(3), authority = "上海市人民政府" }))
            .OkJson<CertificateRow>();
        Assert.Equal(ExpiryBand.None, renewed.Band);
        await WarnAsync();
        Assert.Single(await InboxAsync());
        await (await chief.PutJson($"/api/training/certificates/{c.Id}", new { personId = people[0], issuedOn = Today.AddYears(-3), expiresOn = Today.AddDays(-1), authority = "上海市人民政府" }))
            .OkJson<CertificateRow>();
        await WarnAsync();
        await WarnAsync();
        List<NotificationDto> inbox = await InboxAsync();
        Assert.Equal(2, inbox.Count);
        Assert.Single(inbox, n => n.Title.Contains("已过期"));
        Assert.All(inbox, n => Assert.Equal("/training/certificates", n.Link));
        await (await chief.PutJson($"/api/training/certificates/{c.Id}", new { personId = people[1], issuedOn = Today, expiresOn = Today.AddYears(3), authority = "x" }))
            .Problem(HttpStatusCode.BadRequest);
    }
}

public sealed class TrainingApiTestsOnSqlite(SqliteApp app) : TrainingApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TrainingApiTestsOnPostgres(PostgresApp app) : TrainingApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;

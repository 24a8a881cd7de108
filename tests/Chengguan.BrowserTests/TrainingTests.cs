using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>
/// Training and guidance in the console: a street team's leader ticks the team's people present at a session and enters a
/// score on a phone, and an officer confirms "已阅" for the team on a guidance note, which the bureau then sees per team.
/// </summary>
public sealed class TrainingTests(ConsoleApp app)
{
    private Task<(Guid Team, string TeamName, Guid Legal, string Officer)> JiangningAsync() => app.DbAsync(async db =>
    {
        var team = await db.Units.Where(u => u.Kind == Chengguan.Organisation.UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == "310106006"))
            .Select(u => new { u.Id, u.Name }).FirstAsync();
        Guid legal = await db.Units.Where(u => u.Code == "JA-FZK").Select(u => u.Id).FirstAsync();
        string officer = await db.Users.Where(u => u.UserName == "jnl.officer").Select(u => u.Person!.Name).FirstAsync();
        return (team.Id, team.Name, legal, officer);
    });

    [Fact]
    public async Task A_street_team_leader_ticks_the_teams_attendance_and_scores_on_a_phone()
    {
        (_, _, Guid legal, string officer) = await JiangningAsync();
        using HttpClient api = await app.StaffAsync("chief");
        string title = "浏览器培训 " + Guid.NewGuid().ToString("N")[..6];
        var course = await api.PostOkAsync("/api/training/courses", new { title, category = "Skills", defaultHours = 3 });
        var session = await api.PostOkAsync("/api/training/sessions", new
        {
            courseId = course.GetProperty("id").GetString(), startsAt = TimeProvider.System.GetUtcNow().AddMinutes(-5), place = "江宁路街道会议室", trainer = "法制科",
            organiserUnitId = legal, capacity = 30,
        });
        string id = session.GetProperty("session").GetProperty("id").GetString()!;

        IPage page = await app.NewPageAsync(390, 844);
        await page.SignInAsync("jnl.leader", path: $"/training/sessions/{id}");
        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Expect(page.Locator("#tr-no-attendance")).ToBeVisibleAsync();
        ILocator line = page.Locator($"#tr-record [data-person='{officer}']");
        await Expect(line).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await line.Locator("input[type=checkbox]").CheckAsync();
        await Expect(line.Locator("input").Nth(1)).ToBeEnabledAsync();
        await line.Locator("input").Nth(1).FillAsync("88");
        await line.Locator("input").Nth(1).PressAsync("Tab");
        await page.ClickAsync("#tr-save");
        await Expect(page.Locator("#tr-record-message")).ToContainTextAsync("出勤已保存");
        ILocator row = page.Locator($"#tr-attendance tr[data-person='{officer}']");
        await Expect(row).ToContainTextAsync("88");
        await Expect(row).ToContainTextAsync("合格");
        await Expect(page.Locator("#tr-attendance tr[data-person]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("training-attendance-phone");
    }

    [Fact]
    public async Task An_officer_confirms_a_guidance_note_for_the_team_and_the_bureau_sees_it_per_team()
    {
        (Guid team, string teamName, _, string officer) = await JiangningAsync();
        using HttpClient api = await app.StaffAsync("chief");
        string title = "浏览器执法口径 " + Guid.NewGuid().ToString("N")[..6];
        var note = await api.PostOkAsync("/api/guidance/notes", new { title, kind = "Ruling", body = "门窗外沿以外经营的，认定为跨门营业。", targetUnitIds = new[] { team } });
        string id = note.GetProperty("id").GetString()!;

        IPage page = await app.NewPageAsync(390, 844);
        await page.SignInAsync("jnl.officer", path: "/guidance");
        ILocator inbox = page.Locator($"#gd-inbox [data-note='{title}']");
        await Expect(inbox).ToHaveAttributeAsync("data-confirmed", "no");
        await page.WaitForCircuitAsync();
        await inbox.Locator("a").ClickAsync();
        await Expect(page.Locator("#gd-body")).ToContainTextAsync("跨门营业");
        await Expect(page.Locator("#gd-unconfirmed")).ToContainTextAsync(teamName);
        await page.ClickAsync("#gd-confirm");
        await Expect(page.Locator("#gd-mine-confirmed")).ToBeVisibleAsync();
        ILocator status = page.Locator($"#gd-targets-status tr[data-unit='{teamName}']");
        await Expect(status).ToHaveAttributeAsync("data-confirmed", "yes");
        await Expect(status).ToContainTextAsync(officer);

        IPage bureau = await app.NewPageAsync();
        await bureau.SignInAsync("chief", path: $"/guidance/{id}");
        await Expect(bureau.Locator($"#gd-targets-status tr[data-unit='{teamName}']")).ToContainTextAsync("已阅");
        await Expect(bureau.Locator("#gd-unconfirmed")).ToHaveCountAsync(0);
        await Expect(bureau.Locator("#gd-confirm")).ToHaveCountAsync(0);
    }
}

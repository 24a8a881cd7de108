using Chengguan.Cases;
using Chengguan.Communities;
using Chengguan.Evidence;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>一人一居: the officer logs a visit from the phone (a problem becomes a case, a photo is kept); the register shows its gaps and a change.</summary>
public sealed class CommunitiesTests(ConsoleApp app)
{
    [Fact]
    public async Task An_officer_logs_a_visit_from_the_phone_and_its_problem_becomes_a_residents_committee_case()
    {
        IBrowserContext context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.SignInAsync("jnl.officer", path: "/field");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#field-visit");
        await Expect(page.Locator("#cm-log-form")).ToHaveAttributeAsync("data-loaded", "yes");
        await page.WaitForCircuitAsync();

        // The officer's own committees come first.
        Guid committee = await app.DbAsync(async db =>
        {
            Guid person = await db.Users.Where(u => u.UserName == "jnl.officer").Select(u => u.PersonId!.Value).SingleAsync();
            return await db.LiaisonAssignments.Where(a => a.PersonId == person && a.ValidTo == null && a.Role == LiaisonRole.Liaison).Select(a => a.CommitteeId).FirstAsync();
        });
        await page.SelectOptionAsync("#cm-log-committee", committee.ToString());
        await page.ClickAsync("#cm-log-submit");
        await Expect(page.Locator("#cm-log-error")).ToBeVisibleAsync();

        string topic = "浏览器走访" + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#cm-log-attendees").FillAsync("居委会书记、居民代表 3 人");
        await page.Locator("#cm-log-topics").FillAsync(topic);
        await page.ClickAsync("#cm-log-add-problem");
        await page.Locator("#cm-log-problem-1").FillAsync("小区后门早点摊占道经营");
        await page.ChooseFilesAsync("#cm-log-photos", new FilePayload
        {
            Name = "visit.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif(new DateTime(2026, 11, 28, 10, 0, 0), 31.24, 121.45),
        });
        await Expect(page.Locator("[data-photo='visit.jpg']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("communities-log-visit");
        await page.ClickAsync("#cm-log-submit");

        await Expect(page.Locator("#cm-visit")).ToHaveAttributeAsync("data-loop", "open");
        ILocator problem = page.Locator("[data-problem='1']");
        await Expect(problem).Not.ToHaveAttributeAsync("data-case", "");
        await Expect(page.Locator("[data-photo='visit.jpg']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("communities-visit");

        var stored = await app.DbAsync(async db =>
        {
            CommunityVisit visit = await db.CommunityVisits.Include(v => v.Problems).SingleAsync(v => v.Topics == topic);
            Case c = await db.Cases.SingleAsync(x => x.Id == visit.Problems[0].CaseId);
            int photos = await db.Evidence.CountAsync(e => e.SubjectType == EvidenceSubjectTypes.CommunityVisit && e.SubjectId == visit.Id);
            return (visit.CommitteeId, c.Channel, photos);
        });
        Assert.Equal(committee, stored.CommitteeId);
        Assert.Equal(CaseChannel.ResidentsCommittee, stored.Channel);
        Assert.Equal(1, stored.photos);
    }

    [Fact]
    public async Task The_register_shows_the_gaps_and_a_street_leader_changes_a_liaison_as_history()
    {
        IPage chief = await app.NewPageAsync();
        await chief.SignInAsync("chief", path: "/communities");
        await Expect(chief.Locator("#cm-register")).ToHaveAttributeAsync("data-loaded", "yes");
        // The demo district leaves three committees without a liaison and one officer over the maximum.
        await Expect(chief.Locator("#cm-coverage")).ToHaveAttributeAsync("data-uncovered", "3");
        await Expect(chief.Locator("#cm-coverage")).ToHaveAttributeAsync("data-overloaded", "1");
        await Expect(chief.Locator("[data-uncovered=yes]")).ToHaveCountAsync(3);
        await chief.ScreenshotAsync("communities-register");

        var (committeeName, committeeId, leaderId, leaderName) = await app.DbAsync(async db =>
        {
            Unit street = await db.Units.SingleAsync(u => u.Code == "310106006");
            Unit c = await db.Units.Where(u => u.ParentId == street.Id && u.Kind == UnitKind.Committee).OrderBy(u => u.SortOrder).Skip(1).FirstAsync();
            var leader = await db.Users.Where(u => u.UserName == "jnl.leader").Select(u => new { Id = u.PersonId!.Value, u.Person!.Name }).SingleAsync();
            return (c.Name, c.Id, leader.Id, leader.Name);
        });
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("jnl.leader", path: "/communities");
        await Expect(page.Locator("#cm-register")).ToHaveAttributeAsync("data-loaded", "yes");
        await page.WaitForCircuitAsync();
        await page.ClickAsync($"[data-assign='{committeeName}']");
        await Expect(page.Locator("#cm-assign")).ToBeVisibleAsync();
        await Expect(page.Locator($"#cm-person option[value='{leaderId}']")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#cm-person", leaderId.ToString());
        await page.ClickAsync("#cm-assign-save");
        await Expect(page.Locator("#cm-assign")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr:has([data-committee='{committeeName}']) [data-liaison]")).ToHaveTextAsync(leaderName);
        await page.ScreenshotAsync("communities-register-changed");

        var rows = await app.DbAsync(db => db.LiaisonAssignments.Where(a => a.CommitteeId == committeeId && a.Role == LiaisonRole.Liaison)
            .OrderBy(a => a.RecordedAt).Select(a => new { a.PersonId, a.ValidTo }).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].ValidTo);
        Assert.Equal((leaderId, (DateOnly?)null), (rows[1].PersonId, rows[1].ValidTo));
    }
}

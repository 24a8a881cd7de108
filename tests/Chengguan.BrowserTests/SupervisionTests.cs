using Chengguan.Cases;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>
/// Spot checks in the console: a drawn plan's files, the review page (checklist beside the case's view) scoring a file
/// and raising its finding, the scores per street with the drill-down, and the inspections page for inspectors and street teams.
/// </summary>
public sealed class SupervisionTests(ConsoleApp app)
{
    [Fact]
    public async Task A_reviewer_scores_a_sampled_file_beside_the_case_and_the_street_score_drills_down_to_it()
    {
        // Two closed cases of 江宁路街道 in a month of the 1990s nobody else uses, a plan over it, drawn.
        int year = Random.Shared.Next(1990, 2000);
        var from = new DateOnly(year, Random.Shared.Next(1, 13), 1);
        Guid street = await app.DbAsync(async db =>
        {
            Guid s = await db.Units.Where(u => u.Code == "310106006").Select(u => u.Id).FirstAsync();
            string tag = Guid.NewGuid().ToString("N")[..8];
            for (int i = 0; i < 2; i++)
            {
                DateTimeOffset closed = ShanghaiTime.StartOf(from.AddDays(i)).AddHours(10);
                db.Cases.Add(new Case { Number = $"BSUP{tag}{i}", Description = "跨门营业抽查样本", State = CaseState.Closed, StreetId = s, ReportedAt = closed.AddDays(-2), UpdatedAt = closed, ClosedAt = closed });
            }
            await db.SaveChangesAsync();
            return s;
        });
        using HttpClient api = await app.StaffAsync("supervisor");
        string name = "浏览器评查 " + Guid.NewGuid().ToString("N")[..6];
        var plan = await api.PostOkAsync("/api/supervision/plans", new { name, from, to = from.AddDays(27), perStreet = 5, cases = true, seed = 77 });
        string planId = plan.GetProperty("id").GetString()!;
        await api.PostOkAsync($"/api/supervision/plans/{planId}/draw", new { });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("supervisor", path: "/supervision");
        await Expect(page.Locator("h1")).ToContainTextAsync("抽查与案卷评查");
        await Expect(page.Locator($"#sp-plans tr[data-plan='{name}'] td[data-seed]")).ToHaveTextAsync("77");
        await page.WaitForCircuitAsync();
        await page.Locator($"#sp-plans tr[data-plan='{name}'] a").ClickAsync();
        await Expect(page.Locator("#sp-files tr[data-file]")).ToHaveCountAsync(2);
        await page.Locator("#sp-files tr[data-file] a").First.ClickAsync();

        // The checklist beside the case's own view.
        await Expect(page.Locator("#sp-checklist [data-item]")).ToHaveCountAsync(7);
        await Expect(page.Locator("#sp-open-case")).ToBeVisibleAsync();
        await Expect(page.Locator("#sp-case-clocks")).ToBeAttachedAsync();
        await page.Locator("[data-deduction='缺少现场照片或勘验笔录'] input").CheckAsync();
        await Expect(page.Locator("#sp-preview")).ToContainTextAsync("90 / 100");
        await page.ClickAsync("#sp-submit");
        await Expect(page.Locator("#sp-score")).ToHaveAttributeAsync("data-score", "90");
        await Expect(page.Locator("[data-finding=ZJ] a")).ToContainTextAsync("证据确凿");
        await Expect(page.Locator("[data-finding=ZJ]")).ToContainTextAsync("待制定措施");

        await page.GotoAsync($"/supervision/scores?year={year}");
        ILocator row = page.Locator($"#sp-scores tr[data-plan='{name}'][data-street='江宁路街道']");
        await Expect(row).ToContainTextAsync("90.0");
        await page.WaitForCircuitAsync();
        await row.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"street={street}"));
        await Expect(page.Locator("#sp-files tr[data-reviewed]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Inspectors_get_the_phone_form_and_street_teams_only_their_inspections()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("supervisor", path: "/supervision/inspections");
        await Expect(page.Locator("#sp-new-inspection")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await page.FillAsync("#sp-i-place", "江宁路 1 号");
        await page.ClickAsync("#sp-i-save");
        await Expect(page.Locator("#sp-i-message")).ToContainTextAsync("被督查的街镇不能为空");

        IPage team = await app.NewPageAsync();
        await team.SignInAsync("jnl.leader", path: "/supervision/inspections");
        await Expect(team.Locator("h1")).ToContainTextAsync("现场督查");
        await Expect(team.Locator("#sp-new-inspection")).ToHaveCountAsync(0);
    }
}

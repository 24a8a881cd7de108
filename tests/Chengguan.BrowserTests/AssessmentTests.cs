using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>
/// Performance assessment in the console: a leader scores a street team's manual indicator with evidence on its
/// result page (the line shows the value, the assessor and the evidence beside the computed lines' figures), finds
/// the team in the period's results table and publishes it; the street team then sees only its own results.
/// </summary>
public sealed class AssessmentTests(ConsoleApp app)
{
    [Fact]
    public async Task A_leader_scores_a_team_with_evidence_and_publishes_and_the_team_sees_its_own_result()
    {
        // A month of the 1990s nobody else uses, so nothing is counted and every computed line says so.
        string key = $"{Random.Shared.Next(1990, 2000)}-{Random.Shared.Next(1, 13):00}";
        string name = "浏览器考核 " + Guid.NewGuid().ToString("N")[..6];
        (Guid team, string teamName) = await app.DbAsync(async db =>
        {
            var t = await db.Units.Where(u => u.Kind == UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == "310106006"))
                .Select(u => new { u.Id, u.Name }).FirstAsync();
            return (t.Id, t.Name);
        });
        using HttpClient api = await app.StaffAsync("leader");
        var period = await api.PostOkAsync("/api/assessment/periods", new { kind = "Month", key, name, appealDays = 5 });
        string periodId = period.GetProperty("id").GetString()!;

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: $"/assessment/{periodId}/{team}");
        await Expect(page.Locator("h1")).ToContainTextAsync(teamName);
        await Expect(page.Locator("#as-lines tr[data-indicator='按期结案率']")).ToContainTextAsync("本期无此项业务，不扣分");
        await page.WaitForCircuitAsync();
        await page.ChooseAsync("#as-score-indicator", "队伍建设");
        await page.FillAsync("#as-score-value", "80");
        await page.FillAsync("#as-score-evidence", "查阅队伍建设台账，例会记录完整");
        await page.ClickAsync("#as-score-save");
        ILocator line = page.Locator("#as-lines tr[data-indicator='队伍建设']");
        await Expect(line).ToContainTextAsync("查阅队伍建设台账，例会记录完整");
        await Expect(line).ToContainTextAsync("4.00");

        await page.GotoAsync($"/assessment?period={periodId}");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#as-period-state")).ToContainTextAsync(name);
        await Expect(page.Locator($"#as-results tr[data-subject='{teamName}']")).ToBeVisibleAsync();
        await page.ClickAsync("#as-publish");
        await Expect(page.Locator("#as-period-state")).ToContainTextAsync("已公布第 1 版");

        IPage own = await app.NewPageAsync();
        await own.SignInAsync("jnl.leader", path: $"/assessment/{periodId}/{team}");
        await Expect(own.Locator("#as-appeal-form")).ToBeVisibleAsync();
        await own.GotoAsync($"/assessment?period={periodId}");
        await Expect(own.Locator("#as-period-state")).ToContainTextAsync(name);
        await Expect(own.Locator($"#as-results tr[data-subject='{teamName}']")).ToBeVisibleAsync();
        await Expect(own.Locator("#as-results tr[data-subject='机动执法中队']")).ToHaveCountAsync(0);
    }
}

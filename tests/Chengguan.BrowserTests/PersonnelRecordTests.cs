using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>
/// The people file in the console shows what the other capabilities hold of an officer — training hours against the requirement,
/// the enforcement certificate, yearly assessments and the evaluation trend — and the talent view offers their filters and ranks by them.
/// </summary>
public sealed class PersonnelRecordTests(ConsoleApp app)
{
    [Fact]
    public async Task The_file_shows_training_the_certificate_assessments_and_evaluations_and_the_talent_view_ranks_by_evaluation()
    {
        // A demo officer with a certificate and training this year (the demo gives everyone a certificate and attendance).
        Guid id = await app.DbAsync(db => db.People.Where(p => p.Active && p.BadgeNumber != null && db.EnforcementCertificates.Any(c => c.PersonId == p.Id))
            .OrderBy(p => p.BadgeNumber).Select(p => p.Id).FirstAsync());
        int year = Chengguan.Infrastructure.ShanghaiTime.Today(TimeProvider.System).Year;

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: $"/personnel/{id}");
        await Expect(page.Locator("#pf-training")).ToContainTextAsync("培训与执法证");
        await Expect(page.Locator("#pf-certificate-status")).ToContainTextAsync("执法证：");
        await Expect(page.Locator($"#pf-training-years tr[data-year='{year}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#pf-training-years tr[data-year='{year - 2}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#pf-assessment")).ToContainTextAsync("年度考核");
        await Expect(page.Locator("#pf-evaluation")).ToContainTextAsync("中层干部评价");

        await page.GotoAsync("/personnel");
        await Expect(page.Locator("#pf-talent[data-loaded=yes]")).ToBeVisibleAsync();
        await Expect(page.Locator("#pf-talent")).ToContainTextAsync("本年学时");
        await Expect(page.Locator("#pf-talent")).ToContainTextAsync("最近干部评价");
        await page.WaitForCircuitAsync();
        await page.Locator(".mud-select:has(#pf-sort)").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "干部评价得分" }).ClickAsync();
        await page.ClickAsync("#pf-search");
        // Ranked by the latest evaluation: the first row has one (the demo's closed rounds rate the middle cadres).
        await Expect(page.Locator("#pf-talent [data-evaluation]").First).Not.ToHaveTextAsync("—");
    }
}

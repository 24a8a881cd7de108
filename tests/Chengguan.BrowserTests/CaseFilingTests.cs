using Chengguan.Cases;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>立案 starts from what the reporter chose: the category and filing condition by name, on the workbench and the case page.</summary>
public sealed class CaseFilingTests(ConsoleApp app)
{
    private const string Jiangning = "310106006";

    private async Task<(string Id, string Number)> VerifiedCaseAsync(string description)
    {
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        var opened = await dispatcher.PostOkAsync("/api/cases", new
        {
            channel = "ResidentsCommittee", description, address = "江宁路 400 弄", lon, lat, categoryCode = "event:0102", conditionCode = "02",
        });
        string id = opened.GetProperty("case").GetProperty("id").GetString()!;
        await dispatcher.PostOkAsync($"/api/cases/{id}/actions/verify", new { result = "现场核实：小区内部公共区域有垃圾堆放" });
        return (id, opened.GetProperty("case").GetProperty("number").GetString()!);
    }

    private static async Task ExpectReportedCategoryAsync(IPage page)
    {
        ILocator dialog = page.Locator("#action-dialog");
        await Expect(dialog.Locator("[data-field=categoryCode] input").First).ToHaveValueAsync("暴露垃圾（市容环境）");
        // The condition by its words (the field once showed its code, "02").
        await Expect(dialog.Locator("[data-field=conditionCode] input").First).ToHaveValueAsync("居住小区、单位内部公共区域有暴露垃圾");
        await Expect(dialog).Not.ToContainTextAsync("event:0102");
        await Expect(dialog).Not.ToContainTextAsync("代码");
    }

    [Fact]
    public async Task The_file_dialog_starts_from_the_reported_category_by_name_on_the_workbench_and_the_case_page()
    {
        (_, string number) = await VerifiedCaseAsync("居委反映：小区内部公共区域暴露垃圾（立案预填）" + Guid.NewGuid().ToString("N")[..6]);
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher");
        await page.Locator("#workbench[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.Locator("#queue-find").FillAsync(number);
        ILocator row = page.Locator("tr", new() { Has = page.Locator($"[data-case='{number}']") });
        await row.Locator("[data-action=File]").ClickAsync();
        await ExpectReportedCategoryAsync(page);
        await page.ScreenshotAsync("workbench-file-prefilled");
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator("#action-dialog")).ToHaveCountAsync(0);
        var filed = await app.DbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => new { c.State, c.CategoryCode, c.ConditionCode }).SingleAsync());
        Assert.Equal((CaseState.Filed, "event:0102", "02"), (filed.State, filed.CategoryCode, filed.ConditionCode));

        (string otherId, _) = await VerifiedCaseAsync("居委反映：楼下公共区域垃圾未清（立案预填）" + Guid.NewGuid().ToString("N")[..6]);
        await page.GotoAsync($"/cases/{otherId}");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#case-actions [data-action=File]");
        await ExpectReportedCategoryAsync(page);
        await page.ScreenshotAsync("case-file-prefilled");
    }
}

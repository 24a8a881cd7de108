using Chengguan.DistrictReports;
using Chengguan.Infrastructure;

namespace Chengguan.BrowserTests;

/// <summary>The district report in the console: a leader generates last month's report and downloads it as Word and PDF; others are refused.</summary>
public sealed class DistrictReportTests(ConsoleApp app)
{
    [Fact]
    public async Task A_leader_generates_last_months_report_and_downloads_it_as_Word_and_PDF()
    {
        string period = ReportPeriod.Previous(ReportPeriodKind.Month, ShanghaiTime.Today(TimeProvider.System)).Key;
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/district-reports");
        await Expect(page.Locator("h1")).ToContainTextAsync("区定期报告");
        await page.WaitForCircuitAsync();
        await page.FillAsync("#drp-period", "2026-13");
        await page.ClickAsync("#drp-generate-button");
        await Expect(page.Locator("#drp-generate")).ToContainTextAsync("报告期间须为");
        await page.ClickAsync("#drp-last-month");
        await Expect(page.Locator("#drp-period")).ToHaveValueAsync(period);
        int before = await page.Locator($"#drp-list tr[data-report='{period}']").CountAsync();
        await page.ClickAsync("#drp-generate-button");
        ILocator rows = page.Locator($"#drp-list tr[data-report='{period}']");
        await Expect(rows).ToHaveCountAsync(before + 1);
        ILocator newest = rows.First;
        await Expect(newest).ToContainTextAsync("静城管报");

        IAPIResponse docx = await page.Context.APIRequest.GetAsync((await newest.Locator("a[data-file=docx]").GetAttributeAsync("href"))!);
        Assert.Equal(200, docx.Status);
        Assert.StartsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Headers["content-type"]);
        Assert.Equal("PK"u8.ToArray(), (await docx.BodyAsync())[..2]);
        IAPIResponse pdf = await page.Context.APIRequest.GetAsync((await newest.Locator("a[data-file=pdf]").GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync())[..4]);

        await page.ClickAsync("#drp-template-link");
        await Expect(page.Locator("#drp-template-version")).ToContainTextAsync("版");
        await Expect(page.Locator("[data-section=departments]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_dispatcher_is_refused_the_page()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/district-reports");
        await Expect(page.Locator("#drp-refused")).ToContainTextAsync("只有局领导");
    }
}

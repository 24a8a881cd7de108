using System.Globalization;
using System.IO.Compression;

namespace Chengguan.BrowserTests;

/// <summary>The leaders' dashboard: the league table, its numbers moving with the cases, drill-down and the Excel export.</summary>
public sealed class DashboardTests(ConsoleApp app)
{
    private const string Jiangning = "310106006";
    private const string JiangningName = "江宁路街道";

    private static ILocator Cell(IPage page, string kpi) => page.Locator($"#league td[data-street='{JiangningName}'][data-kpi='{kpi}']");

    private static async Task<long> DenominatorAsync(IPage page, string kpi) =>
        long.Parse((await Cell(page, kpi).GetAttributeAsync("data-denominator"))!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_filed_case_moves_the_league_table_and_is_listed_behind_the_number()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/dashboard");
        await page.Locator("#league[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        long before = await DenominatorAsync(page, "closure");

        // A patrol case filed this month counts in the street's 立案数 (the closure rate's denominator).
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        var opened = await dispatcher.PostOkAsync("/api/cases", new { channel = "Patrol", description = "人行道上有暴露垃圾（看板测试）", address = "江宁路 300 号", lon, lat });
        string id = opened.GetProperty("case").GetProperty("id").GetString()!;
        string number = opened.GetProperty("case").GetProperty("number").GetString()!;
        await dispatcher.PostOkAsync($"/api/cases/{id}/actions/verify", new { result = "现场核实属实" });
        await dispatcher.PostOkAsync($"/api/cases/{id}/actions/file", new { categoryCode = "event:0102", conditionCode = "01" });

        await page.ClickAsync("#dash-search");
        // Other tests file cases in the same street meanwhile: the number grows by at least this one, and
        // this case is among those behind it (below).
        await Expect(Cell(page, "closure")).Not.ToHaveAttributeAsync("data-denominator", before.ToString(CultureInfo.InvariantCulture));
        long after = long.Parse(await Cell(page, "closure").GetAttributeAsync("data-denominator") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(after >= before + 1, $"立案数 went from {before} to {after}");
        await page.ScreenshotAsync("dashboard-league");

        await Cell(page, "closure").Locator("[data-drill=denominator]").ClickAsync();
        await Expect(page.Locator("#drill[data-loaded=yes]")).ToBeVisibleAsync();
        await Expect(page.Locator($"#drill [data-case='{number}']")).ToHaveAttributeAsync("href", $"/cases/{id}");
        await page.ScreenshotAsync("dashboard-drill-down");

        // The export link carries the page's filter and the console's cookie is enough.
        string href = (await page.Locator("#dash-export").GetAttributeAsync("href"))!;
        Assert.Contains("sort=", href, StringComparison.Ordinal);
        IAPIResponse file = await page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, file.Status);
        using var zip = new ZipArchive(new MemoryStream(await file.BodyAsync()));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
    }

    [Fact]
    public async Task Presets_change_the_period_and_the_dashboard_fits_a_phone()
    {
        IPage page = await app.NewPageAsync(360, 800);
        await page.SignInAsync("chief", path: "/dashboard");
        await page.Locator("#league[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("[data-preset=ThisYear]");
        string year = TimeProvider.System.GetUtcNow().AddHours(8).Year.ToString(CultureInfo.InvariantCulture);
        await Expect(page.Locator("#dash-period")).ToContainTextAsync($"{year}-01-01 至 {year}-12-31");
        await page.ScreenshotAsync("dashboard-phone");
    }

    [Fact]
    public async Task Officers_are_not_offered_the_dashboard()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("officer");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("[data-nav=NavDashboard]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("dashboard-not-in-officer-nav");
        // Typed in, the page is refused by the server before any circuit starts: the access-denied page, in Chinese.
        IResponse? refused = await page.GotoAsync("/dashboard");
        Assert.Equal(403, refused?.Status);
        await Expect(page.Locator("#access-denied")).ToHaveAttributeAsync("data-path", "/dashboard");
        await Expect(page.Locator("#access-denied")).ToContainTextAsync("无权访问");
        await page.ScreenshotAsync("dashboard-access-denied");
        await Expect(page.Locator("#league")).ToHaveCountAsync(0);
    }
}

using System.Text;

namespace Chengguan.BrowserTests;

/// <summary>The survey pages: the demo surveys listed, an analysis with quadrants, chart and priorities, and a bad file refused row by row.</summary>
public sealed class SurveyTests(ConsoleApp app)
{
    [Fact]
    public async Task A_leader_reads_the_demo_analysis_and_a_bad_file_is_refused_row_by_row()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/surveys");
        await page.Locator("#sv-surveys[data-loaded=yes]").WaitForAsync();
        // The list is newest first within a kind: the first enforcement survey is the current half-year, with respondents.
        await page.Locator("[data-survey^='enforcement-']").First.ClickAsync();
        await Expect(page.Locator("#sv-indicators tr[data-indicator='attitude']")).ToBeVisibleAsync();
        Assert.Equal(6, await page.Locator("#sv-indicators tr[data-indicator]").CountAsync());
        Assert.True(await page.Locator("#sv-indicators tr[data-quadrant='重点改进']").CountAsync() >= 1);
        Assert.Equal(6, await page.Locator("#sv-chart svg g[data-point]").CountAsync());
        Assert.True(await page.Locator("#sv-priority tr[data-cell]").CountAsync() >= 1);
        await page.ScreenshotAsync("survey-analysis");

        // A survey of its own for the import: one good row, one with an unknown street and a score off the scale.
        using HttpClient leader = await app.StaffAsync("leader");
        string kind = "b-" + Guid.NewGuid().ToString("N")[..8];
        await leader.PostOkAsync("/api/satisfaction/kinds", new { code = kind, name = "浏览器测评" + kind });
        string id = (await leader.PostOkAsync("/api/satisfaction/surveys", new
        {
            kind, period = "2026H1", scaleMin = 0, scaleMax = 10, indicators = new object[] { new { code = "a", name = "执法态度" } },
        })).GetProperty("id").GetString()!;
        await page.GotoAsync($"/surveys/{id}");
        await page.Locator("#sv-import").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ChooseFilesAsync("#sv-file", new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("respondent,street,overall,a\nr1,彭浦镇,8,6\nr2,火星街道,8,12\n"),
        });
        await Expect(page.Locator("#sv-dry-run")).ToBeEnabledAsync();
        await page.ClickAsync("#sv-dry-run");
        await Expect(page.Locator("#sv-row-errors tr[data-field='rows[3].street']")).ToBeVisibleAsync();
        await Expect(page.Locator("#sv-row-errors tr[data-field='rows[3].a']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("survey-import-errors");
    }

    [Fact]
    public async Task The_trend_chart_follows_a_drilled_down_priority_cell()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/surveys");
        await page.Locator("#sv-surveys[data-loaded=yes]").WaitForAsync();
        await page.Locator("[data-survey^='enforcement-']").First.ClickAsync();
        await page.WaitForCircuitAsync();
        // The trend opens district-wide on the first priority's indicator: the four demo half-years, one line.
        ILocator chart = page.Locator("#sv-trend-chart");
        // The first analysis of a cold app folds the demo respondents: wait longer than an assertion's default.
        await chart.WaitForAsync(new() { Timeout = 60_000 });
        await Expect(chart).ToHaveAttributeAsync("data-street", "");
        Assert.Equal(4, await chart.Locator("g[data-period]").CountAsync());
        Assert.Equal(0, await chart.Locator("polyline[data-series='street']").CountAsync());

        ILocator first = page.Locator("#sv-priority [data-drill]").First;
        string drill = (await first.GetAttributeAsync("data-drill"))!;
        string street = drill[(drill.IndexOf(':', StringComparison.Ordinal) + 1)..];
        await first.ClickAsync();
        ILocator cell = page.Locator("#sv-cell");
        await Expect(cell).ToHaveAttributeAsync("data-street", street);
        Assert.Equal(10, await cell.Locator("#sv-cell-histogram g[data-bar]").CountAsync());
        Assert.Equal(3, await cell.Locator("#sv-cell-figures tr[data-row]").CountAsync());
        await Expect(cell.Locator("#sv-cell-hotline")).ToBeVisibleAsync();
        // The trend now shows the cell's street beside the district.
        await Expect(chart).ToHaveAttributeAsync("data-street", street);
        await Expect(chart.Locator("polyline[data-series='street']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("survey-drill-down");

        // The cases link opens the case list filtered to the street and the half-year.
        await cell.Locator("#sv-cell-cases").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/cases?street=", StringComparison.Ordinal));
        await page.WaitForCircuitAsync();
        await page.ScreenshotAsync("survey-drill-down-cases");
    }
}

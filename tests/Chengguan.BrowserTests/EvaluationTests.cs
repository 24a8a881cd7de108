namespace Chengguan.BrowserTests;

/// <summary>
/// The bimonthly cadre evaluation in the console: a rater answers a cadre of the demo's open round on a phone
/// (one card per cadre, a grade per item), and the personnel office reads a closed round's results with the
/// hidden groups, a cadre's trend and the letter link — names on screen, not ids.
/// </summary>
public sealed class EvaluationTests(ConsoleApp app)
{
    [Fact]
    public async Task A_rater_answers_a_cadre_on_a_phone()
    {
        IBrowserContext context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.SignInAsync("officer", path: "/evaluation/ballots");
        await Expect(page.Locator("h1")).ToContainTextAsync("我的评价");
        await Expect(page.Locator("#ev-ballots[data-loaded=yes]")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#ev-anonymous")).ToContainTextAsync("无记名");

        ILocator card = page.Locator("[data-cadre]:has([data-submit])").First;
        string cadre = (await card.GetAttributeAsync("data-cadre"))!;
        ILocator items = card.Locator("[data-item]");
        Assert.Equal(5, await items.CountAsync());
        // An unanswered item is refused by the door, in Chinese.
        await card.Locator("[data-submit]").ClickAsync();
        await Expect(page.Locator("#ev-error")).ToContainTextAsync("每一项须选择一个评分等次");
        for (int i = 0; i < 5; i++)
        {
            await items.Nth(i).Locator(i == 4 ? "[data-option='称职']" : "[data-option='优秀']").ClickAsync();
        }
        await card.Locator("[data-submit]").ClickAsync();
        await Expect(page.Locator($"[data-cast='{cadre}']")).ToHaveTextAsync("已评价");
        await Expect(page.Locator($"[data-cadre='{cadre}'] [data-submit]")).ToHaveCountAsync(0);
        // Phone-friendly: nothing wider than the screen.
        int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 392, $"page is {width}px wide on a 390px screen");
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_personnel_office_reads_a_closed_rounds_results_trend_and_letter()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/evaluation");
        await Expect(page.Locator("h1")).ToContainTextAsync("中层干部双月评价");
        await Expect(page.Locator("#ev-rounds[data-loaded=yes]")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await page.Locator("#ev-rounds tr:has-text('已结束') [data-round]").First.ClickAsync();
        await Expect(page.Locator("#ev-round-state")).ToHaveTextAsync("已结束");
        ILocator rows = page.Locator("#ev-results tr[data-cadre]");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 3);
        await Expect(page.Locator("#ev-results")).ToContainTextAsync("人数不足，不显示");
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync("1");
        string first = (await rows.First.GetAttributeAsync("data-cadre"))!;
        Assert.Matches(@"^\d+\.\d\d$", await page.Locator($"#ev-results td[data-total='{first}']").InnerTextAsync());
        await Expect(page.Locator($"#ev-results [data-letter='{first}']")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/letter$"));

        await page.Locator($"#ev-results [data-trend='{first}']").ClickAsync();
        await Expect(page.Locator("#ev-trend-title")).ToContainTextAsync(first);
        Assert.True(await page.Locator("#ev-trend tbody tr").CountAsync() >= 2);
        await Expect(page.Locator("#ev-trend")).ToContainTextAsync("年第");
    }
}

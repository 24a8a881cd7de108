namespace Chengguan.BrowserTests;

/// <summary>The rectification plan board: the demo plan's items with their lights, the columns by state, and an item's page with its timeline.</summary>
public sealed class RectificationTests(ConsoleApp app)
{
    [Fact]
    public async Task The_board_lists_the_plans_items_with_lights_by_state_and_opens_an_items_timeline()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/rectification");
        await Expect(page.Locator("h1")).ToContainTextAsync("整改工作方案");
        await Expect(page.Locator("#rf-board tr[data-item]")).ToHaveCountAsync(10);
        await Expect(page.Locator("#rf-board tr[data-light=Green]").First).ToBeVisibleAsync();
        await Expect(page.Locator("#rf-progress tr[data-unit]").First).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        await page.ClickAsync("#rf-columns");
        ILocator closed = page.Locator("#rf-board-columns [data-state=Closed] [data-item]");
        await Expect(closed).ToHaveCountAsync(1);
        await Expect(page.Locator("#rf-board-columns [data-state=Drafted] [data-item]")).ToHaveCountAsync(1);
        await closed.Locator("a").ClickAsync();

        await Expect(page.Locator("#rf-item[data-state=Closed]")).ToBeVisibleAsync();
        await Expect(page.Locator("#rf-state")).ToHaveTextAsync("已销项");
        await Expect(page.Locator("#rf-timeline [data-action=Close]")).ToContainTextAsync("销项");
        await Expect(page.Locator("#rf-timeline [data-action=Pass]")).ToContainTextAsync("验收通过");
        await Expect(page.Locator("#rf-evidence [data-evidence]")).ToHaveCountAsync(1);
        // A closed item offers nobody a move.
        await Expect(page.Locator("#rf-actions")).ToHaveCountAsync(0);
    }
}

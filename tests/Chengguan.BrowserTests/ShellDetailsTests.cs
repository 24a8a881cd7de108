namespace Chengguan.BrowserTests;

/// <summary>Small things people notice: the tab's icon, the navigation entry lit on a sub-page, snackbars below the header on a phone.</summary>
public sealed class ShellDetailsTests(ConsoleApp app)
{
    [Fact]
    public async Task The_console_and_the_sign_in_page_have_a_favicon()
    {
        IPage page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        string loginIcon = (await page.Locator("link[rel=icon]").GetAttributeAsync("href"))!;
        await page.SignInAsync("leader");
        await page.WaitForCircuitAsync();
        string href = (await page.Locator("link[rel=icon]").GetAttributeAsync("href"))!;

        Assert.Equal(loginIcon.TrimStart('/'), href.TrimStart('/'));
        IAPIResponse icon = await page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/svg+xml", icon.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("<svg", await icon.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entry_a_sub_page_belongs_to_is_the_one_lit()
    {
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        var opened = await dispatcher.PostOkAsync("/api/cases", new { channel = "Patrol", description = "导航高亮测试", address = "江宁路 500 号", lon, lat });
        string id = opened.GetProperty("case").GetProperty("id").GetString()!;

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: $"/cases/{id}");
        await page.WaitForCircuitAsync();
        ILocator lit = page.Locator("#nav-menu a.active");
        await Expect(lit).ToHaveCountAsync(1);
        await Expect(lit).ToHaveAttributeAsync("data-nav", "NavCases");
        await page.ScreenshotAsync("nav-case-detail");

        // /demolition/tasks lies under /demolition too: only its own entry is lit, not the ledger's as well.
        await page.Locator("#nav-menu [data-nav=Dm_NavTasks]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/demolition/tasks$"));
        await Expect(lit).ToHaveCountAsync(1);
        await Expect(lit).ToHaveAttributeAsync("data-nav", "Dm_NavTasks");
        await page.Locator("#nav-menu [data-nav=Dm_NavLedger]").ClickAsync();
        await Expect(lit).ToHaveAttributeAsync("data-nav", "Dm_NavLedger");
        await Expect(lit).ToHaveCountAsync(1);
    }
}

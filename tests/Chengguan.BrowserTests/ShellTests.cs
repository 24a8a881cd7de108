namespace Chengguan.BrowserTests;

/// <summary>The console's shell: sign-in, the user's unit and scope, the language switch, the narrow screen.</summary>
public sealed class ShellTests(ConsoleApp app)
{
    [Fact]
    public async Task Signing_in_opens_the_console_with_the_users_unit_and_scope()
    {
        IPage page = await app.NewPageAsync();
        await page.GotoAsync("/");
        // Anonymous visitors land on the login page, in Chinese although the browser asks for English.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.SignInAsync("jnl.leader");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#user-roles")).ToHaveTextAsync("街镇中队长");
        await Expect(page.Locator("#user-unit")).ToContainTextAsync("江宁路街道城管中队");
        await Expect(page.Locator("#user-scope")).ToContainTextAsync("江宁路街道");
        await Expect(page.Locator("#nav-menu [data-nav=NavWorkbench]")).ToHaveTextAsync("工作台");
        // Navigation is role-aware: the API reference is offered to administrators only.
        await Expect(page.Locator("#nav-menu [data-nav=NavApiReference]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#notification-bell")).ToBeVisibleAsync();
        await page.ScreenshotAsync("shell-signed-in");

        await page.ClickAsync("#sign-out");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/");
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Chinese_error()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("supervisor", "not-the-password");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误");
        await Expect(page.Locator("#userName")).ToHaveValueAsync("supervisor");
        await page.ScreenshotAsync("login-wrong-password");
    }

    [Fact]
    public async Task The_language_switch_turns_the_console_to_English_and_back()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("admin");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#nav-menu [data-nav=NavApiReference]")).ToHaveTextAsync("接口文档");
        await page.ClickAsync("#language-menu button");
        await page.ClickAsync("#lang-en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#nav-menu [data-nav=NavWorkbench]")).ToHaveTextAsync("Workbench");
        await Expect(page.Locator("#user-scope")).ToContainTextAsync("Whole district");
        await page.ScreenshotAsync("shell-english");

        await page.ClickAsync("#language-menu button");
        await page.ClickAsync("#lang-zh");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#nav-menu [data-nav=NavWorkbench]")).ToHaveTextAsync("工作台");
    }

    [Fact]
    public async Task At_360_pixels_the_navigation_opens_from_the_menu_button()
    {
        IPage page = await app.NewPageAsync(360, 740);
        await page.SignInAsync("dispatcher");
        await page.WaitForCircuitAsync();
        ILocator workbench = page.Locator("#nav-menu [data-nav=NavWorkbench]");
        await Expect(workbench).Not.ToBeInViewportAsync();
        await page.ClickAsync("#nav-toggle");
        await Expect(workbench).ToBeInViewportAsync();
        await Expect(page.Locator("#user-scope")).ToBeInViewportAsync();
        // Nothing wider than the screen: no horizontal scrolling on a phone.
        int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide at a 360 px viewport");
        await page.ScreenshotAsync("shell-360px-nav");
    }
}

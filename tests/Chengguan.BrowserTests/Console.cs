namespace Chengguan.BrowserTests;

/// <summary>What every console test does: sign in through the form, wait for the circuit, keep a screenshot.</summary>
public static class Console
{
    public static async Task SignInAsync(this IPage page, string userName, string password = ConsoleApp.DemoPassword, string path = "/")
    {
        await page.GotoAsync(path);
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    /// <summary>Clicks made before the circuit connects are lost; the layout marks the moment it is interactive.</summary>
    /// <summary>
    /// Chooses files on a Blazor file input once the input is wired (InputFile's script marks the element when it has
    /// attached its change listener after the render): files chosen before that are silently not read.
    /// </summary>
    public static async Task ChooseFilesAsync(this IPage page, string selector, params FilePayload[] files)
    {
        try
        {
            await page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", selector, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            // Not an InputFile (a plain input): nothing to wait for.
        }
        await page.SetInputFilesAsync(selector, files);
    }

    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("#interactive[data-ready=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Opens a MudSelect and picks the option with this text. A single choice closes the list once the
    /// circuit has taken it: a click on submit before that raced it (the form saved the old value).
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string select, string option, bool multiple = false)
    {
        // Once a value is chosen MudSelect keeps the id on a hidden input: then the field around it takes the click.
        ILocator field = page.Locator(select);
        await (await field.IsVisibleAsync() ? field : page.Locator($".mud-select:has({select})").First).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = option }).First.ClickAsync();
        if (!multiple)
        {
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        }
    }

    /// <summary>The whole page, or only what is on the screen (a queue of 500 rows is 40,000 px tall).</summary>
    public static async Task ScreenshotAsync(this IPage page, string name, bool fullPage = true)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleApp.ScreenshotDir, name + ".png"), FullPage = fullPage });
    }
}

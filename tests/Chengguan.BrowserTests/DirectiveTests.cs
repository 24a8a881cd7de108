namespace Chengguan.BrowserTests;

/// <summary>
/// Directive tracking (督办): the board per leader and per unit with the demo's commitments and their lights,
/// a directive's page, a progress report on a phone by the street team, and registering a directive.
/// </summary>
public sealed class DirectiveTests(ConsoleApp app)
{
    [Fact]
    public async Task The_board_groups_the_founding_reports_commitments_per_leader_and_per_unit_and_opens_the_overdue_one()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/directives");
        await Expect(page.Locator("h1")).ToContainTextAsync("督办事项");
        await Expect(page.Locator("#dr-by[data-by=leader]")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-directive]", new() { HasTextString = "综合执法监督办法" })).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-directive][data-light=Red]").First).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        await page.ClickAsync("#dr-by-unit");
        await Expect(page.Locator("#dr-by[data-by=unit]")).ToBeVisibleAsync();
        // The river demolition is owned by 拆违办 and shared with 江宁路's team: it shows under both.
        await Expect(page.Locator("tr[data-directive]", new() { HasTextString = "中小河道拆违" })).ToHaveCountAsync(2);

        await page.Locator("tr[data-directive]", new() { HasTextString = "中层干部双月评价制度" }).Locator("a").ClickAsync();
        await Expect(page.Locator("#dr-directive[data-light=Red]")).ToBeVisibleAsync();
        await Expect(page.Locator("#dr-state")).ToHaveTextAsync("办理中");
        await Expect(page.Locator("#dr-timeline [data-action=Accept]")).ToContainTextAsync("签收");
        await Expect(page.Locator("#dr-monthly")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("directive-overdue");
    }

    [Fact]
    public async Task A_street_team_reports_progress_from_a_phone()
    {
        IPage page = await app.NewPageAsync(390, 844);
        await page.SignInAsync("jnl.leader", path: "/directives");
        ILocator row = page.Locator("tr[data-directive]", new() { HasTextString = "五违四必" }).First;
        await Expect(row).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await row.Locator("a").ClickAsync();
        await Expect(page.Locator("#dr-report-form")).ToBeVisibleAsync();
        int before = await page.Locator("#dr-reports [data-report]").CountAsync();

        await page.ClickAsync("#dr-report-submit");
        await Expect(page.Locator("#dr-report-form .mud-input-error").First).ToBeVisibleAsync();
        await page.FillAsync("#dr-report-text", "重点区域又拆除 3 处");
        await page.FillAsync("#dr-report-percent", "65");
        await page.ClickAsync("#dr-report-submit");
        await Expect(page.Locator("#dr-reports [data-report]")).ToHaveCountAsync(before + 1);
        await Expect(page.Locator("#dr-percent")).ToHaveTextAsync("65%");
        await Expect(page.Locator("#dr-timeline [data-action=Report]").Last).ToContainTextAsync("报送进展");
        await page.ScreenshotAsync("directive-phone-report");
    }

    [Fact]
    public async Task A_supervisor_registers_a_directive_and_bad_input_shows_on_the_fields()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("supervisor", path: "/directives/new");
        await Expect(page.Locator("#dr-form")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dr-f-create");
        await Expect(page.Locator("#dr-form .mud-input-error").First).ToBeVisibleAsync();

        string text = $"落实区委督查室交办事项 {Guid.NewGuid().ToString("N")[..6]}";
        await page.ChooseAsync("#dr-f-source", "区委");
        await page.FillAsync("#dr-f-text", text);
        await page.ChooseAsync("#dr-f-owner", "法制科");
        await page.Locator("#dr-f-leader").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.FillAsync("#dr-f-deadline", DateTime.Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#dr-f-create");

        await Expect(page.Locator("#dr-directive[data-state=Issued]")).ToBeVisibleAsync();
        await Expect(page.Locator("#dr-text")).ToHaveTextAsync(text);
        await Expect(page.Locator("#dr-state")).ToHaveTextAsync("待签收");
    }
}

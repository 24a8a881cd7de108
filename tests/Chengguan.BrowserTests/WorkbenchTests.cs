using System.Diagnostics;
using Chengguan.Cases;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>The dispatcher's workbench: a live queue with countdowns and the quick moves.</summary>
public sealed class WorkbenchTests(ConsoleApp app)
{
    private const string Jiangning = "310106006";

    [Fact]
    public async Task A_hotline_order_appears_without_reload_and_is_accepted_from_the_workbench()
    {
        IPage page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#userName", "dispatcher");
        await page.FillAsync("#password", ConsoleApp.DemoPassword);
        var watch = Stopwatch.StartNew();
        await page.ClickAsync("#sign-in");
        await page.Locator("#workbench[data-loaded=yes]").WaitForAsync();
        long firstPaint = watch.ElapsedMilliseconds;
        await page.WaitForCircuitAsync();
        // Reported, not asserted: the first figure for the console's performance budget.
        ConsoleApp.Report($"workbench after sign-in (dispatcher): rendered {firstPaint} ms, interactive {watch.ElapsedMilliseconds} ms");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        using HttpClient platform = await app.HotlinePlatformAsync();
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        string order = "BT" + Guid.NewGuid().ToString("N")[..10];
        // The queue is shared with the other tests' orders and renders only the rows near the screen: narrow it
        // to this order first, so that its arrival is what makes the row appear.
        await page.Locator("#queue-find").FillAsync(order);
        await Expect(page.Locator("#workbench")).ToHaveAttributeAsync("data-shown", "0");
        await platform.PostOkAsync("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = order, requestType = "Complaint", description = "江宁路某小区门口占道经营，影响通行", address = "江宁路 100 号", lon, lat,
            reporterName = "王先生", reporterPhone = "13912345678",
        });

        ILocator row = page.Locator("tr", new() { Has = page.Locator($"[data-order='{order}']") });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("[data-clock='hotline.accept']")).ToHaveAttributeAsync("data-light", "green");
        await Expect(row.Locator("[data-clock='hotline.accept']")).ToContainTextAsync("剩余 00:");

        // A return needs a reason: the form says so in Chinese and moves nothing.
        await row.Locator("[data-action=Return]").ClickAsync();
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator("[data-field=reason]")).ToContainTextAsync("请填写原因");
        await page.ScreenshotAsync("workbench-return-needs-reason");
        await page.ClickAsync("#action-cancel");
        await Expect(page.Locator("#action-dialog")).ToHaveCountAsync(0);

        await page.ScreenshotAsync("workbench-new-order");
        await row.Locator("[data-action=Accept]").ClickAsync();
        // Accepted, the order leaves the dispatcher's queue (the next step is the street team's).
        await Expect(page.Locator($"[data-order='{order}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#workbench")).ToHaveAttributeAsync("data-shown", "0");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the workbench reloaded the page");
        CaseState state = await app.DbAsync(db => db.Cases.Where(c => c.ExternalNumber == order).Select(c => c.State).SingleAsync());
        Assert.Equal(CaseState.Accepted, state);
    }

    [Fact]
    public async Task A_filed_case_is_dispatched_to_the_grids_street_team()
    {
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        var opened = await dispatcher.PostOkAsync("/api/cases", new { channel = "Patrol", description = "人行道上有暴露垃圾（浏览器测试）", address = "江宁路 200 号", lon, lat });
        string id = opened.GetProperty("case").GetProperty("id").GetString()!;
        string number = opened.GetProperty("case").GetProperty("number").GetString()!;
        await dispatcher.PostOkAsync($"/api/cases/{id}/actions/verify", new { result = "现场核实属实" });
        await dispatcher.PostOkAsync($"/api/cases/{id}/actions/file", new { categoryCode = "event:0102", conditionCode = "01" });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher");
        await page.WaitForCircuitAsync();
        ILocator row = page.Locator("tr", new() { Has = page.Locator($"[data-case='{number}']") });
        await row.Locator("[data-action=Dispatch]").ClickAsync();
        // The grid's street team is suggested and chosen already.
        await Expect(page.Locator("#action-dialog [data-field=unitId]")).ToContainTextAsync("江宁路街道城管中队");
        await page.ScreenshotAsync("workbench-dispatch-dialog");
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator($"[data-case='{number}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#action-dialog")).ToHaveCountAsync(0);

        var moved = await app.DbAsync(db => db.Cases.Where(c => c.Number == number)
            .Select(c => new { c.State, Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => new { u.Name, u.Kind }).First() }).SingleAsync());
        Assert.Equal(CaseState.Dispatched, moved.State);
        Assert.Equal(("江宁路街道城管中队", UnitKind.StreetTeam), (moved.Unit.Name, moved.Unit.Kind));
    }
}

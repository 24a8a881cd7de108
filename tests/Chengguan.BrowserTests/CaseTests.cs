using Chengguan.Cases;
using Microsoft.EntityFrameworkCore;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.BrowserTests;

/// <summary>The case list and the case page: scope, masking, the transition forms, saved filters and the export.</summary>
public sealed class CaseTests(ConsoleApp app)
{
    private const string Jiangning = "310106006";

    private async Task<(string Id, string Number)> OpenJiangningCaseAsync(string description)
    {
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        var opened = await dispatcher.PostOkAsync("/api/cases", new
        {
            channel = "ResidentsCommittee", description, address = "江宁路 300 号", lon, lat, reporterName = "张三丰", reporterPhone = "13912345678",
        });
        return (opened.GetProperty("case").GetProperty("id").GetString()!, opened.GetProperty("case").GetProperty("number").GetString()!);
    }

    [Fact]
    public async Task A_street_officer_cannot_open_another_streets_case_and_the_own_streets_officer_verifies_it()
    {
        (string id, string number) = await OpenJiangningCaseAsync("居民反映楼道堆物（浏览器测试：范围）");

        IPage stranger = await app.NewPageAsync();
        await stranger.SignInAsync("smel.officer", path: $"/cases/{id}");
        await Expect(stranger.Locator("#case-not-found")).ToHaveTextAsync("案件不存在，或不在您的数据范围内");
        await Expect(stranger.Locator("#case-detail")).ToHaveCountAsync(0);
        await stranger.ScreenshotAsync("case-other-street-refused");
        await stranger.GotoAsync("/cases");
        await stranger.WaitForCircuitAsync();
        await stranger.FillAsync("#flt-q", number);
        await stranger.ClickAsync("#flt-search");
        await Expect(stranger.Locator("#case-list")).ToContainTextAsync("没有符合条件的案件");

        IPage own = await app.NewPageAsync(390, 844);
        await own.SignInAsync("jnl.officer", path: $"/cases/{id}");
        await own.WaitForCircuitAsync();
        await Expect(own.Locator("#case-detail")).ToHaveAttributeAsync("data-state", "Reported");
        // An officer sees the reporter masked; dispatchers and leaders see them in full.
        await Expect(own.Locator("#case-reporter")).ToContainTextAsync("张**");
        await Expect(own.Locator("#case-reporter")).ToContainTextAsync("139****5678");
        await Expect(own.Locator("#case-actions [data-action=Dispatch]")).ToHaveCountAsync(0);
        await own.ClickAsync("#case-actions [data-action=Verify]");
        await own.ClickAsync("#action-submit");
        await Expect(own.Locator("[data-field=result]")).ToContainTextAsync("请填写处理结果");
        await own.Locator("[data-field=result] textarea").First.FillAsync("现场核实：楼道内堆放杂物属实");
        await own.ClickAsync("#action-submit");
        await Expect(own.Locator("#case-detail")).ToHaveAttributeAsync("data-state", "Verified");
        await Expect(own.Locator("#action-dialog")).ToHaveCountAsync(0);
        await Expect(own.Locator("#case-timeline")).ToContainTextAsync("现场核实：楼道内堆放杂物属实");
        await own.ScreenshotAsync("case-verified-on-a-phone");
    }

    [Fact]
    public async Task The_case_list_filters_keeps_the_users_filter_and_exports_it_to_Excel()
    {
        string marker = "浏览器测试导出" + Guid.NewGuid().ToString("N")[..6];
        (_, string first) = await OpenJiangningCaseAsync(marker + " 一");
        (_, string second) = await OpenJiangningCaseAsync(marker + " 二");

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/cases");
        await page.WaitForCircuitAsync();
        await page.FillAsync("#flt-q", marker);
        await page.ClickAsync("#flt-search");
        await Expect(page.Locator("#case-list [data-case]")).ToHaveCountAsync(2);
        await Expect(page.Locator($"#case-list [data-case='{second}']")).ToBeVisibleAsync();
        await page.ClickAsync("#flt-save");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");

        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        string file = Path.Combine(ConsoleApp.ScreenshotDir, "cases-export.xlsx");
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([second, first], rows.Select(r => r["案件编号"]?.ToString()));
        Assert.All(rows, r => Assert.Equal("已上报", r["状态"]));

        // The saved filter follows the user: a new session opens the list already filtered.
        IPage again = await app.NewPageAsync();
        await again.SignInAsync("dispatcher", path: "/cases");
        await again.WaitForCircuitAsync();
        await Expect(again.Locator("#flt-q")).ToHaveValueAsync(marker);
        await Expect(again.Locator("#case-list [data-case]")).ToHaveCountAsync(2);
        await again.ScreenshotAsync("case-list-saved-filter");
    }

    [Fact]
    public async Task A_dispatcher_registers_a_residents_committee_case_at_the_desk()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: "/cases");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#case-new");
        await page.Locator("#report-form").WaitForAsync();
        await page.WaitForCircuitAsync();

        // Nothing chosen or typed: each required field says so in Chinese, and no case is made.
        await page.ClickAsync("#report-submit");
        await Expect(page.Locator("[data-error=channel]")).ToContainTextAsync("来源渠道不能为空");
        await Expect(page.Locator("#report-form")).ToContainTextAsync("诉求内容不能为空");
        await Expect(page.Locator("#report-form")).ToContainTextAsync("须提供地址或经纬度");

        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        string description = "居委反映：小区围墙外有人私搭棚亭 " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#report-channel [data-value=ResidentsCommittee]").ClickAsync();
        await page.FillAsync("#report-description", description);
        await page.FillAsync("#report-address", "江宁路 500 弄");
        await page.FillAsync("#report-lon", lon.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#report-lat", lat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#report-reporter", "李居委");
        await page.ScreenshotAsync("case-new-desk");
        await page.ClickAsync("#report-submit");

        try
        {
            // The console moves to the case page in the same document (Blazor's navigation): the URL is polled, not a load event awaited.
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cases/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync("case-new-desk-not-sent");
            throw;
        }
        Case c = await app.DbAsync(db => db.Cases.SingleAsync(x => x.Description == description));
        await Expect(page.Locator("#case-detail")).ToHaveAttributeAsync("data-case", c.Number);
        Assert.Equal(CaseChannel.ResidentsCommittee, c.Channel);
        Assert.Equal("李居委", c.ReporterName);
        Assert.NotNull(c.GridCode);
    }
}

using System.Text.RegularExpressions;
using Chengguan.Cases;
using Chengguan.Clocks;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>Clocks that say when: the case page shows each clock's due time, and once stopped 按时/超时 with the margin and the step that stopped it.</summary>
public sealed class CaseClockTests(ConsoleApp app)
{
    private const string Jiangning = "310106006";

    private async Task<string> ReceiveAsync(HttpClient platform, string description)
    {
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        var receipt = await platform.PostOkAsync("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "BT" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), requestType = "Complaint",
            description, address = "江宁路 600 号", lon, lat,
        });
        return receipt.GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task The_case_page_shows_due_times_and_met_or_late_with_the_margin_and_the_step_that_stopped_the_clock()
    {
        using HttpClient platform = await app.HotlinePlatformAsync();
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        string prompt = await ReceiveAsync(platform, "浏览器测试：按时签收的工单");
        string late = await ReceiveAsync(platform, "浏览器测试：超时签收的工单");
        // The late order arrived 25 minutes ago: its accept clock's start moves back on the ledger, which the due time is computed from.
        await app.DbAsync(async db =>
        {
            Guid lateId = Guid.Parse(late);
            Clock accept = await db.Clocks.Include(k => k.Ledger).SingleAsync(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == lateId && k.Kind == ClockPolicies.HotlineAccept);
            accept.StartedAt = accept.StartedAt.AddMinutes(-25);
            accept.Ledger.Single(l => l.Type == LedgerType.Start).At = accept.StartedAt;
            return await db.SaveChangesAsync();
        });
        await dispatcher.PostOkAsync($"/api/cases/{prompt}/actions/accept", new { });
        await dispatcher.PostOkAsync($"/api/cases/{late}/actions/accept", new { });

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: $"/cases/{prompt}");
        await page.WaitForCircuitAsync();
        ILocator met = page.Locator("#case-clocks [data-clock='hotline.accept']");
        await Expect(met).ToHaveAttributeAsync("data-met", "met");
        await Expect(met).ToContainTextAsync(new Regex(@"按时（提前 1?\d分钟）"));
        await Expect(met).ToContainTextAsync(new Regex(@"截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}"));
        await Expect(met).ToContainTextAsync("由“签收”停止");
        // The clocks the accept started run, each with its due time.
        ILocator onSite = page.Locator("#case-clocks [data-clock='hotline.on-site']");
        await Expect(onSite).ToContainTextAsync("剩余");
        await Expect(onSite).ToContainTextAsync(new Regex(@"截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}"));
        await page.ScreenshotAsync("case-clocks-met");

        await page.GotoAsync($"/cases/{late}");
        await page.WaitForCircuitAsync();
        ILocator breached = page.Locator("#case-clocks [data-clock='hotline.accept']");
        await Expect(breached).ToHaveAttributeAsync("data-met", "late");
        await Expect(breached).ToContainTextAsync(new Regex(@"超时 [56]分钟"));
        await Expect(breached).ToContainTextAsync("由“签收”停止");
        await page.ScreenshotAsync("case-clocks-late");
    }
}

using System.Text.Json;
using Chengguan.Cases;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>The end of a hotline order in the browser: the reply with its checklist, the leader's approval, the callback.</summary>
public sealed class ReplyTests(ConsoleApp app)
{
    [Fact]
    public async Task A_complaint_reply_waits_for_a_leader_then_the_callback_closes_the_order()
    {
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        using HttpClient platform = await app.HotlinePlatformAsync();
        string order = "RP" + Guid.NewGuid().ToString("N")[..10];
        JsonElement receipt = await platform.PostOkAsync("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = order, requestType = "Complaint", description = "投诉：夜间施工噪声扰民（答复测试）", address = "江宁路 300 号", lon, lat,
            reporterName = "李女士", reporterPhone = "13800001111",
        });
        string id = receipt.GetProperty("caseId").GetString()!;
        using (HttpClient officer = await app.StaffAsync("jnl.officer"))
        {
            await officer.PostOkAsync($"/api/cases/{id}/actions/Accept", new { });
            await officer.PostOkAsync($"/api/cases/{id}/actions/Handle", new { result = "已责令施工单位停止夜间施工" });
        }

        // The dispatcher is not a leader: a complaint's reply goes to a leader first.
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("dispatcher", path: $"/cases/{id}");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#case-detail")).ToHaveAttributeAsync("data-state", "Handled");
        await page.ClickAsync("#case-actions [data-action=SubmitReply]");
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator("[data-field='checklist.legalBasis']")).ToContainTextAsync("请填写");
        await page.Locator("[data-field=reply] textarea").FillAsync("经核查，施工单位已停止夜间施工，今后按规定时段作业。");
        foreach ((string key, string text) in new[]
        {
            ("checklist.factsFound", "夜间施工属实"), ("checklist.actionTaken", "现场责令停工"), ("checklist.legalBasis", "《上海市环境保护条例》"),
            ("checklist.result", "已停止"), ("checklist.citizenContacted", "已电话告知李女士"),
        })
        {
            await page.Locator($"[data-field='{key}'] input").FillAsync(text);
        }
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator("#case-pending-reply")).ToContainTextAsync("施工单位已停止夜间施工");
        await Expect(page.Locator("#case-detail")).ToHaveAttributeAsync("data-state", "Handled");
        await page.ScreenshotAsync("reply-pending-approval");

        // The section chief finds it on the workbench and approves: the reply goes to the platform.
        IPage chief = await app.NewPageAsync();
        await chief.SignInAsync("chief");
        await chief.WaitForCircuitAsync();
        await chief.Locator("#queue-find").FillAsync(order);
        await Expect(chief.Locator("#workbench")).ToHaveAttributeAsync("data-shown", "1");
        ILocator row = chief.Locator("tr", new() { Has = chief.Locator($"[data-order='{order}']") });
        await row.Locator("[data-action=ApproveReply]").ClickAsync();
        await chief.ClickAsync("#action-submit");
        await Expect(chief.Locator($"[data-order='{order}']")).ToHaveCountAsync(0);
        await Expect(chief.Locator("#workbench")).ToHaveAttributeAsync("data-shown", "0");

        // The callback (回访) is recorded from the case page; satisfied and resolved closes the order.
        await Expect(page.Locator("#case-detail")).ToHaveAttributeAsync("data-state", "Replied");
        await page.ClickAsync("#case-actions [data-action=Callback]");
        await page.ClickAsync("#action-dialog [data-value=Satisfied]");
        await page.Locator("[data-field=resolved] input").CheckAsync();
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator("#case-detail")).ToHaveAttributeAsync("data-state", "Closed");
        await Expect(page.Locator("#case-timeline")).ToContainTextAsync("回访");
        await page.ScreenshotAsync("reply-callback-closed");

        var done = await app.DbAsync(db => db.Cases.Where(c => c.ExternalNumber == order)
            .Select(c => new { c.State, c.Satisfaction, c.Resolved, c.PendingReply }).SingleAsync());
        Assert.Equal(CaseState.Closed, done.State);
        Assert.Equal(Satisfaction.Satisfied, done.Satisfaction);
        Assert.True(done.Resolved);
        Assert.Null(done.PendingReply);
    }
}

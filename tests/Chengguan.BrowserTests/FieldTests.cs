using Chengguan.Cases;
using Chengguan.Evidence;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>The officer's phone page: nearest cases, accept, check-in with position and photo (a refused file removed alone), preliminary result; a patrol report that needs photo, category and words of its own.</summary>
public sealed class FieldTests(ConsoleApp app)
{
    [Fact]
    public async Task An_officer_accepts_checks_in_with_position_and_photo_and_records_the_preliminary_result()
    {
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        using HttpClient platform = await app.HotlinePlatformAsync();
        string order = "FT" + Guid.NewGuid().ToString("N")[..10];
        await platform.PostOkAsync("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = order, requestType = "Help", description = "小区门口共享单车乱停放（外勤测试）", address = "江宁路 400 号", lon, lat,
        });

        IBrowserContext context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
            Geolocation = new() { Longitude = (float)lon, Latitude = (float)lat, Accuracy = 10 }, Permissions = ["geolocation"],
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.SignInAsync("jnl.officer", path: "/field");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#field-position")).ToHaveAttributeAsync("data-known", "yes");
        ILocator card = page.Locator($"[data-order='{order}']");
        await Expect(card).ToHaveAttributeAsync("data-state", "Received");
        int meters = int.Parse(await card.Locator("[data-distance]").GetAttributeAsync("data-distance") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(meters, 0, 50);

        await card.Locator("[data-action=Accept]").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-state", "Accepted");
        await card.Locator("[data-action=CheckIn]").ClickAsync();
        await page.ClickAsync("#checkin-submit");
        await Expect(page.Locator("#checkin-error")).ToHaveTextAsync("请先拍摄到场照片");
        // A file that is not a photo is refused by the door; it is removed alone, the photo stays, no starting over.
        await page.ChooseFilesAsync("#checkin-photos", new FilePayload { Name = "memo.pdf", MimeType = "image/jpeg", Buffer = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"u8.ToArray() });
        // Listed before the next choice (see the patrol report below for why).
        await Expect(page.Locator("[data-photo='memo.pdf']")).ToBeVisibleAsync();
        await page.ChooseFilesAsync("#checkin-photos", new FilePayload
        {
            Name = "scene.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif(new DateTime(2026, 11, 28, 10, 0, 0), lat, lon),
        });
        await Expect(page.Locator("[data-photo='scene.jpg']")).ToBeVisibleAsync();
        await page.ClickAsync("#checkin-submit");
        await Expect(page.Locator("#checkin-error")).ToContainTextAsync("memo.pdf");
        await Expect(card).ToHaveAttributeAsync("data-state", "Accepted");
        await page.ScreenshotAsync("field-check-in-refused-file");
        await page.ClickAsync("[data-remove='memo.pdf']");
        await Expect(page.Locator("[data-photo='memo.pdf']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-photo='scene.jpg']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("field-check-in");
        await page.ClickAsync("#checkin-submit");
        await Expect(card).ToHaveAttributeAsync("data-state", "OnSite");

        await card.Locator("[data-action=RecordPreliminary]").ClickAsync();
        await page.Locator("[data-field=result] textarea").First.FillAsync("已联系物业清理，单车已移至停放点");
        await page.ClickAsync("#action-submit");
        await Expect(card).ToHaveAttributeAsync("data-state", "PreliminaryDone");
        await page.ScreenshotAsync("field-preliminary-done");

        var stored = await app.DbAsync(async db =>
        {
            Case c = await db.Cases.SingleAsync(x => x.ExternalNumber == order);
            string checkIn = await db.CaseEvents.Where(e => e.CaseId == c.Id && e.Action == "CheckIn").Select(e => e.DataJson!).SingleAsync();
            int photos = await db.Evidence.CountAsync(e => e.SubjectId == c.Id && e.Purpose == EvidencePurpose.CheckIn);
            return (c.State, checkIn, photos);
        });
        Assert.Equal(CaseState.PreliminaryDone, stored.State);
        Assert.Equal(1, stored.photos);
        Assert.Contains("\"flagged\":false", stored.checkIn);
    }

    [Fact]
    public async Task A_patrol_report_needs_photo_category_and_own_words_a_refused_file_is_removed_and_the_snackbar_clears_the_header()
    {
        (double lon, double lat) = await app.PointInStreetAsync("310106006");
        IBrowserContext context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true,
            Geolocation = new() { Longitude = (float)lon, Latitude = (float)lat, Accuracy = 8 }, Permissions = ["geolocation"],
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.SignInAsync("jnl.officer", path: "/field");
        await page.WaitForCircuitAsync();
        string photo = "patrol-" + Guid.NewGuid().ToString("N")[..8] + ".jpg";

        // Sent at once (what used to make a junk case): refused, each missing part named.
        await page.ClickAsync("#field-report");
        await Expect(page.Locator("#report-position")).ToHaveAttributeAsync("data-known", "yes");
        await Expect(page.Locator("#report-description")).ToHaveValueAsync("");
        await page.ClickAsync("#report-submit");
        await Expect(page.Locator("#report-error")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-error=photos]")).ToHaveTextAsync("巡查上报须至少附一张现场照片");
        await Expect(page.Locator("#report-form")).ToContainTextAsync("巡查上报须选择案件类别");

        // A photo and a file that is not one; a common problem starts the description, its name alone is refused.
        await page.ChooseFilesAsync("#report-photos", new FilePayload { Name = "notes.pdf", MimeType = "image/jpeg", Buffer = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"u8.ToArray() });
        // Each file is listed before the next is chosen: Blazor's InputFile reads a change's files from the input
        // element later, so a second choice made before the first was read replaces it (as a person never does that fast).
        await Expect(page.Locator("[data-photo='notes.pdf']")).ToBeVisibleAsync();
        await page.ChooseFilesAsync("#report-photos", new FilePayload
        {
            Name = photo, MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif(new DateTime(2026, 11, 28, 9, 30, 0), lat, lon),
        });
        await Expect(page.Locator($"[data-photo='{photo}']")).ToBeVisibleAsync();
        await page.Locator("#report-common [data-category='event:0503']").ClickAsync();
        await Expect(page.Locator("#report-description")).ToHaveValueAsync("占道经营：");
        await page.ClickAsync("#report-submit");
        await Expect(page.Locator("[data-error=photos]")).ToContainTextAsync("notes.pdf：不是照片");
        await Expect(page.Locator("#report-form")).ToContainTextAsync("不能只用预填文字或类别名称");
        await page.ScreenshotAsync("field-report-refused");

        await page.ClickAsync("[data-remove='notes.pdf']");
        await Expect(page.Locator("[data-photo='notes.pdf']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-photo='{photo}']")).ToBeVisibleAsync();
        string description = "占道经营：水果摊占用人行道约 3 米（浏览器测试）";
        await page.FillAsync("#report-description", description);
        await page.ScreenshotAsync("field-report-phone");
        await page.ClickAsync("#report-submit");
        ILocator snackbar = page.Locator(".mud-snackbar");
        await Expect(snackbar).ToContainTextAsync("已上报案件");
        await Expect(page.Locator("#report-form")).ToHaveCountAsync(0);

        // The snackbar sits below the app bar and inside the phone's width.
        LocatorBoundingBoxResult bar = (await page.Locator(".mud-appbar").BoundingBoxAsync())!;
        LocatorBoundingBoxResult snack = (await snackbar.First.BoundingBoxAsync())!;
        Assert.True(snack.Y >= bar.Y + bar.Height, $"snackbar top {snack.Y} under the app bar's bottom {bar.Y + bar.Height}");
        Assert.InRange(snack.X, 0, 360);
        Assert.InRange(snack.X + snack.Width, 0, 360);
        await page.ScreenshotAsync("field-report-snackbar-phone", fullPage: false);

        var stored = await app.DbAsync(async db =>
        {
            Guid caseId = await db.Evidence.Where(e => e.FileName == photo).Select(e => e.SubjectId).SingleAsync();
            Case c = await db.Cases.SingleAsync(x => x.Id == caseId);
            EvidencePurpose purpose = await db.Evidence.Where(e => e.FileName == photo).Select(e => e.Purpose).SingleAsync();
            int files = await db.Evidence.CountAsync(e => e.SubjectId == caseId);
            return (c, purpose, files);
        });
        Assert.Equal(CaseChannel.Patrol, stored.c.Channel);
        Assert.Equal(CaseRoute.Grid, stored.c.Route);
        Assert.Equal(description, stored.c.Description);
        Assert.Equal("event:0503", stored.c.CategoryCode);
        Assert.NotNull(stored.c.GridCode);
        Assert.Equal(EvidencePurpose.Before, stored.purpose);
        Assert.Equal(1, stored.files);
    }

    [Fact]
    public async Task A_report_without_position_or_address_is_refused_and_a_common_problem_fills_category_and_description()
    {
        // No geolocation permission: the phone cannot say where the officer is.
        IBrowserContext context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = 360, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.SignInAsync("jnl.officer", path: "/field");
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#field-report");
        await page.ChooseFilesAsync("#report-photos", new FilePayload
        {
            Name = "stall.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif(new DateTime(2026, 11, 28, 9, 40, 0), 31.24, 121.45),
        });
        // A patrol report needs its photo: wait until the file is read and listed.
        await Expect(page.Locator("[data-photo='stall.jpg']")).ToBeVisibleAsync();
        await page.Locator("#report-common [data-category='event:0503']").ClickAsync();
        await Expect(page.Locator("#report-description")).ToHaveValueAsync("占道经营：");
        await page.FillAsync("#report-description", "占道经营：早点摊占用人行道");
        await page.ClickAsync("#report-submit");
        await Expect(page.Locator("#report-error")).ToContainTextAsync("未能获取位置");
        await Expect(page.Locator("#report-form")).ToContainTextAsync("须提供地址或经纬度");

        string address = "江宁路 " + Random.Shared.Next(1000, 9999) + " 号门口（浏览器测试）";
        await page.FillAsync("#report-address", address);
        await page.ClickAsync("#report-submit");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已上报案件");
        Case c = await app.DbAsync(db => db.Cases.SingleAsync(x => x.Address == address));
        Assert.Equal("event:0503", c.CategoryCode);
        Assert.Equal("占道经营：早点摊占用人行道", c.Description);
    }
}

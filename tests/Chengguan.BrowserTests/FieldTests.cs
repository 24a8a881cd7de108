using Chengguan.Cases;
using Chengguan.Evidence;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.BrowserTests;

/// <summary>The officer's phone page: nearest cases, accept, check-in with position and photo, preliminary result.</summary>
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
        await page.SetInputFilesAsync("#checkin-photos", new FilePayload
        {
            Name = "scene.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif(new DateTime(2026, 11, 28, 10, 0, 0), lat, lon),
        });
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
}

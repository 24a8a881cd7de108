using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.BrowserTests;

/// <summary>The demolition console: a structure registered and worked through the procedure in the browser, its progress and briefing, and scope.</summary>
public sealed class DemolitionTests(ConsoleApp app)
{
    private const string Jiangning = "310106006";
    private const string JiangningName = "江宁路街道";

    /// <summary>Registers a structure on 江宁路 as the street team leader through the form; returns the item page's number.</summary>
    private async Task<string> RegisterAsync(IPage page, string address, string area)
    {
        await page.Locator("#dm-list[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dm-new");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        await page.FillAsync("#dm-f-address", address);
        await page.FillAsync("#dm-f-lon", lon.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#dm-f-lat", lat.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#dm-f-area", area);
        await page.FillAsync("#dm-f-party", "浏览器测试当事人");
        await page.ChooseAsync("#dm-f-kind", "屋顶");
        await page.ChooseAsync("#dm-f-vintage", "新增");
        await page.ChooseAsync("#dm-f-source", "巡查发现");
        await page.ClickAsync("#dm-create");
        await Expect(page.Locator("#dm-item[data-state=Identified]")).ToBeVisibleAsync();
        return (await page.Locator("#dm-item").GetAttributeAsync("data-item"))!;
    }

    private static async Task ActAsync(IPage page, string action, string expectedState, params (string Field, string Value)[] fields)
    {
        await page.Locator($"#dm-actions [data-action={action}]").ClickAsync();
        foreach ((string field, string value) in fields)
        {
            await page.FillAsync($"#dm-a-{field}", value);
        }
        await page.ClickAsync("#dm-action-submit");
        await Expect(page.Locator("#dm-item")).ToHaveAttributeAsync("data-state", expectedState);
    }

    [Fact]
    public async Task A_structure_registered_in_the_browser_is_ordered_self_demolished_and_rechecked_and_counts_in_the_streets_progress()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("jnl.leader", path: "/demolition");
        await page.Locator("#dm-list[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();

        // Nothing filled in: the API's own messages, in Chinese, and nothing registered.
        await page.ClickAsync("#dm-new");
        await page.ClickAsync("#dm-create");
        await Expect(page.Locator("#dm-form")).ToContainTextAsync("地址不能为空");
        await Expect(page.Locator("#dm-form")).ToContainTextAsync("建筑类型不能为空");
        await Expect(page.Locator("#dm-form")).ToContainTextAsync("面积不能为空");
        await page.ScreenshotAsync("demolition-register-errors");
        await page.ClickAsync("#dm-new");

        string address = $"江宁路 {Random.Shared.Next(100, 999)} 号屋顶（浏览器测试）";
        string number = await RegisterAsync(page, address, "23.5");
        Assert.StartsWith("WJ-", number, StringComparison.Ordinal);
        string itemUrl = page.Url;
        // The street team leader may order, record a self-demolition, but not decide enforcement.
        await Expect(page.Locator("#dm-actions [data-action=IssueOrder]")).ToBeVisibleAsync();
        await Expect(page.Locator("#dm-actions [data-action=Decide]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#dm-actions [data-action=Revoke]")).ToHaveCountAsync(0);

        // The order needs its days: the form says so before anything is sent.
        await page.Locator("#dm-actions [data-action=IssueOrder]").ClickAsync();
        await page.ClickAsync("#dm-action-submit");
        await Expect(page.Locator("#dm-action-dialog")).ToContainTextAsync("请填写期限天数");
        await page.FillAsync("#dm-a-days", "15");
        await page.ClickAsync("#dm-action-submit");
        await Expect(page.Locator("#dm-item")).ToHaveAttributeAsync("data-state", "Ordered");
        await Expect(page.Locator("#dm-clocks [data-window=order]")).ToHaveAttributeAsync("data-running", "yes");
        await Expect(page.Locator("#dm-documents [data-document=OrderNotice]")).ToContainTextAsync("责令限期拆除通知书");
        await page.ScreenshotAsync("demolition-item-ordered");

        // The party's 15 days still run: the next step against the party is refused with the procedure's reason.
        await page.Locator("#dm-actions [data-action=NotifyHearing]").ClickAsync();
        await page.FillAsync("#dm-a-days", "5");
        await page.ClickAsync("#dm-action-submit");
        await Expect(page.Locator("#dm-action-error")).ToContainTextAsync("尚未届满");
        await page.ClickAsync("#dm-action-cancel");
        await Expect(page.Locator("#dm-item")).ToHaveAttributeAsync("data-state", "Ordered");

        // The party pulls it down within the window; the clocks are cancelled.
        await ActAsync(page, "RecordSelfDemolition", "Demolished", ("note", "当事人已自行拆除"));
        await Expect(page.Locator("#dm-clocks [data-window=order]")).ToHaveAttributeAsync("data-running", "no");

        // The re-check: an after photo uploaded from the form, the confirmed area.
        await page.Locator("#dm-actions [data-action=Recheck]").ClickAsync();
        await page.FillAsync("#dm-a-area", "21.75");
        await page.ClickAsync("#dm-action-submit");
        await Expect(page.Locator("#dm-action-dialog")).ToContainTextAsync("请填写拆除后照片");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        await page.ChooseFilesAsync("#dm-photo-input", new FilePayload
        {
            Name = "after.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif(new DateTime(2026, 11, 28, 10, 0, 0), lat, lon),
        });
        await Expect(page.Locator("#dm-action-dialog [data-photo]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("demolition-recheck-form");
        await page.ClickAsync("#dm-action-submit");
        await Expect(page.Locator("#dm-item")).ToHaveAttributeAsync("data-state", "Rechecked");
        await Expect(page.Locator("#dm-confirmed-area")).ToHaveAttributeAsync("data-area", "21.75");
        await Expect(page.Locator("#dm-evidence [data-evidence=After]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#dm-timeline [data-line=Recheck]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("demolition-item-rechecked");

        // The generated documents download with the console's cookie.
        string pdf = (await page.Locator("#dm-documents [data-document=RecheckRecord] a").GetAttributeAsync("href"))!;
        IAPIResponse document = await page.Context.APIRequest.GetAsync(pdf);
        Assert.Equal(200, document.Status);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await document.BodyAsync())[..4]));

        // The list finds it by text and state.
        await page.GotoAsync("/demolition");
        await page.Locator("#dm-list[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.FillAsync("#dm-flt-q", number);
        await page.ChooseAsync("#dm-flt-state", "已复核");
        await page.ClickAsync("#dm-search");
        await Expect(page.Locator("#dm-list tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#dm-list [data-item='{number}']")).ToHaveAttributeAsync("href", new Uri(itemUrl).AbsolutePath);

        // The section chief's progress page counts the re-checked area for the street this year, and a briefing is made from it.
        IPage chief = await app.NewPageAsync();
        await chief.SignInAsync("chief", path: "/demolition/tasks");
        await chief.Locator("#dm-progress").WaitForAsync();
        await chief.WaitForCircuitAsync();
        ILocator row = chief.Locator($"#dm-progress tr[data-street='{JiangningName}']");
        Assert.True(int.Parse((await row.GetAttributeAsync("data-done-count"))!, CultureInfo.InvariantCulture) >= 1);
        Assert.True(double.Parse((await row.GetAttributeAsync("data-done-area"))!, CultureInfo.InvariantCulture) >= 21.75);
        int briefings = await chief.Locator("#dm-basis-briefings [data-briefing]").CountAsync();
        await chief.ClickAsync("#dm-brief");
        await Expect(chief.Locator("#dm-basis-briefings [data-briefing]")).ToHaveCountAsync(briefings + 1);
        await chief.ScreenshotAsync("demolition-progress-briefing");
        string xlsx = (await chief.Locator("#dm-basis-briefings [data-briefing] [data-file=xlsx]").First.GetAttributeAsync("href"))!;
        IAPIResponse excel = await chief.Context.APIRequest.GetAsync(xlsx);
        Assert.Equal(200, excel.Status);
        using var zip = new ZipArchive(new MemoryStream(await excel.BodyAsync()));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
    }

    [Fact]
    public async Task An_officer_of_another_street_cannot_open_the_item_and_does_not_see_it_listed()
    {
        IPage page = await app.NewPageAsync(360, 800);
        await page.SignInAsync("jnl.leader", path: "/demolition");
        string number = await RegisterAsync(page, "江宁路 88 弄 3 号（越权测试）", "12");
        string path = new Uri(page.Url).AbsolutePath;
        await page.ScreenshotAsync("demolition-item-phone");

        IPage other = await app.NewPageAsync(360, 800);
        await other.SignInAsync("smel.officer", path: path);
        await Expect(other.Locator("#dm-not-found")).ToBeVisibleAsync();
        await Expect(other.Locator("#dm-item")).ToHaveCountAsync(0);
        await other.ScreenshotAsync("demolition-item-refused-phone");

        await other.GotoAsync("/demolition");
        await other.Locator("#dm-list[data-loaded=yes]").WaitForAsync();
        await other.WaitForCircuitAsync();
        await other.FillAsync("#dm-flt-q", number);
        await other.ClickAsync("#dm-search");
        await Expect(other.Locator($"#dm-list [data-item='{number}']")).ToHaveCountAsync(0);
        await other.ScreenshotAsync("demolition-list-phone");

        // The document download is refused the same way.
        using HttpClient api = await app.StaffAsync("smel.officer");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.GetAsync($"/api/demolition/items/{path.Split('/')[^1]}")).StatusCode);
    }

    [Fact]
    public async Task A_problem_of_a_five_violations_area_is_registered_started_and_rectified_in_the_browser()
    {
        IPage page = await app.NewPageAsync(360, 800);
        await page.SignInAsync("chief", path: "/demolition/areas");
        await page.Locator("#dm-areas[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        ILocator link = page.Locator("#dm-areas [data-area^='彭浦镇场中路']");
        await page.ScreenshotAsync("demolition-areas-phone");
        await link.ClickAsync();
        await Expect(page.Locator("#dm-area")).ToBeVisibleAsync();
        string areaPath = new Uri(page.Url).AbsolutePath;

        // The request's own messages when nothing is chosen.
        await page.ClickAsync("#dm-p-create");
        await Expect(page.Locator("#dm-problem-form")).ToContainTextAsync("问题类别（五违）不能为空");
        await Expect(page.Locator("#dm-problem-form")).ToContainTextAsync("问题描述不能为空");

        string description = $"沿街违法搭建的棚架（浏览器测试 {Guid.NewGuid().ToString("N")[..6]}）";
        // Text first, lists after: a list's render then carries the typed text instead of racing it.
        await page.FillAsync("#dm-p-description", description);
        await page.ChooseAsync("#dm-p-kind", "违法建筑");
        await page.ChooseAsync("#dm-p-musts", "违法建筑必须拆除", multiple: true);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#dm-p-description")).ToHaveValueAsync(description);
        await page.ClickAsync("#dm-p-create");
        ILocator problem = page.Locator("#dm-problems [data-problem]", new() { HasTextString = description });
        await Expect(problem).ToHaveAttributeAsync("data-state", "Open");
        await Expect(page.Locator("#dm-area")).Not.ToHaveAttributeAsync("data-status", "Completed");

        await problem.Locator("[data-action=Start]").ClickAsync();
        await page.ClickAsync("#dm-problem-submit");
        await Expect(problem).ToHaveAttributeAsync("data-state", "Rectifying");

        await problem.Locator("[data-action=Rectify]").ClickAsync();
        await page.FillAsync("#dm-problem-note", "棚架已拆除，现场已清理");
        await page.ClickAsync("#dm-problem-submit");
        await Expect(problem).ToHaveAttributeAsync("data-state", "Rectified");
        await Expect(problem).ToContainTextAsync("棚架已拆除，现场已清理");
        await Expect(problem.Locator("[data-action=Reopen]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("demolition-area-rectified-phone");

        // 江宁路's team sees no area of 彭浦镇.
        IPage other = await app.NewPageAsync();
        await other.SignInAsync("jnl.leader", path: areaPath);
        await Expect(other.Locator("#dm-area-not-found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_section_chief_makes_a_briefing_and_records_an_interview_whose_commitment_is_then_done()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("chief", path: "/demolition/briefings");
        await page.Locator("#dm-briefings[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();

        // Only on-demand briefings are counted: the scheduler may make the week's and month's briefings meanwhile.
        ILocator onDemand = page.Locator("#dm-briefings [data-briefing][data-kind=OnDemand]");
        int before = await onDemand.CountAsync();
        await page.Locator("#dm-b-basis").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("#dm-b-generate");
        await Expect(onDemand).ToHaveCountAsync(before + 1);
        IAPIResponse pdf = await page.Context.APIRequest.GetAsync((await page.Locator("#dm-briefings [data-file=pdf]").First.GetAttributeAsync("href"))!);
        Assert.Equal(200, pdf.Status);

        string reason = $"拆违进度连续滞后（浏览器测试 {Guid.NewGuid().ToString("N")[..6]}）";
        await page.ChooseAsync("#dm-i-street", JiangningName);
        await page.FillAsync("#dm-i-reason", reason);
        await page.ClickAsync("#dm-i-create");
        ILocator interview = page.Locator("#dm-interviews [data-interview]", new() { HasTextString = reason });
        await Expect(interview).ToHaveAttributeAsync("data-state", "Proposed");

        // The record form: the request's own messages, then a commitment with its deadline.
        await interview.Locator("[data-action=record]").ClickAsync();
        await page.ClickAsync("#dm-r-submit");
        await Expect(page.Locator("#dm-record-dialog")).ToContainTextAsync("参加人员不能为空");
        await Expect(page.Locator("#dm-record-dialog")).ToContainTextAsync("整改承诺不能为空");
        await page.FillAsync("#dm-r-participants", "吴建华、罗敏，江宁路街道分管领导");
        await page.FillAsync("#dm-r-summary", "约谈江宁路街道拆违进度");
        await page.FillAsync("#dm-r-text-0", "月底前拆除存量违建 3 处");
        string deadline = ShanghaiTime.ToShanghai(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.FillAsync("#dm-r-deadline-0", deadline);
        await page.ScreenshotAsync("demolition-interview-form");
        await page.ClickAsync("#dm-r-submit");
        await Expect(interview).ToHaveAttributeAsync("data-state", "Held");
        ILocator commitment = interview.Locator("[data-commitment='月底前拆除存量违建 3 处']");
        await Expect(commitment).ToHaveAttributeAsync("data-overdue", "no");
        await Expect(interview).ToContainTextAsync("吴建华、罗敏、江宁路街道分管领导");

        await commitment.Locator("[data-action=done]").ClickAsync();
        await page.FillAsync("#dm-d-note", "已拆除 3 处");
        await page.ClickAsync("#dm-d-submit");
        await Expect(commitment).ToHaveAttributeAsync("data-done", "yes");
        await page.ScreenshotAsync("demolition-briefings-interviews");

        // The street's own team sees the interview about it, read-only.
        IPage team = await app.NewPageAsync(360, 800);
        await team.SignInAsync("jnl.officer", path: "/demolition/briefings");
        await team.Locator("#dm-briefings[data-loaded=yes]").WaitForAsync();
        await Expect(team.Locator("#dm-interviews [data-interview]", new() { HasTextString = reason })).ToHaveCountAsync(1);
        await Expect(team.Locator("#dm-b-generate")).ToHaveCountAsync(0);
        await Expect(team.Locator("#dm-interviews [data-action=record]")).ToHaveCountAsync(0);
        await team.ScreenshotAsync("demolition-briefings-phone");
    }

    [Fact]
    public async Task A_structure_found_by_the_river_census_is_attached_in_the_browser_and_joins_the_hardest_first_list()
    {
        // A structure on the river's centre line, registered over the API by the section chief.
        var vertex = await app.DbAsync(db => db.Rivers.Where(r => r.Name == "彭越浦").Select(r => r.Line).FirstAsync());
        using HttpClient chiefApi = await app.StaffAsync("chief");
        var item = await chiefApi.PostOkAsync("/api/demolition/items", new
        {
            address = "彭越浦沿岸违法搭建（浏览器测试）", kind = "Riverside", area = 64.5, source = "RiverCensus", vintage = "Existing",
            lon = vertex.Coordinates[0].X, lat = vertex.Coordinates[0].Y,
        });
        string number = item.GetProperty("item").GetProperty("number").GetString()!;

        IPage page = await app.NewPageAsync(360, 800);
        await page.SignInAsync("chief", path: "/demolition/rivers");
        await page.Locator("#dm-rivers[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ScreenshotAsync("demolition-rivers-phone");
        await page.Locator("#dm-rivers [data-river]", new() { HasTextString = "彭越浦" }).ClickAsync();
        await Expect(page.Locator("#dm-river")).ToBeVisibleAsync();
        await Expect(page.Locator("#dm-reaches [data-reach]")).Not.ToHaveCountAsync(0);
        ILocator total = page.Locator("#dm-river-progress tr[data-street='合计']");
        int before = int.Parse((await total.GetAttributeAsync("data-target-count"))!, CultureInfo.InvariantCulture);

        ILocator found = page.Locator($"#dm-census [data-census='{number}']");
        await Expect(found).ToHaveAttributeAsync("data-attached", "no");
        await found.Locator("input[type=checkbox]").CheckAsync();
        await page.ClickAsync("#dm-census-attach");
        await Expect(found).ToHaveAttributeAsync("data-attached", "yes");
        await Expect(total).ToHaveAttributeAsync("data-target-count", (before + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator($"#dm-river-progress [data-hardest='{number}']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("demolition-river-phone");
    }

    [Fact]
    public async Task The_section_chief_issues_a_task_batch_and_sees_its_progress_per_street()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("chief", path: "/demolition/tasks");
        await page.Locator("#dm-progress").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dm-new-task");
        await page.ClickAsync("#dm-t-create");
        await Expect(page.Locator("#dm-task-form")).ToContainTextAsync("批次名称不能为空");
        await Expect(page.Locator("#dm-task-form")).ToContainTextAsync("各街镇目标不能为空");

        string name = $"浏览器测试专项批次 {Guid.NewGuid().ToString("N")[..6]}";
        await page.FillAsync("#dm-t-name", name);
        await page.ChooseAsync("#dm-t-issuer", "区级");
        string year = ShanghaiTime.ToShanghai(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year.ToString(CultureInfo.InvariantCulture);
        await page.FillAsync("#dm-t-issued", $"{year}-01-01");
        await page.FillAsync("#dm-t-deadline", $"{year}-12-31");
        await page.Locator($"#dm-t-targets tr[data-street='{JiangningName}'] [data-target=area]").FillAsync("500");
        await page.Locator($"#dm-t-targets tr[data-street='{JiangningName}'] [data-target=count]").FillAsync("5");
        await page.Locator($"#dm-t-targets tr[data-street='{JiangningName}'] [data-target=count]").PressAsync("Tab");
        await page.ClickAsync("#dm-t-create");
        await Expect(page.Locator("#dm-progress")).ToHaveAttributeAsync("data-basis", new System.Text.RegularExpressions.Regex("^task:"));
        await Expect(page.Locator("#dm-progress")).ToContainTextAsync(name);
        ILocator row = page.Locator($"#dm-progress tr[data-street='{JiangningName}']");
        await Expect(row).ToHaveAttributeAsync("data-done-count", "0");
        await Expect(row).ToContainTextAsync("500");
        await page.ScreenshotAsync("demolition-task-created");
    }

    [Fact]
    public async Task A_case_of_the_street_is_found_by_its_number_and_linked_to_a_structure_on_the_item_page()
    {
        // A case the street team may see: a patrol report located in 江宁路, filed by the dispatcher.
        using HttpClient dispatcher = await app.StaffAsync("dispatcher");
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        JsonElement opened = (await dispatcher.PostOkAsync("/api/cases", new { channel = "Patrol", description = "违法搭建（关联案件浏览器测试）", address = "江宁路 400 号", lon, lat }))
            .GetProperty("case");
        var linked = new { Id = opened.GetProperty("id").GetString()!, Number = opened.GetProperty("number").GetString()! };
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("jnl.leader", path: "/demolition");
        await RegisterAsync(page, $"江宁路 {Random.Shared.Next(100, 999)} 号（关联案件浏览器测试）", "18");
        await Expect(page.Locator("#dm-cases [data-case]")).ToHaveCountAsync(0);

        await page.FillAsync("#dm-c-text", linked.Number);
        await page.ClickAsync("#dm-c-find");
        ILocator found = page.Locator($"#dm-c-found [data-found='{linked.Number}']");
        await found.Locator("[data-action=link]").ClickAsync();
        ILocator listed = page.Locator($"#dm-cases [data-case='{linked.Number}'] a");
        await Expect(listed).ToHaveAttributeAsync("href", $"/cases/{linked.Id}");
        await Expect(page.Locator("#dm-timeline [data-line=LinkCase]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("demolition-item-case-linked");

        // Searched again, the case shows as linked and offers no second link.
        await page.FillAsync("#dm-c-text", linked.Number);
        await page.ClickAsync("#dm-c-find");
        await Expect(found.Locator("[data-action=link]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_registered_structure_is_put_into_a_task_batch_in_the_browser_and_counts_in_the_streets_progress()
    {
        // A batch with a target for 江宁路 and a structure there in no batch, both over the API.
        using HttpClient chiefApi = await app.StaffAsync("chief");
        Guid street = await app.DbAsync(db => db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).FirstAsync());
        DateTimeOffset today = ShanghaiTime.ToShanghai(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        string name = $"浏览器测试纳入批次 {Guid.NewGuid().ToString("N")[..6]}";
        await chiefApi.PostOkAsync("/api/demolition/tasks", new
        {
            name, issuer = "District", issuedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            deadline = today.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), targets = new[] { new { streetId = street, targetArea = 300, targetCount = 3 } },
        });
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        JsonElement item = await chiefApi.PostOkAsync("/api/demolition/items", new
        {
            address = $"江宁路 {Random.Shared.Next(100, 999)} 号（纳入批次浏览器测试）", kind = "Rooftop", area = 42.5, source = "Patrol", vintage = "Existing", lon, lat,
        });
        string number = item.GetProperty("item").GetProperty("number").GetString()!;

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("chief", path: "/demolition/tasks");
        await page.Locator("#dm-progress").WaitForAsync();
        await page.WaitForCircuitAsync();
        // The select holds a value, so its id sits on a hidden input: open it by its visible box.
        await page.ChooseAsync("#dm-basis div.mud-select >> nth=0", name);
        ILocator row = page.Locator($"#dm-progress tr[data-street='{JiangningName}']");
        await Expect(page.Locator("#dm-progress")).ToContainTextAsync(name);
        await Expect(row).ToHaveAttributeAsync("data-pending-count", "0");

        ILocator candidate = page.Locator($"#dm-attach [data-attachable='{number}']");
        await candidate.Locator("input[type=checkbox]").CheckAsync();
        await page.ClickAsync("#dm-attach-submit");
        await Expect(row).ToHaveAttributeAsync("data-pending-count", "1");
        await Expect(candidate).ToHaveCountAsync(0);
        await page.ScreenshotAsync("demolition-task-attached");
        Assert.Equal(1, await app.DbAsync(db => db.IllegalBuildings.CountAsync(i => i.Number == number && i.TaskId != null)));
    }

    [Fact]
    public async Task The_section_chief_issues_a_three_year_plan_with_yearly_street_targets_and_sees_its_first_years_progress()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("chief", path: "/demolition/tasks");
        await page.Locator("#dm-progress").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dm-new-plan");
        await page.ClickAsync("#dm-pl-create");
        await Expect(page.Locator("#dm-plan-form")).ToContainTextAsync("计划名称不能为空");
        await Expect(page.Locator("#dm-plan-form")).ToContainTextAsync("目标不能为空");

        // A year after the current one: the demo plan may already cover this one, and names must be unique anyway.
        int first = ShanghaiTime.ToShanghai(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year + 1;
        string name = $"浏览器测试三年计划 {Guid.NewGuid().ToString("N")[..6]}";
        await page.FillAsync("#dm-pl-name", name);
        await page.FillAsync("#dm-pl-year", first.ToString(CultureInfo.InvariantCulture));
        ILocator street = page.Locator($"#dm-pl-targets tr[data-street='{JiangningName}']");
        await street.Locator("[data-target=area-0]").FillAsync("800");
        await street.Locator("[data-target=count-0]").FillAsync("8");
        await street.Locator("[data-target=area-2]").FillAsync("1200");
        await street.Locator("[data-target=area-2]").PressAsync("Tab");
        await page.ScreenshotAsync("demolition-plan-form");
        await page.ClickAsync("#dm-pl-create");

        await Expect(page.Locator("#dm-progress")).ToHaveAttributeAsync("data-basis", new System.Text.RegularExpressions.Regex($"^plan:.*:{first}$"));
        ILocator row = page.Locator($"#dm-progress tr[data-street='{JiangningName}']");
        await Expect(row).ToContainTextAsync("800");
        await page.ScreenshotAsync("demolition-plan-created");
        var saved = await app.DbAsync(db => db.DemolitionPlans.Where(p => p.Name == name).Select(p => new { p.FirstYear, p.LastYear, Targets = p.Targets.Count }).SingleAsync());
        Assert.Equal((first, first + 2, 2), (saved.FirstYear, saved.LastYear, saved.Targets));
    }

    [Fact]
    public async Task The_section_chief_registers_a_river_from_GeoJSON_and_adds_a_reach_from_an_uploaded_file()
    {
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        string Line(double dLon) => FormattableString.Invariant($"{{\"type\":\"LineString\",\"coordinates\":[[{lon},{lat}],[{lon + dLon},{lat + 0.001}]]}}");
        string code = $"BT{Guid.NewGuid().ToString("N")[..8]}";
        string name = $"浏览器测试河 {code[2..]}";

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("chief", path: "/demolition/rivers");
        await page.Locator("#dm-rivers[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dm-new-river");
        await page.FillAsync("#dm-rv-code", code);
        await page.FillAsync("#dm-rv-name", name);
        await page.FillAsync("#dm-rv-chief", "测试河长");
        await page.Locator("#dm-river-form [data-level=Town]").ClickAsync();

        // A point is no centre line: the endpoint's own message, in Chinese, and nothing registered.
        await page.FillAsync("#dm-rv-geometry", FormattableString.Invariant($"{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}}"));
        await page.ClickAsync("#dm-rv-create");
        await Expect(page.Locator("#dm-river-form")).ToContainTextAsync("中心线须为 GeoJSON LineString 或 MultiLineString");
        await page.ScreenshotAsync("demolition-river-bad-geojson");
        Assert.Equal(0, await app.DbAsync(db => db.Rivers.CountAsync(r => r.Code == code)));

        await page.FillAsync("#dm-rv-geometry", Line(0.004));
        await page.ClickAsync("#dm-rv-create");
        ILocator listed = page.Locator($"#dm-rivers [data-river='{code}']");
        await Expect(listed).ToHaveTextAsync(name);
        await page.ScreenshotAsync("demolition-river-created");

        // The reach's line comes from a .geojson file, read into the same box.
        await listed.ClickAsync();
        await Expect(page.Locator("#dm-river")).ToHaveAttributeAsync("data-river", code);
        await page.WaitForCircuitAsync();
        await page.FillAsync("#dm-rc-name", "江宁路段");
        await page.ChooseAsync("#dm-rc-street", JiangningName);
        await page.ChooseFilesAsync("#dm-rc-geometry-file", new FilePayload
        {
            Name = "reach.geojson", MimeType = "application/geo+json",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"Feature\",\"properties\":{{}},\"geometry\":{Line(0.002)}}}"),
        });
        await Expect(page.Locator("#dm-rc-geometry")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("LineString"));
        await page.ClickAsync("#dm-rc-create");
        await Expect(page.Locator("#dm-reaches [data-reach='江宁路段']")).ToContainTextAsync(JiangningName);
        await page.ScreenshotAsync("demolition-river-reach-added");
    }

    [Fact]
    public async Task The_section_chief_sets_up_a_five_violations_area_from_a_GeoJSON_polygon()
    {
        (double lon, double lat) = await app.PointInStreetAsync(Jiangning);
        string name = $"浏览器测试整治区域 {Guid.NewGuid().ToString("N")[..6]}";
        DateTimeOffset today = ShanghaiTime.ToShanghai(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("chief", path: "/demolition/areas");
        await page.Locator("#dm-areas[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dm-new-area");
        await page.FillAsync("#dm-ar-name", name);
        await page.FillAsync("#dm-ar-start", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#dm-ar-end", today.AddDays(180).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator($"#dm-ar-streets [data-street='{JiangningName}'] input[type=checkbox]").CheckAsync();

        // A line is no outline: the endpoint's own message.
        await page.FillAsync("#dm-ar-outline", FormattableString.Invariant($"{{\"type\":\"LineString\",\"coordinates\":[[{lon},{lat}],[{lon + 0.002},{lat}]]}}"));
        await page.ClickAsync("#dm-ar-create");
        await Expect(page.Locator("#dm-area-form")).ToContainTextAsync("范围须为至少 3 个");
        Assert.Equal(0, await app.DbAsync(db => db.RemediationAreas.CountAsync(a => a.Name == name)));

        double d = 0.001;
        await page.FillAsync("#dm-ar-outline", FormattableString.Invariant(
            $"{{\"type\":\"Polygon\",\"coordinates\":[[[{lon - d},{lat - d}],[{lon + d},{lat - d}],[{lon + d},{lat + d}],[{lon - d},{lat + d}],[{lon - d},{lat - d}]]]}}"));
        await page.ClickAsync("#dm-ar-create");
        ILocator listed = page.Locator($"#dm-areas [data-area='{name}']");
        await Expect(listed).ToHaveCountAsync(1);
        await page.ScreenshotAsync("demolition-area-created");
        await listed.ClickAsync();
        await Expect(page.Locator("#dm-area")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_street_team_declares_a_no_illegal_building_community_and_the_section_chief_assesses_it()
    {
        string committee = await app.DbAsync(db => db.Units.Where(u => u.Kind == Chengguan.Organisation.UnitKind.Committee && u.Parent!.Code == Jiangning)
            .OrderBy(u => u.Code).Select(u => u.Name).FirstAsync());
        int year = ShanghaiTime.ToShanghai(app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year;

        IPage page = await app.NewPageAsync();
        await page.SignInAsync("jnl.leader", path: "/demolition/creations");
        await page.Locator("#dm-creations[data-loaded=yes]").WaitForAsync();
        await page.WaitForCircuitAsync();
        await page.ClickAsync("#dm-cr-declare");
        await Expect(page.Locator("#dm-creation-form")).ToContainTextAsync("创建单位不能为空");
        await page.ChooseAsync("#dm-cr-unit", $"{JiangningName} · {committee}");
        await page.ClickAsync("#dm-cr-declare");
        ILocator row = page.Locator($"#dm-creations [data-creation='{committee}'][data-year='{year}']");
        await Expect(row).ToHaveAttributeAsync("data-state", "Declared");
        await Expect(page.Locator("#dm-creations [data-action=assess]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("demolition-creation-declared");

        // Declared twice: the endpoint's own refusal.
        await page.ClickAsync("#dm-cr-declare");
        await Expect(page.Locator("#dm-creation-form")).ToContainTextAsync("该单位本年度已申报");

        IPage chief = await app.NewPageAsync();
        await chief.SignInAsync("chief", path: "/demolition/creations");
        await chief.Locator("#dm-creations[data-loaded=yes]").WaitForAsync();
        await chief.WaitForCircuitAsync();
        ILocator assessed = chief.Locator($"#dm-creations [data-creation='{committee}'][data-year='{year}']");
        await chief.Locator("#dm-creations tr", new() { Has = chief.Locator($"[data-creation='{committee}'][data-year='{year}']") }).Locator("[data-action=assess]").ClickAsync();
        await Expect(assessed).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(Passed|Failed)$"));
        await chief.ScreenshotAsync("demolition-creation-assessed");
    }
}

using System.Globalization;
using System.Net;
using Chengguan.Cases;
using Chengguan.DistrictReports;
using Chengguan.DistrictReports.Sections;
using Chengguan.Hotline;
using Chengguan.Infrastructure;
using Chengguan.Kpis;
using Chengguan.Tests.Demolition;
using Chengguan.Tests.Infrastructure;
using Chengguan.Training;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.DistrictReports;

/// <summary>
/// The district report over HTTP: returned hotline orders tagged with the department that answers for them (validated in
/// Chinese), the month's report counting them per department beside the KPIs' 三个2 figures, read back from Word and PDF,
/// regeneration as a new version, the template's versions, and the roles that may not use it.
/// </summary>
public abstract class DistrictReportApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private const string Jiangning = "310106006";

    private ReportPeriod ThisMonth => ReportPeriod.Previous(ReportPeriodKind.Month, ShanghaiTime.Today(TimeProvider.System).AddMonths(1));

    private async Task<Guid> ReceiveAsync(string address = "江宁路 100 号")
    {
        HttpClient platform = await app.HotlinePlatformAsync();
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith(Jiangning)).OrderBy(g => g.Code)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        HotlineOrderReceipt order = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "GD" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), requestType = "Complaint", urgency = "Normal",
            description = "小区内群租扰民", address, lon, lat, reporterName = "张三丰", reporterPhone = "13812345678",
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        return order.CaseId;
    }

    private static Task<HttpResponseMessage> ReturnAsync(HttpClient who, Guid id, string? department) =>
        who.PostJson($"/api/cases/{id}/actions/return", department is null
            ? new { reason = "不属于本单位职责范围，申请退单" } : new { reason = "不属于本单位职责范围，申请退单", department });

    private async Task<DistrictReportDto> GenerateAsync(HttpClient who, string period) =>
        await (await who.PostJson("/api/district-reports", new { period })).OkJson<DistrictReportDto>(HttpStatusCode.Created);

    /// <summary>The Word file read back: its paragraphs' text and its tables as rows of cell texts.</summary>
    private static (List<string> Paragraphs, List<List<string[]>> Tables) Read(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using WordprocessingDocument doc = WordprocessingDocument.Open(stream, false);
        Body body = doc.MainDocumentPart!.Document!.Body!;
        return ([.. body.Elements<Paragraph>().Select(p => p.InnerText)],
            [.. body.Elements<Table>().Select(t => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList())]);
    }

    [Fact]
    public async Task A_return_names_the_responsible_department_from_the_dictionary_or_none()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("jnl.leader");
        Guid id = await ReceiveAsync();

        var bad = await (await ReturnAsync(leader, id, "no-such")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["责任部门不在部门字典中或已停用"], bad.FieldErrors("department"));
        Assert.Equal((CaseState.Received, null), await app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => new ValueTuple<CaseState, string?>(c.State, c.DepartmentCode)).SingleAsync()));
        var missing = await (await leader.PostJson($"/api/cases/{id}/actions/return", new { department = "housing" })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("reason"));

        CaseDetail returned = await (await ReturnAsync(leader, id, "housing")).OkJson<CaseDetail>();
        Assert.Equal((CaseState.Returned, "housing", "区房屋管理局"), (returned.Case.State, returned.DepartmentCode, returned.Department));
        Assert.Contains("\"department\":\"housing\"", returned.Timeline[^1].DataJson);
        CaseDetail read = await (await leader.GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Equal("区房屋管理局", read.Department);

        // Optional: a return for another unit of the bureau names no department.
        Guid other = await ReceiveAsync();
        CaseDetail plain = await (await ReturnAsync(leader, other, null)).OkJson<CaseDetail>();
        Assert.Equal((CaseState.Returned, null, null), (plain.Case.State, plain.DepartmentCode, plain.Department));

        // An inactive department is refused like an unknown one.
        string code = "off-" + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async db =>
        {
            db.CaseDepartments.Add(new CaseDepartment { Code = code, Name = "停用部门" + code, SortOrder = 900, Active = false });
            return await db.SaveChangesAsync();
        });
        Guid third = await ReceiveAsync();
        Assert.NotEmpty((await (await ReturnAsync(leader, third, code)).Problem(HttpStatusCode.BadRequest)).FieldErrors("department"));
    }

    [Fact]
    public async Task The_department_dictionary_is_listed_and_kept_by_admins_without_losing_a_cases_code()
    {
        app.RequireAvailable();
        HttpClient admin = await app.ClientFor("admin"), jnl = await app.ClientFor("jnl.leader"), dispatcher = await app.ClientFor("dispatcher");
        List<CaseDepartmentDto> listed = await (await dispatcher.GetAsync("/api/case-departments")).OkJson<List<CaseDepartmentDto>>();
        Assert.Superset(CaseDepartments.Defaults.Select(d => new CaseDepartmentDto(d.Code, d.Name, true)).ToHashSet(), listed.ToHashSet());

        string code = "k-" + Guid.NewGuid().ToString("N")[..8];
        Assert.NotEmpty((await (await admin.PostJson("/api/case-departments", new { code = "大写", name = "" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("code"));
        await (await dispatcher.PostJson("/api/case-departments", new { code, name = "区民防办" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(new CaseDepartmentDto(code, "区民防办", true),
            await (await admin.PostJson("/api/case-departments", new { code, name = "区民防办" })).OkJson<CaseDepartmentDto>(HttpStatusCode.Created));
        await (await admin.PostJson("/api/case-departments", new { code, name = "重复" })).Problem(HttpStatusCode.Conflict);

        Guid id = await ReceiveAsync();
        await (await ReturnAsync(jnl, id, code)).OkJson<CaseDetail>();
        await (await dispatcher.PutJson($"/api/case-departments/{code}", new { name = "区民防办公室" })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(new CaseDepartmentDto(code, "区民防办公室", false),
            await (await admin.PutJson($"/api/case-departments/{code}", new { name = "区民防办公室", active = false })).OkJson<CaseDepartmentDto>());
        Assert.Equal(2, await app.WithDbAsync(db => db.CaseDepartments.Where(d => d.Code == code).Select(d => d.Version).SingleAsync()));
        CaseDetail read = await (await jnl.GetAsync($"/api/cases/{id}")).OkJson<CaseDetail>();
        Assert.Equal((code, "区民防办公室"), (read.DepartmentCode, read.Department));
        Assert.NotEmpty((await (await ReturnAsync(jnl, await ReceiveAsync(), code)).Problem(HttpStatusCode.BadRequest)).FieldErrors("department"));
        await (await admin.PutJson("/api/case-departments/no-such", new { name = "无" })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_months_report_counts_returns_per_department_beside_the_three_twos_in_Word_and_PDF_and_a_second_is_a_new_version()
    {
        app.RequireAvailable();
        HttpClient jnl = await app.ClientFor("jnl.leader"), leader = await app.ClientFor("leader");
        // A department of this test's own, so that its figures are exact whatever else the shared application holds.
        string code = "t-" + Guid.NewGuid().ToString("N")[..8], name = "测试局" + code[2..];
        await app.WithDbAsync(async db =>
        {
            db.CaseDepartments.Add(new CaseDepartment { Code = code, Name = name, SortOrder = 901 });
            return await db.SaveChangesAsync();
        });
        var numbers = new List<string>();
        foreach (string address in new[] { "江宁路 100 号 3 室", "康定路 1000 弄 3 号" })
        {
            Guid id = await ReceiveAsync(address);
            numbers.Add((await (await ReturnAsync(jnl, id, code)).OkJson<CaseDetail>()).Case.Number);
        }

        ReportPeriod month = ThisMonth;
        DistrictReportDto first = await GenerateAsync(leader, month.Key);
        Assert.Equal((month.Key, month.Label, ReportPeriodKind.Month), (first.Period, first.PeriodLabel, first.Kind));
        Assert.Matches(@"^静城管报〔\d{4}〕\d+号$", first.Reference);
        HttpResponseMessage docxResponse = await leader.GetAsync($"/api/district-reports/{first.Id}/docx");
        Assert.Equal(HttpStatusCode.OK, docxResponse.StatusCode);
        Assert.Equal(ReportDocx.ContentType, docxResponse.Content.Headers.ContentType?.MediaType);
        (List<string> paragraphs, List<List<string[]>> tables) = Read(await docxResponse.Content.ReadAsByteArrayAsync());

        Assert.Contains(paragraphs, p => p == first.Title && p.Contains(month.Label, StringComparison.Ordinal));
        Assert.Contains(first.Reference, paragraphs);
        Assert.Contains("区委、区政府：", paragraphs);
        Assert.Contains(paragraphs, p => p.EndsWith("、" + new DepartmentsSection(null!).Title, StringComparison.Ordinal) && p.StartsWith('一'));
        Assert.Contains(paragraphs, p => p.EndsWith("、" + new HotlineSection(null!).Title, StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.EndsWith("、" + new SupervisionSection(null!, null!).Title, StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.EndsWith("、" + new DirectivesSection(null!).Title, StringComparison.Ordinal));

        // (a) the department's row: its two cases, and both as examples with the house numbers left out.
        List<string[]> counts = tables.First(t => t[0].SequenceEqual(["序号", "责任部门", "案件数（件）", "占比"]));
        Assert.Equal("2", counts.Single(r => r[1] == name)[2]);
        List<string[]> examples = tables.First(t => t[0].SequenceEqual(["责任部门", "案件编号", "街镇", "地址", "退单日期"]));
        Assert.Equal(numbers.Order(), examples.Where(r => r[0] == name).Select(r => r[1]).Order());
        Assert.Equal(new[] { "江宁路（门牌略）", "康定路（门牌略）" }.Order(), examples.Where(r => r[0] == name).Select(r => r[3]).Order());
        string all = string.Join("\n", paragraphs.Concat(tables.SelectMany(t => t.SelectMany(r => r))));
        Assert.DoesNotContain("张三丰", all);
        Assert.DoesNotContain("13812345678", all);

        // (b) the hotline figures are the KPIs' own for the same days.
        KpiReport kpis = await (await leader.GetAsync($"/api/kpis?from={month.From:yyyy-MM-dd}&to={month.To:yyyy-MM-dd}&groupBy=street")).OkJson<KpiReport>();
        List<string[]> hotline = tables.First(t => t[0][0] == "街镇" && t[0].Contains("按时签收率"));
        string[] total = hotline.Single(r => r[0] == "合计");
        Assert.Equal(HotlineSection.Cell(kpis.Total[Kpi.OnTimeAccept]), total[1]);
        Assert.Equal(HotlineSection.Cell(kpis.Total[Kpi.OnTimeClosure]), total[4]);
        Assert.Equal(kpis.Rows.Count + 2, hotline.Count);

        // The PDF says the same in Chinese.
        HttpResponseMessage pdfResponse = await leader.GetAsync($"/api/district-reports/{first.Id}/pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType?.MediaType);
        byte[] pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        Assert.True(PdfText.Pages(pdf) >= 1);
        string text = PdfText.Text(pdf);
        Assert.Contains(first.Reference, text);
        Assert.Contains(name, text);
        PdfText.AssertFontsEmbedded(pdf);

        // Again: a new version beside the first, which is kept as it was.
        DistrictReportDto second = await GenerateAsync(leader, month.Key);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.NotEqual(first.Reference, second.Reference);
        List<DistrictReportDto> list = await (await leader.GetAsync("/api/district-reports")).OkJson<List<DistrictReportDto>>();
        Assert.Contains(list, r => r.Id == first.Id && r.Version == first.Version && r.DocxSize > 0 && r.PdfSize > 0);
        Assert.Contains(list, r => r.Id == second.Id);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/district-reports/{first.Id}/docx")).StatusCode);

        // A quarter too.
        DistrictReportDto quarter = await GenerateAsync(await app.ClientFor("chief"), ReportPeriod.Previous(ReportPeriodKind.Quarter, ShanghaiTime.Today(TimeProvider.System)).Key);
        Assert.Equal(ReportPeriodKind.Quarter, quarter.Kind);
        Assert.Contains("季度", quarter.Title);
    }

    [Fact]
    public async Task The_training_section_reports_the_periods_sessions_coverage_per_unit_and_expiring_certificates_as_Training_counts_them()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), chief = await app.ClientFor("chief");
        ReportPeriod month = ThisMonth;
        DateOnly today = ShanghaiTime.Today(TimeProvider.System), asOf = month.To < today ? month.To : today;

        // A session of this test's own today, attended by two certificate holders.
        string title = "报告培训" + Guid.NewGuid().ToString("N")[..8];
        CourseDto course = await (await chief.PostJson("/api/training/courses", new { title, category = "Procedure", defaultHours = 3 })).OkJson<CourseDto>(HttpStatusCode.Created);
        (Guid[] officers, Guid unit) = await app.WithDbAsync(async db =>
        {
            Guid[] holders = await db.EnforcementCertificates.Where(c => c.Status == CertificateStatus.Valid).OrderBy(c => c.Number).Select(c => c.PersonId).Take(2).ToArrayAsync();
            return (holders, await db.People.Where(p => p.Id == holders[0]).Select(p => p.UnitId).SingleAsync());
        });
        SessionDetail session = await (await chief.PostJson("/api/training/sessions", new
        {
            courseId = course.Id, startsAt = ShanghaiTime.StartOf(today), place = "局三楼会议室", trainer = "法制科", organiserUnitId = unit, capacity = 40,
        })).OkJson<SessionDetail>(HttpStatusCode.Created);
        await (await chief.PutJson($"/api/training/sessions/{session.Session.Id}/attendance", new { entries = officers.Select(o => new { personId = o }).ToArray() })).OkJson<SessionDetail>();

        DistrictReportDto report = await GenerateAsync(leader, month.Key);
        List<UnitCoverage> coverage = await (await leader.GetAsync($"/api/training/coverage?from={month.From:yyyy-MM-dd}&to={asOf:yyyy-MM-dd}")).OkJson<List<UnitCoverage>>();
        List<CertificateRow> expiring = await (await leader.GetAsync("/api/training/certificates?band=Within90")).OkJson<List<CertificateRow>>();
        (List<string> paragraphs, List<List<string[]>> tables) = Read(await (await leader.GetAsync($"/api/district-reports/{report.Id}/docx")).Content.ReadAsByteArrayAsync());
        string heading = new TrainingSection(null!, null!, null!).Title;
        Assert.Contains(paragraphs, p => p.EndsWith("、" + heading, StringComparison.Ordinal));

        // (一) the session with its attendance, and the count of sessions as the table lists them.
        List<string[]> sessions = tables.First(t => t[0].SequenceEqual(["日期", "课程", "类别", "主办单位", "学时", "参训人数"]));
        string[] ours = sessions.Single(r => r[1] == title);
        Assert.Equal([ReportText.Date(today), title, "执法程序", "3", "2"], new[] { ours[0], ours[1], ours[2], ours[4], ours[5] });
        Assert.Contains(paragraphs, p => p.StartsWith($"本期共举办培训{sessions.Count - 1}期，参训", StringComparison.Ordinal));

        // (二) coverage per unit: Training's own figures for the same days, the total row their sums.
        List<string[]> units = tables.First(t => t[0].SequenceEqual(["单位", "持证人员", "本期参训", "参训率", "学时达标", "达标率", "学时不足"]));
        foreach (UnitCoverage c in coverage.Where(c => c.Officers > 0))
        {
            string[] row = units.Single(r => r[0] == c.Unit);
            Assert.Equal([$"{c.Officers}", $"{c.Attended}", ReportText.Percent(c.Attended, c.Officers), $"{c.Met}", ReportText.Percent(c.Met, c.Officers), $"{c.Officers - c.Met}"], row[1..]);
        }
        Assert.Equal(["合计", $"{coverage.Sum(c => c.Officers)}", $"{coverage.Sum(c => c.Attended)}"], units[^1][..3]);
        Assert.True(int.Parse(units.Single(r => r[0] == coverage.Single(c => c.UnitId == unit).Unit)[2], CultureInfo.InvariantCulture) >= 1);

        // (三) certificates expired or expiring, by band as Training lists them.
        Assert.Contains($"执法证已过期{expiring.Count(c => c.Band == ExpiryBand.Expired)}本、30日内到期{expiring.Count(c => c.Band == ExpiryBand.Within30)}本、31至90日内到期{expiring.Count(c => c.Band == ExpiryBand.Within90)}本",
            string.Join("\n", paragraphs));

        string pdf = PdfText.Text(await (await leader.GetAsync($"/api/district-reports/{report.Id}/pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains(heading, pdf);
        Assert.Contains(title, pdf);
    }

    [Fact]
    public async Task Bad_periods_are_refused_in_Chinese_and_nothing_is_stored()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        int before = await app.WithDbAsync(db => db.DistrictReports.CountAsync());
        foreach (string period in new[] { "2026-13", "2026/11", "2026-Q5", "" })
        {
            Assert.NotEmpty((await (await leader.PostJson("/api/district-reports", new { period })).Problem(HttpStatusCode.BadRequest)).FieldErrors("period"));
        }
        string future = ReportPeriod.Previous(ReportPeriodKind.Month, ShanghaiTime.Today(TimeProvider.System).AddMonths(3)).Key;
        Assert.Equal(["报告期间尚未开始"], (await (await leader.PostJson("/api/district-reports", new { period = future })).Problem(HttpStatusCode.BadRequest)).FieldErrors("period"));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/district-reports/{Guid.NewGuid()}/docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/district-reports/{Guid.NewGuid()}/xlsx")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.DistrictReports.CountAsync()) >= before);
    }

    [Fact]
    public async Task A_template_edit_is_a_new_version_and_the_report_remembers_the_version_it_was_written_from()
    {
        app.RequireAvailable();
        HttpClient admin = await app.ClientFor("admin");
        TemplateView before = await (await admin.GetAsync("/api/district-reports/template")).OkJson<TemplateView>();
        Assert.Equal(["departments", "hotline", "supervision", "directives", "training"], before.Sections.Select(s => s.Key));
        Assert.Contains(before.Placeholders, p => p.Name == "{期间}");

        string tag = Guid.NewGuid().ToString("N")[..6];
        object Body(string title, params string[] keys) => new
        {
            titlePattern = title, recipients = "区委、区政府：", opening = "现将{期间}{单位}有关情况报告如下：",
            sections = keys.Select(k => new { key = k, intro = $"导语{tag}{k}" }).ToArray(), closing = "特此报告。", signature = "{单位}",
        };
        var unknown = await (await admin.PutJson("/api/district-reports/template", Body("关于{期间}{部门}的报告", "nope", "hotline"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknown.FieldErrors("sections[0].key"));
        Assert.NotEmpty(unknown.FieldErrors("titlePattern"));
        Assert.NotEmpty((await (await admin.PutJson("/api/district-reports/template", Body("题", "hotline", "hotline"))).Problem(HttpStatusCode.BadRequest)).FieldErrors("sections"));
        Assert.NotEmpty((await (await admin.PutJson("/api/district-reports/template", Body("题"))).Problem(HttpStatusCode.BadRequest)).FieldErrors("sections"));

        TemplateDto saved = await (await admin.PutJson("/api/district-reports/template", Body($"关于{{期间}}测试{tag}的报告", "hotline", "departments"))).OkJson<TemplateDto>();
        Assert.True(saved.Version > before.Current.Version);
        Assert.Equal(["hotline", "departments"], saved.Sections.Select(s => s.Key));
        TemplateView after = await (await admin.GetAsync("/api/district-reports/template")).OkJson<TemplateView>();
        Assert.Equal(saved.Version, after.Current.Version);
        Assert.Contains(after.Versions, v => v.Version == before.Current.Version);

        ReportPeriod month = ThisMonth;
        DistrictReportDto report = await GenerateAsync(admin, month.Key);
        Assert.Equal(saved.Version, report.TemplateVersion);
        Assert.Equal($"关于{month.Label}测试{tag}的报告", report.Title);
        (List<string> paragraphs, _) = Read(await (await admin.GetAsync($"/api/district-reports/{report.Id}/docx")).Content.ReadAsByteArrayAsync());
        int hotline = paragraphs.IndexOf("一、" + new HotlineSection(null!).Title), departments = paragraphs.IndexOf("二、" + new DepartmentsSection(null!).Title);
        Assert.True(hotline >= 0 && departments > hotline, string.Join("\n", paragraphs));
        Assert.Contains($"导语{tag}hotline", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.EndsWith(new DirectivesSection(null!).Title, StringComparison.Ordinal));
        Assert.Equal(DistrictReportTemplates.Unit, paragraphs[^2]);

        // The bureau's template back as it was (itself one more version).
        TemplateDto restored = await (await admin.PutJson("/api/district-reports/template", new
        {
            before.Current.TitlePattern, before.Current.Recipients, before.Current.Opening,
            sections = before.Current.Sections.Select(s => new { s.Key, s.Intro }).ToArray(), before.Current.Closing, before.Current.Signature,
        })).OkJson<TemplateDto>();
        Assert.Equal(saved.Version + 1, restored.Version);
    }

    [Fact]
    public async Task Only_bureau_leaders_section_chiefs_and_admins_use_the_report()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        DistrictReportDto report = await GenerateAsync(leader, ThisMonth.Key);
        foreach (string login in new[] { "dispatcher", "supervisor", "jnl.leader", "officer" })
        {
            HttpClient who = await app.ClientFor(login);
            await (await who.GetAsync("/api/district-reports")).Problem(HttpStatusCode.Forbidden);
            await (await who.PostJson("/api/district-reports", new { period = ThisMonth.Key })).Problem(HttpStatusCode.Forbidden);
            await (await who.GetAsync($"/api/district-reports/{report.Id}/pdf")).Problem(HttpStatusCode.Forbidden);
            await (await who.GetAsync("/api/district-reports/template")).Problem(HttpStatusCode.Forbidden);
            await (await who.PutJson("/api/district-reports/template", new
            {
                titlePattern = "题", recipients = "区委：", opening = "开头", sections = new[] { new { key = "hotline" } }, closing = "", signature = "落款",
            })).Problem(HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/district-reports")).StatusCode);
    }
}

public sealed class DistrictReportApiTestsOnSqlite(SqliteApp app) : DistrictReportApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class DistrictReportApiTestsOnPostgres(PostgresApp app) : DistrictReportApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;

using System.Globalization;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.DistrictReports;

/// <summary>
/// The district report's front door (定期报告), for the API and the console alike: the template (each save a new
/// version), generating a period's report from the registered sections (each generation a new version of the period,
/// Word and PDF stored with it), the list and the files. Bureau leaders, section chiefs and admins only.
/// </summary>
public sealed class DistrictReportDesk(AppDbContext db, CurrentUser user, Profiles profiles, IEnumerable<IReportSection> sections, TimeProvider time)
{
    public static readonly string[] Readers = [Roles.BureauLeader, Roles.SectionChief, Roles.Admin];

    private const string ReadersOnly = "只有局领导、科室负责人或管理员可以使用区定期报告";

    private const string PeriodRule = "报告期间须为 yyyy-MM（月报）或 yyyy-Qn（季报），如 2026-11、2026-Q4";

    private bool IsReader => Readers.Any(user.Principal.IsInRole);

    private readonly IReadOnlyList<IReportSection> _sections = [.. sections];

    public IReadOnlyList<SectionChoice> SectionChoices => [.. _sections.Select(s => new SectionChoice(s.Key, s.Title, s.DefaultIntro))];

    private async Task<string?> MyNameAsync(CancellationToken ct) =>
        user.UserId is { } id && (await profiles.NamesAsync([id], ct)).TryGetValue(id, out string? name) ? name : user.Name;

    private async Task<DistrictReportTemplate> CurrentAsync(CancellationToken ct) =>
        await db.DistrictReportTemplates.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct)
        ?? DistrictReportTemplates.Default(time.GetUtcNow());

    private TemplateDto Dto(DistrictReportTemplate t) => new(
        t.Version, t.TitlePattern, t.Recipients, t.Opening,
        [.. DistrictReportTemplates.Sections(t.SectionsJson).Select(s => _sections.FirstOrDefault(x => x.Key == s.Key) is { } known
            ? new TemplateSectionDto(s.Key, known.Title, s.Intro, true) : new TemplateSectionDto(s.Key, s.Key, s.Intro, false))],
        t.Closing, t.Signature, t.CreatedAt, t.CreatedBy);

    public async Task<Outcome<TemplateView>> TemplateAsync(CancellationToken ct)
    {
        if (!IsReader)
        {
            return new Outcome<TemplateView>.Forbidden(ReadersOnly);
        }
        List<TemplateVersionDto> versions = await db.DistrictReportTemplates.AsNoTracking().OrderByDescending(t => t.Version)
            .Select(t => new TemplateVersionDto(t.Version, t.CreatedAt, t.CreatedBy)).ToListAsync(ct);
        return new TemplateView(Dto(await CurrentAsync(ct)), SectionChoices, [.. ReportText.Placeholders.Select(p => new PlaceholderDto(p.Name, p.Meaning))], versions);
    }

    /// <summary>Saves the template as the next version; earlier reports keep the version they were written from.</summary>
    public async Task<Outcome<TemplateDto>> SaveTemplateAsync(TemplateRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        TemplateSectionInput[] chosen = req.Sections ?? [];
        for (int i = 0; i < chosen.Length; i++)
        {
            if (chosen[i]?.Key is { } key && _sections.All(s => s.Key != key))
            {
                errors.Add($"sections[{i}].key", $"没有名为 {key} 的章节（可选：{string.Join("、", _sections.Select(s => s.Key))}）");
            }
        }
        if (chosen.Where(s => s?.Key is not null).GroupBy(s => s.Key).Any(g => g.Count() > 1))
        {
            errors.Add("sections", "同一章节只能出现一次");
        }
        foreach ((string field, string? text) in new[] { ("titlePattern", req.TitlePattern), ("opening", req.Opening), ("closing", req.Closing), ("recipients", req.Recipients) })
        {
            if (text is not null && ReportText.Unknown(text).FirstOrDefault() is { } unknown)
            {
                errors.Add(field, $"不认识的占位符 {unknown}（可用：{string.Join(" ", ReportText.Placeholders.Select(p => p.Name))}）");
            }
        }
        if (errors.Any)
        {
            return new Outcome<TemplateDto>.Invalid(errors);
        }
        if (!IsReader)
        {
            return new Outcome<TemplateDto>.Forbidden(ReadersOnly);
        }
        int version = (await db.DistrictReportTemplates.MaxAsync(t => (int?)t.Version, ct) ?? 0) + 1;
        var template = new DistrictReportTemplate
        {
            Version = version, TitlePattern = req.TitlePattern!.Trim(), Recipients = req.Recipients!.Trim(), Opening = req.Opening!.Trim(),
            SectionsJson = DistrictReportTemplates.Json(chosen.Select(s => new TemplateSection(s.Key!, s.Intro?.Trim() ?? ""))),
            Closing = req.Closing?.Trim() ?? "", Signature = req.Signature!.Trim(), CreatedAt = time.GetUtcNow(), CreatedBy = await MyNameAsync(ct),
        };
        db.DistrictReportTemplates.Add(template);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<TemplateDto>.Conflict("模板已被他人同时修改，请刷新后重试");
        }
        return Dto(template);
    }

    public async Task<Outcome<List<DistrictReportDto>>> ListAsync(CancellationToken ct)
    {
        if (!IsReader)
        {
            return new Outcome<List<DistrictReportDto>>.Forbidden(ReadersOnly);
        }
        // The files stay in the database: the list reads their sizes only.
        var rows = await db.DistrictReports.AsNoTracking().OrderByDescending(r => r.GeneratedAt).Take(500)
            .Select(r => new { r.Id, r.Kind, r.PeriodKey, r.Version, r.TemplateVersion, r.Year, r.Serial, r.Title, r.GeneratedAt, r.GeneratedBy, Docx = r.Docx.Length, Pdf = r.Pdf.Length })
            .ToListAsync(ct);
        return rows.Select(r => new DistrictReportDto(r.Id, r.Kind, r.PeriodKey, ReportPeriod.Parse(r.PeriodKey)?.Label ?? r.PeriodKey, r.Version, r.TemplateVersion,
            ReportText.Reference(r.Year, r.Serial), r.Title, r.GeneratedAt, r.GeneratedBy, r.Docx, r.Pdf)).ToList();
    }

    /// <summary>The report of a period, written from the current template; the period's earlier versions stay as they were.</summary>
    public async Task<Outcome<DistrictReportDto>> GenerateAsync(GenerateRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        ReportPeriod? period = ReportPeriod.Parse(req.Period);
        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        if (!errors.Any && period is null)
        {
            errors.Add("period", PeriodRule);
        }
        else if (period is not null && !period.BegunBy(today))
        {
            errors.Add("period", "报告期间尚未开始");
        }
        if (errors.Any)
        {
            return new Outcome<DistrictReportDto>.Invalid(errors);
        }
        if (!IsReader)
        {
            return new Outcome<DistrictReportDto>.Forbidden(ReadersOnly);
        }
        DistrictReportTemplate template = await CurrentAsync(ct);
        int version = (await db.DistrictReports.Where(r => r.PeriodKey == period!.Key).MaxAsync(r => (int?)r.Version, ct) ?? 0) + 1;
        int serial = (await db.DistrictReports.Where(r => r.Year == today.Year).MaxAsync(r => (int?)r.Serial, ct) ?? 0) + 1;
        ReportDocument doc = await ComposeAsync(template, period!, today.Year, serial, now, ct);
        var report = new DistrictReport
        {
            Kind = period!.Kind, PeriodKey = period.Key, Version = version, TemplateVersion = template.Version, Year = today.Year, Serial = serial,
            Title = doc.Title, GeneratedAt = now, GeneratedBy = await MyNameAsync(ct), Docx = ReportDocx.Write(doc), Pdf = ReportPdf.Write(doc),
        };
        db.DistrictReports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Two generations at once took the same version or serial: the unique indexes keep one.
            return new Outcome<DistrictReportDto>.Conflict("同一时间已有报告生成，请重试");
        }
        return new DistrictReportDto(report.Id, report.Kind, report.PeriodKey, period.Label, report.Version, report.TemplateVersion, doc.Reference, report.Title,
            report.GeneratedAt, report.GeneratedBy, report.Docx.Length, report.Pdf.Length);
    }

    /// <summary>The document: the template's words with the placeholders filled, and each of its sections in its order (a key no section answers is left out).</summary>
    public async Task<ReportDocument> ComposeAsync(DistrictReportTemplate template, ReportPeriod period, int year, int serial, DateTimeOffset now, CancellationToken ct)
    {
        string reference = ReportText.Reference(year, serial);
        string date = ReportText.Date(ShanghaiTime.DateOf(now));
        var values = new Dictionary<string, string>
        {
            ["{期间}"] = period.Label, ["{单位}"] = DistrictReportTemplates.Unit, ["{年}"] = period.Year.ToString(CultureInfo.InvariantCulture),
            ["{文号}"] = reference, ["{日期}"] = date,
        };
        var context = new ReportContext(period, now);
        var texts = new List<ReportSectionText>();
        foreach (TemplateSection s in DistrictReportTemplates.Sections(template.SectionsJson))
        {
            if (_sections.FirstOrDefault(x => x.Key == s.Key) is not { } section)
            {
                continue;
            }
            IReadOnlyList<ReportBlock> blocks = await section.BuildAsync(context, ct);
            texts.Add(new ReportSectionText(s.Key, ReportText.Heading(texts.Count + 1, section.Title), ReportText.Fill(s.Intro, values), blocks));
        }
        return new ReportDocument(ReportText.Fill(template.TitlePattern, values), reference, ReportText.Fill(template.Recipients, values),
            ReportText.Fill(template.Opening, values), texts, ReportText.Fill(template.Closing, values), ReportText.Fill(template.Signature, values), date, now);
    }

    public async Task<Outcome<ReportFile>> FileAsync(Guid id, string format, CancellationToken ct)
    {
        if (format is not ("docx" or "pdf"))
        {
            return new Outcome<ReportFile>.NotFound("报告格式须为 docx 或 pdf");
        }
        if (!IsReader)
        {
            return new Outcome<ReportFile>.Forbidden(ReadersOnly);
        }
        bool docx = format == "docx";
        var file = await db.DistrictReports.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Title, r.PeriodKey, r.Version, Content = docx ? r.Docx : r.Pdf }).FirstOrDefaultAsync(ct);
        if (file is null)
        {
            return new Outcome<ReportFile>.NotFound("报告不存在");
        }
        string name = string.Create(CultureInfo.InvariantCulture, $"区定期报告-{file.PeriodKey}-第{file.Version}版.{format}");
        return new ReportFile(file.Content, docx ? ReportDocx.ContentType : ReportPdf.ContentType, name);
    }
}

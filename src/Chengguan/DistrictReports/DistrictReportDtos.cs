using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.DistrictReports;

/// <summary>Generate the report of a period: "yyyy-MM" (月报) or "yyyy-Qn" (季报).</summary>
[RequestModel]
public sealed record GenerateRequest([property: Required(ErrorMessage = "报告期间不能为空")] string? Period);

[RequestModel]
public sealed record TemplateSectionInput(
    [property: Required(ErrorMessage = "章节不能为空"), MaxLength(32, ErrorMessage = "章节编码不能超过 32 个字符")] string? Key,
    [property: MaxLength(2000, ErrorMessage = "章节导语不能超过 2000 个字符")] string? Intro = null);

/// <summary>A new version of the template; placeholders: {期间} {单位} {年} {文号} {日期}.</summary>
[RequestModel]
public sealed record TemplateRequest(
    [property: Required(ErrorMessage = "标题格式不能为空"), MaxLength(200, ErrorMessage = "标题格式不能超过 200 个字符")] string? TitlePattern,
    [property: Required(ErrorMessage = "报送单位不能为空"), MaxLength(200, ErrorMessage = "报送单位不能超过 200 个字符")] string? Recipients,
    [property: Required(ErrorMessage = "开头段落不能为空"), MaxLength(4000, ErrorMessage = "开头段落不能超过 4000 个字符")] string? Opening,
    [property: Required(ErrorMessage = "至少选择一个章节"), MinLength(1, ErrorMessage = "至少选择一个章节"), MaxLength(20, ErrorMessage = "章节最多 20 个")] TemplateSectionInput[]? Sections,
    [property: MaxLength(4000, ErrorMessage = "结束语不能超过 4000 个字符")] string? Closing,
    [property: Required(ErrorMessage = "落款不能为空"), MaxLength(400, ErrorMessage = "落款不能超过 400 个字符")] string? Signature);

/// <summary>A section the report can print: its key, its heading and the intro a new template gets.</summary>
public sealed record SectionChoice(string Key, string Title, string DefaultIntro);

public sealed record TemplateSectionDto(string Key, string Title, string Intro, bool Available);

public sealed record TemplateDto(
    int Version, string TitlePattern, string Recipients, string Opening, IReadOnlyList<TemplateSectionDto> Sections, string Closing, string Signature,
    DateTimeOffset CreatedAt, string? CreatedBy);

/// <summary>The editor's view: the current template, the sections on offer, the placeholders and the earlier versions.</summary>
public sealed record TemplateView(TemplateDto Current, IReadOnlyList<SectionChoice> Sections, IReadOnlyList<PlaceholderDto> Placeholders, IReadOnlyList<TemplateVersionDto> Versions);

public sealed record PlaceholderDto(string Name, string Meaning);

public sealed record TemplateVersionDto(int Version, DateTimeOffset CreatedAt, string? CreatedBy);

public sealed record DistrictReportDto(
    Guid Id, ReportPeriodKind Kind, string Period, string PeriodLabel, int Version, int TemplateVersion, string Reference, string Title,
    DateTimeOffset GeneratedAt, string? GeneratedBy, int DocxSize, int PdfSize);

/// <summary>A stored report file with the type and name it is sent under.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

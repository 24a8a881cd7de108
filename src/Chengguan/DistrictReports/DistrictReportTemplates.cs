using System.Text.Json;
using Chengguan.DistrictReports.Sections;

namespace Chengguan.DistrictReports;

/// <summary>One section of a template: the key of an <see cref="IReportSection"/> and the intro the bureau wrote for it.</summary>
public sealed record TemplateSection(string Key, string Intro);

/// <summary>The template every installation starts with (version 1), and the JSON its sections are kept in.</summary>
public static class DistrictReportTemplates
{
    public const string Unit = Demolition.Documents.NoticeTemplates.Issuer;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static string Json(IEnumerable<TemplateSection> sections) => JsonSerializer.Serialize(sections.ToArray(), s_json);

    public static List<TemplateSection> Sections(string json) => JsonSerializer.Deserialize<List<TemplateSection>>(json, s_json) ?? [];

    public static DistrictReportTemplate Default(DateTimeOffset now) => new()
    {
        Version = 1,
        TitlePattern = "关于{期间}城市管理综合执法工作涉及各部门情况的报告",
        Recipients = "区委、区政府：",
        Opening = "根据区委、区政府建立定期报告制度的要求，现将{期间}{单位}城市管理综合执法工作中涉及各行政管理部门的情况、12345 热线“三个2”落实情况、执法监督、督办事项办理和统一培训情况报告如下：",
        SectionsJson = Json(
        [
            new(DepartmentsSection.SectionKey, DepartmentsSection.Intro), new(HotlineSection.SectionKey, HotlineSection.Intro),
            new(SupervisionSection.SectionKey, SupervisionSection.Intro), new(DirectivesSection.SectionKey, DirectivesSection.Intro),
            new(TrainingSection.SectionKey, TrainingSection.Intro),
        ]),
        Closing = "特此报告。",
        Signature = Unit,
        CreatedAt = now,
        CreatedBy = "系统默认",
    };
}

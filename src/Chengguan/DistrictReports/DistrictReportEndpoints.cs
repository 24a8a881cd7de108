using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.DistrictReports;

/// <summary>The district report (定期报告) over HTTP: adapters over <see cref="DistrictReportDesk"/>.</summary>
public static class DistrictReportEndpoints
{
    public static void MapDistrictReportsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/district-reports").WithTags("DistrictReports").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/", (DistrictReportDesk d, CancellationToken ct) => d.ListAsync(ct).ToHttp())
            .WithSummary("区定期报告列表").WithDescription("已生成的月报、季报（每次生成为新版本），新的在前。限局领导、科室负责人、管理员。");
        g.MapPost("/", (GenerateRequest req, DistrictReportDesk d, CancellationToken ct) => d.GenerateAsync(req, ct).ToCreated(r => $"/api/district-reports/{r.Id}/docx"))
            .WithSummary("生成区定期报告").WithDescription("period 为 yyyy-MM（月报）或 yyyy-Qn（季报）；按现行模板生成 Word 与 PDF 并保存，同一期间再次生成为新版本。");
        g.MapGet("/{id:guid}/{format}", (Guid id, string format, DistrictReportDesk d, CancellationToken ct) =>
                d.FileAsync(id, format, ct).ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("下载区定期报告").WithDescription("format 为 docx（Word）或 pdf。");
        g.MapGet("/template", (DistrictReportDesk d, CancellationToken ct) => d.TemplateAsync(ct).ToHttp())
            .WithSummary("报告模板").WithDescription("现行模板、可选章节、占位符说明及历史版本。");
        g.MapPut("/template", (TemplateRequest req, DistrictReportDesk d, CancellationToken ct) => d.SaveTemplateAsync(req, ct).ToHttp())
            .WithSummary("保存报告模板（新版本）").WithDescription("标题格式、报送单位、开头段落、章节及顺序和导语、结束语、落款；占位符 {期间} {单位} {年} {文号} {日期}。每次保存为新版本。");
    }
}

using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Briefings;

/// <summary>Briefings (通报) over HTTP: adapters over <see cref="BriefingDesk"/>; the interviews' routes are composed here too.</summary>
public static class BriefingsEndpoints
{
    public static void MapBriefings(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition/briefings").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/", (BriefingInput input, BriefingDesk briefings, CancellationToken ct) => briefings.GenerateAsync(input, ct).ToCreated(b => $"/api/demolition/briefings/{b.Briefing.Id}"))
            .WithSummary("即时生成拆违进度通报（任务批次或计划年度），各街镇按完成率排名")
            .WithDescription("按任务批次或计划年度即时生成进度通报；各街镇按完成率排名，排名靠后的街镇生成约谈建议。");
        g.MapGet("/", async (string? basis, BriefingDesk briefings, CancellationToken ct) => TypedResults.Ok(await briefings.ListAsync(basis, ct))).WithSummary("通报列表（定时与即时）")
            .WithDescription("列出定时生成和即时生成的通报，新的在前。");
        g.MapGet("/{id:guid}", (Guid id, BriefingDesk briefings, CancellationToken ct) => briefings.GetAsync(id, ct).ToHttp()).WithSummary("通报内容与据此建议的约谈")
            .WithDescription("返回通报的排名表和据此建议的约谈。");
        g.MapGet("/{id:guid}/xlsx", (Guid id, BriefingDesk briefings, CancellationToken ct) =>
                briefings.FileAsync(id, xlsx: true, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName)))
            .WithSummary("下载通报 Excel")
            .WithDescription("以 Excel 文件下载通报的排名表。");
        g.MapGet("/{id:guid}/pdf", (Guid id, BriefingDesk briefings, CancellationToken ct) =>
                briefings.FileAsync(id, xlsx: false, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName)))
            .WithSummary("下载通报 PDF（含完成率柱状图）")
            .WithDescription("以 PDF 下载通报（公文版式，含完成率柱状图）。");
        InterviewsEndpoints.MapInterviews(app);
    }
}

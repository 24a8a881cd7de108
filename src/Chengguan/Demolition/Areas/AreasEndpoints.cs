using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Areas;

/// <summary>五违四必 remediation areas over HTTP: adapters over <see cref="RemediationAreas"/>.</summary>
public static class AreasEndpoints
{
    public static void MapRemediationAreas(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/areas").WithTags("FiveViolations").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/", (AreaInput input, RemediationAreas areas, CancellationToken ct) => areas.CreateAsync(input, ct).ToCreated(a => $"/api/areas/{a.Area.Id}"))
            .WithSummary("设立五违四必整治区域（范围、涉及街镇、整治期）")
            .WithDescription("登记一个五违四必整治区域：范围（GeoJSON）、涉及街镇和整治期。");
        g.MapGet("/", async (AreaStatus? status, RemediationAreas areas, CancellationToken ct) => TypedResults.Ok(await areas.ListAsync(status, ct)))
            .WithSummary("整治区域列表：状态（计划、整治中、已完成、已巩固、反弹）")
            .WithDescription("列出调用者范围内的整治区域及其状态和问题数。");
        g.MapGet("/map", async (AreaStatus? status, RemediationAreas areas, CancellationToken ct) =>
                TypedResults.Text(await areas.MapAsync(status, ct), "application/geo+json; charset=utf-8"))
            .WithSummary("整治区域图层（GeoJSON，WGS84）：范围与状态")
            .WithDescription("整治区域的 GeoJSON 要素集合（WGS84），供地图显示范围和状态。");
        g.MapGet("/{id:guid}", (Guid id, RemediationAreas areas, CancellationToken ct) => areas.GetAsync(id, ct).ToHttp())
            .WithSummary("整治区域详情：问题清单、整改情况、巩固与反弹核查")
            .WithDescription("返回区域的问题清单、各问题的整改状态，以及巩固期内的反弹核查结果。");
        g.MapGet("/{id:guid}/rebound", (Guid id, RemediationAreas areas, CancellationToken ct) => areas.ReboundAsync(id, ct).ToHttp())
            .WithSummary("反弹核查：完成后巩固期内区域范围内新发案件、复发问题")
            .WithDescription("整治完成后的巩固期内，列出区域范围内的新发案件和复发问题，用于判断是否反弹。");
        g.MapPost("/{id:guid}/problems", (Guid id, ProblemInput input, RemediationAreas areas, CancellationToken ct) => areas.AddProblemAsync(id, input, ct).ToCreated(_ => $"/api/areas/{id}"))
            .WithSummary("登记区域问题（五违分类、四必要求，关联违法建筑和案件）")
            .WithDescription("在区域内登记一个问题：五违分类、四必要求，可关联违法建筑和案件。");
        g.MapPost("/{id:guid}/problems/{problemId:guid}/actions/{action}", (Guid id, Guid problemId, string action, ProblemActionInput input, RemediationAreas areas, CancellationToken ct) =>
                areas.ActAsync(id, problemId, action, input, ct).ToHttp())
            .WithSummary("问题整改：开始整改（Start）、整改完成（Rectify）、复发（Reopen）")
            .WithDescription("按问题的流转表执行 Start、Rectify 或 Reopen；当前状态不允许时答 409（带 state 与 action）。");
    }
}

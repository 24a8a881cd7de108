using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Cases;

/// <summary>Cases over HTTP: adapters over <see cref="CaseQueries"/> and <see cref="CaseCommands"/>, which check, act and answer.</summary>
public static class CasesEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.Staff);
        group.MapPost("/", (CaseInput input, CaseCommands cases, CancellationToken ct) => cases.OpenAsync(input, ct).ToCreated(c => $"/api/cases/{c.Case.Id}"))
            .WithSummary("登记案件（巡查发现、监督员上报、居委反映、领导批示、媒体曝光等渠道）")
            .WithDescription("工作人员登记非热线渠道的案件：按坐标或地址定位网格、社区、街镇和责任单位，编号并启动该流程的计时。热线工单请用 POST /api/hotline/orders。成功答 201 并在 Location 给出案件地址。");
        group.MapGet("/", (HttpRequest request, CaseQueries cases, CancellationToken ct) => cases.SearchAsync(request.Query, ct).ToHttp())
            .WithSummary("案件查询：状态、计时状态、渠道、类别、网格、街镇、承办单位、紧急程度、日期、全文，游标分页")
            .WithDescription("在调用者的数据范围内查询案件，按条件筛选；以 cursor 游标翻页（响应中的 nextCursor）。");
        // The hotline platform answers callbacks and re-deliveries through the same table as staff.
        var shared = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.StaffOrIntegration);
        shared.MapGet("/{id:guid}", (Guid id, CaseQueries cases, CancellationToken ct) => cases.GetAsync(id, ct).ToHttp())
            .ForIntegrations(IntegrationOperation.ReadCases).WithSummary("案件详情：时间线、计时、可执行的操作")
            .WithDescription("返回案件、时间线、各项计时（截止时间、状态）以及调用者当前可执行的操作。API 密钥只能读取本接入系统的案件，其他案件答 404。");
        shared.MapPost("/{id:guid}/actions/{action}", Act).ForIntegrations(IntegrationOperation.ActOnCases)
            .WithSummary("执行案件流转操作（签收、派遣、退单、延期、挂起、督办、合并、重开……）")
            .WithDescription("按流转表执行一个操作；请求体为 CaseActionInput，各操作需要的字段见其说明（缺少时答 400“执行 {action} 须提供 {field}”）。当前状态不允许或角色不符答 409/403，问题文档带 state 与 action。热线平台以 API 密钥执行 callback（回访）、replyreturned（答复被退回）、rehandle（不满意重办）、redeliver（退单后重新派单）。");
    }

    // The action's name is read here (an unknown action is 404 before the case is looked up); the body binds as
    // CaseActionInput (a body that cannot be read is 400) and the move itself is the door's.
    private static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, string action, CaseActionInput? input, CaseCommands cases, CancellationToken ct)
    {
        if (!Enum.TryParse(action, ignoreCase: true, out CaseAction parsed) || int.TryParse(action, out _))
        {
            return Problems.NotFound($"没有名为 {action} 的案件操作");
        }
        return await cases.MoveAsync(id, parsed, input ?? new CaseActionInput(), ct).ToHttp();
    }
}

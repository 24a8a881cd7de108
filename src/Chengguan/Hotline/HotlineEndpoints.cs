using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Hotline;

/// <summary>
/// A work order as the 12345/12319 platform delivers it. Required: channel, order number, request type,
/// description, and an address or a point. The attributes document the contract (OpenAPI); the endpoint
/// itself validates, so that a re-delivery is answered with its case even when the copy would not pass.
/// </summary>
public sealed record HotlineOrder(
    [property: Required, Description("渠道：\"12345\"（市民热线）或 \"12319\"（城建热线）")] string? Channel,
    [property: Required, MaxLength(64), Description("平台的工单编号（≤ 64 字符）；与渠道一起唯一，重复投递同一编号返回同一案件")] string? OrderNumber,
    [property: Required, Description("诉求类型：Consultation 咨询、Help 求助、Complaint 投诉、Suggestion 建议、Report 举报")] RequestType? RequestType,
    [property: Description("紧急程度，缺省为一般")] Urgency? Urgency,
    [property: Description("事部件小类编码，如 \"event:0503\"；须在现行字典中（GET /api/categories）。可省略，由派遣员立案时确定")] string? CategoryCode,
    [property: Description("立案条件编码，缺省 \"01\"；与类别一起须在现行字典中")] string? ConditionCode,
    [property: Required, MaxLength(4000), Description("诉求内容（≤ 4000 字）")] string? Description,
    [property: MaxLength(300), Description("地址（≤ 300 字）；与经纬度至少提供其一")] string? Address,
    [property: Range(-180, 180), Description("经度；与纬度同时提供")] double? Lon,
    [property: Range(-90, 90), Description("纬度；与经度同时提供")] double? Lat,
    [property: Description("坐标系：wgs84（缺省）、gcj02 或 bd09")] string? Crs,
    [property: MaxLength(100), Description("诉求人姓名（≤ 100 字；界面上脱敏显示）")] string? ReporterName,
    [property: MaxLength(40), Description("联系电话：数字、空格、+ 和 -")] string? ReporterPhone);

public sealed record HotlineOrderReceipt(Guid CaseId, string CaseNumber, string Channel, string OrderNumber, CaseState State, bool Created);

[RequestModel]
public sealed record HotlineMessage(
    [property: Required(ErrorMessage = "须说明催办或撤单的内容"), MaxLength(1000, ErrorMessage = "内容不能超过 1000 个字符")] string? Reason);

/// <summary>
/// The hotline platform's side: work orders in (idempotent on channel and order number: a
/// re-delivery returns the same case and changes nothing), urges (催办) and withdrawals (撤单).
/// Replies, results and returns go back through the outbox under the "hotline.*" webhook topics.
/// </summary>
public static class HotlineEndpoints
{
    public static void MapHotlineOrders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hotline/orders").WithTags("Hotline").RequireAuthorization(Policies.Integration)
            .ForIntegrations(IntegrationOperation.HotlineOrders);
        group.MapPost("/", Receive).WithMetadata(new OwnWriterAttribute()).WithSummary("接收 12345/12319 工单（按渠道 + 工单编号幂等）")
            .WithDescription("热线平台以 API 密钥投递工单。必填：channel、orderNumber、requestType、description，以及 address 或 lon+lat。新工单答 201（Location 为案件地址）；同一渠道和工单编号的重复投递答 200 并返回同一案件，不做任何修改（即使重复的副本校验不通过）。字段错误答 400（中文）。");
        group.MapPost("/{channel}/{orderNumber}/urge", Urge).AddEndpointFilter<ValidationFilter>().WithSummary("催办")
            .WithDescription("平台催办一张未办结的工单：催办次数加一，时间线记录催办，承办单位收到提醒；状态不变。工单已办结或已撤销答 409（带 state 与 action）；不是本接入系统的工单答 404。");
        group.MapPost("/{channel}/{orderNumber}/withdraw", Withdraw).AddEndpointFilter<ValidationFilter>().WithSummary("撤单")
            .WithDescription("平台撤销一张未办结的工单（须说明原因）：案件转为已撤销，全部计时取消。已办结的工单答 409；不是本接入系统的工单答 404。");
    }

    private static async Task<Results<Created<HotlineOrderReceipt>, Ok<HotlineOrderReceipt>, ValidationProblem>> Receive(
        HotlineOrder order, CaseIntake intake, HotlineIntakeQueue queue, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!HotlineChannels.TryParse(order.Channel, out CaseChannel channel))
        {
            errors.Add("channel", "渠道须为 12345 或 12319");
        }
        string number = order.OrderNumber?.Trim() ?? "";
        if (number.Length == 0)
        {
            errors.Add("orderNumber", "工单编号不能为空");
        }
        if (order.RequestType is null)
        {
            errors.Add("requestType", "诉求类型不能为空（Consultation、Help、Complaint、Suggestion、Report）");
        }
        var input = new CaseInput(errors.Any && channel == CaseChannel.Other ? CaseChannel.Hotline12345 : channel, number, order.RequestType, order.Urgency, order.CategoryCode, order.ConditionCode, order.Description,
            order.Address, order.Lon, order.Lat, order.Crs, order.ReporterName, order.ReporterPhone, null);
        FieldErrors more = await intake.ValidateAsync(input, ct);
        // The intake's own messages, except for fields this endpoint has already named.
        Dictionary<string, string[]> named = errors.ToDictionary();
        foreach (var (field, messages) in more.ToDictionary())
        {
            string name = field == "externalNumber" ? "orderNumber" : field;
            foreach (string m in named.ContainsKey(name) ? [] : messages)
            {
                errors.Add(name, m);
            }
        }
        if (errors.Any)
        {
            // A re-delivery changes nothing, so it is answered with the case even when this copy would not pass.
            return await Existing(db, await user.GetScopeAsync(ct), channel, number, ct) is { } known ? TypedResults.Ok(Receipt(known, created: false)) : Problems.Validation(errors);
        }
        // A valid re-delivery is recognised by the writer, in the same transaction that would open the case.
        DeliveredCase outcome = await queue.SubmitAsync(input, user.UserId, user.Name ?? "hotline", ct);
        return outcome.Created
            ? TypedResults.Created($"/api/cases/{outcome.Case.Id}", Receipt(outcome.Case, created: true))
            : TypedResults.Ok(Receipt(outcome.Case, created: false));
    }

    private static Task<Case?> Existing(AppDbContext db, DataScope scope, CaseChannel channel, string number, CancellationToken ct) =>
        number.Length == 0 ? Task.FromResult<Case?>(null)
            : db.Cases.AsNoTracking().InScope(scope, db).FirstOrDefaultAsync(c => c.Channel == channel && c.ExternalNumber == number, ct);

    /// <summary>The tracked case of a platform order, for urges and withdrawals: only the caller's integration's orders are found.</summary>
    private static async Task<Case?> FindOrderAsync(AppDbContext db, CurrentUser user, string channel, string orderNumber, CancellationToken ct) =>
        HotlineChannels.TryParse(channel, out CaseChannel ch)
            ? await db.Cases.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(c => c.Channel == ch && c.ExternalNumber == orderNumber, ct)
            : null;

    private static HotlineOrderReceipt Receipt(Case c, bool created) =>
        new(c.Id, c.Number, HotlineChannelText.Of(c.Channel)!, c.ExternalNumber!, c.State, created);

    private static async Task<Results<Ok<HotlineOrderReceipt>, ValidationProblem, ProblemHttpResult>> Urge(
        string channel, string orderNumber, HotlineMessage message, AppDbContext db, CaseTransitions transitions, CurrentUser user, CancellationToken ct) =>
        await FindOrderAsync(db, user, channel, orderNumber, ct) is { } c
            ? await transitions.UrgeAsync(c, message.Reason, user.Principal.IsInRole, user.UserId, user.Name, ct).ToHttp(moved => TypedResults.Ok(Receipt(moved, created: false)))
            : Problems.NotFound("工单不存在");

    private static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> Withdraw(
        string channel, string orderNumber, HotlineMessage message, AppDbContext db, CaseCommands cases, CurrentUser user, CancellationToken ct)
    {
        if (await FindOrderAsync(db, user, channel, orderNumber, ct) is not { } c)
        {
            return Problems.NotFound("工单不存在");
        }
        return await cases.MoveAsync(c.Id, CaseAction.Withdraw, new CaseActionInput(Reason: message.Reason), ct).ToHttp();
    }
}

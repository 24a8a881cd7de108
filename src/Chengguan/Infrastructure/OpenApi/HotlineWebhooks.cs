using System.Text.Json.Nodes;
using Chengguan.Cases;
using Chengguan.Notifications;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>
/// The answers that leave for the hotline platform (OpenAPI 3.1 <c>webhooks</c>): one entry per <c>hotline.*</c>
/// topic that <c>Cases/CaseTransitions</c> writes to the outbox, the payload it writes, and how
/// <c>Notifications/WebhookSigner</c> signs a delivery and <c>OutboxDispatcher</c> retries it.
/// </summary>
internal sealed class HotlineWebhooks : IOpenApiDocumentTransformer
{
    public const string PayloadSchema = "HotlineWebhookPayload";

    /// <summary>Topic → when it is sent. A merged duplicate hears its parent's moves under the parent's action.</summary>
    public static readonly IReadOnlyDictionary<string, string> Topics = new Dictionary<string, string>
    {
        ["hotline.accept"] = "承办单位已签收工单（启动到场 2 小时、初步结果 24 小时时限）。",
        ["hotline.recordpreliminary"] = "已报初步处置结果。",
        ["hotline.handle"] = "已办结处置（待答复）。",
        ["hotline.reply"] = "已答复市民（需领导审批的答复在审批通过时发送）；被合并的重复工单在主工单答复时也收到，text 以“已并入 …”开头。",
        ["hotline.return"] = "退单：不属于本单位职责，退回热线平台（平台可调用 redeliver 重新派单）。",
        ["hotline.approvereply"] = "仅被合并的重复工单：主工单的答复经领导审批通过。",
        ["hotline.feedback"] = "仅被合并的重复工单：主工单已反馈处置结果。",
        ["hotline.callback"] = "仅被合并的重复工单：主工单已回访。",
        ["hotline.close"] = "仅被合并的重复工单：主工单已结案。",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[PayloadSchema] = Payload();
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach ((string topic, string when) in Topics)
        {
            document.Webhooks[topic] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = Delivery(document, topic, when) },
            };
        }
        return Task.CompletedTask;
    }

    private static OpenApiOperation Delivery(OpenApiDocument document, string topic, string when) => new()
    {
        OperationId = "webhook." + topic,
        Summary = $"推送 {topic}",
        Description = when + "\n\n" + Signing,
        Security = [new OpenApiSecurityRequirement()],
        Parameters =
        [
            Header("X-Chengguan-Topic", "主题，即本条目的名称", topic),
            Header("X-Chengguan-Delivery", "投递编号（GUID）：至少一次投递，以此去重", "0193a4e2-7c1d-7b3e-9f00-5a1c2d3e4f50"),
            Header("X-Chengguan-Timestamp", "签名时间，Unix 秒；拒绝与本地时间相差超过 5 分钟的请求以防重放", "1796612400"),
            Header("X-Chengguan-Signature", "sha256= 加 HMAC-SHA256(密钥, 时间戳 + \".\" + 原始请求体) 的小写十六进制", "sha256=5d41402abc4b2a76b9719d911017c592..."),
        ],
        RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(PayloadSchema, document) } },
        },
        Responses = new OpenApiResponses
        {
            ["2XX"] = new OpenApiResponse { Description = "已收到：任何 2xx 即视为投递成功。" },
            ["default"] = new OpenApiResponse { Description = $"其他状态或超时：以 5·2ⁿ 秒（最长 1 小时）退避重试，{OutboxDispatcher.MaxAttempts} 次失败后转入死信，管理员可在发件箱重新投递。" },
        },
    };

    private const string Signing = """
        订阅：管理员以 POST /api/webhooks {name, url, topics: "hotline."} 登记接收地址，返回的 secret 只显示一次。
        每次投递为 POST application/json，签名 X-Chengguan-Signature = "sha256=" + hex(HMAC-SHA256(secret 的 UTF-8 字节, X-Chengguan-Timestamp + "." + 请求体原文))。
        接收方须以原始请求体（不要重新序列化）计算并以常数时间比较签名，再以 X-Chengguan-Delivery 去重（投递至少一次）。
        """;

    private static OpenApiParameter Header(string name, string description, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(example),
    };

    private static OpenApiSchema Payload() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "推送给热线平台的工单进展。",
        Required = new HashSet<string> { "channel", "orderNumber", "caseNumber", "action", "state", "at" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["channel"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create(HotlineChannelText.Citizen), JsonValue.Create(HotlineChannelText.Construction)],
                Description = "渠道：\"12345\"（市民热线）或 \"12319\"（城建热线），与投递工单、回执和催办路径中的写法相同",
            },
            ["orderNumber"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "平台的工单编号" },
            ["caseNumber"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "本局案件编号" },
            ["action"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<CaseAction>().Select(n => (JsonNode)JsonValue.Create(n))], Description = "引起推送的操作（CaseAction 枚举名）" },
            ["state"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<CaseState>().Select(n => (JsonNode)JsonValue.Create(n))], Description = "操作后的案件状态（CaseState 枚举名）" },
            ["text"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "答复、结果或退单理由的正文" },
            ["at"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "发生时间（UTC，ISO 8601）" },
        },
    };
}

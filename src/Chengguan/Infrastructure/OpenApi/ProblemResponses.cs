using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>
/// The error answers every client must handle, as RFC 9457 problem documents (<c>application/problem+json</c>,
/// Chinese title and detail): 400 with field errors, 401, 403, 404, 409 (workflow conflicts name the
/// <c>state</c> and <c>action</c>), 413, 415, 429 and 503 (with <c>Retry-After</c>). Which of them an operation
/// documents follows from what it is: a body, path parameters, a policy, a rate limit.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OpenApiDocument? document = context.Document;
        string method = context.Description.HttpMethod ?? "GET";
        string path = context.Description.RelativePath ?? "";
        bool hasBody = operation.RequestBody is not null;
        bool hasInput = hasBody || operation.Parameters is { Count: > 0 };
        bool routeParameters = path.Contains('{', StringComparison.Ordinal);
        bool anonymous = operation.Security is [{ Count: 0 }];
        bool authenticated = operation.Security is { Count: > 0 } && !anonymous;
        bool bearer = operation.Security?.Any(r => r.Keys.Any(k => k.Reference.Id == SecuritySchemes.Bearer)) == true;
        bool apiKey = operation.Security?.Any(r => r.Keys.Any(k => k.Reference.Id == SecuritySchemes.ApiKey)) == true;
        bool writes = method is "POST" or "PUT" or "PATCH" or "DELETE";
        bool workflow = path.Contains("/actions/", StringComparison.Ordinal) || path.EndsWith("/urge", StringComparison.Ordinal) || path.EndsWith("/withdraw", StringComparison.Ordinal);

        operation.Responses ??= [];
        if (hasInput)
        {
            Set(operation, "400", "请求参数有误：字段错误在 errors 中（字段名 camelCase，信息为中文）；无法读取的请求体也答 400。", ProblemSchemas.ValidationProblem, document);
        }
        if (authenticated)
        {
            Set(operation, "401", "未认证：缺少、无效或已过期的 API 密钥或令牌。", ProblemSchemas.Problem, document);
        }
        if (bearer)
        {
            Set(operation, "403", "无权执行：已登录但角色或数据范围不允许；管理员重置密码后须先修改密码（标题“须修改密码”）。", ProblemSchemas.Problem, document);
        }
        if (routeParameters || apiKey)
        {
            Set(operation, "404", apiKey
                ? "未找到：对象不存在、不在调用者的范围内，或该 API 密钥的接入系统无权调用此接口（被拒绝的密钥一律答 404）。"
                : "未找到：对象不存在或不在调用者的数据范围内。", ProblemSchemas.Problem, document);
        }
        if (writes && (routeParameters || workflow))
        {
            Set(operation, "409", workflow
                ? "状态冲突：当前状态不允许该操作，或他人同时处理。扩展字段 state（当前状态）与 action（所请求的操作）为机器可读的枚举名。"
                : "状态冲突：对象的当前状态不允许该操作，或他人同时修改。", workflow ? ProblemSchemas.WorkflowConflict : ProblemSchemas.Problem, document);
        }
        if (hasBody)
        {
            Set(operation, "413", "请求体过大（JSON 请求体与上传文件各有上限）。", ProblemSchemas.Problem, document);
            Set(operation, "415", "不支持的媒体类型：JSON 接口须以 application/json 提交，上传须为 multipart/form-data。", ProblemSchemas.Problem, document);
        }
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Set(operation, "429", "请求过于频繁（登录限流）：按 Retry-After 秒数后重试。", ProblemSchemas.Problem, document, retryAfter: true);
        }
        Set(operation, "503", "暂不可用：正在启动（数据库迁移未完成）或数据库暂时不可用；按 Retry-After 秒数后重试，请求未生效。", ProblemSchemas.Problem, document, retryAfter: true);
        return Task.CompletedTask;
    }

    private static void Set(OpenApiOperation operation, string status, string description, string schema, OpenApiDocument? document, bool retryAfter = false)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) } },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "重试前等待的秒数", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }
        operation.Responses![status] = response;
    }
}

/// <summary>The problem document schemas the error answers refer to.</summary>
internal sealed class ProblemSchemas : IOpenApiDocumentTransformer
{
    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";
    public const string WorkflowConflict = "WorkflowConflict";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = Base("RFC 9457 问题文档。title 与 detail 为中文。");
        OpenApiSchema validation = Base("字段校验失败：errors 以 camelCase 字段名为键，值为中文错误信息列表。");
        validation.Properties!["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            Examples = [new JsonObject { ["orderNumber"] = new JsonArray("工单编号不能为空") }],
        };
        validation.Required = new HashSet<string> { "title", "status", "errors" };
        document.Components.Schemas[ValidationProblem] = validation;
        OpenApiSchema conflict = Base("工作流冲突：state 为对象的当前状态，action 为被拒绝的操作（枚举名，如 CaseState、CaseAction、DemolitionState、DemolitionAction）。");
        conflict.Properties!["state"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "当前状态（枚举名），并发冲突时可能为空" };
        conflict.Properties["action"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "被拒绝的操作（枚举名）" };
        document.Components.Schemas[WorkflowConflict] = conflict;
        return Task.CompletedTask;
    }

    private static OpenApiSchema Base(string description) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "问题类型 URI" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "中文标题，如“请求参数有误”“未找到”“状态冲突”" },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "HTTP 状态码" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "中文说明" },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "请求的跟踪编号，报障时请提供" },
        },
        Required = new HashSet<string> { "title", "status" },
    };
}

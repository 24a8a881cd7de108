using System.Text.Json.Nodes;
using Chengguan.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>
/// The two ways a client authenticates: an API key in <c>X-Api-Key</c> (integrations: the hotline platform,
/// Open311 clients) and the opaque bearer token that <c>POST /api/auth/token</c> issues to staff
/// (ASP.NET Core Identity's bearer token, not a JWT; refreshed with <c>POST /api/auth/refresh</c>).
/// The console's cookie is not part of the API contract.
/// </summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.Header,
            Description = "外部系统的 API 密钥：管理员在控制台“接口密钥”页（或 POST /api/api-keys）为某个接入系统签发，密钥只显示一次。"
                + "密钥只能调用其接入系统被允许的接口；被拒绝的密钥得到 404（不暴露接口是否存在），缺少或无效的密钥得到 401。",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "opaque",
            Description = "工作人员的令牌：POST /api/auth/token（用户名、密码）返回 accessToken（默认 8 小时）与 refreshToken（7 天），"
                + "以 POST /api/auth/refresh 续期。令牌不是 JWT，不要解析。密码被重置、账号停用或角色变更后令牌失效。",
        };
        return Task.CompletedTask;
    }
}

/// <summary>
/// Each operation's security requirement from the policy its endpoint names (<see cref="Policies"/>):
/// integration → API key; staff policies → bearer; staff-or-integration → either; anonymous → <c>[{}]</c>,
/// stated explicitly. An endpoint with neither is left without one, and the contract test fails on it.
/// </summary>
internal sealed class OperationSecurity : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        IList<object> metadata = context.Description.ActionDescriptor.EndpointMetadata;
        string[] policies = [.. metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct()];
        bool anonymous = metadata.OfType<IAllowAnonymous>().Any();
        OpenApiDocument? document = context.Document;
        if (anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            Extend(operation, "x-policy", "anonymous");
            return Task.CompletedTask;
        }
        if (policies.Length == 0)
        {
            return Task.CompletedTask;
        }
        bool key = policies.Any(p => p is Policies.Integration or Policies.StaffOrIntegration);
        bool bearer = policies.Any(p => p is not Policies.Integration);
        operation.Security = [];
        if (bearer)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.Bearer, document)] = [] });
        }
        if (key)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.ApiKey, document)] = [] });
        }
        Extend(operation, "x-policy", string.Join(",", policies));
        if (metadata.OfType<IntegrationEndpoint>().Select(e => e.Operation.ToString()).ToArray() is { Length: > 0 } integrationOps)
        {
            // Which integration's keys pass here (Identity/Integrations): e.g. HotlineOrders for the hotline platform.
            Extend(operation, "x-integration-operation", string.Join(",", integrationOps));
        }
        return Task.CompletedTask;
    }

    internal static void Extend(OpenApiOperation operation, string name, string value)
    {
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[name] = new JsonNodeExtension(JsonValue.Create(value));
    }
}

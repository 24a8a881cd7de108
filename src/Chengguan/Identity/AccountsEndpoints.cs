using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Identity;

[RequestModel]
public sealed record CreateAccountRequest(
    [property: Required(ErrorMessage = "用户名不能为空"), RegularExpression("^[A-Za-z0-9_.-]{3,64}$", ErrorMessage = "用户名须为 3–64 位字母、数字、点、下划线或连字符")] string UserName,
    [property: Required(ErrorMessage = "姓名不能为空"), MaxLength(50, ErrorMessage = "姓名不能超过 50 个字符")] string DisplayName,
    [property: Required(ErrorMessage = "初始密码不能为空"), MinLength(10, ErrorMessage = "密码至少 10 位"), MaxLength(128, ErrorMessage = "密码不能超过 128 个字符")] string Password,
    Guid? PersonId,
    [property: Required(ErrorMessage = "至少分配一个角色"), MinLength(1, ErrorMessage = "至少分配一个角色"), MaxLength(10)] string[] Roles);

[RequestModel]
public sealed record SetRolesRequest([property: Required(ErrorMessage = "至少分配一个角色"), MinLength(1, ErrorMessage = "至少分配一个角色"), MaxLength(10)] string[] Roles);

/// <summary>A new key: <see cref="Integration"/> is a code of <see cref="Integrations"/> ("hotline", "open311"), with a client id where the integration has clients.</summary>
[RequestModel]
public sealed record CreateApiKeyRequest(
    [property: Required(ErrorMessage = "名称不能为空"), MaxLength(100, ErrorMessage = "名称不能超过 100 个字符")] string Name,
    [property: Required(ErrorMessage = "接口不能为空"), KnownIntegration(nameof(CreateApiKeyRequest.ClientId))] string Integration,
    string? ClientId = null);

/// <param name="LockedOut">Strangers' sign-ins are held back after repeated failures (see <see cref="SignInGuard"/>).</param>
/// <param name="Disabled">Disabled by an administrator or with its person: cannot sign in at all.</param>
public sealed record AccountDto(string Id, string UserName, string DisplayName, Guid? PersonId, string[] Roles, bool LockedOut, bool Disabled);
/// <summary>A key as listed; <see cref="IntegrationName"/> is null when the catalogue does not know its integration (such a key authenticates nothing).</summary>
public sealed record ApiKeyDto(Guid Id, string Name, string Integration, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? IntegrationName)
{
    public static ApiKeyDto From(ApiKey k) => new(k.Id, k.Name, k.Integration, k.Prefix, k.CreatedAt, k.RevokedAt, Integrations.Describe(k.Integration));
}
public sealed record CreatedApiKey(ApiKeyDto Key, string Secret);

/// <summary>The accounts and API keys API: adapters over <see cref="Accounts"/>, <see cref="AccountAccess"/> and <see cref="IntegrationKeys"/>.</summary>
public static class AccountsEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        accounts.MapGet("/", async (Accounts service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct))).WithSummary("账号列表")
            .WithDescription("列出全部登录账号：用户名、所属人员、角色、是否停用或锁定。仅管理员。");
        accounts.MapPost("/", (CreateAccountRequest req, Accounts service, CancellationToken ct) => service.CreateAsync(req, ct).ToCreated(a => $"/api/accounts/{a.Id}")).WithSummary("新建账号")
            .WithDescription("新建登录账号、关联人员并授予角色；密码须符合密码规则（至少 10 位）。成功答 201。");
        accounts.MapPut("/{id}/roles", (string id, SetRolesRequest req, Accounts service) => service.SetRolesAsync(id, req).ToHttp()).WithSummary("设置账号角色")
            .WithDescription("替换账号的角色；该账号已签发的令牌和 Cookie 在重新验证间隔内失效。");
        accounts.MapPost("/{id}/unlock", (string id, Accounts service, CancellationToken ct) => service.UnlockAsync(id, ct).ToHttp(_ => TypedResults.NoContent()))
            .WithSummary("解除登录限制（清零近期失败次数）")
            .WithDescription("清零账号近期的登录失败次数，解除登录限制。");
        accounts.MapPost("/{id}/disable", (string id, AccountAccess access, CancellationToken ct) => access.DisableAsync(id, ct).ToHttp())
            .WithSummary("停用账号：不能再登录，已签发的令牌、Cookie 和打开的控制台在重新验证间隔内失效")
            .WithDescription("停用账号；已签发的令牌、Cookie 和打开的控制台在重新验证间隔内失效。");
        accounts.MapPost("/{id}/enable", (string id, AccountAccess access, CancellationToken ct) => access.EnableAsync(id, ct).ToHttp())
            .WithSummary("恢复停用的账号（所属人员须在职）")
            .WithDescription("恢复停用的账号；所属人员须仍在职。");

        var keys = app.MapGroup("/api/api-keys").WithTags("Accounts").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        keys.MapGet("/", async (IntegrationKeys service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct))).WithSummary("接口密钥列表")
            .WithDescription("列出已签发的 API 密钥：名称、接入系统、客户端编号、签发时间、是否吊销。不返回密钥本身。");
        keys.MapPost("/", (CreateApiKeyRequest req, IntegrationKeys service, CancellationToken ct) => service.CreateAsync(req, ct).ToCreated(k => $"/api/api-keys/{k.Key.Id}")).WithSummary("签发接口密钥")
            .WithDescription("为一个接入系统（如 hotline、open311）签发 API 密钥。响应中的 secret 只显示这一次，请立即妥善保存；调用时放在请求头 X-Api-Key。");
        keys.MapPost("/{id:guid}/revoke", (Guid id, IntegrationKeys service, CancellationToken ct) => service.RevokeAsync(id, ct).ToHttp(_ => TypedResults.NoContent())).WithSummary("吊销接口密钥")
            .WithDescription("吊销 API 密钥，立即生效：之后持该密钥的请求答 401。");
    }
}

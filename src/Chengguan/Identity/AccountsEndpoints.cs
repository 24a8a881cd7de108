using System.ComponentModel.DataAnnotations;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

public static class AccountsEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        accounts.MapGet("/", List);
        accounts.MapPost("/", Create);
        accounts.MapPut("/{id}/roles", SetRoles);
        accounts.MapPost("/{id}/unlock", Unlock).WithSummary("解除登录限制（清零近期失败次数）");
        accounts.MapPost("/{id}/disable", (string id, AccountAccess access, CancellationToken ct) => access.DisableAsync(id, ct).ToHttp())
            .WithSummary("停用账号：不能再登录，已签发的令牌、Cookie 和打开的控制台在重新验证间隔内失效");
        accounts.MapPost("/{id}/enable", (string id, AccountAccess access, CancellationToken ct) => access.EnableAsync(id, ct).ToHttp())
            .WithSummary("恢复停用的账号（所属人员须在职）");

        var keys = app.MapGroup("/api/api-keys").WithTags("Accounts").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        keys.MapGet("/", ListKeys);
        keys.MapPost("/", CreateKey);
        keys.MapPost("/{id:guid}/revoke", RevokeKey);
    }

    private static async Task<Ok<List<AccountDto>>> List(AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await AccountsAsync(db, clock, ct));

    /// <summary>Every account with its roles and whether it is locked out now; shared by the API and the console.</summary>
    public static async Task<List<AccountDto>> AccountsAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roleNames.ToLookup(r => r.UserId, r => r.Name!);
        DateTimeOffset now = clock.GetUtcNow();
        return [.. users.Select(u => Dto(u, [.. byUser[u.Id]], now))];
    }

    public static AccountDto Dto(AppUser u, string[] roles, DateTimeOffset now) =>
        new(u.Id, u.UserName!, u.DisplayName, u.PersonId, roles, u.LockoutEnd > now, u.DisabledAt is not null);

    private static async Task<Results<Created<AccountDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAccountRequest req, UserManager<AppUser> users, AppDbContext db, CancellationToken ct)
    {
        (AccountDto? account, FieldErrors errors) = await CreateAccountAsync(req, users, db, ct);
        return account is null ? Problems.Validation(errors) : TypedResults.Created($"/api/accounts/{account.Id}", account);
    }

    /// <summary>Creates an account with its roles (the request already validated), or returns the field errors; shared by the API and the console.</summary>
    public static async Task<(AccountDto? Account, FieldErrors Errors)> CreateAccountAsync(
        CreateAccountRequest req, UserManager<AppUser> users, AppDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CheckRoles(req.Roles, errors);
        if (req.PersonId is { } pid && !await db.People.AnyAsync(p => p.Id == pid, ct))
        {
            errors.Add("personId", "人员不存在");
        }
        if (await users.FindByNameAsync(req.UserName) is not null)
        {
            errors.Add("userName", "用户名已被使用");
        }
        if (errors.Any)
        {
            return (null, errors);
        }
        var user = new AppUser { UserName = req.UserName, DisplayName = req.DisplayName, PersonId = req.PersonId, LockoutEnabled = true };
        IdentityResult created = await users.CreateAsync(user, req.Password);
        if (!created.Succeeded)
        {
            foreach (IdentityError e in created.Errors)
            {
                errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description);
            }
            return (null, errors);
        }
        await users.AddToRolesAsync(user, req.Roles.Distinct());
        return (new AccountDto(user.Id, user.UserName, user.DisplayName, user.PersonId, [.. req.Roles.Distinct()], false, false), errors);
    }

    private static Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> SetRoles(
        string id, SetRolesRequest req, UserManager<AppUser> users, CancellationToken ct) => SetRolesAsync(id, req, users);

    /// <summary>Replaces an account's roles; shared by the API and the console's accounts page.</summary>
    public static async Task<Results<Ok<AccountDto>, ValidationProblem, ProblemHttpResult>> SetRolesAsync(string id, SetRolesRequest req, UserManager<AppUser> users)
    {
        var errors = new FieldErrors();
        CheckRoles(req.Roles, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        AppUser? user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Problems.NotFound("账号不存在");
        }
        IList<string> current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(req.Roles));
        await users.AddToRolesAsync(user, req.Roles.Distinct().Except(current));
        // Changing roles ends outstanding cookies and tokens at once (SecurityStampCheck).
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(new AccountDto(user.Id, user.UserName!, user.DisplayName, user.PersonId, [.. req.Roles.Distinct()], false, user.DisabledAt is not null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unlock(string id, UserManager<AppUser> users) =>
        await UnlockAsync(id, users) ? TypedResults.NoContent() : Problems.NotFound("账号不存在");

    /// <summary>Ends a lockout and resets the failed sign-in count; false when there is no such account.</summary>
    public static async Task<bool> UnlockAsync(string id, UserManager<AppUser> users)
    {
        AppUser? user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    private static async Task<Ok<List<ApiKeyDto>>> ListKeys(AppDbContext db, CancellationToken ct) => TypedResults.Ok(await KeysAsync(db, ct));

    public static async Task<List<ApiKeyDto>> KeysAsync(AppDbContext db, CancellationToken ct) =>
        [.. (await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct)).Select(ApiKeyDto.From)];

    private static async Task<Created<CreatedApiKey>> CreateKey(CreateApiKeyRequest req, AppDbContext db, CurrentUser current, TimeProvider clock, CancellationToken ct)
    {
        CreatedApiKey created = await CreateKeyAsync(req, db, current, clock, ct);
        return TypedResults.Created($"/api/api-keys/{created.Key.Id}", created);
    }

    /// <summary>Makes a key (the request already validated, its integration a row of the catalogue); shared by the API and the console's administration page.</summary>
    public static async Task<CreatedApiKey> CreateKeyAsync(CreateApiKeyRequest req, AppDbContext db, CurrentUser current, TimeProvider clock, CancellationToken ct)
    {
        IntegrationKind kind = Integrations.Find(req.Integration) ?? throw new ArgumentException("The integration is not in the catalogue; validate the request first.", nameof(req));
        (string secret, string prefix, string hash) = ApiKey.Generate();
        var key = new ApiKey
        {
            Name = req.Name, Integration = Integrations.ValueOf(kind, req.ClientId), Prefix = prefix, SecretHash = hash, CreatedAt = clock.GetUtcNow(), CreatedBy = current.Name,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        // The secret is shown once; only its hash is kept.
        return new CreatedApiKey(ApiKeyDto.From(key), secret);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid id, AppDbContext db, ApiKeyCache cache, TimeProvider clock, CancellationToken ct) =>
        await RevokeKeyAsync(id, db, cache, clock, ct) ? TypedResults.NoContent() : Problems.NotFound("接口密钥不存在");

    /// <summary>Revokes a key at once (the authentication cache forgets it); false when there is no such key.</summary>
    public static async Task<bool> RevokeKeyAsync(Guid id, AppDbContext db, ApiKeyCache cache, TimeProvider clock, CancellationToken ct)
    {
        ApiKey? key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return false;
        }
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Evict(key.Prefix);
        return true;
    }

    private static void CheckRoles(string[] roles, FieldErrors errors)
    {
        foreach (string r in roles ?? [])
        {
            if (!Roles.All.Contains(r) || r == Roles.Integration)
            {
                errors.Add("roles", $"未知角色：{r}");
            }
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Chengguan.Data;
using Chengguan.Identity.Pages;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Identity;

[RequestModel]
public sealed record TokenRequest(
    [property: Required(ErrorMessage = "用户名不能为空"), MaxLength(64, ErrorMessage = "用户名过长")] string UserName,
    [property: Required(ErrorMessage = "密码不能为空"), MaxLength(128, ErrorMessage = "密码过长")] string Password);

[RequestModel]
public sealed record RefreshRequest([property: Required(ErrorMessage = "刷新令牌不能为空"), MaxLength(4096)] string RefreshToken);

public sealed record MeResponse(string Id, string UserName, string DisplayName, string[] Roles, Guid? PersonId, Guid? UnitId, string? UnitName, bool DistrictWide, bool MustChangePassword);

public static class AuthEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth").AddEndpointFilter<ValidationFilter>();

        api.MapPost("/token", IssueToken).AllowAnonymous().RequireRateLimiting(SignInRateLimit)
            .WithSummary("以用户名和密码换取 Bearer 令牌 (sign in for API clients)")
            .WithDescription("以用户名和密码登录，返回 accessToken、refreshToken 和有效秒数。失败答 401；来自陌生设备的连续失败会被限流（429，带 Retry-After）。");
        api.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(SignInRateLimit).WithSummary("续期令牌")
            .WithDescription("以 refreshToken 换取新的 accessToken 与 refreshToken；过期或失效的 refreshToken 得不到新令牌。");
        api.MapGet("/me", Me).RequireAuthorization(Policies.Self).WithSummary("当前用户")
            .WithDescription("返回调用者的用户名、姓名、角色、所属单位以及是否须修改密码。");

        var account = app.MapGroup("/account").WithTags("Auth").ExcludeFromDescription();
        account.MapGet("/login", LoginPage).AllowAnonymous();
        account.MapPost("/login", LoginForm).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        account.MapGet("/denied", Denied).RequireAuthorization(Policies.Self);
        // Signing out is a form post from the console and carries its antiforgery token.
        account.MapPost("/logout", Logout).RequireAuthorization(Policies.Self).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueToken(TokenRequest req, SignInGuard guard, SignInManager<AppUser> signIn, HttpContext http)
    {
        SignInCheck check = await guard.CheckAsync(req.UserName, req.Password, http);
        if (check.Verdict != SignInVerdict.Succeeded)
        {
            return SignInFailed(check, http);
        }
        // The bearer handler writes the token response.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(check.User!, isPersistent: false);
        return TypedResults.Empty;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest req, SignInManager<AppUser> signIn, Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> options, TimeProvider clock)
    {
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(req.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || user.DisabledAt is not null)
        {
            return TypedResults.Problem("刷新令牌无效或已过期", statusCode: 401, title: "未认证");
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult SignInFailed(SignInCheck check, HttpContext http)
    {
        switch (check.Verdict)
        {
            case SignInVerdict.Throttled:
                int seconds = (int)Math.Ceiling(check.RetryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem($"该账号近期登录失败次数过多，请于 {seconds} 秒后再试；曾在本设备登录过的用户不受影响",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "请稍后再试");
            case SignInVerdict.Disabled:
                return TypedResults.Problem("账号已停用，请联系系统管理员", statusCode: StatusCodes.Status401Unauthorized, title: "账号已停用");
            default:
                return TypedResults.Problem("用户名或密码错误", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        }
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(CurrentUser current, UserManager<AppUser> users, AppDbContext db, CancellationToken ct)
    {
        AppUser? user = current.UserId is null ? null : await db.Users.AsNoTracking().Include(u => u.Person).ThenInclude(p => p!.Unit)
            .FirstOrDefaultAsync(u => u.Id == current.UserId, ct);
        if (user is null)
        {
            return Problems.NotFound("账号不存在");
        }
        IList<string> roles = await users.GetRolesAsync(user);
        DataScope scope = await current.GetScopeAsync(ct);
        return TypedResults.Ok(new MeResponse(user.Id, user.UserName!, user.DisplayName, [.. roles], user.PersonId,
            user.Person?.UnitId, user.Person?.Unit?.Name, scope.DistrictWide, user.MustChangePassword));
    }

    private static RazorComponentResult<LoginPage> LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        RenderLogin(antiforgery.GetAndStoreTokens(context), returnUrl, null, null, StatusCodes.Status200OK);

    private static RazorComponentResult<AccessDeniedPage> Denied(string? returnUrl) =>
        new(new Dictionary<string, object?> { [nameof(AccessDeniedPage.Path)] = IsLocal(returnUrl) ? returnUrl : null }) { StatusCode = StatusCodes.Status403Forbidden };

    public sealed record LoginFormModel(string? UserName, string? Password, string? ReturnUrl);

    private static async Task<IResult> LoginForm([FromForm] LoginFormModel form, SignInGuard guard, SignInManager<AppUser> signIn, HttpContext context, IAntiforgery antiforgery)
    {
        SignInCheck check = await guard.CheckAsync(form.UserName, form.Password, context);
        if (check.Verdict == SignInVerdict.Succeeded)
        {
            await signIn.SignInAsync(check.User!, isPersistent: false);
            // A temporary password from a reset: straight to the form that replaces it.
            return TypedResults.LocalRedirect(check.User!.MustChangePassword ? "/account/password" : IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        string error = check.Verdict switch
        {
            SignInVerdict.Throttled => "LoginLocked",
            SignInVerdict.Disabled => "LoginDisabled",
            _ => "LoginFailed",
        };
        if (check.Verdict == SignInVerdict.Throttled)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(check.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        string? name = form.UserName is { Length: <= 64 } n ? n : null;
        return RenderLogin(antiforgery.GetAndStoreTokens(context), form.ReturnUrl, error, name,
            check.Verdict == SignInVerdict.Throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized);
    }

    private static async Task<RedirectHttpResult> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    // Rendered without a circuit, so that signing in works before and without the console's JavaScript.
    private static RazorComponentResult<LoginPage> RenderLogin(AntiforgeryTokenSet tokens, string? returnUrl, string? errorKey, string? userName, int status) =>
        new(new Dictionary<string, object?>
        {
            [nameof(Pages.LoginPage.ReturnUrl)] = IsLocal(returnUrl) ? returnUrl : "/",
            [nameof(Pages.LoginPage.ErrorKey)] = errorKey,
            [nameof(Pages.LoginPage.UserName)] = userName,
            [nameof(Pages.LoginPage.TokenFieldName)] = tokens.FormFieldName,
            [nameof(Pages.LoginPage.Token)] = tokens.RequestToken,
        })
        { StatusCode = status };
}

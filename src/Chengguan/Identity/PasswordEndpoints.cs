using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Identity;

[RequestModel]
public sealed record ChangePasswordRequest(
    [property: Required(ErrorMessage = "当前密码不能为空"), MaxLength(128, ErrorMessage = "密码不能超过 128 个字符")] string CurrentPassword,
    [property: Required(ErrorMessage = "新密码不能为空"), MinLength(10, ErrorMessage = "密码至少 10 位"), MaxLength(128, ErrorMessage = "密码不能超过 128 个字符")] string NewPassword);

/// <summary>A reset's answer: the temporary password, given this once and never stored in clear.</summary>
public sealed record PasswordReset(string AccountId, string UserName, string TemporaryPassword);

/// <summary>The password API: adapters over <see cref="Passwords"/>.</summary>
public static class PasswordEndpoints
{
    public static void MapPasswords(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/accounts/{id}/password", (string id, Passwords passwords) => passwords.ResetAsync(id).ToHttp())
            .WithTags("Accounts").RequireAuthorization(Policies.Admin)
            .WithSummary("重置账号密码：生成临时密码（仅返回这一次）并解除锁定")
            .WithDescription("管理员重置账号密码：生成临时密码（只在响应中出现这一次）并解除锁定；该账号下次登录后须先修改密码。");
        // Guessing one's current password here is a sign-in attempt: the same rate limit and lockout apply.
        app.MapPost("/api/auth/password", (ChangePasswordRequest req, Passwords passwords, CancellationToken ct) => passwords.ChangeOwnAsync(req, ct).ToHttp(_ => TypedResults.NoContent()))
            .WithTags("Auth").RequireAuthorization(Policies.Self)
            .RequireRateLimiting(AuthEndpoints.SignInRateLimit).AddEndpointFilter<ValidationFilter>()
            .WithSummary("修改本人密码")
            .WithDescription("以当前密码修改本人密码；新密码至少 10 位。当前密码连续错误会锁定账号。");
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Identity;

[RequestModel]
public sealed record ChangePasswordRequest(
    [property: Required(ErrorMessage = "当前密码不能为空"), MaxLength(128, ErrorMessage = "密码不能超过 128 个字符")] string CurrentPassword,
    [property: Required(ErrorMessage = "新密码不能为空"), MinLength(10, ErrorMessage = "密码至少 10 位"), MaxLength(128, ErrorMessage = "密码不能超过 128 个字符")] string NewPassword);

/// <summary>A reset's answer: the temporary password, given this once and never stored in clear.</summary>
public sealed record PasswordReset(string AccountId, string UserName, string TemporaryPassword);

/// <summary>An administrator resets an account's password; every member of staff changes their own.</summary>
public static class PasswordEndpoints
{
    public static void MapPasswords(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/accounts/{id}/password", Reset).WithTags("Accounts").RequireAuthorization(Policies.Admin)
            .WithSummary("重置账号密码：生成临时密码（仅返回这一次）并解除锁定");
        // Guessing one's current password here is a sign-in attempt: the same rate limit and lockout apply.
        app.MapPost("/api/auth/password", Change).WithTags("Auth").RequireAuthorization(Policies.Self)
            .RequireRateLimiting(AuthEndpoints.SignInRateLimit).AddEndpointFilter<ValidationFilter>()
            .WithSummary("修改本人密码");
    }

    private static async Task<Results<Ok<PasswordReset>, ProblemHttpResult>> Reset(string id, UserManager<AppUser> users)
    {
        (PasswordReset? reset, string? conflict) = await ResetAsync(id, users);
        return reset is not null ? TypedResults.Ok(reset) : conflict is not null ? Problems.Conflict(conflict) : Problems.NotFound("账号不存在");
    }

    /// <summary>
    /// Gives the account a new temporary password and ends any lockout, in one save (audited like every
    /// change to an account, the hash redacted); shared by the API and the console's accounts page.
    /// Null with no conflict when there is no such account.
    /// </summary>
    public static async Task<(PasswordReset? Reset, string? Conflict)> ResetAsync(string id, UserManager<AppUser> users)
    {
        AppUser? user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return (null, null);
        }
        string password = NewTemporaryPassword();
        // A locked-out user is the usual reason for a reset; the unlock rides on the password's save.
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.MustChangePassword = true;
        // The reset token path validates the password and renews the security stamp, so other sessions end at their next check.
        IdentityResult result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        return result.Succeeded
            ? (new PasswordReset(user.Id, user.UserName!, password), null)
            : (null, string.Join("；", result.Errors.Select(e => e.Description)));
    }

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Change(ChangePasswordRequest req, CurrentUser current, UserManager<AppUser> users) =>
        ChangeOwnAsync(req, current, users);

    /// <summary>Changes the signed-in user's own password (the request already validated); shared by the API and the console's password page.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeOwnAsync(ChangePasswordRequest req, CurrentUser current, UserManager<AppUser> users)
    {
        AppUser? user = current.UserId is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            return Problems.NotFound("账号不存在");
        }
        if (req.NewPassword == req.CurrentPassword)
        {
            return Problems.Validation("newPassword", "新密码不能与当前密码相同");
        }
        if (await users.IsLockedOutAsync(user))
        {
            return Problems.Validation("currentPassword", "密码错误次数过多，账号已临时锁定，请稍后再试");
        }
        // Cleared on the password's own save; put back if the change fails, so that a later save (the failure count) keeps it.
        bool mustChange = user.MustChangePassword;
        user.MustChangePassword = false;
        IdentityResult result = await users.ChangePasswordAsync(user, req.CurrentPassword, req.NewPassword);
        user.MustChangePassword = result.Succeeded ? false : mustChange;
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            return TypedResults.NoContent();
        }
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            // Counted like a failed sign-in, so that a session left open cannot be used to find the password.
            await users.AccessFailedAsync(user);
            return Problems.Validation("currentPassword", "当前密码不正确");
        }
        var errors = new FieldErrors();
        foreach (IdentityError e in result.Errors)
        {
            errors.Add("newPassword", e.Description);
        }
        return Problems.Validation(errors);
    }

    // No 0/O or 1/l/I: the password is read off a screen and typed in by someone else.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", Lower = "abcdefghijkmnpqrstuvwxyz", Digits = "23456789";

    /// <summary>Sixteen random characters (about 93 bits) in four groups, with an upper, a lower and a digit, so that any policy of ours accepts it.</summary>
    public static string NewTemporaryPassword()
    {
        while (true)
        {
            string s = RandomNumberGenerator.GetString(Upper + Lower + Digits, 16);
            if (s.Any(char.IsUpper) && s.Any(char.IsLower) && s.Any(char.IsDigit))
            {
                return string.Join('-', s.Chunk(4).Select(c => new string(c)));
            }
        }
    }
}

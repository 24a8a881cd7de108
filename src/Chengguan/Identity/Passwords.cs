using System.Security.Cryptography;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Identity;

/// <summary>An administrator resets an account's password; every member of staff changes their own (API and console alike).</summary>
public sealed class Passwords(AppDbContext db, UserManager<AppUser> users, CurrentUser current, TimeProvider clock)
{
    /// <summary>
    /// Gives the account a new temporary password, to be changed at the next sign-in, and ends any lockout,
    /// in one save (audited like every change to an account, the hash redacted).
    /// </summary>
    public async Task<Outcome<PasswordReset>> ResetAsync(string id)
    {
        AppUser? user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return new Outcome<PasswordReset>.NotFound("账号不存在");
        }
        string password = NewTemporaryPassword();
        // A locked-out user is the usual reason for a reset; the unlock rides on the password's save.
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.MustChangePassword = true;
        // The reset token path validates the password and renews the security stamp, so other sessions end at their next check.
        IdentityResult result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        return result.Succeeded
            ? new PasswordReset(user.Id, user.UserName!, password)
            : new Outcome<PasswordReset>.Conflict(string.Join("；", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Changes the signed-in user's own password; a wrong current password counts like a failed sign-in.</summary>
    public async Task<Outcome<AccountDto>> ChangeOwnAsync(ChangePasswordRequest req, CancellationToken ct)
    {
        if (RequestValidation.Validate(req) is { Any: true } invalid)
        {
            return new Outcome<AccountDto>.Invalid(invalid);
        }
        AppUser? user = current.UserId is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            return new Outcome<AccountDto>.NotFound("账号不存在");
        }
        if (req.NewPassword == req.CurrentPassword)
        {
            return Invalid("newPassword", "新密码不能与当前密码相同");
        }
        if (await users.IsLockedOutAsync(user))
        {
            return Invalid("currentPassword", "密码错误次数过多，账号已临时锁定，请稍后再试");
        }
        // Cleared on the password's own save; put back if the change fails, so that a later save (the failure count) keeps it.
        bool mustChange = user.MustChangePassword;
        user.MustChangePassword = false;
        IdentityResult result = await users.ChangePasswordAsync(user, req.CurrentPassword, req.NewPassword);
        user.MustChangePassword = result.Succeeded ? false : mustChange;
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            return await Accounts.DtoAsync(db, user, clock.GetUtcNow(), ct);
        }
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            // Counted like a failed sign-in, so that a session left open cannot be used to find the password.
            await users.AccessFailedAsync(user);
            return Invalid("currentPassword", "当前密码不正确");
        }
        var errors = new FieldErrors();
        foreach (IdentityError e in result.Errors)
        {
            errors.Add("newPassword", e.Description);
        }
        return new Outcome<AccountDto>.Invalid(errors);
    }

    private static Outcome<AccountDto> Invalid(string field, string message) => new Outcome<AccountDto>.Invalid(new FieldErrors().Add(field, message));

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

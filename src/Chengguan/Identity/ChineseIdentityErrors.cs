using Microsoft.AspNetCore.Identity;

namespace Chengguan.Identity;

/// <summary>
/// Identity's own refusals (password rules, duplicate names, stale tokens) in Chinese, so that
/// whatever UserManager says reaches the API's field errors and the console's forms like every
/// other message. Codes stay Identity's; only descriptions change.
/// </summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "操作失败");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "账号已被他人同时修改，请刷新后重试");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "密码不正确");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "令牌无效或已过期");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "账号已设置密码");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "该账号未启用锁定");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"用户名“{userName}”含有不允许的字符");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "用户名已被使用");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "电子邮箱格式有误");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "电子邮箱已被使用");
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"角色名“{role}”无效");
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"角色“{role}”已存在");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"账号已有角色：{role}");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"账号没有角色：{role}");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"密码至少 {length} 位");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"密码须包含至少 {uniqueChars} 个不同的字符");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "密码须包含符号");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "密码须包含数字");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "密码须包含小写字母");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "密码须包含大写字母");

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}

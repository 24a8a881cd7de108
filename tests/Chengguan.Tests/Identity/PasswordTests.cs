using System.Net;
using System.Text.RegularExpressions;
using Chengguan.Audit;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Identity;

public abstract class PasswordTests(ChengguanApp app)
{
    private const string Password = "Correct-horse-3";

    private async Task<AccountDto> NewAccountAsync()
    {
        HttpClient admin = await app.ClientFor("admin");
        string user = "pw" + Guid.NewGuid().ToString("N")[..8];
        return await (await admin.PostJson("/api/accounts", new { userName = user, displayName = "密码测试", password = Password, roles = new[] { Roles.Officer } }))
            .OkJson<AccountDto>(HttpStatusCode.Created);
    }

    private async Task<HttpStatusCode> SignInAsync(string userName, string password) =>
        (await app.Anonymous().PostJson("/api/auth/token", new { userName, password })).StatusCode;

    [Fact]
    public async Task Only_an_administrator_resets_a_password_and_an_unknown_account_is_404()
    {
        AccountDto account = await NewAccountAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync($"/api/accounts/{account.Id}/password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("jnl.officer")).PostAsync($"/api/accounts/{account.Id}/password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("supervisor")).PostAsync($"/api/accounts/{account.Id}/password", null)).StatusCode);
        var missing = await (await (await app.ClientFor("admin")).PostAsync($"/api/accounts/{Guid.NewGuid()}/password", null)).Problem(HttpStatusCode.NotFound);
        Assert.Equal("账号不存在", missing.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account.UserName, Password));
    }

    [Fact]
    public async Task A_reset_returns_a_temporary_password_that_signs_in_unlocks_the_account_and_is_audited_without_secrets()
    {
        AccountDto account = await NewAccountAsync();
        for (int i = 0; i < 5; i++)
        {
            await SignInAsync(account.UserName, "wrong-password");
        }
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.LockoutEnd != null).SingleAsync()));
        long head = await app.AuditHeadAsync();

        PasswordReset reset = await (await (await app.ClientFor("admin")).PostAsync($"/api/accounts/{account.Id}/password", null)).OkJson<PasswordReset>();
        Assert.Equal((account.Id, account.UserName), (reset.AccountId, reset.UserName));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(account.UserName, Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account.UserName, reset.TemporaryPassword));

        // One audited change of the account, in the administrator's name, with neither the password nor its hash.
        List<AuditEntry> rows = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Seq > head && a.Entity == nameof(AppUser) && a.EntityKey == account.Id).ToListAsync());
        AuditEntry changed = Assert.Single(rows, a => a.ActorName == "admin");
        Assert.Contains("\"LockoutEnd\":null", changed.After, StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordHash", changed.After, StringComparison.Ordinal);
        Assert.All(rows, a => Assert.DoesNotContain(reset.TemporaryPassword, a.After ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_ones_password_needs_the_current_one_as_a_field_error()
    {
        AccountDto account = await NewAccountAsync();
        HttpClient user = await app.ClientFor(account.UserName, Password);
        var wrong = await (await user.PostJson("/api/auth/password", new { currentPassword = "not-my-password", newPassword = "New-horse-4567" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["当前密码不正确"], wrong.FieldErrors("currentPassword"));
        Assert.Empty(wrong.FieldErrors("newPassword"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account.UserName, Password));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(account.UserName, "New-horse-4567"));

        var empty = await (await user.PostJson("/api/auth/password", new { newPassword = "New-horse-4567" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["当前密码不能为空"], empty.FieldErrors("currentPassword"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJson("/api/auth/password", new { currentPassword = Password, newPassword = "New-horse-4567" })).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_password_rules_in_Chinese()
    {
        AccountDto account = await NewAccountAsync();
        HttpClient user = await app.ClientFor(account.UserName, Password);
        var weak = await (await user.PostJson("/api/auth/password", new { currentPassword = Password, newPassword = "abcdefghij" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["密码须包含数字", "密码须包含大写字母"], weak.FieldErrors("newPassword"));
        var shortOne = await (await user.PostJson("/api/auth/password", new { currentPassword = Password, newPassword = "Ab1" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["密码至少 10 位"], shortOne.FieldErrors("newPassword"));
        var same = await (await user.PostJson("/api/auth/password", new { currentPassword = Password, newPassword = Password })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["新密码不能与当前密码相同"], same.FieldErrors("newPassword"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account.UserName, Password));
    }

    [Fact]
    public async Task After_changing_ones_password_the_new_one_signs_in_and_the_old_one_does_not()
    {
        AccountDto account = await NewAccountAsync();
        HttpClient user = await app.ClientFor(account.UserName, Password);
        HttpResponseMessage changed = await user.PostJson("/api/auth/password", new { currentPassword = Password, newPassword = "New-horse-4567" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(account.UserName, "New-horse-4567"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(account.UserName, Password));
    }

    [Fact]
    public async Task A_reset_ends_the_accounts_outstanding_token_at_once_and_the_new_password_gets_a_working_one()
    {
        AccountDto account = await NewAccountAsync();
        HttpClient before = await app.ClientFor(account.UserName, Password);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/auth/me")).StatusCode);

        PasswordReset reset = await (await (await app.ClientFor("admin")).PostAsync($"/api/accounts/{account.Id}/password", null)).OkJson<PasswordReset>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(account.UserName, reset.TemporaryPassword)).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_token_it_was_changed_with_and_other_accounts_keep_theirs()
    {
        AccountDto account = await NewAccountAsync(), other = await NewAccountAsync();
        HttpClient user = await app.ClientFor(account.UserName, Password), bystander = await app.ClientFor(other.UserName, Password);
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostJson("/api/auth/password", new { currentPassword = Password, newPassword = "New-horse-4567" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_an_accounts_roles_ends_its_token_so_a_role_taken_away_cannot_be_used_until_it_expires()
    {
        AccountDto account = await NewAccountAsync();
        HttpClient before = await app.ClientFor(account.UserName, Password);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/auth/me")).StatusCode);
        await (await (await app.ClientFor("admin")).PutJson($"/api/accounts/{account.Id}/roles", new { roles = new[] { Roles.Supervisor } })).OkJson<AccountDto>();

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/auth/me")).StatusCode);
        HttpResponseMessage fresh = await app.Anonymous().PostJson("/api/auth/token", new { userName = account.UserName, password = Password });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_temporary_password_opens_only_the_password_change_until_the_user_has_chosen_their_own()
    {
        AccountDto account = await NewAccountAsync();
        PasswordReset reset = await (await (await app.ClientFor("admin")).PostAsync($"/api/accounts/{account.Id}/password", null)).OkJson<PasswordReset>();
        HttpClient temporary = await app.ClientFor(account.UserName, reset.TemporaryPassword);
        Assert.True((await (await temporary.GetAsync("/api/auth/me")).OkJson<MeResponse>()).MustChangePassword);
        var refused = await (await temporary.GetAsync("/api/notifications")).Problem(HttpStatusCode.Forbidden);
        Assert.Contains("须先修改密码", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A wrong current password changes nothing, the flag included.
        await (await temporary.PostJson("/api/auth/password", new { currentPassword = "not-the-temporary", newPassword = "Own-horse-7890" })).Problem(HttpStatusCode.BadRequest);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.MustChangePassword).SingleAsync()));

        Assert.Equal(HttpStatusCode.NoContent, (await temporary.PostJson("/api/auth/password", new { currentPassword = reset.TemporaryPassword, newPassword = "Own-horse-7890" })).StatusCode);
        HttpClient own = await app.ClientFor(account.UserName, "Own-horse-7890");
        Assert.False((await (await own.GetAsync("/api/auth/me")).OkJson<MeResponse>()).MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/notifications")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_current_passwords_lock_the_account_like_five_wrong_sign_ins()
    {
        AccountDto account = await NewAccountAsync();
        HttpClient user = await app.ClientFor(account.UserName, Password);
        for (int i = 0; i < 5; i++)
        {
            await (await user.PostJson("/api/auth/password", new { currentPassword = "guess-" + i, newPassword = "New-horse-4567" })).Problem(HttpStatusCode.BadRequest);
        }
        var locked = await (await user.PostJson("/api/auth/password", new { currentPassword = Password, newPassword = "New-horse-4567" })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("锁定", Assert.Single(locked.FieldErrors("currentPassword")), StringComparison.Ordinal);
        // Held back like a stranger's five wrong sign-ins: a new client waits (SignInGuard).
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(account.UserName, Password));
    }
}

public sealed class PasswordTestsOnSqlite(SqliteApp app) : PasswordTests(app);

public sealed class PasswordTestsOnPostgres(PostgresApp app) : PasswordTests(app);

public sealed partial class TemporaryPasswordTests
{
    [Fact]
    public void A_temporary_password_has_four_unambiguous_groups_with_upper_lower_and_digit_and_never_repeats()
    {
        string[] passwords = [.. Enumerable.Range(0, 200).Select(_ => Passwords.NewTemporaryPassword())];
        Assert.All(passwords, p =>
        {
            Assert.Matches(Shape(), p);
            Assert.True(p.Any(char.IsUpper) && p.Any(char.IsLower) && p.Any(char.IsDigit), p);
        });
        Assert.Equal(passwords.Length, passwords.Distinct().Count());
    }

    [GeneratedRegex("^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$")]
    private static partial Regex Shape();
}

using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Identity;

/// <summary>
/// Identity's front door called as a page calls it (<see cref="Accounts"/>, <see cref="Passwords"/>,
/// <see cref="IntegrationKeys"/>): each method judges its own request, with no validation filter in
/// front, and a refused request writes nothing.
/// </summary>
public abstract class IdentityServicesTests(ChengguanApp app)
{
    private const string Password = "Correct-horse-3";

    private Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work) => app.AsConsoleUserAsync("admin", Roles.Admin, work);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static Dictionary<string, string[]> Errors<T>(Outcome<T> outcome) => Assert.IsType<Outcome<T>.Invalid>(outcome).Errors.ToDictionary();

    private Task<bool> ExistsAsync(string userName) => app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName));

    private async Task<AccountDto> NewAccountAsync(string role = Roles.Officer)
    {
        string userName = Unique("svc");
        Outcome<AccountDto> outcome = await AsAdminAsync(sp => sp.GetRequiredService<Accounts>()
            .CreateAsync(new CreateAccountRequest(userName, "服务测试", Password, null, [role]), default));
        return Assert.IsType<Outcome<AccountDto>.Done>(outcome).Value;
    }

    [Fact]
    public async Task A_new_account_is_judged_by_the_records_attributes_first()
    {
        Outcome<AccountDto> outcome = await AsAdminAsync(sp => sp.GetRequiredService<Accounts>()
            .CreateAsync(new CreateAccountRequest("a b", "", "short", null, []), default));
        Dictionary<string, string[]> errors = Errors(outcome);
        Assert.Equal(["用户名须为 3–64 位字母、数字、点、下划线或连字符"], errors["userName"]);
        Assert.Equal(["姓名不能为空"], errors["displayName"]);
        Assert.Equal(["密码至少 10 位"], errors["password"]);
        Assert.Equal(["至少分配一个角色"], errors["roles"]);
        Assert.Equal("用户名须为 3–64 位字母、数字、点、下划线或连字符；姓名不能为空；密码至少 10 位；至少分配一个角色", outcome.Message);
    }

    [Fact]
    public async Task A_new_account_needs_known_staff_roles_an_existing_person_and_a_free_user_name()
    {
        AccountDto taken = await NewAccountAsync();
        string userName = Unique("svc");
        Dictionary<string, string[]> errors = Errors(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>()
            .CreateAsync(new CreateAccountRequest(userName, "服务测试", Password, Guid.NewGuid(), ["emperor", Roles.Integration]), default)));
        Assert.Equal(["未知角色：emperor", $"未知角色：{Roles.Integration}"], errors["roles"]);
        Assert.Equal(["人员不存在"], errors["personId"]);
        Assert.False(await ExistsAsync(userName));

        Dictionary<string, string[]> duplicate = Errors(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>()
            .CreateAsync(new CreateAccountRequest(taken.UserName, "服务测试", Password, null, [Roles.Officer]), default)));
        Assert.Equal(["用户名已被使用"], duplicate["userName"]);
    }

    [Fact]
    public async Task A_new_accounts_password_follows_the_password_rules_and_nothing_is_written_otherwise()
    {
        string userName = Unique("svc");
        Dictionary<string, string[]> errors = Errors(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>()
            .CreateAsync(new CreateAccountRequest(userName, "服务测试", "abcdefghij", null, [Roles.Officer]), default)));
        Assert.Contains("密码须包含数字", errors["password"]);
        Assert.False(await ExistsAsync(userName));
    }

    [Fact]
    public async Task Roles_are_judged_before_the_account_is_looked_up_and_a_change_renews_the_security_stamp()
    {
        AccountDto account = await NewAccountAsync();
        Assert.Equal(["至少分配一个角色"], Errors(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().SetRolesAsync("no-such-account", new SetRolesRequest([]))))["roles"]);
        Assert.Equal(["未知角色：emperor"], Errors(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().SetRolesAsync(account.Id, new SetRolesRequest(["emperor"]))))["roles"]);
        Assert.Equal(["不能为空"], Errors(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().SetRolesAsync(account.Id, new SetRolesRequest([null!]))))["roles[0]"]);
        Assert.Equal("账号不存在", Assert.IsType<Outcome<AccountDto>.NotFound>(
            await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().SetRolesAsync("no-such-account", new SetRolesRequest([Roles.Supervisor])))).Detail);

        string? before = await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.SecurityStamp).SingleAsync());
        AccountDto changed = Assert.IsType<Outcome<AccountDto>.Done>(
            await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().SetRolesAsync(account.Id, new SetRolesRequest([Roles.Supervisor, Roles.Supervisor])))).Value;
        Assert.Equal([Roles.Supervisor], changed.Roles);
        Assert.NotEqual(before, await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.SecurityStamp).SingleAsync()));
    }

    [Fact]
    public async Task Unlocking_ends_a_lockout_and_an_unknown_account_is_not_found()
    {
        AccountDto account = await NewAccountAsync();
        await app.WithDbAsync(async db =>
        {
            AppUser user = await db.Users.SingleAsync(u => u.Id == account.Id);
            (user.LockoutEnd, user.AccessFailedCount) = (app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1), 4);
            return await db.SaveChangesAsync();
        });
        Assert.True((await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().ListAsync(default))).Single(a => a.Id == account.Id).LockedOut);
        AccountDto unlocked = Assert.IsType<Outcome<AccountDto>.Done>(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().UnlockAsync(account.Id, default))).Value;
        Assert.False(unlocked.LockedOut);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        Assert.Equal("账号不存在", Assert.IsType<Outcome<AccountDto>.NotFound>(await AsAdminAsync(sp => sp.GetRequiredService<Accounts>().UnlockAsync("no-such-account", default))).Detail);
    }

    [Fact]
    public async Task A_reset_gives_a_temporary_password_that_must_be_changed_and_an_unknown_account_is_not_found()
    {
        AccountDto account = await NewAccountAsync();
        Assert.Equal("账号不存在", Assert.IsType<Outcome<PasswordReset>.NotFound>(await AsAdminAsync(sp => sp.GetRequiredService<Passwords>().ResetAsync("no-such-account"))).Message);
        string? before = await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.SecurityStamp).SingleAsync());
        PasswordReset reset = Assert.IsType<Outcome<PasswordReset>.Done>(await AsAdminAsync(sp => sp.GetRequiredService<Passwords>().ResetAsync(account.Id))).Value;
        Assert.Equal(account.UserName, reset.UserName);
        var after = await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => new { u.SecurityStamp, u.MustChangePassword }).SingleAsync());
        Assert.True(after.MustChangePassword);
        Assert.NotEqual(before, after.SecurityStamp);
    }

    [Fact]
    public async Task Changing_ones_own_password_is_judged_by_the_record_then_by_the_rules_and_a_wrong_current_password_counts()
    {
        AccountDto account = await NewAccountAsync();
        Task<Outcome<AccountDto>> ChangeAsync(string current, string next) =>
            app.AsConsoleUserAsync(account.UserName, Roles.Officer, sp => sp.GetRequiredService<Passwords>().ChangeOwnAsync(new ChangePasswordRequest(current, next), default));

        Dictionary<string, string[]> empty = Errors(await ChangeAsync("", "Ab1"));
        Assert.Equal(["当前密码不能为空"], empty["currentPassword"]);
        Assert.Equal(["密码至少 10 位"], empty["newPassword"]);
        Assert.Equal(["新密码不能与当前密码相同"], Errors(await ChangeAsync(Password, Password))["newPassword"]);
        Assert.Contains("密码须包含数字", Errors(await ChangeAsync(Password, "abcdefghij"))["newPassword"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.AccessFailedCount).SingleAsync()));

        Assert.Equal(["当前密码不正确"], Errors(await ChangeAsync("not-my-password", "New-horse-4567"))["currentPassword"]);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.AccessFailedCount).SingleAsync()));

        Assert.IsType<Outcome<AccountDto>.Done>(await ChangeAsync(Password, "New-horse-4567"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task A_key_is_made_only_for_an_integration_of_the_catalogue_and_revoking_it_forgets_it()
    {
        string name = Unique("key");
        Dictionary<string, string[]> errors = Errors(await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().CreateAsync(new CreateApiKeyRequest(name, "hotline-12345"), default)));
        Assert.StartsWith("未知接口：hotline-12345", Assert.Single(errors["integration"]));
        Assert.Contains("clientId", Errors(await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().CreateAsync(new CreateApiKeyRequest(name, "open311"), default))).Keys);
        Assert.Contains("clientId", Errors(await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().CreateAsync(new CreateApiKeyRequest(name, "hotline", "extra"), default))).Keys);
        Assert.Equal(["名称不能为空"], Errors(await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().CreateAsync(new CreateApiKeyRequest("", "hotline"), default)))["name"]);
        Assert.False(await app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Name == name)));

        CreatedApiKey created = Assert.IsType<Outcome<CreatedApiKey>.Done>(
            await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().CreateAsync(new CreateApiKeyRequest(name, "open311", "svc-client"), default))).Value;
        Assert.Equal(("open311:svc-client", "admin"), (created.Key.Integration, await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == created.Key.Id).Select(k => k.CreatedBy).SingleAsync())));
        HttpClient machine = app.Keyed(created.Secret);
        Assert.NotEqual(System.Net.HttpStatusCode.Unauthorized, (await machine.GetAsync(AuthTests.DemoLocateQuery())).StatusCode);

        ApiKeyDto revoked = Assert.IsType<Outcome<ApiKeyDto>.Done>(await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().RevokeAsync(created.Key.Id, default))).Value;
        Assert.NotNull(revoked.RevokedAt);
        // Evicted from the authentication cache: refused at once, not after the cache's lifetime.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await machine.GetAsync(AuthTests.DemoLocateQuery())).StatusCode);
        Assert.Equal("接口密钥不存在", Assert.IsType<Outcome<ApiKeyDto>.NotFound>(await AsAdminAsync(sp => sp.GetRequiredService<IntegrationKeys>().RevokeAsync(Guid.NewGuid(), default))).Detail);
    }
}

public sealed class IdentityServicesTestsOnSqlite(SqliteApp app) : IdentityServicesTests(app);

public sealed class IdentityServicesTestsOnPostgres(PostgresApp app) : IdentityServicesTests(app);

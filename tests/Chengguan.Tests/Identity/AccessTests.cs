using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Chengguan.Identity;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Chengguan.Tests.Identity;

/// <summary>
/// Access that ends (disabling an account or its person ends its sign-ins) and a sign-in throttle
/// that a stranger cannot turn against a real user. The app revalidates cookies on every request,
/// so that "within the interval" is observable without waiting a minute.
/// </summary>
public abstract class AccessTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private const string Password = "Correct-horse-7";

    private async Task<AccountDto> NewAccountAsync(string prefix, Guid? personId = null)
    {
        HttpClient admin = await app.ClientFor("admin");
        string user = prefix + Guid.NewGuid().ToString("N")[..8];
        return await (await admin.PostJson("/api/accounts", new { userName = user, displayName = "访问测试", password = Password, personId, roles = new[] { Roles.Officer } }))
            .OkJson<AccountDto>(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string user, string password) =>
        client.PostJson("/api/auth/token", new { userName = user, password });

    private static async Task<HttpClient> BearerAsync(HttpClient client, string user)
    {
        TokenAnswer token = await (await TokenAsync(client, user, Password)).OkJson<TokenAnswer>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_token_and_cookie_and_refuses_sign_in_until_enabled()
    {
        AccountDto account = await NewAccountAsync("off");
        HttpClient bearer = await BearerAsync(app.Anonymous(), account.UserName);
        HttpClient cookie = await app.SignInWithCookieAsync(account.UserName, Password);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/auth/me")).StatusCode);

        HttpClient admin = await app.ClientFor("admin");
        AccountDto disabled = await (await admin.PostAsync($"/api/accounts/{account.Id}/disable", null)).OkJson<AccountDto>();
        Assert.True(disabled.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/auth/me")).StatusCode);

        // Only whoever knows the password learns that the account is disabled.
        var refused = await (await TokenAsync(app.Anonymous(), account.UserName, Password)).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("账号已停用", refused.GetProperty("title").GetString());
        var wrong = await (await TokenAsync(app.Anonymous(), account.UserName, "wrong-password")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("登录失败", wrong.GetProperty("title").GetString());
        Assert.Contains((await (await admin.GetAsync("/api/accounts")).OkJson<List<AccountDto>>()), a => a.Id == account.Id && a.Disabled);

        AccountDto enabled = await (await admin.PostAsync($"/api/accounts/{account.Id}/enable", null)).OkJson<AccountDto>();
        Assert.False(enabled.Disabled);
        // The old token stays ended; a new sign-in works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await BearerAsync(app.Anonymous(), account.UserName)).GetAsync("/api/auth/me")).StatusCode);
        await (await admin.PostAsync("/api/accounts/no-such-account/disable", null)).Problem(HttpStatusCode.NotFound);
        string self = (await (await admin.GetAsync("/api/auth/me")).OkJson<MeResponse>()).Id;
        await (await admin.PostAsync($"/api/accounts/{self}/disable", null)).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deactivating_a_person_disables_their_accounts_which_stay_disabled_until_the_person_returns()
    {
        HttpClient admin = await app.ClientFor("admin");
        Guid unit = (await (await admin.GetAsync("/api/units")).OkJson<List<UnitDto>>()).First(u => u.Name == "机动执法中队").Id;
        PersonDto person = await (await admin.PostJson("/api/people", new { name = "离职测试" + Guid.NewGuid().ToString("N")[..4], unitId = unit }))
            .OkJson<PersonDto>(HttpStatusCode.Created);
        AccountDto account = await NewAccountAsync("left", person.Id);
        HttpClient bearer = await BearerAsync(app.Anonymous(), account.UserName);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/auth/me")).StatusCode);

        await (await admin.PostAsync($"/api/people/{person.Id}/deactivate", null)).OkJson<PersonDto>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        await (await TokenAsync(app.Anonymous(), account.UserName, Password)).Problem(HttpStatusCode.Unauthorized);
        Assert.Contains((await (await admin.GetAsync("/api/accounts")).OkJson<List<AccountDto>>()), a => a.Id == account.Id && a.Disabled);

        var conflict = await (await admin.PostAsync($"/api/accounts/{account.Id}/enable", null)).Problem(HttpStatusCode.Conflict);
        Assert.Contains("已停用", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strangers_failures_hold_strangers_back_but_not_a_device_that_signed_in_before()
    {
        AccountDto account = await NewAccountAsync("thr");
        // The owner's own client signs in once and keeps the device cookie.
        HttpClient owner = app.Anonymous();
        await (await TokenAsync(owner, account.UserName, Password)).OkJson<TokenAnswer>();

        HttpClient attacker = app.Anonymous();
        for (int i = 0; i < SignInGuard.FreeFailures; i++)
        {
            await (await TokenAsync(attacker, account.UserName, "guess-" + i)).Problem(HttpStatusCode.Unauthorized);
        }
        // The fifth failure starts the hold: strangers wait, the right password included, and are told how long.
        await (await TokenAsync(attacker, account.UserName, "guess-last")).Problem(HttpStatusCode.Unauthorized);
        HttpResponseMessage held = await TokenAsync(attacker, account.UserName, Password);
        await held.Problem(HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(held.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 30);
        await (await TokenAsync(app.Anonymous(), account.UserName, Password)).Problem(HttpStatusCode.TooManyRequests);

        // The owner, on the device that signed in before, is not held back, and their success does not lift the hold on strangers.
        await (await TokenAsync(owner, account.UserName, Password)).OkJson<TokenAnswer>();
        await (await TokenAsync(attacker, account.UserName, Password)).Problem(HttpStatusCode.TooManyRequests);

        // An administrator lifts the hold.
        HttpClient admin = await app.ClientFor("admin");
        Assert.Contains((await (await admin.GetAsync("/api/accounts")).OkJson<List<AccountDto>>()), a => a.Id == account.Id && a.LockedOut);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/accounts/{account.Id}/unlock", null)).StatusCode);
        await (await TokenAsync(app.Anonymous(), account.UserName, Password)).OkJson<TokenAnswer>();
    }

    [Fact]
    public async Task A_known_device_that_keeps_failing_becomes_a_stranger_and_others_devices_stay_known()
    {
        AccountDto account = await NewAccountAsync("dev");
        HttpClient failing = app.Anonymous();
        HttpClient other = app.Anonymous();
        await (await TokenAsync(failing, account.UserName, Password)).OkJson<TokenAnswer>();
        await (await TokenAsync(other, account.UserName, Password)).OkJson<TokenAnswer>();
        // Its own budget first (the account's count is untouched), then as a stranger's failures.
        for (int i = 0; i < DeviceCookies.FailuresAllowed + SignInGuard.FreeFailures + 1; i++)
        {
            await (await TokenAsync(failing, account.UserName, "guess-" + i)).Problem(HttpStatusCode.Unauthorized);
        }
        await (await TokenAsync(failing, account.UserName, Password)).Problem(HttpStatusCode.TooManyRequests);
        await (await TokenAsync(other, account.UserName, Password)).OkJson<TokenAnswer>();
    }

    private sealed record TokenAnswer(string AccessToken);
}

/// <summary>An application of its own whose cookies are revalidated on every request.</summary>
public abstract class RevalidatingApp : ChengguanApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:CookieRevalidateSeconds", "0");
    }
}

public sealed class RevalidatingSqliteApp : RevalidatingApp
{
    public override Engine Engine => Engine.Sqlite;
}

public sealed class RevalidatingPostgresApp : RevalidatingApp
{
    public override Engine Engine => Engine.Postgres;
}

public sealed class AccessTestsOnSqlite(RevalidatingSqliteApp app) : AccessTests<RevalidatingSqliteApp>(app), IClassFixture<RevalidatingSqliteApp>;

public sealed class AccessTestsOnPostgres(RevalidatingPostgresApp app) : AccessTests<RevalidatingPostgresApp>(app), IClassFixture<RevalidatingPostgresApp>;

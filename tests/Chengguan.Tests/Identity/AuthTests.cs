using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Identity;

public abstract partial class AuthTests(ChengguanApp app)
{
    [Fact]
    public async Task Bearer_token_signs_in_and_me_shows_unit_and_scope()
    {
        HttpClient client = await app.ClientFor("jnl.officer");
        MeResponse me = await (await client.GetAsync("/api/auth/me")).OkJson<MeResponse>();
        Assert.Equal("jnl.officer", me.UserName);
        Assert.Equal([Roles.StreetTeamOfficer], me.Roles);
        Assert.Equal("江宁路街道城管中队", me.UnitName);
        Assert.False(me.DistrictWide);

        MeResponse dispatcher = await (await (await app.ClientFor("dispatcher")).GetAsync("/api/auth/me")).OkJson<MeResponse>();
        Assert.True(dispatcher.DistrictWide);
    }

    [Fact]
    public async Task Wrong_password_is_a_401_problem()
    {
        HttpClient client = app.Anonymous();
        var problem = await (await client.PostJson("/api/auth/token", new { userName = "dispatcher", password = "wrong-password" })).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码错误", problem.GetProperty("detail").GetString());
        await (await client.PostJson("/api/auth/token", new { userName = "nobody-" + Guid.NewGuid(), password = "x" })).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Anonymous_api_calls_get_401_and_wrong_roles_403()
    {
        HttpResponseMessage anonymous = await app.Anonymous().GetAsync("/api/units");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        HttpResponseMessage officer = await (await app.ClientFor("jnl.officer")).GetAsync("/api/audit/verify");
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }

    [Fact]
    public async Task Cookie_sign_in_needs_the_antiforgery_token()
    {
        HttpClient client = app.Anonymous();
        string page = await client.GetStringAsync("/account/login");
        Assert.Contains("登录", page);
        string token = FormToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);

        var withoutToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "dispatcher", ["password"] = ChengguanApp.DemoPassword });
        HttpResponseMessage rejected = await client.PostAsync("/account/login", withoutToken);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["userName"] = "dispatcher", ["password"] = ChengguanApp.DemoPassword, ["returnUrl"] = "/api/auth/me",
        });
        HttpResponseMessage signedIn = await client.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/api/auth/me", signedIn.Headers.Location?.OriginalString);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("chengguan.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Cookie_sign_in_refuses_an_external_return_url()
    {
        HttpClient client = app.Anonymous();
        string page = await client.GetStringAsync("/account/login");
        string token = WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "chief", ["password"] = ChengguanApp.DemoPassword, ["returnUrl"] = "//evil.example/",
        });
        HttpResponseMessage response = await client.PostAsync("/account/login", form);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    /// <summary>A locate call for the 江宁路 street office: a point inside the demo grid layer.</summary>
    internal static string DemoLocateQuery()
    {
        (double lon, double lat) = Chengguan.Data.Seeding.JinganGeography.Offices["310106006"];
        return FormattableString.Invariant($"/api/grids/locate?lon={lon}&lat={lat}");
    }

    [Fact]
    public async Task Api_key_authenticates_its_integration_until_revoked()
    {
        HttpClient admin = await app.ClientFor("admin");
        CreatedApiKey created = await (await admin.PostJson("/api/api-keys", new { name = "12345 平台", integration = "hotline" })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        Assert.StartsWith("cgk_" + created.Key.Prefix + "_", created.Secret);
        Assert.Equal("hotline", created.Key.Integration);
        Assert.Equal("12345/12319 热线平台", created.Key.IntegrationName);

        HttpClient machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", created.Secret);
        string locate = DemoLocateQuery();
        HttpResponseMessage located = await machine.GetAsync(locate);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        // Not the integration's business: 404, as for a route that does not exist (IntegrationKeyMatrixTests has the whole matrix).
        Assert.Equal(HttpStatusCode.NotFound, (await machine.GetAsync("/api/units")).StatusCode);

        string stored = await app.WithDbAsync(db => Task.FromResult(db.ApiKeys.Single(k => k.Id == created.Key.Id).SecretHash));
        Assert.DoesNotContain(stored, created.Secret);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/api-keys/{created.Key.Id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync(locate)).StatusCode);

        HttpClient forged = app.Anonymous();
        forged.DefaultRequestHeaders.Add("X-Api-Key", created.Secret[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(locate)).StatusCode);
    }

    [Fact]
    public async Task Role_change_takes_effect_and_unknown_roles_are_refused()
    {
        HttpClient admin = await app.ClientFor("admin");
        string user = "roles" + Guid.NewGuid().ToString("N")[..8];
        AccountDto account = await (await admin.PostJson("/api/accounts", new { userName = user, displayName = "角色测试", password = "Correct-horse-2", roles = new[] { Roles.Officer } }))
            .OkJson<AccountDto>(HttpStatusCode.Created);
        var bad = await (await admin.PutJson($"/api/accounts/{account.Id}/roles", new { roles = new[] { "emperor" } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("roles"));
        AccountDto updated = await (await admin.PutJson($"/api/accounts/{account.Id}/roles", new { roles = new[] { Roles.Supervisor } })).OkJson<AccountDto>();
        Assert.Equal([Roles.Supervisor], updated.Roles);
        HttpClient client = await app.ClientFor(user, "Correct-horse-2");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        HttpResponseMessage response = await app.Anonymous().GetAsync("/healthz");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        string csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
    }

    [Fact]
    public async Task Health_and_readiness_answer_without_sign_in()
    {
        HttpClient client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        JsonElement ready = await (await client.GetAsync("/readyz")).OkJson<JsonElement>();
        Assert.Equal("ready", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_and_reference_are_served()
    {
        HttpClient client = app.Anonymous();
        JsonElement doc = await (await client.GetAsync("/openapi/v1.json")).OkJson<JsonElement>();
        JsonElement paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/grids/locate", out _));
        Assert.True(paths.TryGetProperty("/api/people", out _));
        HttpResponseMessage scalar = await client.GetAsync("/scalar");
        Assert.True(scalar.IsSuccessStatusCode || scalar.StatusCode == HttpStatusCode.Redirect || scalar.StatusCode == HttpStatusCode.MovedPermanently);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

public sealed class AuthTestsOnSqlite(SqliteApp app) : AuthTests(app);

public sealed class AuthTestsOnPostgres(PostgresApp app) : AuthTests(app);

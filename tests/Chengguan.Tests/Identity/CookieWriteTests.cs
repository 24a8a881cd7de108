using System.Net;
using System.Text;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Identity;

/// <summary>
/// Writes made with nothing but the console's cookie must be JSON or carry the antiforgery token,
/// and are refused when the browser says they come from another site; bearer tokens are unaffected.
/// </summary>
public abstract class CookieWriteTests(ChengguanApp app)
{
    private static StringContent Text(string body, string type) => new(body, Encoding.UTF8, type);

    private async Task<Guid> UnitAsync() => await app.WithDbAsync(db => db.Units.Where(u => u.Name == "机动执法中队").Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_text_plain_or_form_body_with_the_cookie_is_refused_and_writes_nothing()
    {
        HttpClient admin = await app.SignInWithCookieAsync("admin");
        Guid unit = await UnitAsync();
        string name = "跨站测试" + Guid.NewGuid().ToString("N")[..6];
        string json = $"{{\"name\":\"{name}\",\"unitId\":\"{unit}\"}}";

        var plain = await (await admin.PostAsync("/api/people", Text(json, "text/plain"))).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("跨站请求被拒绝", plain.GetProperty("title").GetString());
        await (await admin.PostAsync("/api/people", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name }))).Problem(HttpStatusCode.Forbidden);
        // The transition endpoint the probe drove with an officer's cookie: refused before it is even looked up.
        HttpClient dispatcher = await app.SignInWithCookieAsync("dispatcher");
        await (await dispatcher.PostAsync($"/api/cases/{Guid.NewGuid()}/actions/accept", Text("{}", "text/plain"))).Problem(HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Name == name)));

        // The same write as JSON goes through.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/people", Text(json, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_write_the_browser_marks_as_from_another_site_is_refused_even_as_json()
    {
        HttpClient admin = await app.SignInWithCookieAsync("admin");
        foreach (string site in new[] { "same-site", "cross-site" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/people") { Content = Text("{\"name\":\"x\"}", "application/json") };
            request.Headers.Add("Sec-Fetch-Site", site);
            await (await admin.SendAsync(request)).Problem(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_bodiless_or_multipart_cookie_write_needs_the_antiforgery_token()
    {
        HttpClient admin = await app.SignInWithCookieAsync("admin");
        string id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync());
        await (await admin.PostAsync($"/api/accounts/{id}/unlock", null)).Problem(HttpStatusCode.Forbidden);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("name\n"u8.ToArray()), "file", "units.csv" } };
        await (await admin.PostAsync("/api/units/import?dryRun=true", upload)).Problem(HttpStatusCode.Forbidden);

        // The token the console's own pages carry (the sign-out form) is the proof.
        string token = CookieClients.FormToken(await admin.GetStringAsync("/"));
        Assert.NotEmpty(token);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{id}/unlock");
        withToken.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(withToken)).StatusCode);
    }

    [Fact]
    public async Task Bearer_and_api_key_writes_are_not_affected()
    {
        HttpClient bearer = await app.ClientFor("admin");
        string id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await bearer.PostAsync($"/api/accounts/{id}/unlock", null)).StatusCode);
        Assert.True(CookieWrites.IsJson("application/problem+json; charset=utf-8"));
        Assert.False(CookieWrites.IsJson("text/plain"));
        Assert.False(CookieWrites.IsJson(null));
    }
}

public sealed class CookieWriteTestsOnSqlite(SqliteApp app) : CookieWriteTests(app);

public sealed class CookieWriteTestsOnPostgres(PostgresApp app) : CookieWriteTests(app);

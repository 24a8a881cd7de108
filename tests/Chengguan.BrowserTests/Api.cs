using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.BrowserTests;

/// <summary>The other side of a console test: the API as the hotline platform and other staff use it, and the database to check results.</summary>
public static class Api
{
    public static async Task<HttpClient> StaffAsync(this ConsoleApp app, string userName)
    {
        var client = new HttpClient { BaseAddress = app.BaseUrl };
        HttpResponseMessage token = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = ConsoleApp.DemoPassword });
        token.EnsureSuccessStatusCode();
        using JsonDocument t = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", t.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The 12345 platform's client, with a key the administrator made for it.</summary>
    public static async Task<HttpClient> HotlinePlatformAsync(this ConsoleApp app)
    {
        using HttpClient admin = await app.StaffAsync("admin");
        HttpResponseMessage key = await admin.PostAsJsonAsync("/api/api-keys", new { name = "12345 平台（浏览器测试）", integration = "hotline" });
        key.EnsureSuccessStatusCode();
        using JsonDocument k = JsonDocument.Parse(await key.Content.ReadAsStringAsync());
        var platform = new HttpClient { BaseAddress = app.BaseUrl };
        platform.DefaultRequestHeaders.Add("X-Api-Key", k.RootElement.GetProperty("secret").GetString());
        return platform;
    }

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, object body)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync(url, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<T> DbAsync<T>(this ConsoleApp app, Func<AppDbContext, Task<T>> work)
    {
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>The centre of a street's first grid (WGS 84): a point the intake routes to that street.</summary>
    public static Task<(double Lon, double Lat)> PointInStreetAsync(this ConsoleApp app, string streetCode) => app.DbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Code.StartsWith(streetCode)).OrderBy(x => x.Code).Select(x => new { x.CentroidLon, x.CentroidLat }).FirstAsync();
        return (g.CentroidLon, g.CentroidLat);
    });
}

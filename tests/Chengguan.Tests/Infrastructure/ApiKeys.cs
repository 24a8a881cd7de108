using System.Net;
using Chengguan.Identity;

namespace Chengguan.Tests.Infrastructure;

public static class ApiKeys
{
    /// <summary>A new API key for an integration of the catalogue (a client id where it takes one), made by the administrator; returns the secret.</summary>
    public static async Task<string> NewApiKeyAsync(this ChengguanApp app, string name, string integration, string? clientId = null)
    {
        HttpClient admin = await app.ClientFor("admin");
        CreatedApiKey key = await (await admin.PostJson("/api/api-keys", new { name, integration, clientId })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        return key.Secret;
    }

    /// <summary>A client that calls with this key in the X-Api-Key header.</summary>
    public static HttpClient Keyed(this ChengguanApp app, string secret)
    {
        HttpClient machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return machine;
    }

    /// <summary>A client that calls as the 12345 platform does, with its own API key.</summary>
    public static async Task<HttpClient> HotlinePlatformAsync(this ChengguanApp app, string name = "12345 平台") =>
        app.Keyed(await app.NewApiKeyAsync(name, Integrations.Hotline.Code));

    /// <summary>A client that calls as one Open311 client does (its own integration, <c>open311:clientId</c>).</summary>
    public static async Task<HttpClient> Open311ClientAsync(this ChengguanApp app, string clientId, string? name = null) =>
        app.Keyed(await app.NewApiKeyAsync(name ?? "Open311 " + clientId, Integrations.Open311.Code, clientId));
}

using System.Net;
using Chengguan.Identity;

namespace Chengguan.Tests.Infrastructure;

public static class ApiKeys
{
    /// <summary>A new API key for an integration, made by the administrator; returns the secret.</summary>
    public static async Task<string> NewApiKeyAsync(this ChengguanApp app, string name, string integration)
    {
        HttpClient admin = await app.ClientFor("admin");
        CreatedApiKey key = await (await admin.PostJson("/api/api-keys", new { name, integration })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        return key.Secret;
    }

    /// <summary>A client that calls as the 12345 platform does, with its own API key.</summary>
    public static async Task<HttpClient> HotlinePlatformAsync(this ChengguanApp app, string name = "12345 平台")
    {
        HttpClient machine = app.Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", await app.NewApiKeyAsync(name, "hotline-12345"));
        return machine;
    }
}

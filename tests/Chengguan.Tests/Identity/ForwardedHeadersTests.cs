using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Identity;

/// <summary>
/// The app on Kestrel at a loopback port (a real client address), with a budget of three sign-ins
/// a minute per client, and optionally 127.0.0.1 configured as a trusted proxy.
/// </summary>
public abstract class LoopbackApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"chengguan-forwarded-{Guid.NewGuid():N}.db");

    protected abstract bool TrustLoopbackProxy { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_db}");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Security:SignInPermitsPerMinute", "3");
        if (TrustLoopbackProxy)
        {
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_db + suffix);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Twelve sign-in attempts, each claiming another client address; the statuses.</summary>
    public async Task<List<HttpStatusCode>> AttemptsWithForgedAddressesAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseUrl };
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { userName = "ghost", password = "whatever" }),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }
}

public sealed class UntrustedLoopbackApp : LoopbackApp
{
    protected override bool TrustLoopbackProxy => false;
}

public sealed class TrustedLoopbackApp : LoopbackApp
{
    protected override bool TrustLoopbackProxy => true;
}

public sealed class ForwardedHeadersFromAnUnlistedCallerTests(UntrustedLoopbackApp app) : IClassFixture<UntrustedLoopbackApp>
{
    [Fact]
    public async Task A_local_caller_cannot_pick_its_own_address_for_the_sign_in_budget()
    {
        List<HttpStatusCode> statuses = await app.AttemptsWithForgedAddressesAsync();
        Assert.True(statuses.Contains(HttpStatusCode.TooManyRequests), string.Join(",", statuses));
    }
}

public sealed class ForwardedHeadersFromAConfiguredProxyTests(TrustedLoopbackApp app) : IClassFixture<TrustedLoopbackApp>
{
    [Fact]
    public async Task A_configured_proxy_reports_the_client_address_the_budget_is_counted_by()
    {
        List<HttpStatusCode> statuses = await app.AttemptsWithForgedAddressesAsync();
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }
}

using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Api;

public sealed class EndpointPolicyTests(SqliteApp app)
{
    private static readonly HashSet<string> s_knownPolicies =
        [Policies.Staff, Policies.Admin, Policies.AuditRead, Policies.StaffOrIntegration, Policies.Integration, Policies.Console, Policies.Self];

    [Fact]
    public void Every_endpoint_names_a_policy_or_allows_anonymous_access_explicitly()
    {
        app.RequireAvailable();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        var offenders = new List<string>();
        foreach (RouteEndpoint e in endpoints)
        {
            // MapStaticAssets' fallback for build files outside its manifest: files of the web root only, the same for everyone.
            bool anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || (e.RoutePattern.RawText == "{**path:file}" && e.Metadata.Any(m => m.GetType().Name == "FallbackMetadata"));
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            bool named = policies.Count > 0 && policies.All(p => p is not null && s_knownPolicies.Contains(p));
            if (!anonymous && !named)
            {
                offenders.Add($"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}");
            }
        }
        Assert.True(offenders.Count == 0, "Endpoints without an explicit policy:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Anonymous_endpoints_are_only_the_known_public_ones()
    {
        app.RequireAvailable();
        string[] anonymous = [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            // The console's stylesheets and scripts (MapStaticAssets): files of the build, the same for everyone.
            .Where(e => !e.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor"))
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()];
        string[] allowed = ["/", "/healthz", "/readyz", "/api/auth/token", "/api/auth/refresh", "/account/login", "/ui/culture", "/openapi/{documentName}.json", "/scalar/{documentName?}",
            // Open311 GeoReport v2 reads are public by the spec; its POST requests.{format} needs an integration key.
            "/open311/v2/discovery.{format}", "/open311/v2/services.{format}", "/open311/v2/services/{code}.{format}", "/open311/v2/requests.{format}",
            "/open311/v2/requests/{id}.{format}", "/open311/v2/tokens/{token}.{format}", "/open311/v2/servicerequestupdates.{format}",
            // Only photos a reporter attached to an Open311 report, EXIF removed (Open311/README.md).
            "/open311/v2/media/{id:guid}"];
        Assert.All(anonymous, a => Assert.True(allowed.Contains(a) || a.StartsWith("/scalar", StringComparison.Ordinal), $"unexpected anonymous endpoint {a}"));
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Chengguan.Identity;

/// <summary>Endpoint metadata: what this endpoint does for machine clients (see <see cref="Integrations"/>).</summary>
public sealed record IntegrationEndpoint(IntegrationOperation Operation);

/// <summary>
/// Which endpoints an API key reaches. Every policy asks <see cref="MayUse"/>: staff pass (their
/// roles decide), a key passes only on an endpoint whose <see cref="IntegrationEndpoint"/> its
/// integration lists. A refused key is answered 404, like a route that does not exist
/// (<see cref="EndpointAuthorizationFailures"/>); which cases it sees is the data scope's business
/// (<see cref="DataScope.Integration"/>).
/// </summary>
public static class IntegrationAccess
{
    /// <summary>Lets the keys of the integrations whose row lists <paramref name="operation"/> use this endpoint (its policy must admit the Integration role).</summary>
    public static TBuilder ForIntegrations<TBuilder>(this TBuilder builder, IntegrationOperation operation) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IntegrationEndpoint(operation));

    /// <summary>The integration value of a machine client's key, or null for staff.</summary>
    public static string? IntegrationOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Integration) ? user.FindFirstValue(ApiKeyAuthenticationHandler.IntegrationClaim) : null;

    /// <summary>True when the request comes with an API key (whatever else it carries).</summary>
    public static bool IsMachine(ClaimsPrincipal user) => user.IsInRole(Roles.Integration);

    internal static bool MayUse(AuthorizationHandlerContext context)
    {
        if (!IsMachine(context.User))
        {
            return true;
        }
        return context.Resource is HttpContext http
            && http.GetEndpoint()?.Metadata.GetMetadata<IntegrationEndpoint>() is { } endpoint
            && Integrations.Resolve(IntegrationOf(context.User))?.Operations.Contains(endpoint.Operation) == true;
    }
}

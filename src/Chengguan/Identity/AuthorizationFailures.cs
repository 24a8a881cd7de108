using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Chengguan.Identity;

/// <summary>
/// Endpoint metadata for protocols with an error format of their own (Open311's 403 error list):
/// writes the answer when the endpoint's policy refuses the request.
/// </summary>
public interface IAuthorizationFailureResponse
{
    Task WriteAsync(HttpContext context, PolicyAuthorizationResult result);
}

/// <summary>Lets an endpoint's <see cref="IAuthorizationFailureResponse"/> answer a refusal; everything else as usual.</summary>
internal sealed class EndpointAuthorizationFailures : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        !authorizeResult.Succeeded && context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizationFailureResponse>() is { } response
            ? response.WriteAsync(context, authorizeResult)
            : _default.HandleAsync(next, context, policy, authorizeResult);
}

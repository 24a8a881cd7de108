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

/// <summary>
/// A refused API key gets 404; otherwise an endpoint's <see cref="IAuthorizationFailureResponse"/> answers a
/// refusal; everything else as usual.
/// </summary>
internal sealed class EndpointAuthorizationFailures : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
        if (authorizeResult.Forbidden && IntegrationAccess.IsMachine(context.User))
        {
            // An API key learns nothing of endpoints that are not its integration's: the answer is the
            // one a route that does not exist gets (the status code pages write the same problem document).
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizationFailureResponse>() is { } response)
        {
            return response.WriteAsync(context, authorizeResult);
        }
        // Say why, so that a client knows what to do rather than which role to ask for.
        return authorizeResult.Forbidden && Policies.MustChangePassword(context.User)
            ? TypedResults.Problem("密码已由管理员重置，须先修改密码（POST /api/auth/password）后才能继续使用", statusCode: StatusCodes.Status403Forbidden, title: "须修改密码").ExecuteAsync(context)
            : _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

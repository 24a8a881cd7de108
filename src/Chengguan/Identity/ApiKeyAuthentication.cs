using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chengguan.Identity;

/// <summary>Authenticates machine clients by the <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string IntegrationClaim = "integration";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.NoResult();
        }
        if (!ApiKey.TrySplit(values[0]!, out string prefix, out string secret))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        ApiKey? key = await keys.FindAsync(prefix, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null || !key.Matches(secret))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "apikey:" + key.Id.ToString("N")),
                new Claim(ClaimTypes.Name, "apikey:" + key.Name),
                new Claim(ClaimTypes.Role, Roles.Integration),
                new Claim(IntegrationClaim, key.Integration),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

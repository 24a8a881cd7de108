using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chengguan.Identity;

/// <summary>
/// Authenticates machine clients by the <c>X-Api-Key</c> header, or, on endpoints that carry
/// <see cref="ApiKeyFormField"/> metadata (protocols that send the key in the body, such as
/// Open311's <c>api_key</c>), by that form field when the header is absent. A key acts for the one
/// integration it names (the <see cref="IntegrationClaim"/>; see <see cref="Integrations"/>); a key
/// whose integration the catalogue does not know fails like a revoked one.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string IntegrationClaim = "integration";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented;
        if (Request.Headers.TryGetValue(Header, out var values))
        {
            if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
            {
                return AuthenticateResult.NoResult();
            }
            presented = values[0];
        }
        else
        {
            presented = await FromFormAsync();
        }
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (!ApiKey.TrySplit(presented, out string prefix, out string secret))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        ApiKey? key = await keys.FindAsync(prefix, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null || !key.Matches(secret))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        if (Integrations.Resolve(key.Integration) is null)
        {
            // Made before the catalogue existed, or for a row since removed: it acts for nobody until reissued.
            Logger.LogWarning("API key {Prefix} names integration {Integration}, which the catalogue does not know; refused", key.Prefix, key.Integration);
            return AuthenticateResult.Fail("The API key's integration is unknown.");
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

    private async Task<string?> FromFormAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyFormField>() is not { } field || !Request.HasFormContentType)
        {
            return null;
        }
        try
        {
            // The form is read once and kept on the request; the endpoint reads the same collection.
            IFormCollection form = await Request.ReadFormAsync(Context.RequestAborted);
            return form.TryGetValue(field.Name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // A malformed body carries no key; an oversized one (BadHttpRequestException) stays a 413.
            return null;
        }
    }
}

/// <summary>Endpoint metadata: the API key may also arrive as this form field (Open311 sends <c>api_key</c>).</summary>
public sealed record ApiKeyFormField(string Name);

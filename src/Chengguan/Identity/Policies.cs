using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Identity;

/// <summary>Every endpoint names one of these (or allows anonymous access explicitly); a test enforces it.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";
    public const string AuditRead = "audit-read";
    public const string StaffOrIntegration = "staff-or-integration";
    public const string Integration = "integration";

    /// <summary>The web console: staff signed in with the cookie only, so that an anonymous visit is sent to the login page.</summary>
    public const string Console = "console";

    /// <summary>Picks the scheme from what the request carries: an API key, a bearer token, or the console's cookie.</summary>
    public const string SmartScheme = "smart";

    public static void Configure(AuthorizationOptions o)
    {
        // Every policy authenticates every kind of credential, so that a valid key without the role gets 403, not 401.
        string[] schemes = [IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme, ApiKeyAuthenticationHandler.SchemeName];
        o.AddPolicy(Staff, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser().RequireRole(Roles.Staff));
        o.AddPolicy(Admin, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser().RequireRole(Roles.Admin));
        o.AddPolicy(AuditRead, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser().RequireRole(Roles.AuditReaders));
        o.AddPolicy(StaffOrIntegration, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser().RequireRole(Roles.All));
        o.AddPolicy(Integration, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.Integration));
        o.AddPolicy(Console, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(Roles.Staff));
        o.FallbackPolicy = null;
    }
}

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

    /// <summary>
    /// Staff whose password an administrator has just reset may still do this: read who they are, change
    /// the password, sign out. Every other staff policy refuses them until they have.
    /// </summary>
    public const string Self = "self";

    /// <summary>The claim a reset account's sign-in carries until the password is changed (see <see cref="ChengguanClaimsFactory"/>).</summary>
    public const string MustChangePasswordClaim = "chengguan:must_change_password";

    public static bool MustChangePassword(System.Security.Claims.ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePasswordClaim);

    /// <summary>The web console: staff signed in with the cookie only, so that an anonymous visit is sent to the login page.</summary>
    public const string Console = "console";

    /// <summary>Picks the scheme from what the request carries: an API key, a bearer token, or the console's cookie.</summary>
    public const string SmartScheme = "smart";

    public static void Configure(AuthorizationOptions o)
    {
        // Every policy authenticates every kind of credential, so that a valid credential without the role is refused
        // (403; an API key 404, see IntegrationAccess), not challenged (401).
        string[] schemes = [IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme, ApiKeyAuthenticationHandler.SchemeName];
        void Any(string name, IEnumerable<string> roles, bool passwordChanged = true) => o.AddPolicy(name, p =>
        {
            p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser().RequireRole(roles);
            if (passwordChanged)
            {
                p.RequireAssertion(PasswordChanged);
            }
            p.RequireAssertion(IntegrationAccess.MayUse);
        });
        Any(Staff, Roles.Staff);
        Any(Admin, [Roles.Admin]);
        Any(AuditRead, Roles.AuditReaders);
        Any(StaffOrIntegration, Roles.All);
        Any(Self, Roles.Staff, passwordChanged: false);
        // An API key passes only where its integration may act (IntegrationAccess); a refused key is answered 404.
        o.AddPolicy(Integration, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.Integration)
            .RequireAssertion(IntegrationAccess.MayUse));
        o.AddPolicy(Console, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(Roles.Staff));
        o.FallbackPolicy = null;
    }

    // The console's own policy does not check this: its layout shows a reset account nothing but the password form.
    private static bool PasswordChanged(AuthorizationHandlerContext context) => !MustChangePassword(context.User);
}

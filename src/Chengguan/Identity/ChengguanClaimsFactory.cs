using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chengguan.Identity;

/// <summary>
/// Identity's principal (id, name, roles, security stamp) plus, for an account whose password an
/// administrator has reset, the claim that keeps every policy but <see cref="Policies.Self"/> shut
/// until the password is changed. A change renews the stamp, so the flagged token or cookie ends with it.
/// </summary>
public sealed class ChengguanClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ClaimsIdentity identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(Policies.MustChangePasswordClaim, "true"));
        }
        return identity;
    }
}

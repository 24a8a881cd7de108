using System.Security.Claims;
using Chengguan.Identity;

namespace Chengguan.Demolition;

/// <summary>
/// Who may do what in demolition beyond the procedure's own table: the doors check these, and the console
/// asks the same rules to decide which forms to offer (the door still refuses whatever the page shows).
/// </summary>
public static class DemolitionRoles
{
    /// <summary>Issues tasks, plans, briefings, interviews, areas and rivers, and assesses creations: section chiefs, bureau leaders, administrators.</summary>
    public static bool Issues(ClaimsPrincipal user) =>
        user.IsInRole(Roles.SectionChief) || user.IsInRole(Roles.BureauLeader) || user.IsInRole(Roles.Admin);

    /// <summary>Puts structures on the ledger: anyone who may take the first step of the procedure.</summary>
    public static bool MayRegister(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || DemolitionWorkflow.Available(DemolitionState.Identified, user.IsInRole).Any();
}

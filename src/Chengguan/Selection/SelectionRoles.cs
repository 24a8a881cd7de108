using System.Security.Claims;
using Chengguan.Identity;

namespace Chengguan.Selection;

/// <summary>
/// The personnel office (组织人事) of the selection: bureau leaders, section chiefs and administrators.
/// They set rounds up, enter applications and scores, run and publish the match, and decide appeals;
/// the what-if matching is theirs too.
/// </summary>
public static class SelectionRoles
{
    public static bool Manages(ClaimsPrincipal user) =>
        user.IsInRole(Roles.BureauLeader) || user.IsInRole(Roles.SectionChief) || user.IsInRole(Roles.Admin);

    public static readonly string[] Managers = [Roles.BureauLeader, Roles.SectionChief, Roles.Admin];

    /// <summary>The console's pages, as an [Authorize(Roles = …)] attribute takes them.</summary>
    public const string ManagersText = Roles.BureauLeader + "," + Roles.SectionChief + "," + Roles.Admin;

    public const string ManagersOnly = "只有局领导、科室负责人或管理员可以办理竞争上岗";
}

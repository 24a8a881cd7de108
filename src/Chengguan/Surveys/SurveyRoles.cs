using System.Security.Claims;
using Chengguan.Identity;

namespace Chengguan.Surveys;

/// <summary>Who may do what with surveys; the doors check these and the console asks the same rules to decide what to offer.</summary>
public static class SurveyRoles
{
    /// <summary>Sets surveys up and imports their data: bureau leaders, section chiefs, administrators.</summary>
    public static bool Manages(ClaimsPrincipal user) =>
        user.IsInRole(Roles.BureauLeader) || user.IsInRole(Roles.SectionChief) || user.IsInRole(Roles.Admin);

    /// <summary>Reads surveys and their analysis: those who manage them, supervisors and street team leaders (the district and their own street).</summary>
    public static bool Reads(ClaimsPrincipal user) =>
        Manages(user) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.StreetTeamLeader);

    /// <summary>The roles of <see cref="Reads"/>, for the console's navigation.</summary>
    public static readonly string[] Readers = [Roles.BureauLeader, Roles.SectionChief, Roles.Admin, Roles.Supervisor, Roles.StreetTeamLeader];

    /// <summary>The console's pages, as an [Authorize(Roles = …)] attribute takes them.</summary>
    public const string ReadersText = Roles.BureauLeader + "," + Roles.SectionChief + "," + Roles.Admin + "," + Roles.Supervisor + "," + Roles.StreetTeamLeader;
}

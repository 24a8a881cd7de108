using System.Security.Claims;
using Chengguan.Identity;

namespace Chengguan.Communities;

/// <summary>Who may do what in 一人一居 (the data scope limits all of it to the caller's units).</summary>
public static class CommunityRoles
{
    /// <summary>May keep the liaison register (street team leaders for their street, the bureau for all).</summary>
    public static readonly string[] Managers = [Roles.Admin, Roles.BureauLeader, Roles.SectionChief, Roles.StreetTeamLeader];

    /// <summary>May log visits: officers their own, managers and squad leaders anyone's in their scope.</summary>
    public static readonly string[] Loggers = [.. Managers, Roles.SquadLeader, Roles.Officer, Roles.StreetTeamOfficer];

    public static bool Manages(ClaimsPrincipal user) => Managers.Any(user.IsInRole);

    public static bool Logs(ClaimsPrincipal user) => Loggers.Any(user.IsInRole);

    /// <summary>Logs for other officers too (not only for themselves).</summary>
    public static bool LogsForOthers(ClaimsPrincipal user) => Managers.Any(user.IsInRole) || user.IsInRole(Roles.SquadLeader);
}

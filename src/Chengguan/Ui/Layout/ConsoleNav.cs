using Chengguan.Identity;

namespace Chengguan.Ui.Layout;

/// <summary>One entry of the console's navigation; <see cref="Roles"/> empty means every member of staff.</summary>
public sealed record NavEntry(string Href, string TextKey, string Icon, string[] Roles, bool ForceLoad = false);

/// <summary>The navigation, filtered by role: nobody is offered a page they would be refused.</summary>
public static class ConsoleNav
{
    public static readonly IReadOnlyList<NavEntry> Entries =
    [
        new("/", "NavWorkbench", MudBlazor.Icons.Material.Filled.Dashboard, []),
        new("/cases", "NavCases", MudBlazor.Icons.Material.Filled.ListAlt, []),
        new("/map", "NavMap", MudBlazor.Icons.Material.Filled.Map, []),
        new("/demolition", "Dm_NavLedger", MudBlazor.Icons.Material.Filled.Domain, []),
        new("/demolition/tasks", "Dm_NavTasks", MudBlazor.Icons.Material.Filled.Insights, []),
        new("/demolition/briefings", "Dm_NavBriefings", MudBlazor.Icons.Material.Filled.Campaign, []),
        new("/demolition/areas", "Dm_NavAreas", MudBlazor.Icons.Material.Filled.Landscape, []),
        new("/demolition/rivers", "Dm_NavRivers", MudBlazor.Icons.Material.Filled.Water, []),
        new("/demolition/creations", "Dm_NavCreations", MudBlazor.Icons.Material.Filled.VerifiedUser, []),
        new("/communities", "Cm_NavLiaisons", MudBlazor.Icons.Material.Filled.Diversity3, []),
        new("/communities/visits", "Cm_NavVisits", MudBlazor.Icons.Material.Filled.HomeWork, []),
        new("/rectification", "Rf_Nav", MudBlazor.Icons.Material.Filled.FactCheck, []),
        new("/directives", "Dr_Nav", MudBlazor.Icons.Material.Filled.AssignmentTurnedIn, []),
        new("/supervision", "Sp_Nav", MudBlazor.Icons.Material.Filled.Rule, [.. Supervision.SupervisionQueries.Managers]),
        new("/district-reports", "Drp_Nav", MudBlazor.Icons.Material.Filled.Description, [.. DistrictReports.DistrictReportDesk.Readers]),
        new("/supervision/inspections", "Sp_NavInspections", MudBlazor.Icons.Material.Filled.TravelExplore, []),
        new("/training", "Tr_Nav", MudBlazor.Icons.Material.Filled.School, []),
        new("/guidance", "Gd_Nav", MudBlazor.Icons.Material.Filled.MenuBook, []),
        new("/field", "NavField", MudBlazor.Icons.Material.Filled.PhoneAndroid, [Roles.Officer, Roles.SquadLeader, Roles.StreetTeamLeader, Roles.StreetTeamOfficer]),
        new("/assessment", "As_Nav", MudBlazor.Icons.Material.Filled.Grading, []),
        new("/selection", "Se_Nav", MudBlazor.Icons.Material.Filled.HowToReg, [.. Selection.SelectionRoles.Managers]),
        new("/personnel", "Pf_Nav", MudBlazor.Icons.Material.Filled.Badge, [.. Selection.SelectionRoles.Managers]),
        new("/evaluation", "Ev_Nav", MudBlazor.Icons.Material.Filled.Grading, [.. Evaluation.EvaluationRoles.Managers]),
        new("/evaluation/ballots", "Ev_NavBallots", MudBlazor.Icons.Material.Filled.HowToVote, []),
        new("/surveys", "Sv_Nav", MudBlazor.Icons.Material.Filled.Poll, [.. Surveys.SurveyRoles.Readers]),
        new("/dashboard", "NavDashboard", MudBlazor.Icons.Material.Filled.Leaderboard, [.. Kpis.Pages.KpiDashboard.AllowedRoles]),
        new("/admin/units", "NavAdminUnits", MudBlazor.Icons.Material.Filled.AccountTree, [Roles.Admin]),
        new("/admin/people", "NavAdminPeople", MudBlazor.Icons.Material.Filled.Badge, [Roles.Admin]),
        new("/admin/grids", "NavAdminGrids", MudBlazor.Icons.Material.Filled.GridOn, [Roles.Admin]),
        new("/admin/categories", "NavAdminCategories", MudBlazor.Icons.Material.Filled.Category, [Roles.Admin]),
        new("/admin/calendar", "NavAdminCalendar", MudBlazor.Icons.Material.Filled.CalendarMonth, [Roles.Admin]),
        new("/admin/accounts", "NavAdminAccounts", MudBlazor.Icons.Material.Filled.ManageAccounts, [Roles.Admin]),
        new("/admin/api-keys", "NavAdminApiKeys", MudBlazor.Icons.Material.Filled.Key, [Roles.Admin]),
        new("/admin/audit", "NavAdminAudit", MudBlazor.Icons.Material.Filled.History, [.. Roles.AuditReaders]),
        new("/scalar", "NavApiReference", MudBlazor.Icons.Material.Filled.Api, [Roles.Admin], ForceLoad: true),
    ];

    public static IEnumerable<NavEntry> For(IReadOnlyList<string> roles) =>
        Entries.Where(e => e.Roles.Length == 0 || e.Roles.Any(roles.Contains));

    /// <summary>
    /// The entry a page belongs to: the longest address the path equals or lies under, segment by segment
    /// (<c>cases/…</c> → /cases, <c>demolition/tasks</c> → /demolition/tasks, <c>demolition/{id}</c> → /demolition);
    /// the workbench only for the root itself. <paramref name="path"/> is base-relative, as NavigationManager gives it.
    /// </summary>
    public static NavEntry? ActiveFor(IEnumerable<NavEntry> entries, string path)
    {
        string p = "/" + path.Split('?', '#')[0].Trim('/');
        return entries
            .Where(e => e.Href == "/" ? p == "/" : p == e.Href || p.StartsWith(e.Href + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(e => e.Href.Length);
    }
}

namespace Chengguan.Tests.Architecture;

/// <summary>
/// Decision 0009 held by a test: the compiled product is scanned (IlScanner) and checked against the four rules
/// (ArchitectureRules). The code still breaks some of them while the capabilities move to their front doors; those
/// breaks are listed in <see cref="Baseline"/>, which may only shrink: a new break fails, and so does a listed one that
/// is gone (delete its line).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>The breaks known on 2026-12-07, one per line, "rule | from -> to" (sorted, ordinal).</summary>
    private static readonly string[] Baseline =
    [
        "endpoints | Chengguan.Cases.Pages.CaseConsole -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Cases.Pages.CaseDetails -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Cases.Pages.CaseList -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Cases.Pages.CaseReport -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Cases.Pages.CategoriesAdminPage -> Chengguan.Cases.CategoriesEndpoints",
        "endpoints | Chengguan.Clocks.CalendarEndpoints -> Chengguan.Clocks.ClocksEndpoints",
        "endpoints | Chengguan.Clocks.Pages.CalendarAdminPage -> Chengguan.Clocks.ClocksEndpoints",
        "endpoints | Chengguan.Demolition.Areas.AreasEndpoints -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Demolition.Areas.AreasEndpoints -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Briefings.BriefingsEndpoints -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Briefings.InterviewsEndpoints -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.LedgerEndpoints -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Demolition.Pages.AreasConsole -> Chengguan.Demolition.Areas.AreasEndpoints",
        "endpoints | Chengguan.Demolition.Pages.AreasConsole -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Pages.BriefingsConsole -> Chengguan.Demolition.Briefings.InterviewsEndpoints",
        "endpoints | Chengguan.Demolition.Pages.CreationsConsole -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Pages.DemolitionConsole -> Chengguan.Demolition.Briefings.BriefingsEndpoints",
        "endpoints | Chengguan.Demolition.Pages.DemolitionConsole -> Chengguan.Demolition.LedgerEndpoints",
        "endpoints | Chengguan.Demolition.Pages.DemolitionConsole -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Pages.LedgerLinksConsole -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Demolition.Pages.LedgerLinksConsole -> Chengguan.Demolition.LedgerEndpoints",
        "endpoints | Chengguan.Demolition.Pages.LedgerLinksConsole -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Pages.RiversConsole -> Chengguan.Demolition.Rivers.RiversEndpoints",
        "endpoints | Chengguan.Demolition.Pages.RiversConsole -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Demolition.Rivers.RiversEndpoints -> Chengguan.Demolition.TasksEndpoints",
        "endpoints | Chengguan.Evidence.Attachments -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Grids.Pages.GridMap -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Grids.Pages.GridResponsibilityDialog -> Chengguan.Grids.GridsEndpoints",
        "endpoints | Chengguan.Grids.Pages.GridsAdminPage -> Chengguan.Grids.GridsEndpoints",
        "endpoints | Chengguan.Hotline.HotlineEndpoints -> Chengguan.Cases.CasesEndpoints",
        "endpoints | Chengguan.Hotline.HotlineImport -> Chengguan.Hotline.HotlineEndpoints",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::DbSet.Add",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_Body",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_CreatedAt",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_Link",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_SourceId",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_Title",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_Topic",
        "foreign-write | Chengguan.Clocks.ClockStepNotifications -> Chengguan.Notifications.Notification::set_UserId",
        "foreign-write | Chengguan.Clocks.ClockSweeper -> Chengguan.Notifications.JobLease::DbSet.Add",
        "foreign-write | Chengguan.Clocks.ClockSweeper -> Chengguan.Notifications.JobLease::ExecuteUpdateAsync",
        "foreign-write | Chengguan.Clocks.ClockSweeper -> Chengguan.Notifications.JobLease::set_ExpiresAt",
        "foreign-write | Chengguan.Clocks.ClockSweeper -> Chengguan.Notifications.JobLease::set_Holder",
        "foreign-write | Chengguan.Clocks.ClockSweeper -> Chengguan.Notifications.JobLease::set_Name",
        "foreign-write | Chengguan.Hotline.HotlineIntakeQueue -> Chengguan.Cases.Search.CaseSearchDocument::DbSet.AddRange",
        "foreign-write | Chengguan.Hotline.HotlineIntakeQueue -> Chengguan.Cases.Search.CaseSearchDocument::set_CaseId",
        "foreign-write | Chengguan.Hotline.HotlineIntakeQueue -> Chengguan.Cases.Search.CaseSearchDocument::set_Text",
        "foreign-write | Chengguan.Open311.Open311Submissions -> Chengguan.Cases.CaseEvent::set_DataJson",
        "foreign-write | Chengguan.Ui.Layout.NotificationBell -> Chengguan.Notifications.Notification::ExecuteUpdateAsync",
        "layering | Chengguan.Evidence.Attachments -> Chengguan.Cases.Case",
        "layering | Chengguan.Evidence.Attachments -> Chengguan.Cases.CasesEndpoints",
        "layering | Chengguan.Evidence.Attachments -> Chengguan.Demolition.IllegalBuilding",
        "layering | Chengguan.Evidence.Attachments -> Chengguan.Demolition.LedgerMapping",
        "layering | Chengguan.Grids.Pages.AreaMark -> Chengguan.Demolition.Areas.AreaStatus",
        "layering | Chengguan.Grids.Pages.GridMap -> Chengguan.Cases.Case",
        "layering | Chengguan.Grids.Pages.GridMap -> Chengguan.Cases.CaseState",
        "layering | Chengguan.Grids.Pages.GridMap -> Chengguan.Cases.CaseWorkflow",
        "layering | Chengguan.Grids.Pages.GridMap -> Chengguan.Cases.CasesEndpoints",
        "layering | Chengguan.Grids.Pages.GridMap -> Chengguan.Kpis.KpiPeriod",
        "layering | Chengguan.Grids.Pages.GridMapPage -> Chengguan.Cases.CaseState",
        "layering | Chengguan.Grids.Pages.GridMapPage -> Chengguan.Kpis.KpiPeriod",
        "layering | Chengguan.Grids.Pages.GridsAdminPage -> Chengguan.Cases.Pages.CaseList",
        "layering | Chengguan.Grids.Pages.LedgerMark -> Chengguan.Demolition.DemolitionState",
        "layering | Chengguan.Grids.Pages.MapCase -> Chengguan.Cases.CaseState",
        "layering | Chengguan.Grids.Pages.MapOverlayLayer -> Chengguan.Demolition.Areas.AreaStatus",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.AreaLabels",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.AreaProblem",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.AreaQueries",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.AreaStatus",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.AreaSummary",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.ReboundReport",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.RemediationArea",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Areas.RemediationAreaStreet",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.DemolitionGeometry",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.DemolitionState",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.IllegalBuilding",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.LedgerMapping",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Rivers.River",
        "layering | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Demolition.Rivers.RiverQueries",
        "page-db | Chengguan.Audit.Pages.AuditPage -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Audit.Pages.AuditSubjects -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Cases.Pages.CaseConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Cases.Pages.CaseDetails -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Cases.Pages.CaseList -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Cases.Pages.CaseReport -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Cases.Pages.CaseReportForm -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Cases.Pages.CategoriesAdminPage -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Clocks.Pages.CalendarAdminPage -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Demolition.Pages.AreasConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Demolition.Pages.BriefingsConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Demolition.Pages.CreationsConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Demolition.Pages.DemolitionConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Demolition.Pages.LedgerLinksConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Demolition.Pages.RiversConsole -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.GridImportPanel -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.GridMap -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.GridResponsibility -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.GridResponsibilityDialog -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.GridsAdminPage -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.MapLayers -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Grids.Pages.MapOverlays -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Kpis.Pages.KpiDashboard -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Ui.ConsoleSession -> Chengguan.Data.AppDbContext",
        "page-db | Chengguan.Ui.Layout.NotificationBell -> Chengguan.Data.AppDbContext",
    ];

    [Fact]
    public void No_new_breaks_of_the_front_door_rules_and_the_baseline_only_shrinks()
    {
        SortedSet<string> found = ArchitectureRules.Violations();
        string[] added = [.. found.Except(Baseline, StringComparer.Ordinal)];
        string[] gone = [.. Baseline.Except(found, StringComparer.Ordinal)];

        var message = new List<string>();
        if (added.Length > 0)
        {
            message.Add($"{added.Length} new break(s) of decision 0009 (rule | from -> to); go through the capability's service instead:");
            message.AddRange(added.Select(a => "  " + a));
        }
        if (gone.Length > 0)
        {
            message.Add($"{gone.Length} baseline line(s) no longer occur; delete them from ArchitectureTests.Baseline so they cannot come back:");
            message.AddRange(gone.Select(g => "  " + g));
        }
        Assert.True(message.Count == 0, string.Join(Environment.NewLine, message));
    }

    [Fact]
    public void The_baseline_is_sorted_and_has_no_duplicates()
    {
        Assert.Equal(Baseline.Order(StringComparer.Ordinal).Distinct(StringComparer.Ordinal), Baseline);
    }

    [Fact]
    public void The_scanner_finds_known_references()
    {
        IReadOnlyList<Reference> refs = ArchitectureRules.References;

        // Program's top-level statements map the cases' routes.
        Assert.Contains(refs, r => r is { From: "Program", To: "Chengguan.Cases.CasesEndpoints", Member: "MapCases" });
        // The lambda inside ConsoleSession.ProfileAsync asks for the DbContext: found, and counted for ConsoleSession, not for its closure.
        Assert.Contains(refs, r => r is { From: "Chengguan.Ui.ConsoleSession", To: "Chengguan.Data.AppDbContext" });
        Assert.DoesNotContain(refs, r => r.From.Contains('+') || r.From.Contains("<>", StringComparison.Ordinal) || r.From.StartsWith("__Blazor", StringComparison.Ordinal));
        // Attachments is the one place that adds evidence rows: a write of its own capability's entity.
        Assert.Contains(refs, r => r.From == "Chengguan.Evidence.Attachments"
            && ArchitectureRules.WrittenEntity(r) is { How: "DbSet.Add" } w && ArchitectureRules.Entities[w.Entity] == "Evidence");
        Assert.Equal("Cases", ArchitectureRules.Entities["Chengguan.Cases.Case"]);
        Assert.True(refs.Select(r => r.From).Distinct().Count() > 200, "the scan should cover the product's types");
    }

    [Fact]
    public void Each_rule_catches_a_break_and_lets_the_allowed_use_through()
    {
        Reference[] refs =
        [
            new("Chengguan.Cases.Pages.Board", "Chengguan.Cases.CasesEndpoints", "InScope", []),
            new("Program", "Chengguan.Cases.CasesEndpoints", "MapCases", []),
            new("Chengguan.Cases.CasesEndpoints", "Chengguan.Cases.CasesEndpoints+Body", null, []),
            new("Chengguan.Clocks.ClockService", "Chengguan.Cases.Case", null, []),
            new("Chengguan.Cases.CaseCommands", "Chengguan.Clocks.ClockService", "StartAsync", []),
            new("Chengguan.Grids.Pages.Board", "Chengguan.Data.AppDbContext", null, []),
            new("Chengguan.Cases.CaseCommands", "Chengguan.Data.AppDbContext", null, []),
            new("Chengguan.Hotline.Urges", "Chengguan.Cases.Case", "set_UrgeCount", []),
            new("Chengguan.Hotline.Urges", "Microsoft.EntityFrameworkCore.DbSet`1", "Add", ["Chengguan.Cases.Case"]),
            new("Chengguan.Cases.CaseCommands", "Microsoft.EntityFrameworkCore.DbSet`1", "Add", ["Chengguan.Cases.Case"]),
            new("Chengguan.Data.Seeding.DemoDistrict", "Chengguan.Cases.Case", "set_UrgeCount", []),
        ];

        Assert.Equal(
            [
                "endpoints | Chengguan.Cases.Pages.Board -> Chengguan.Cases.CasesEndpoints",
                "foreign-write | Chengguan.Hotline.Urges -> Chengguan.Cases.Case::DbSet.Add",
                "foreign-write | Chengguan.Hotline.Urges -> Chengguan.Cases.Case::set_UrgeCount",
                "layering | Chengguan.Clocks.ClockService -> Chengguan.Cases.Case",
                "page-db | Chengguan.Grids.Pages.Board -> Chengguan.Data.AppDbContext",
            ],
            ArchitectureRules.Violations(refs));
    }
}

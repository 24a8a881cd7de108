namespace Chengguan.Tests.Architecture;

/// <summary>
/// Decisions 0009 and 0010 held by a test: the compiled product is scanned (IlScanner) and checked against the four rules
/// (ArchitectureRules). There are no known breaks: every capability is reached through its front door, writes only its
/// own rows, the foundations do not know the workflows, and pages reach data only through services.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void No_break_of_the_front_door_rules()
    {
        SortedSet<string> found = ArchitectureRules.Violations();
        Assert.True(found.Count == 0,
            $"{found.Count} break(s) of decision 0009 (rule | from -> to); go through the capability's service instead:" + Environment.NewLine
            + string.Join(Environment.NewLine, found.Select(f => "  " + f)));
    }

    [Fact]
    public void The_scanner_finds_known_references()
    {
        IReadOnlyList<Reference> refs = ArchitectureRules.References;

        // Program's top-level statements map the cases' routes through the capability's setup, which maps its endpoint classes.
        Assert.Contains(refs, r => r is { From: "Program", To: "Chengguan.Cases.CasesSetup", Member: "MapCases" });
        Assert.Contains(refs, r => r is { From: "Chengguan.Cases.CasesSetup", To: "Chengguan.Cases.CasesEndpoints", Member: "MapCaseEndpoints" });
        // ClockRecompute asks each batch's scope for the DbContext inside its async method: found, and counted for ClockRecompute, not for its state machine.
        Assert.Contains(refs, r => r is { From: "Chengguan.Clocks.ClockRecompute", To: "Chengguan.Data.AppDbContext" });
        // The console session resolves the doors pages name: the one service look-up the page rule lets through.
        Assert.Contains(refs, r => r is { From: "Chengguan.Ui.ConsoleSession", To: "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions", Member: "GetRequiredService" });
        Assert.DoesNotContain(refs, r => r.From.Contains('+') || r.From.Contains("<>", StringComparison.Ordinal) || r.From.StartsWith("__Blazor", StringComparison.Ordinal));
        // Attachments is the one place that adds evidence rows: a write of its own capability's entity.
        Assert.Contains(refs, r => r.From == "Chengguan.Evidence.Attachments"
            && ArchitectureRules.WrittenEntity(r) is { How: "DbSet.Add" } w && ArchitectureRules.Entities[w.Entity] == "Evidence");
        // The group commit's bulk rows count as writes too: the clocks a batch starts are inserted by Clocks, the cases by Cases.
        Assert.Contains(refs, r => r.From == "Chengguan.Clocks.ClockService"
            && ArchitectureRules.WrittenEntity(r) is { How: "BulkWrite.Insert", Entity: "Chengguan.Clocks.Clock" });
        Assert.Contains(refs, r => r.From == "Chengguan.Cases.CaseBatchIntake"
            && ArchitectureRules.WrittenEntity(r) is { How: "BulkWrite.Insert", Entity: "Chengguan.Cases.Case" });
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
            new("Chengguan.Cases.Pages.Board", "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions", "GetRequiredService", ["Chengguan.Cases.CaseQueries"]),
            new("Chengguan.Ui.ConsoleSession", "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions", "GetRequiredService", ["Chengguan.Identity.Profiles"]),
            new("Chengguan.Hotline.Queue", "Chengguan.Data.BulkWrite", "Insert", ["Chengguan.Clocks.Clock"]),
            new("Chengguan.Cases.CaseBatchIntake", "Chengguan.Data.BulkWrite", "Insert", ["Chengguan.Cases.Case"]),
        ];

        Assert.Equal(
            [
                "endpoints | Chengguan.Cases.Pages.Board -> Chengguan.Cases.CasesEndpoints",
                "foreign-write | Chengguan.Hotline.Queue -> Chengguan.Clocks.Clock::BulkWrite.Insert",
                "foreign-write | Chengguan.Hotline.Urges -> Chengguan.Cases.Case::DbSet.Add",
                "foreign-write | Chengguan.Hotline.Urges -> Chengguan.Cases.Case::set_UrgeCount",
                "layering | Chengguan.Clocks.ClockService -> Chengguan.Cases.Case",
                "page-db | Chengguan.Grids.Pages.Board -> Chengguan.Data.AppDbContext",
                "page-locator | Chengguan.Cases.Pages.Board -> Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions::GetRequiredService",
            ],
            ArchitectureRules.Violations(refs));
    }
}

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
        "endpoints | Chengguan.Hotline.HotlineEndpoints -> Chengguan.Cases.CasesEndpoints",
        "foreign-write | Chengguan.Cases.CaseTransitions -> Chengguan.Clocks.Clock::set_UnitId",
        "foreign-write | Chengguan.Clocks.ClockSweeper -> Chengguan.Notifications.OutboxMessage::BulkWrite.Insert",
        "foreign-write | Chengguan.Hotline.HotlineEndpoints -> Chengguan.Cases.Case::set_UrgeCount",
        "page-db | Chengguan.Cases.Pages.CaseConsole -> Chengguan.Data.AppDbContext",
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
        // ClockRecompute asks each batch's scope for the DbContext inside its async method: found, and counted for ClockRecompute, not for its state machine.
        Assert.Contains(refs, r => r is { From: "Chengguan.Clocks.ClockRecompute", To: "Chengguan.Data.AppDbContext" });
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
            ],
            ArchitectureRules.Violations(refs));
    }
}

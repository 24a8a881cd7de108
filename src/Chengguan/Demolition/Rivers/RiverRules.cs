using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Rivers;

/// <summary>What the priority order needs to know about a structure.</summary>
public sealed record PriorityCandidate(Guid Id, string Number, DemolitionState State, double Area);

/// <summary>The rules of river remediation: census distance, "hardest first", the year-end deadline. Pure functions.</summary>
public static class RiverRules
{
    /// <summary>
    /// How far along the legal procedure a state is: the fewer steps taken, the more work (notices,
    /// windows of 15–180 days, a forced demolition) still lies ahead, so the harder the structure.
    /// Finished and withdrawn items are not in the order at all.
    /// </summary>
    public static int Stage(DemolitionState s) => s switch
    {
        DemolitionState.Identified => 0,
        DemolitionState.Ordered => 1,
        DemolitionState.Hearing => 2,
        DemolitionState.Demanded => 3,
        DemolitionState.Decided => 4,
        DemolitionState.AppealWindow => 5,
        DemolitionState.Demolished => 6,
        _ => int.MaxValue,
    };

    /// <summary>
    /// "Hardest first" (先难后易): the structures still to be demolished, earliest legal stage first,
    /// then the largest registered area, then the ledger number so the order is stable. Demolished
    /// items awaiting their re-check come last: only the re-check is left for them.
    /// </summary>
    public static IReadOnlyList<PriorityCandidate> HardestFirst(IEnumerable<PriorityCandidate> items) =>
        [.. items.Where(i => Stage(i.State) != int.MaxValue)
            .OrderBy(i => Stage(i.State)).ThenByDescending(i => i.Area).ThenBy(i => i.Number, StringComparer.Ordinal)];

    /// <summary>Inside the census when the structure (outline or point) comes within <paramref name="metres"/> of the line, edge included.</summary>
    public static bool InCensus(double distanceMetres, double metres) => distanceMetres <= metres;

    /// <summary>The year-end deadline: 31 December of the target year, 24:00 Shanghai time.</summary>
    public static DateTimeOffset Deadline(int targetYear) => ShanghaiTime.StartOf(new DateOnly(targetYear + 1, 1, 1));
}

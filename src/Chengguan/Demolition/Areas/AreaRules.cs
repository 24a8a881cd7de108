using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Areas;

/// <summary>A case as the rebound check sees it: where and when it was reported, and its category.</summary>
public sealed record CasePoint(Guid Id, string Number, double Lon, double Lat, DateTimeOffset ReportedAt, string? CategoryCode);

/// <summary>The rules of a 五违四必 area: problem moves, completion, consolidation and rebound. Pure functions.</summary>
public static class AreaRules
{
    /// <summary>The problem's next state, or null when the move is not allowed from <paramref name="from"/>.</summary>
    public static ProblemState? Next(ProblemState from, ProblemAction action) => (from, action) switch
    {
        (ProblemState.Open or ProblemState.Reopened, ProblemAction.Start) => ProblemState.Rectifying,
        (ProblemState.Open or ProblemState.Rectifying or ProblemState.Reopened, ProblemAction.Rectify) => ProblemState.Rectified,
        (ProblemState.Rectified, ProblemAction.Reopen) => ProblemState.Reopened,
        _ => null,
    };

    /// <summary>Complete when there is at least one problem and every one is rectified.</summary>
    public static bool AllRectified(IReadOnlyCollection<ProblemState> problems) => problems.Count > 0 && problems.All(s => s == ProblemState.Rectified);

    /// <summary>The period after completion in which a new case inside the outline counts as a rebound: (completed, completed + days], cut at now.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) ReboundWindow(DateTimeOffset completedAt, int consolidationDays, DateTimeOffset now)
    {
        DateTimeOffset end = completedAt.AddDays(consolidationDays);
        return (completedAt, now < end ? now : end);
    }

    /// <summary>
    /// The cases that make an area rebound: reported inside the window, located inside the outline
    /// (boundary included), and of a watched category when categories are configured (code prefixes; none = any).
    /// </summary>
    public static IReadOnlyList<CasePoint> ReboundCases(Polygon outline, IEnumerable<CasePoint> candidates, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> categories) =>
        [.. candidates
            .Where(c => c.ReportedAt > from && c.ReportedAt <= to)
            .Where(c => categories.Count == 0 || (c.CategoryCode is { } code && categories.Any(p => code.StartsWith(p, StringComparison.Ordinal))))
            .Where(c => outline.Covers(outline.Factory.CreatePoint(new Coordinate(c.Lon, c.Lat))))
            .OrderBy(c => c.ReportedAt)];

    /// <summary>
    /// The area's status. Before completion: Planned while every problem is still open (or none is
    /// registered), else Remediating. After completion: Rebounded when a problem is open again or a
    /// case rebounded inside the window; Consolidated once the whole period has passed without either; else Completed.
    /// </summary>
    public static AreaStatus Status(IReadOnlyCollection<ProblemState> problems, DateTimeOffset? completedAt, int reboundCases, int consolidationDays, DateTimeOffset now)
    {
        if (completedAt is not { } done)
        {
            return problems.All(s => s == ProblemState.Open) ? AreaStatus.Planned : AreaStatus.Remediating;
        }
        if (!AllRectified(problems) || reboundCases > 0)
        {
            return AreaStatus.Rebounded;
        }
        return now >= done.AddDays(consolidationDays) ? AreaStatus.Consolidated : AreaStatus.Completed;
    }
}

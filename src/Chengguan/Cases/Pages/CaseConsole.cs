
namespace Chengguan.Cases.Pages;

/// <summary>The workbench's own handling of its queue (read through <see cref="CaseQueries.QueueAsync"/>): merging a re-read, narrowing by typed text.</summary>
public static class CaseConsole
{
    /// <summary>
    /// A queue after a change: the touched cases replaced by their fresh rows (or dropped when they left the
    /// queue), the rest kept as they were (the same objects, so their rows need not render again).
    /// </summary>
    public static List<WorkItem> Merge(IReadOnlyList<WorkItem> queue, IReadOnlyCollection<Guid> touched, IReadOnlyList<WorkItem> fresh)
    {
        HashSet<Guid> gone = [.. touched];
        return [.. CaseQueries.InQueueOrder(queue.Where(i => !gone.Contains(i.Id)).Concat(fresh)).Take(CaseQueries.QueueLimit)];
    }

    /// <summary>The queue narrowed by what the dispatcher typed: case or hotline order number, address, grid, description.</summary>
    public static List<WorkItem> Matching(List<WorkItem> queue, string? text)
    {
        string find = text?.Trim() ?? "";
        return find.Length == 0 ? queue : [.. queue.Where(i => i.Number.Contains(find, StringComparison.OrdinalIgnoreCase)
            || (i.ExternalNumber?.Contains(find, StringComparison.OrdinalIgnoreCase) ?? false)
            || (i.Address?.Contains(find, StringComparison.Ordinal) ?? false)
            || (i.GridCode?.StartsWith(find, StringComparison.Ordinal) ?? false)
            || i.Description.Contains(find, StringComparison.Ordinal))];
    }
}

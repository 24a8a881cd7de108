namespace Chengguan.Organisation.Pages;

public sealed record UnitNode(Guid Id, Guid? ParentId, string Code, string Name, UnitKind Kind, bool Active, int Depth, int SortOrder);

/// <summary>The unit tree as the administration page shows it (read through <see cref="Units.TreeAsync"/>): depth-first by path, siblings by sort order then code.</summary>
public static class UnitAdmin
{
    /// <summary>Each unit followed by its children (recursively), so that indentation by depth draws the tree.</summary>
    public static List<UnitNode> Order(IReadOnlyList<Unit> units)
    {
        ILookup<Guid?, Unit> children = units.ToLookup(u => u.ParentId);
        HashSet<Guid> ids = [.. units.Select(u => u.Id)];
        var result = new List<UnitNode>(units.Count);
        void Walk(Unit u, int depth)
        {
            result.Add(new UnitNode(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.Active, depth, u.SortOrder));
            foreach (Unit c in children[u.Id].OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal))
            {
                Walk(c, depth + 1);
            }
        }
        // Roots are units whose parent is not in the list (the district, or a subtree's top when inactive parents are hidden).
        foreach (Unit root in units.Where(u => u.ParentId is not { } p || !ids.Contains(p)).OrderBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal))
        {
            Walk(root, 0);
        }
        return result;
    }
}

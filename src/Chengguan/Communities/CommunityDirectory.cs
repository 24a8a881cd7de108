using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Communities;

/// <summary>
/// The residents' committees a caller sees (Organisation's units of kind Committee in the caller's data scope, by
/// Organisation's own scope rule) with their streets: what the register, the visits and the norms count over.
/// </summary>
internal static class CommunityDirectory
{
    public static async Task<List<CommitteeRef>> CommitteesAsync(AppDbContext db, DataScope scope, Guid? streetId, CancellationToken ct)
    {
        IQueryable<Unit> q = db.Units.AsNoTracking().InScope(scope).Where(u => u.Kind == UnitKind.Committee && u.Active && u.ParentId != null);
        if (streetId is { } s)
        {
            q = q.Where(u => u.ParentId == s);
        }
        return await q.OrderBy(u => u.Parent!.SortOrder).ThenBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new CommitteeRef(u.Id, u.Code, u.Name, u.ParentId!.Value, u.Parent!.Name)).ToListAsync(ct);
    }

    /// <summary>One committee by id, whatever the caller's scope (the callers decide what an out-of-scope committee means).</summary>
    public static Task<CommitteeRef?> FindAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.Id == id && u.Kind == UnitKind.Committee && u.ParentId != null)
            .Select(u => new CommitteeRef(u.Id, u.Code, u.Name, u.ParentId!.Value, u.Parent!.Name)).FirstOrDefaultAsync(ct);

    public static async Task<bool> InScopeAsync(AppDbContext db, DataScope scope, Guid committeeId, CancellationToken ct) =>
        await db.Units.AsNoTracking().InScope(scope).AnyAsync(u => u.Id == committeeId, ct);

    /// <summary>The streets (and the town) in scope, in the district's order.</summary>
    public static Task<List<(Guid Id, string Name)>> StreetsAsync(AppDbContext db, DataScope scope, CancellationToken ct) =>
        db.Units.AsNoTracking().InScope(scope).Where(u => (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town) && u.Active)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new ValueTuple<Guid, string>(u.Id, u.Name)).ToListAsync(ct);

    /// <summary>The caller's own person in the people register, if their account has one.</summary>
    public static async Task<Guid?> MyPersonAsync(AppDbContext db, CurrentUser user, CancellationToken ct) =>
        user.UserId is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.PersonId).FirstOrDefaultAsync(ct) : null;

    public static async Task<Dictionary<Guid, (string Name, string? Badge)>> PeopleAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        Guid[] wanted = [.. ids.Distinct()];
        return wanted.Length == 0 ? [] : await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Name, p.BadgeNumber), ct);
    }
}

using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Assessment;

/// <summary>
/// Who is assessed, read from the organisation register (a foundation every capability reads): the active units of
/// each assessed kind, the officers (active people holding an enforcement badge), street → team, and scope checks.
/// </summary>
public sealed class AssessmentSubjects(AppDbContext db)
{
    public static UnitKind? UnitKindOf(AssessedKind kind) => kind switch
    {
        AssessedKind.StreetTeam => UnitKind.StreetTeam,
        AssessedKind.Squad => UnitKind.Squad,
        AssessedKind.Section => UnitKind.Section,
        _ => null,
    };

    public async Task<List<Subject>> OfAsync(AssessedKind kind, CancellationToken ct)
    {
        if (UnitKindOf(kind) is { } unitKind)
        {
            return await db.Units.AsNoTracking().Where(u => u.Active && u.Kind == unitKind).OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
                .Select(u => new Subject(u.Id, u.Name, kind, null)).ToListAsync(ct);
        }
        return await db.People.AsNoTracking().Where(p => p.Active && p.BadgeNumber != null).OrderBy(p => p.BadgeNumber)
            .Select(p => new Subject(p.Id, p.Name, AssessedKind.Officer, p.UnitId)).ToListAsync(ct);
    }

    /// <summary>Street (or town) id → its team's id (the team is the street's child of kind StreetTeam).</summary>
    public async Task<Dictionary<Guid, Guid>> TeamsByStreetAsync(CancellationToken ct) =>
        (await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.StreetTeam && u.ParentId != null).Select(u => new { u.Id, Street = u.ParentId!.Value }).ToListAsync(ct))
            .GroupBy(t => t.Street).ToDictionary(g => g.Key, g => g.First().Id);

    /// <summary>Every active person's unit (person id → unit id): a source that counts people groups them by unit with this.</summary>
    public async Task<Dictionary<Guid, Guid>> UnitsOfActivePeopleAsync(CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.Active).ToDictionaryAsync(p => p.Id, p => p.UnitId, ct);

    /// <summary>The subject as a unit or officer, with the unit that answers for it (its own id for a unit).</summary>
    public async Task<(string Name, Guid UnitId)?> FindAsync(Guid subjectId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == subjectId).Select(u => new { u.Name, u.Id }).FirstOrDefaultAsync(ct);
        if (unit is not null)
        {
            return (unit.Name, unit.Id);
        }
        var person = await db.People.AsNoTracking().Where(p => p.Id == subjectId).Select(p => new { p.Name, p.UnitId }).FirstOrDefaultAsync(ct);
        return person is null ? null : (person.Name, person.UnitId);
    }

    /// <summary>The ids of the units in the caller's scope (null when district-wide: every unit).</summary>
    public async Task<HashSet<Guid>?> UnitsInScopeAsync(DataScope scope, CancellationToken ct) =>
        scope.DistrictWide ? null : [.. await db.Units.AsNoTracking().InScope(scope).Select(u => u.Id).ToListAsync(ct)];
}

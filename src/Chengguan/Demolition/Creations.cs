using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition;

/// <summary>
/// The one way into 无违建居村（街镇）创建, for the API and the console alike: declare a unit for a year, read its
/// criteria counted now from the ledger, and record the assessment. Answers are <see cref="Outcome{T}"/>s; a declaration
/// outside the user's scope is not found.
/// </summary>
public sealed class Creations(AppDbContext db, CurrentUser user, TimeProvider time)
{
    /// <summary>The units a creation may be declared for (streets, towns, committees in the user's scope), each street followed by its committees.</summary>
    public async Task<List<(Guid Id, string Name)>> UnitsAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var units = await db.Units.AsNoTracking().InScope(scope)
            .Where(u => u.Active && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town || u.Kind == UnitKind.Committee))
            .Select(u => new { u.Id, u.Name, u.Kind, u.ParentId, u.SortOrder, u.Code }).ToListAsync(ct);
        var streets = units.Where(u => u.Kind != UnitKind.Committee).OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToList();
        var list = new List<(Guid, string)>();
        foreach (var s in streets)
        {
            list.Add((s.Id, s.Name));
            list.AddRange(units.Where(u => u.Kind == UnitKind.Committee && u.ParentId == s.Id).OrderBy(u => u.Code).Select(u => (u.Id, $"{s.Name} · {u.Name}")));
        }
        // A committee user's scope is the committee alone: it has no street above it in the list.
        list.AddRange(units.Where(u => u.Kind == UnitKind.Committee && !streets.Any(s => s.Id == u.ParentId)).OrderBy(u => u.Code).Select(u => (u.Id, u.Name)));
        return list;
    }

    /// <summary>Declarations of the units in the user's scope (of one year if named), newest year first, each with its criteria counted now.</summary>
    public async Task<Outcome<List<CreationDto>>> ListAsync(int? year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
        {
            return new Outcome<List<CreationDto>>.Invalid(new FieldErrors().Add("year", "年度须为 2000–2100"));
        }
        var rows = await db.NoIllegalBuildingCreations.AsNoTracking().Where(c => year == null || c.Year == year)
            .Join(db.Units.InScope(await user.GetScopeAsync(ct)), c => c.UnitId, u => u.Id, (c, u) => new { c, u.Name })
            .OrderByDescending(x => x.c.Year).ThenBy(x => x.Name).Take(500).ToListAsync(ct);
        var list = new List<CreationDto>(rows.Count);
        foreach (var r in rows)
        {
            list.Add(await DtoAsync(r.c, r.Name, ct));
        }
        return list;
    }

    /// <summary>Declares a committee (community level) or a street or town (street level) in the user's scope for a year, once.</summary>
    public async Task<Outcome<CreationDto>> DeclareAsync(CreationInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<CreationDto>.Invalid(invalid);
        }
        Unit? unit = await db.Units.AsNoTracking().InScope(await user.GetScopeAsync(ct)).FirstOrDefaultAsync(u => u.Id == input.UnitId, ct);
        if (unit is not { Kind: UnitKind.Street or UnitKind.Town or UnitKind.Committee })
        {
            return new Outcome<CreationDto>.Invalid(new FieldErrors().Add("unitId", "创建单位须为本人管辖范围内的居委会或街镇"));
        }
        if (await db.NoIllegalBuildingCreations.AnyAsync(c => c.UnitId == unit.Id && c.Year == input.Year, ct))
        {
            return new Outcome<CreationDto>.Invalid(new FieldErrors().Add("year", "该单位本年度已申报"));
        }
        var creation = new NoIllegalBuildingCreation
        {
            UnitId = unit.Id, Level = unit.Kind == UnitKind.Committee ? CreationLevel.Community : CreationLevel.Street, Year = input.Year!.Value,
            State = CreationState.Declared, DeclaredAt = time.GetUtcNow(),
        };
        db.NoIllegalBuildingCreations.Add(creation);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(creation, unit.Name, ct);
    }

    /// <summary>The criteria of a declared creation, counted now.</summary>
    public async Task<Outcome<CreationDto>> GetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } found ? await DtoAsync(found.Creation, found.Name, ct) : new Outcome<CreationDto>.NotFound("创建申报不存在");

    /// <summary>Records the assessment: passed when every criterion is met now, failed otherwise, with the criteria as counted.</summary>
    public async Task<Outcome<CreationDto>> AssessAsync(Guid id, CancellationToken ct)
    {
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<CreationDto>.Forbidden(TaskBatches.IssuersOnly);
        }
        if (await FindAsync(id, ct) is not { } found)
        {
            return new Outcome<CreationDto>.NotFound("创建申报不存在");
        }
        NoIllegalBuildingCreation c = await db.NoIllegalBuildingCreations.FirstAsync(x => x.Id == id, ct);
        IReadOnlyList<CreationCriterion> criteria = await CriteriaAsync(c, ct);
        c.State = criteria.All(x => x.Met) ? CreationState.Passed : CreationState.Failed;
        (c.AssessedAt, c.AssessedBy, c.CriteriaJson) = (time.GetUtcNow(), user.Name, JsonSerializer.Serialize(criteria, DemolitionProcedure.Json));
        await db.SaveChangesAsync(ct);
        return await DtoAsync(c, found.Name, ct);
    }

    private async Task<(NoIllegalBuildingCreation Creation, string Name)?> FindAsync(Guid id, CancellationToken ct)
    {
        var row = await db.NoIllegalBuildingCreations.AsNoTracking().Where(c => c.Id == id)
            .Join(db.Units.InScope(await user.GetScopeAsync(ct)), c => c.UnitId, u => u.Id, (c, u) => new { c, u.Name }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.c, row.Name);
    }

    private async Task<CreationDto> DtoAsync(NoIllegalBuildingCreation c, string name, CancellationToken ct) =>
        new(c.Id, c.UnitId, name, c.Level, c.Year, c.State, await CriteriaAsync(c, ct), c.AssessedAt);

    /// <summary>
    /// The creation criteria, counted from the ledger: existing stock cleared (存量清零), every new
    /// structure of the year demolished and re-checked (新增零增长), nothing demolished left unchecked.
    /// </summary>
    private async Task<IReadOnlyList<CreationCriterion>> CriteriaAsync(NoIllegalBuildingCreation c, CancellationToken ct)
    {
        IQueryable<IllegalBuilding> inUnit = c.Level == CreationLevel.Community ? db.IllegalBuildings.Where(i => i.CommunityId == c.UnitId) : db.IllegalBuildings.Where(i => i.StreetId == c.UnitId);
        DateTimeOffset start = ShanghaiTime.StartOf(new DateOnly(c.Year, 1, 1)), end = ShanghaiTime.StartOf(new DateOnly(c.Year + 1, 1, 1));
        int stock = await inUnit.CountAsync(i => i.Vintage == BuildingVintage.Existing && DemolitionWorkflow.Pending.Contains(i.State), ct);
        int fresh = await inUnit.CountAsync(i => i.Vintage == BuildingVintage.New && i.IdentifiedAt >= start && i.IdentifiedAt < end && !DemolitionWorkflow.Counted.Contains(i.State) && i.State != DemolitionState.Withdrawn, ct);
        int unchecked_ = await inUnit.CountAsync(i => i.State == DemolitionState.Demolished, ct);
        return
        [
            new("stock-cleared", "存量违法建筑全部拆除", stock == 0, stock),
            new("no-new", "年度新增违法建筑全部拆除并复核", fresh == 0, fresh),
            new("all-rechecked", "已拆除的违法建筑全部复核销项", unchecked_ == 0, unchecked_),
        ];
    }
}

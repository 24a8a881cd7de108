using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation.Pages;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Organisation;

/// <summary>
/// The one way into the unit tree, for the API and the console alike. Every write validates its
/// request (<see cref="RequestValidation"/>, the API's attributes and messages) and then the tree's
/// rules (parent exists, code unique, kind allowed under the parent, no move under itself, nothing
/// active below a unit being deactivated), and answers with an <see cref="Outcome{T}"/>.
/// </summary>
public sealed class Units(AppDbContext db, CurrentUser current)
{
    /// <summary>Units in the caller's scope, parents before children; active ones unless asked otherwise.</summary>
    public async Task<List<UnitDto>> ListAsync(UnitKind? kind, Guid? parentId, bool? includeInactive, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        IQueryable<Unit> q = db.Units.AsNoTracking().InScope(scope);
        if (kind is { } k)
        {
            q = q.Where(u => u.Kind == k);
        }
        if (parentId is { } p)
        {
            q = q.Where(u => u.ParentId == p);
        }
        if (includeInactive != true)
        {
            q = q.Where(u => u.Active);
        }
        List<Unit> list = await q.OrderBy(u => u.Path).ThenBy(u => u.SortOrder).ToListAsync(ct);
        return [.. list.OrderBy(u => u.Path.Length).ThenBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal).Select(UnitDto.From)];
    }

    public async Task<Outcome<UnitDto>> GetAsync(Guid id, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        Unit? unit = await db.Units.AsNoTracking().InScope(scope).FirstOrDefaultAsync(u => u.Id == id, ct);
        // Out of scope answers exactly like missing, so that existence does not leak.
        return unit is null ? new Outcome<UnitDto>.NotFound("单位不存在") : UnitDto.From(unit);
    }

    /// <summary>
    /// The names of the given units, whatever the caller's scope: a unit's name is no secret, and other capabilities show
    /// who organised or issued something (a bureau section) to people who cannot list that unit. Unknown ids are left out.
    /// </summary>
    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        Guid[] wanted = [.. ids.Distinct()];
        return wanted.Length == 0 ? [] : await db.Units.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>The whole tree as the administration page draws it (every unit: the page is for administrators).</summary>
    public async Task<List<UnitNode>> TreeAsync(bool includeInactive, CancellationToken ct) =>
        UnitAdmin.Order(await db.Units.AsNoTracking().Where(u => includeInactive || u.Active).ToListAsync(ct));

    /// <summary>A new unit under its parent.</summary>
    public async Task<Outcome<UnitDto>> CreateAsync(UnitRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<UnitDto>.Invalid(errors);
        }
        Unit? parent = req.ParentId is { } pid ? await db.Units.FirstOrDefaultAsync(u => u.Id == pid, ct) : null;
        if (req.ParentId is not null && parent is null)
        {
            errors.Add("parentId", "上级单位不存在");
        }
        if (parent is null && req.ParentId is null)
        {
            errors.Add("parentId", "上级单位不能为空");
        }
        if (await db.Units.AnyAsync(u => u.Code == req.Code, ct))
        {
            errors.Add("code", "单位编码已存在");
        }
        if (parent is not null && req.Kind is { } kind && UnitRules.ParentProblem(parent.Kind, kind) is { } problem)
        {
            errors.Add("kind", problem);
        }
        if (errors.Any)
        {
            return new Outcome<UnitDto>.Invalid(errors);
        }
        var unit = new Unit { ParentId = parent!.Id, Code = req.Code, Name = req.Name.Trim(), Kind = req.Kind!.Value, SortOrder = req.SortOrder };
        unit.Path = Unit.PathOf(parent, unit.Id);
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return UnitDto.From(unit);
    }

    /// <summary>Changes a unit, moving its subtree with it when its parent changes.</summary>
    public async Task<Outcome<UnitDto>> UpdateAsync(Guid id, UnitRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<UnitDto>.Invalid(errors);
        }
        Unit? unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return new Outcome<UnitDto>.NotFound("单位不存在");
        }
        if (await db.Units.AnyAsync(u => u.Code == req.Code && u.Id != id, ct))
        {
            errors.Add("code", "单位编码已存在");
        }
        Unit? parent = null;
        if (req.ParentId != unit.ParentId)
        {
            parent = req.ParentId is { } pid ? await db.Units.FirstOrDefaultAsync(u => u.Id == pid, ct) : null;
            if (parent is null)
            {
                errors.Add("parentId", "上级单位不存在");
            }
            else if (parent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            {
                errors.Add("parentId", "不能将单位移到其自身或下级单位之下");
            }
        }
        bool moved = parent is not null && parent.Id != unit.ParentId;
        parent ??= unit.ParentId is { } currentParent ? await db.Units.FirstAsync(u => u.Id == currentParent, ct) : null;
        // A move is checked like a change of kind: a committee may not land under the bureau either way.
        if ((req.Kind != unit.Kind || moved) && parent is not null && UnitRules.ParentProblem(parent.Kind, req.Kind!.Value) is { } problem)
        {
            errors.Add("kind", problem);
        }
        if (errors.Any)
        {
            return new Outcome<UnitDto>.Invalid(errors);
        }
        string oldPath = unit.Path;
        unit.Code = req.Code;
        unit.Name = req.Name.Trim();
        unit.Kind = req.Kind!.Value;
        unit.SortOrder = req.SortOrder;
        if (moved)
        {
            unit.ParentId = parent!.Id;
            unit.Path = Unit.PathOf(parent, unit.Id);
            // Moving a unit moves its whole subtree: every descendant's path is re-rooted in the same save.
            foreach (Unit d in await db.Units.Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id).ToListAsync(ct))
            {
                d.Path = unit.Path + d.Path[oldPath.Length..];
            }
        }
        await db.SaveChangesAsync(ct);
        return UnitDto.From(unit);
    }

    /// <summary>Marks a unit inactive (kept for the record); refused while it has active people or sub-units.</summary>
    public async Task<Outcome<UnitDto>> DeactivateAsync(Guid id, CancellationToken ct)
    {
        Unit? unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return new Outcome<UnitDto>.NotFound("单位不存在");
        }
        if (await db.People.AnyAsync(p => p.UnitId == id && p.Active, ct) || await db.Units.AnyAsync(u => u.ParentId == id && u.Active, ct))
        {
            return new Outcome<UnitDto>.Conflict("该单位仍有在职人员或下级单位，不能停用");
        }
        unit.Active = false;
        await db.SaveChangesAsync(ct);
        return UnitDto.From(unit);
    }
}

using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Organisation;

public static class OrganisationEndpoints
{
    public static void MapOrganisation(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/units").WithTags("Organisation").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        units.MapGet("/", ListUnits);
        units.MapGet("/{id:guid}", GetUnit);
        units.MapPost("/", CreateUnit).RequireAuthorization(Policies.Admin);
        units.MapPut("/{id:guid}", UpdateUnit).RequireAuthorization(Policies.Admin);
        units.MapPost("/{id:guid}/deactivate", DeactivateUnit).RequireAuthorization(Policies.Admin);

        var people = app.MapGroup("/api/people").WithTags("Organisation").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        people.MapGet("/", ListPeople);
        people.MapGet("/{id:guid}", GetPerson);
        people.MapPost("/", CreatePerson).RequireAuthorization(Policies.Admin);
        people.MapPut("/{id:guid}", UpdatePerson).RequireAuthorization(Policies.Admin);
        people.MapPost("/{id:guid}/deactivate", DeactivatePerson).RequireAuthorization(Policies.Admin);

        app.MapGet("/api/posts", ListPosts).WithTags("Organisation").RequireAuthorization(Policies.Staff);
        app.MapOrganisationImport();
    }

    private static async Task<Ok<List<UnitDto>>> ListUnits(AppDbContext db, CurrentUser current, UnitKind? kind, Guid? parentId, bool? includeInactive, CancellationToken ct)
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
        return TypedResults.Ok(list.OrderBy(u => u.Path.Length).ThenBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal).Select(UnitDto.From).ToList());
    }

    private static async Task<Results<Ok<UnitDto>, ProblemHttpResult>> GetUnit(Guid id, AppDbContext db, CurrentUser current, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        Unit? unit = await db.Units.AsNoTracking().InScope(scope).FirstOrDefaultAsync(u => u.Id == id, ct);
        // Out of scope answers exactly like missing, so that existence does not leak.
        return unit is null ? Problems.NotFound("单位不存在") : TypedResults.Ok(UnitDto.From(unit));
    }

    private static async Task<Results<Created<UnitDto>, ValidationProblem>> CreateUnit(UnitRequest req, AppDbContext db, CancellationToken ct)
    {
        (UnitDto? unit, FieldErrors errors) = await CreateUnitAsync(req, db, ct);
        return unit is null ? Problems.Validation(errors) : TypedResults.Created($"/api/units/{unit.Id}", unit);
    }

    /// <summary>Creates a unit under its parent, or returns the field errors; shared by the API and the console's administration page.</summary>
    public static async Task<(UnitDto? Unit, FieldErrors Errors)> CreateUnitAsync(UnitRequest req, AppDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
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
            return (null, errors);
        }
        var unit = new Unit { ParentId = parent!.Id, Code = req.Code, Name = req.Name.Trim(), Kind = req.Kind!.Value, SortOrder = req.SortOrder };
        unit.Path = Unit.PathOf(parent, unit.Id);
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return (UnitDto.From(unit), errors);
    }

    private static Task<Results<Ok<UnitDto>, ValidationProblem, ProblemHttpResult>> UpdateUnit(Guid id, UnitRequest req, AppDbContext db, CancellationToken ct) =>
        UpdateUnitAsync(id, req, db, ct);

    /// <summary>Changes a unit (the request already validated), moving its subtree with it; shared by the API and the console's administration page.</summary>
    public static async Task<Results<Ok<UnitDto>, ValidationProblem, ProblemHttpResult>> UpdateUnitAsync(Guid id, UnitRequest req, AppDbContext db, CancellationToken ct)
    {
        Unit? unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Problems.NotFound("单位不存在");
        }
        var errors = new FieldErrors();
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
            return Problems.Validation(errors);
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
        return TypedResults.Ok(UnitDto.From(unit));
    }

    private static async Task<Results<Ok<UnitDto>, ProblemHttpResult>> DeactivateUnit(Guid id, AppDbContext db, CancellationToken ct)
    {
        (UnitDto? unit, string? conflict) = await DeactivateUnitAsync(id, db, ct);
        return unit is not null ? TypedResults.Ok(unit) : conflict is not null ? Problems.Conflict(conflict) : Problems.NotFound("单位不存在");
    }

    /// <summary>Deactivates a unit without active people or sub-units: the unit, or null with the conflict (null too when it does not exist).</summary>
    public static async Task<(UnitDto? Unit, string? Conflict)> DeactivateUnitAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        Unit? unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return (null, null);
        }
        if (await db.People.AnyAsync(p => p.UnitId == id && p.Active, ct) || await db.Units.AnyAsync(u => u.ParentId == id && u.Active, ct))
        {
            return (null, "该单位仍有在职人员或下级单位，不能停用");
        }
        unit.Active = false;
        await db.SaveChangesAsync(ct);
        return (UnitDto.From(unit), null);
    }

    private static async Task<Ok<Page<PersonDto>>> ListPeople(
        AppDbContext db, CurrentUser current, Guid? unitId, string? q, bool? includeInactive, string? after, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await ListPeopleAsync(db, await current.GetScopeAsync(ct), unitId, q, includeInactive, after, limit, ct));

    /// <summary>People in scope, filtered by unit and name/badge text, keyset-paged; shared by the API and the console's people list.</summary>
    public static async Task<Page<PersonDto>> ListPeopleAsync(
        AppDbContext db, DataScope scope, Guid? unitId, string? q, bool? includeInactive, string? after, int? limit, CancellationToken ct)
    {
        int take = Math.Clamp(limit ?? 50, 1, 500);
        IQueryable<Person> query = db.People.AsNoTracking().InScope(scope);
        if (unitId is { } u)
        {
            query = query.Where(p => p.UnitId == u);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            string term = q.Trim();
            query = query.Where(p => p.Name.Contains(term) || (p.BadgeNumber != null && p.BadgeNumber.Contains(term)));
        }
        if (includeInactive != true)
        {
            query = query.Where(p => p.Active);
        }
        // Keyset paging on the time-ordered id: stable under inserts, no OFFSET scans.
        if (Guid.TryParse(after, out Guid cursor))
        {
            query = query.Where(p => p.Id.CompareTo(cursor) > 0);
        }
        List<PersonDto> items = await query.OrderBy(p => p.Id).Take(take + 1).Select(ToDto).ToListAsync(ct);
        string? next = items.Count > take ? items[take - 1].Id.ToString() : null;
        return new Page<PersonDto>(items.Take(take).ToList(), next);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Person, PersonDto>> ToDto = p =>
        new PersonDto(p.Id, p.Name, p.BadgeNumber, p.UnitId, p.Unit!.Name, p.PostId, p.Post != null ? p.Post.Name : null, p.Phone, p.Active, p.IsDemo);

    private static async Task<Results<Ok<PersonDto>, ProblemHttpResult>> GetPerson(Guid id, AppDbContext db, CurrentUser current, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        PersonDto? person = await db.People.AsNoTracking().InScope(scope).Where(p => p.Id == id).Select(ToDto).FirstOrDefaultAsync(ct);
        return person is null ? Problems.NotFound("人员不存在") : TypedResults.Ok(person);
    }

    private static async Task<Results<Created<PersonDto>, ValidationProblem>> CreatePerson(PersonRequest req, AppDbContext db, CancellationToken ct)
    {
        (PersonDto? person, FieldErrors errors) = await CreatePersonAsync(req, db, ct);
        return person is null ? Problems.Validation(errors) : TypedResults.Created($"/api/people/{person.Id}", person);
    }

    /// <summary>A new person, or the field errors; shared by the API and the console's people page.</summary>
    public static async Task<(PersonDto? Person, FieldErrors Errors)> CreatePersonAsync(PersonRequest req, AppDbContext db, CancellationToken ct)
    {
        FieldErrors errors = await CheckPersonAsync(req, null, db, ct);
        if (errors.Any)
        {
            return (null, errors);
        }
        var person = new Person { Name = req.Name.Trim(), BadgeNumber = Blank(req.BadgeNumber), UnitId = req.UnitId!.Value, PostId = req.PostId, Phone = Blank(req.Phone) };
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return (await db.People.AsNoTracking().Where(p => p.Id == person.Id).Select(ToDto).FirstAsync(ct), errors);
    }

    private static Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult>> UpdatePerson(Guid id, PersonRequest req, AppDbContext db, CancellationToken ct) =>
        UpdatePersonAsync(id, req, db, ct);

    /// <summary>Changes a person (the request already validated); shared by the API and the console's people page.</summary>
    public static async Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult>> UpdatePersonAsync(Guid id, PersonRequest req, AppDbContext db, CancellationToken ct)
    {
        Person? person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Problems.NotFound("人员不存在");
        }
        FieldErrors errors = await CheckPersonAsync(req, id, db, ct);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        person.Name = req.Name.Trim();
        person.BadgeNumber = Blank(req.BadgeNumber);
        person.UnitId = req.UnitId!.Value;
        person.PostId = req.PostId;
        person.Phone = Blank(req.Phone);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.People.AsNoTracking().Where(p => p.Id == id).Select(ToDto).FirstAsync(ct));
    }

    private static async Task<Results<Ok<PersonDto>, ProblemHttpResult>> DeactivatePerson(Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        await DeactivatePersonAsync(id, db, clock, ct) is { } person ? TypedResults.Ok(person) : Problems.NotFound("人员不存在");

    /// <summary>
    /// The person marked inactive (kept for the record), or null when there is no such person. Their
    /// accounts are disabled in the same save: someone who has left keeps no access.
    /// </summary>
    public static async Task<PersonDto?> DeactivatePersonAsync(Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        Person? person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return null;
        }
        person.Active = false;
        await AccountAccess.DisablePersonsAccountsAsync(db, id, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return await db.People.AsNoTracking().Where(p => p.Id == id).Select(ToDto).FirstAsync(ct);
    }

    private static async Task<Ok<List<PostDto>>> ListPosts(AppDbContext db, CancellationToken ct) => TypedResults.Ok(await PostsAsync(db, ct));

    /// <summary>Every post in its sort order; shared by the API and the console's people page.</summary>
    public static Task<List<PostDto>> PostsAsync(AppDbContext db, CancellationToken ct) =>
        db.Posts.AsNoTracking().OrderBy(p => p.SortOrder).Select(p => new PostDto(p.Id, p.Code, p.Name)).ToListAsync(ct);

    private static async Task<FieldErrors> CheckPersonAsync(PersonRequest req, Guid? self, AppDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (req.UnitId is { } uid && !await db.Units.AnyAsync(u => u.Id == uid && u.Active, ct))
        {
            errors.Add("unitId", "所属单位不存在或已停用");
        }
        if (req.PostId is { } pid && !await db.Posts.AnyAsync(p => p.Id == pid, ct))
        {
            errors.Add("postId", "岗位不存在");
        }
        string? badge = Blank(req.BadgeNumber);
        if (badge is not null && await db.People.AnyAsync(p => p.BadgeNumber == badge && p.Id != self, ct))
        {
            errors.Add("badgeNumber", "执法证号已被他人使用");
        }
        return errors;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Which kinds of unit may hang under which: the tree is district → bureau → sections and squads, district → streets → team and committees.</summary>
public static class UnitRules
{
    public static string? ParentProblem(UnitKind parent, UnitKind child)
    {
        bool ok = child switch
        {
            UnitKind.District => false,
            UnitKind.Bureau or UnitKind.Street or UnitKind.Town => parent == UnitKind.District,
            UnitKind.Section or UnitKind.Squad or UnitKind.DemolitionOffice => parent is UnitKind.Bureau or UnitKind.Section,
            UnitKind.StreetTeam or UnitKind.Committee => parent is UnitKind.Street or UnitKind.Town,
            _ => false,
        };
        return ok ? null : $"{Names.Of(child)}不能设在{Names.Of(parent)}之下";
    }

    public static class Names
    {
        public static string Of(UnitKind k) => k switch
        {
            UnitKind.District => "区",
            UnitKind.Bureau => "局",
            UnitKind.Section => "科室",
            UnitKind.Squad => "中队",
            UnitKind.DemolitionOffice => "拆违办",
            UnitKind.Street => "街道",
            UnitKind.Town => "镇",
            UnitKind.StreetTeam => "街镇城管中队",
            UnitKind.Committee => "居委会",
            _ => k.ToString(),
        };
    }
}

using System.Linq.Expressions;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Organisation;

/// <summary>
/// The one way into the register of people (and the posts they hold), for the API and the console
/// alike. Every write validates its request (<see cref="RequestValidation"/>) and then the register's
/// rules (unit exists and is active, post exists, badge number not someone else's), and answers with
/// an <see cref="Outcome{T}"/>. Deactivating a person disables their accounts through Identity's door
/// in the same save.
/// </summary>
public sealed class People(AppDbContext db, CurrentUser current, TimeProvider clock)
{
    private static readonly Expression<Func<Person, PersonDto>> s_toDto = p =>
        new PersonDto(p.Id, p.Name, p.BadgeNumber, p.UnitId, p.Unit!.Name, p.PostId, p.Post != null ? p.Post.Name : null, p.Phone, p.Active, p.IsDemo);

    /// <summary>People in the caller's scope, filtered by unit and name/badge text, keyset-paged.</summary>
    public async Task<Page<PersonDto>> ListAsync(Guid? unitId, string? q, bool? includeInactive, string? after, int? limit, CancellationToken ct)
    {
        int take = Math.Clamp(limit ?? 50, 1, 500);
        IQueryable<Person> query = db.People.AsNoTracking().InScope(await current.GetScopeAsync(ct));
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
        List<PersonDto> items = await query.OrderBy(p => p.Id).Take(take + 1).Select(s_toDto).ToListAsync(ct);
        string? next = items.Count > take ? items[take - 1].Id.ToString() : null;
        return new Page<PersonDto>([.. items.Take(take)], next);
    }

    /// <summary>
    /// Every person of the caller's scope in one read (active ones unless asked otherwise), with their unit's name:
    /// for capabilities that report per person or per unit (training hours, coverage) without paging through <see cref="ListAsync"/>.
    /// </summary>
    public async Task<List<PersonDto>> RosterAsync(bool includeInactive, CancellationToken ct) =>
        await db.People.AsNoTracking().InScope(await current.GetScopeAsync(ct)).Where(p => includeInactive || p.Active)
            .OrderBy(p => p.Id).Select(s_toDto).ToListAsync(ct);

    public async Task<Outcome<PersonDto>> GetAsync(Guid id, CancellationToken ct)
    {
        DataScope scope = await current.GetScopeAsync(ct);
        PersonDto? person = await db.People.AsNoTracking().InScope(scope).Where(p => p.Id == id).Select(s_toDto).FirstOrDefaultAsync(ct);
        return person is null ? new Outcome<PersonDto>.NotFound("人员不存在") : person;
    }

    /// <summary>Every post in its sort order.</summary>
    public Task<List<PostDto>> PostsAsync(CancellationToken ct) =>
        db.Posts.AsNoTracking().OrderBy(p => p.SortOrder).Select(p => new PostDto(p.Id, p.Code, p.Name)).ToListAsync(ct);

    public async Task<Outcome<PersonDto>> CreateAsync(PersonRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any)
        {
            await CheckAsync(req, null, errors, ct);
        }
        if (errors.Any)
        {
            return new Outcome<PersonDto>.Invalid(errors);
        }
        var person = new Person { Name = req.Name.Trim(), BadgeNumber = Blank(req.BadgeNumber), UnitId = req.UnitId!.Value, PostId = req.PostId, Phone = Blank(req.Phone) };
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(person.Id, ct);
    }

    public async Task<Outcome<PersonDto>> UpdateAsync(Guid id, PersonRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<PersonDto>.Invalid(errors);
        }
        Person? person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return new Outcome<PersonDto>.NotFound("人员不存在");
        }
        await CheckAsync(req, id, errors, ct);
        if (errors.Any)
        {
            return new Outcome<PersonDto>.Invalid(errors);
        }
        person.Name = req.Name.Trim();
        person.BadgeNumber = Blank(req.BadgeNumber);
        person.UnitId = req.UnitId!.Value;
        person.PostId = req.PostId;
        person.Phone = Blank(req.Phone);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(id, ct);
    }

    /// <summary>
    /// Marks a person inactive (kept for the record). Their accounts are disabled in the same save:
    /// someone who has left keeps no access.
    /// </summary>
    public async Task<Outcome<PersonDto>> DeactivateAsync(Guid id, CancellationToken ct)
    {
        Person? person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return new Outcome<PersonDto>.NotFound("人员不存在");
        }
        person.Active = false;
        await AccountAccess.DisablePersonsAccountsAsync(db, id, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(id, ct);
    }

    /// <summary>The register's rules for a well-formed request (its attributes already passed).</summary>
    private async Task CheckAsync(PersonRequest req, Guid? self, FieldErrors errors, CancellationToken ct)
    {
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
    }

    private async Task<PersonDto> DtoAsync(Guid id, CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.Id == id).Select(s_toDto).FirstAsync(ct);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

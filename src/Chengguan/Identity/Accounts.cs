using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Identity;

/// <summary>
/// Staff accounts for administrators (API and console): the list, a new account with its roles, a change
/// of roles, the end of a lockout. Each method checks its own request (the record's attributes, then known
/// roles, an existing person, a free user name, the password rules of <see cref="UserManager{TUser}"/>).
/// Disabling and enabling are <see cref="AccountAccess"/>; passwords are <see cref="Passwords"/>.
/// </summary>
public sealed class Accounts(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>Every account with its roles and whether it is locked out now.</summary>
    public async Task<List<AccountDto>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roleNames.ToLookup(r => r.UserId, r => r.Name!);
        DateTimeOffset now = clock.GetUtcNow();
        return [.. all.Select(u => Dto(u, [.. byUser[u.Id]], now))];
    }

    public async Task<Outcome<AccountDto>> CreateAsync(CreateAccountRequest req, CancellationToken ct)
    {
        // The record's own attributes first, alone, as the API's validation filter answers them.
        if (RequestValidation.Validate(req) is { Any: true } invalid)
        {
            return new Outcome<AccountDto>.Invalid(invalid);
        }
        var errors = new FieldErrors();
        CheckRoles(req.Roles, errors);
        if (req.PersonId is { } pid && !await db.People.AnyAsync(p => p.Id == pid, ct))
        {
            errors.Add("personId", "人员不存在");
        }
        if (await users.FindByNameAsync(req.UserName) is not null)
        {
            errors.Add("userName", "用户名已被使用");
        }
        if (errors.Any)
        {
            return new Outcome<AccountDto>.Invalid(errors);
        }
        var user = new AppUser { UserName = req.UserName, DisplayName = req.DisplayName, PersonId = req.PersonId, LockoutEnabled = true };
        IdentityResult created = await users.CreateAsync(user, req.Password);
        if (!created.Succeeded)
        {
            foreach (IdentityError e in created.Errors)
            {
                errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description);
            }
            return new Outcome<AccountDto>.Invalid(errors);
        }
        await users.AddToRolesAsync(user, req.Roles.Distinct());
        return new AccountDto(user.Id, user.UserName, user.DisplayName, user.PersonId, [.. req.Roles.Distinct()], false, false);
    }

    /// <summary>Replaces an account's roles; the new security stamp ends its outstanding cookies and tokens.</summary>
    public async Task<Outcome<AccountDto>> SetRolesAsync(string id, SetRolesRequest req)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (!errors.Any)
        {
            CheckRoles(req.Roles, errors);
        }
        if (errors.Any)
        {
            return new Outcome<AccountDto>.Invalid(errors);
        }
        AppUser? user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return new Outcome<AccountDto>.NotFound("账号不存在");
        }
        IList<string> current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(req.Roles));
        await users.AddToRolesAsync(user, req.Roles.Distinct().Except(current));
        // Changing roles ends outstanding cookies and tokens at once (SecurityStampCheck).
        await users.UpdateSecurityStampAsync(user);
        return new AccountDto(user.Id, user.UserName!, user.DisplayName, user.PersonId, [.. req.Roles.Distinct()], false, user.DisabledAt is not null);
    }

    /// <summary>Ends a lockout and resets the failed sign-in count.</summary>
    public async Task<Outcome<AccountDto>> UnlockAsync(string id, CancellationToken ct)
    {
        AppUser? user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return new Outcome<AccountDto>.NotFound("账号不存在");
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return await DtoAsync(db, user, clock.GetUtcNow(), ct);
    }

    public static AccountDto Dto(AppUser u, string[] roles, DateTimeOffset now) =>
        new(u.Id, u.UserName!, u.DisplayName, u.PersonId, roles, u.LockoutEnd > now, u.DisabledAt is not null);

    /// <summary>The account as listed, its roles read afresh.</summary>
    internal static async Task<AccountDto> DtoAsync(AppDbContext db, AppUser user, DateTimeOffset now, CancellationToken ct)
    {
        string[] roles = [.. await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct)];
        return Dto(user, roles, now);
    }

    private static void CheckRoles(string[] roles, FieldErrors errors)
    {
        int i = 0;
        foreach (string? r in roles ?? [])
        {
            if (r is null)
            {
                // What the API's validation filter answers for a null inside the list.
                errors.Add($"roles[{i}]", "不能为空");
            }
            else if (!Roles.All.Contains(r) || r == Roles.Integration)
            {
                errors.Add("roles", $"未知角色：{r}");
            }
            i++;
        }
    }
}

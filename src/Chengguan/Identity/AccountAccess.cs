using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Identity;

/// <summary>
/// Disabling and re-enabling accounts (the rest of an account's administration is <see cref="Accounts"/>): the door for administrators (API and console) and for the
/// organisation register, whose deactivation of a person disables that person's accounts in the
/// same save. Disabling changes the security stamp, so tokens, cookies and console tabs end within
/// the revalidation interval (<see cref="SecurityStampCache"/>); a disabled account cannot sign in.
/// </summary>
public sealed class AccountAccess(AppDbContext db, TimeProvider clock, CurrentUser current)
{
    public async Task<Outcome<AccountDto>> DisableAsync(string id, CancellationToken ct)
    {
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) is not { } user)
        {
            return new Outcome<AccountDto>.NotFound("账号不存在");
        }
        if (user.Id == current.UserId)
        {
            // An administrator who disabled themselves would be out at once, possibly with nobody left to let them back in.
            return new Outcome<AccountDto>.Conflict("不能停用自己的账号");
        }
        if (user.DisabledAt is null)
        {
            Disable(user, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        return await DtoAsync(user, ct);
    }

    public async Task<Outcome<AccountDto>> EnableAsync(string id, CancellationToken ct)
    {
        if (await db.Users.Include(u => u.Person).FirstOrDefaultAsync(u => u.Id == id, ct) is not { } user)
        {
            return new Outcome<AccountDto>.NotFound("账号不存在");
        }
        if (user.Person is { Active: false } person)
        {
            return new Outcome<AccountDto>.Conflict($"该账号所属人员{person.Name}已停用，须先恢复人员");
        }
        if (user.DisabledAt is not null)
        {
            user.DisabledAt = null;
            // A fresh start: strangers' failures from before the account was disabled no longer count.
            (user.AccessFailedCount, user.LockoutEnd) = (0, null);
            await db.SaveChangesAsync(ct);
        }
        return await DtoAsync(user, ct);
    }

    /// <summary>Disables (tracked, not saved) every account of a person the caller is deactivating, so that both land in one save.</summary>
    public static async Task DisablePersonsAccountsAsync(AppDbContext db, Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        foreach (AppUser user in await db.Users.Where(u => u.PersonId == personId && u.DisabledAt == null).ToListAsync(ct))
        {
            Disable(user, now);
        }
    }

    private static void Disable(AppUser user, DateTimeOffset now)
    {
        user.DisabledAt = now;
        // What UserManager.UpdateSecurityStampAsync writes: a new random stamp ends every sign-in made with the old one.
        user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    private async Task<Outcome<AccountDto>> DtoAsync(AppUser user, CancellationToken ct) => await Accounts.DtoAsync(db, user, clock.GetUtcNow(), ct);
}

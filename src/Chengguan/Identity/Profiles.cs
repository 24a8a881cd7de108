using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Identity;

/// <summary>Who is signed in, as the console shows it: name, roles, unit and the data scope they see.</summary>
public sealed record UserProfile(string UserId, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? UnitName, bool DistrictWide, string? ScopeName,
    bool MustChangePassword = false);

/// <summary>Identity's door for the signed-in person's own profile (the console's header and the pages that adapt to a role).</summary>
public sealed class Profiles(AppDbContext db, CurrentUser current)
{
    public async Task<UserProfile> MineAsync(CancellationToken ct)
    {
        string id = current.UserId ?? "";
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.DisplayName, Unit = u.Person != null ? u.Person.Unit!.Name : null, u.MustChangePassword }).FirstOrDefaultAsync(ct);
        DataScope scope = await current.GetScopeAsync(ct);
        string? scopeName = scope.DistrictWide ? null
            : await db.Units.AsNoTracking().Where(u => u.Path == scope.RootPath).Select(u => u.Name).FirstOrDefaultAsync(ct);
        string[] roles = [.. Roles.All.Where(current.Principal.IsInRole)];
        return new UserProfile(id, user?.UserName ?? current.Name ?? "", user?.DisplayName ?? current.Name ?? "", roles, user?.Unit, scope.DistrictWide, scopeName,
            user?.MustChangePassword ?? false);
    }
}

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

    /// <summary>Every account linked to a person of the register: account id → person id (the individual assessment maps handlers to officers).</summary>
    public async Task<Dictionary<string, Guid>> PersonOfAccountsAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.PersonId != null).ToDictionaryAsync(u => u.Id, u => u.PersonId!.Value, StringComparer.Ordinal, ct);

    /// <summary>
    /// The names people know for the actors timelines and the audit record (their stored actor ids): an
    /// account's display name; an API key's integration as the catalogue names it (12345/12319 热线平台).
    /// Ids not found are left out: the caller falls back to what it stored.
    /// </summary>
    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string?> actorIds, CancellationToken ct)
    {
        HashSet<string> ids = [.. actorIds.OfType<string>()];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return names;
        }
        List<string> users = [.. ids.Where(i => !i.StartsWith(ApiKeyPrefix, StringComparison.Ordinal))];
        foreach (var u in await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
        {
            names[u.Id] = u.DisplayName;
        }
        Dictionary<Guid, string> keys = [];
        foreach (string id in ids.Where(i => i.StartsWith(ApiKeyPrefix, StringComparison.Ordinal)))
        {
            if (Guid.TryParseExact(id[ApiKeyPrefix.Length..], "N", out Guid keyId))
            {
                keys[keyId] = id;
            }
        }
        List<Guid> keyIds = [.. keys.Keys];
        foreach (var k in await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id)).Select(k => new { k.Id, k.Integration }).ToListAsync(ct))
        {
            if (Integrations.Describe(k.Integration) is { } name)
            {
                names[keys[k.Id]] = name;
            }
        }
        return names;
    }

    /// <summary>
    /// The display names of accounts by their sign-in names, for records that kept only the login (a calendar
    /// version's author, a re-check's officer). Logins not found (system work, deleted accounts) are left out.
    /// </summary>
    public async Task<Dictionary<string, string>> NamesByLoginAsync(IEnumerable<string?> logins, CancellationToken ct)
    {
        List<string> wanted = [.. logins.OfType<string>().Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)];
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        return await db.Users.AsNoTracking().Where(u => u.UserName != null && wanted.Contains(u.UserName))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, StringComparer.Ordinal, ct);
    }

    /// <summary>The register's person the signed-in account stands for; null for an account without a person or a machine client.</summary>
    public async Task<Guid?> MyPersonIdAsync(CancellationToken ct)
    {
        string? id = current.UserId;
        if (id is null || IntegrationAccess.IsMachine(current.Principal))
        {
            return null;
        }
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Which of these people have an account that is not disabled (who can sign in to act, e.g. answer a ballot).</summary>
    public async Task<HashSet<Guid>> WithAccountsAsync(IEnumerable<Guid> personIds, CancellationToken ct)
    {
        List<Guid> wanted = [.. personIds.Distinct()];
        if (wanted.Count == 0)
        {
            return [];
        }
        List<Guid> found = await db.Users.AsNoTracking().Where(u => u.PersonId != null && wanted.Contains(u.PersonId.Value) && u.DisabledAt == null)
            .Select(u => u.PersonId!.Value).Distinct().ToListAsync(ct);
        return [.. found];
    }

    /// <summary>How an API key's actor id starts (<see cref="ApiKeyAuthentication"/>).</summary>
    private const string ApiKeyPrefix = "apikey:";
}

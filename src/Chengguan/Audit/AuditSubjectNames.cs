using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Audit;

/// <summary>
/// For the subjects an administrator looks up most (cases, structures, people, units, grids, accounts): the number,
/// name or code instead of a GUID. The trail spans every capability, so this read does too (reads only); the
/// trail itself is untouched and the raw values stay in the row's attributes.
/// </summary>
internal static class AuditSubjectNames
{
    private sealed record Named(Guid Id, string Name);

    /// <summary>The tables whose rows are named, and by what.</summary>
    private static readonly Dictionary<string, Func<AppDbContext, List<Guid>, IQueryable<Named>>> s_named = new(StringComparer.Ordinal)
    {
        ["Case"] = (db, ids) => db.Cases.Where(c => ids.Contains(c.Id)).Select(c => new Named(c.Id, c.Number)),
        ["IllegalBuilding"] = (db, ids) => db.IllegalBuildings.Where(i => ids.Contains(i.Id)).Select(i => new Named(i.Id, i.Number)),
        ["Person"] = (db, ids) => db.People.Where(p => ids.Contains(p.Id)).Select(p => new Named(p.Id, p.Name)),
        ["Unit"] = (db, ids) => db.Units.Where(u => ids.Contains(u.Id)).Select(u => new Named(u.Id, u.Name)),
        ["Grid"] = (db, ids) => db.Grids.Where(g => ids.Contains(g.Id)).Select(g => new Named(g.Id, g.Code)),
    };

    /// <summary>Rows keyed "a|b": a grid's officer and responsible unit, named "code · name" from the two tables.</summary>
    private static readonly Dictionary<string, (string First, string Second)> s_pairs = new(StringComparer.Ordinal)
    {
        ["GridOfficer"] = ("Grid", "Person"),
        ["GridResponsibleUnit"] = ("Grid", "Unit"),
    };

    /// <summary>Readable names for the rows' keys, by (entity, key); keys not found (deleted rows, other composite keys) are left out.</summary>
    public static async Task<Dictionary<(string Entity, string Key), string>> DescribeAsync(
        AppDbContext db, IEnumerable<AuditEntryDto> rows, CancellationToken ct)
    {
        List<(string Entity, string Key)> subjects = [.. rows.Select(r => (r.Entity, r.EntityKey)).Distinct()];

        // Every id to look up, one query per table: a row's own key, or the two parts of a composite one.
        var wanted = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        void Want(string table, string id)
        {
            if (Guid.TryParse(id, out Guid g))
            {
                (wanted.TryGetValue(table, out HashSet<Guid>? set) ? set : wanted[table] = []).Add(g);
            }
        }
        foreach ((string entity, string key) in subjects)
        {
            if (s_named.ContainsKey(entity))
            {
                Want(entity, key);
            }
            else if (s_pairs.TryGetValue(entity, out var parts) && key.Split('|') is [string first, string second])
            {
                Want(parts.First, first);
                Want(parts.Second, second);
            }
        }
        var found = new Dictionary<(string Table, Guid Id), string>();
        foreach ((string table, HashSet<Guid> ids) in wanted)
        {
            foreach (Named n in await s_named[table](db, [.. ids]).ToListAsync(ct))
            {
                found[(table, n.Id)] = n.Name;
            }
        }
        string? Name(string table, string id) => Guid.TryParse(id, out Guid g) && found.TryGetValue((table, g), out string? name) ? name : null;

        var names = new Dictionary<(string, string), string>();
        foreach ((string entity, string key) in subjects)
        {
            string? name = s_named.ContainsKey(entity) ? Name(entity, key)
                : s_pairs.TryGetValue(entity, out var parts) && key.Split('|') is [string first, string second]
                    && Name(parts.First, first) is { } a && Name(parts.Second, second) is { } b ? $"{a} · {b}"
                : null;
            if (name is not null)
            {
                names[(entity, key)] = name;
            }
        }
        // Accounts are keyed by Identity's string ids.
        List<string> users = [.. subjects.Where(s => s.Entity == "AppUser").Select(s => s.Key)];
        if (users.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(ct))
            {
                names[("AppUser", u.Id)] = u.UserName ?? u.Id;
            }
        }
        return names;
    }
}

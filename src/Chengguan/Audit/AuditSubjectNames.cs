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

    /// <summary>Fields whose recorded value is who did it, by login (ActorId fields hold an account id or an API key's actor id).</summary>
    public static readonly HashSet<string> LoginFields = new(StringComparer.Ordinal)
    {
        "ActorName", "Actor", "CreatedBy", "UploadedBy", "RecheckedBy", "RecordedBy", "AttachedBy", "AssessedBy",
    };

    /// <summary>Fields whose value is a category code (event:0102).</summary>
    public const string CategoryField = "CategoryCode";

    /// <summary>
    /// Names for recorded values that are machine words: categories by their names (占道经营（街面秩序）), clocks'
    /// policy codes by the policy's name. By value; values not found are left out.
    /// </summary>
    public static async Task<Dictionary<string, string>> ValuesAsync(AppDbContext db, IEnumerable<AuditEntryDto> rows, CancellationToken ct)
    {
        var categories = new HashSet<string>(StringComparer.Ordinal);
        var policies = new HashSet<string>(StringComparer.Ordinal);
        foreach (AuditEntryDto row in rows)
        {
            foreach (string? snapshot in new[] { row.Before, row.After })
            {
                if (Field(snapshot, CategoryField) is { } code)
                {
                    categories.Add(code);
                }
                if (row.Entity == "Clock" && Field(snapshot, "Kind") is { } kind)
                {
                    policies.Add(kind);
                }
            }
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string code in categories)
        {
            int colon = code.IndexOf(':', StringComparison.Ordinal);
            string kind = colon < 0 ? "" : code[..colon], rest = code[(colon + 1)..];
            // The newest version that has it names it (a case keeps its code across dictionary versions).
            if (await db.CategoryConditions.AsNoTracking().Where(r => r.Kind == kind && r.BigCode + r.SmallCode == rest).OrderByDescending(r => r.Version)
                .Select(r => new { r.SmallName, r.BigName }).FirstOrDefaultAsync(ct) is { } c)
            {
                names[code] = $"{c.SmallName}（{c.BigName}）";
            }
        }
        if (policies.Count > 0)
        {
            List<string> wanted = [.. policies];
            foreach (var p in await db.ClockPolicies.AsNoTracking().Where(p => wanted.Contains(p.Code)).OrderBy(p => p.Version).Select(p => new { p.Code, p.Name }).ToListAsync(ct))
            {
                names[p.Code] = p.Name;
            }
        }
        return names;
    }

    /// <summary>One string field of a flat JSON snapshot, or null.</summary>
    private static string? Field(string? snapshot, string field)
    {
        if (snapshot is null || !snapshot.Contains(field, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(snapshot);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty(field, out var v)
                && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

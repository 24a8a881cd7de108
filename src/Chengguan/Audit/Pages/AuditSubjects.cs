using Chengguan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Chengguan.Audit.Pages;

/// <summary>
/// Names what an audit row is about in the words of the person reading it: the entity type's label
/// from the resource file rather than the CLR type name the trail records, and for the subjects an
/// administrator looks up most (cases, structures, people, units, grids, accounts) the number, name
/// or code instead of a GUID. The trail itself is untouched; the raw values stay in the row's attributes.
/// </summary>
public static class AuditSubjects
{
    /// <summary>The resource key of an entity type's label; Identity's generic types drop their arity (<c>IdentityUserRole`1</c>).</summary>
    public static string LabelKey(string entity)
    {
        int tick = entity.IndexOf('`', StringComparison.Ordinal);
        return "Au_E_" + (tick < 0 ? entity : entity[..tick]);
    }

    /// <summary>The entity type's label, or its recorded name when the resource file has none (a type added later).</summary>
    public static string Label(IStringLocalizer localizer, string entity) =>
        localizer[LabelKey(entity)] is { ResourceNotFound: false } label ? label.Value : entity;

    /// <summary>Readable names for the rows' keys, by (entity, key); keys not found (deleted rows, composite keys) are left out.</summary>
    public static async Task<Dictionary<(string Entity, string Key), string>> DescribeAsync(
        AppDbContext db, IEnumerable<AuditEntryDto> rows, CancellationToken ct)
    {
        var names = new Dictionary<(string, string), string>();
        Dictionary<string, List<string>> keys = rows.GroupBy(r => r.Entity, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.EntityKey).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        List<Guid> Ids(string entity) =>
            keys.TryGetValue(entity, out List<string>? k) ? [.. k.Select(s => Guid.TryParse(s, out Guid g) ? g : Guid.Empty).Where(g => g != Guid.Empty)] : [];

        void Put(string entity, IEnumerable<(Guid Id, string Name)> found)
        {
            foreach ((Guid id, string name) in found)
            {
                names[(entity, id.ToString())] = name;
            }
        }

        if (Ids("Case") is { Count: > 0 } cases)
        {
            Put("Case", (await db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct)).Select(c => (c.Id, c.Number)));
        }
        if (Ids("IllegalBuilding") is { Count: > 0 } items)
        {
            Put("IllegalBuilding", (await db.IllegalBuildings.AsNoTracking().Where(i => items.Contains(i.Id)).Select(i => new { i.Id, i.Number }).ToListAsync(ct)).Select(i => (i.Id, i.Number)));
        }
        if (Ids("Person") is { Count: > 0 } people)
        {
            Put("Person", (await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name)));
        }
        if (Ids("Unit") is { Count: > 0 } units)
        {
            Put("Unit", (await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name)));
        }
        if (Ids("Grid") is { Count: > 0 } grids)
        {
            Put("Grid", (await db.Grids.AsNoTracking().Where(g => grids.Contains(g.Id)).Select(g => new { g.Id, g.Code }).ToListAsync(ct)).Select(g => (g.Id, g.Code)));
        }
        // A grid's officer and responsible unit are keyed "grid|person" and "grid|unit": named "code · name".
        foreach ((string entity, bool person) in new[] { ("GridOfficer", true), ("GridResponsibleUnit", false) })
        {
            if (!keys.TryGetValue(entity, out List<string>? pairs))
            {
                continue;
            }
            var parsed = pairs.Select(k => k.Split('|')).Where(p => p.Length == 2 && Guid.TryParse(p[0], out _) && Guid.TryParse(p[1], out _))
                .Select(p => (Key: p[0] + "|" + p[1], Grid: Guid.Parse(p[0]), Other: Guid.Parse(p[1]))).ToList();
            List<Guid> gridIds = [.. parsed.Select(p => p.Grid).Distinct()], otherIds = [.. parsed.Select(p => p.Other).Distinct()];
            Dictionary<Guid, string> codes = await db.Grids.AsNoTracking().Where(g => gridIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Code, ct);
            Dictionary<Guid, string> others = person
                ? await db.People.AsNoTracking().Where(x => otherIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct)
                : await db.Units.AsNoTracking().Where(x => otherIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            foreach (var p in parsed.Where(p => codes.ContainsKey(p.Grid) && others.ContainsKey(p.Other)))
            {
                names[(entity, p.Key)] = $"{codes[p.Grid]} · {others[p.Other]}";
            }
        }
        if (keys.TryGetValue("AppUser", out List<string>? users))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(ct))
            {
                names[("AppUser", u.Id)] = u.UserName ?? u.Id;
            }
        }
        return names;
    }
}

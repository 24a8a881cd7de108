using System.Text.RegularExpressions;
using Chengguan.Cases;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Open311;

/// <summary>One Open311 service: a small class (小类) of the current event/component dictionary with its filing conditions.</summary>
public sealed record Open311Service(string Code, string Kind, string BigName, string Name, IReadOnlyList<CategoryCondition> Conditions)
{
    /// <summary>The only attribute: which filing condition (立案条件) the report meets.</summary>
    public const string ConditionAttribute = "condition";

    /// <summary>"event:0102", the case's category code.</summary>
    public string CategoryCode => Open311Services.CategoryCode(Code)!;

    /// <summary>With one condition there is nothing to choose; with several the reporter picks one.</summary>
    public bool ConditionRequired => Conditions.Count > 1;
}

/// <summary>
/// The service list, built from the category dictionary (<see cref="CategoryCondition"/> rows of
/// the current version): a service is a small class, its code the kind and the four-digit class
/// code (<c>event-0102</c>), its group the big class.
/// </summary>
public static partial class Open311Services
{
    [GeneratedRegex("^(event|component)-([0-9]{2})([0-9]{2})$")]
    private static partial Regex CodePattern();

    public static string ServiceCode(string kind, string big, string small) => $"{kind}-{big}{small}";

    /// <summary>"event-0102" → "event:0102"; null when the text is no service code.</summary>
    public static string? CategoryCode(string serviceCode) =>
        CodePattern().Match(serviceCode) is { Success: true } m ? Categories.Code(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) : null;

    /// <summary>"event:0102" → "event-0102".</summary>
    public static string? FromCategoryCode(string? categoryCode) => categoryCode?.Replace(':', '-');

    public static async Task<List<Open311Service>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        int version = await db.CategoryConditions.MaxAsync(c => (int?)c.Version, ct) ?? 0;
        List<CategoryCondition> rows = await db.CategoryConditions.AsNoTracking().Where(c => c.Version == version).ToListAsync(ct);
        return Group(rows);
    }

    public static async Task<Open311Service?> FindAsync(AppDbContext db, string serviceCode, CancellationToken ct)
    {
        if (CodePattern().Match(serviceCode) is not { Success: true } m)
        {
            return null;
        }
        (string kind, string big, string small) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        int version = await db.CategoryConditions.MaxAsync(c => (int?)c.Version, ct) ?? 0;
        List<CategoryCondition> rows = await db.CategoryConditions.AsNoTracking()
            .Where(c => c.Version == version && c.Kind == kind && c.BigCode == big && c.SmallCode == small).ToListAsync(ct);
        return Group(rows).SingleOrDefault();
    }

    /// <summary>Small-class names by category code ("event:0102"), from the newest dictionary version that has the class.</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, IEnumerable<string?> categoryCodes, CancellationToken ct)
    {
        HashSet<string> wanted = [.. categoryCodes.OfType<string>()];
        if (wanted.Count == 0)
        {
            return [];
        }
        var rows = await db.CategoryConditions.AsNoTracking()
            .Select(c => new { c.Kind, c.BigCode, c.SmallCode, c.SmallName, c.Version }).Distinct().ToListAsync(ct);
        return rows.Where(r => wanted.Contains(Categories.Code(r.Kind, r.BigCode, r.SmallCode)))
            .GroupBy(r => Categories.Code(r.Kind, r.BigCode, r.SmallCode))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!.SmallName, StringComparer.Ordinal);
    }

    private static List<Open311Service> Group(IEnumerable<CategoryCondition> rows) =>
        [.. rows.GroupBy(r => (r.Kind, r.BigCode, r.SmallCode))
            .OrderBy(g => Array.IndexOf(Categories.Kinds, g.Key.Kind)).ThenBy(g => g.Key.BigCode, StringComparer.Ordinal).ThenBy(g => g.Key.SmallCode, StringComparer.Ordinal)
            .Select(g =>
            {
                List<CategoryCondition> conditions = [.. g.OrderBy(c => c.ConditionCode, StringComparer.Ordinal)];
                CategoryCondition first = conditions[0];
                return new Open311Service(ServiceCode(first.Kind, first.BigCode, first.SmallCode), first.Kind, first.BigName, first.SmallName, conditions);
            })];

    public static string KindName(string kind) => kind == "component" ? "部件" : "事件";

    /// <summary>A <c>&lt;service&gt;</c> (GeoReport v2 §1.3a): realtime, so a POST answers with the case number at once.</summary>
    public static Open311Object Service(Open311Service s) => new()
    {
        { "service_code", s.Code },
        { "service_name", s.Name },
        { "description", string.Join("；", s.Conditions.Select(c => c.Condition)) },
        { "metadata", true },
        { "type", "realtime" },
        { "keywords", string.Join(",", KindName(s.Kind), s.BigName, s.Name) },
        { "group", s.BigName },
    };

    /// <summary>A <c>&lt;service_definition&gt;</c> (§1.3b): the filing condition as a single-value list.</summary>
    public static Open311Object Definition(Open311Service s) => new()
    {
        { "service_code", s.Code },
        {
            "attributes", new Open311List("attribute",
            [
                new Open311Object
                {
                    { "variable", true },
                    { "code", Open311Service.ConditionAttribute },
                    { "datatype", "singlevaluelist" },
                    { "required", s.ConditionRequired },
                    {
                        "datatype_description", s.ConditionRequired
                            ? "请选择最符合现场情况的一项，处置时限按所选立案条件计算；值班长核实立案时可调整"
                            : "仅有一项立案条件，可不填写"
                    },
                    { "order", 1 },
                    { "description", "立案条件" },
                    {
                        "values", new Open311List("value",
                            [.. s.Conditions.Select(c => new Open311Object { { "key", c.ConditionCode }, { "name", c.Condition } })])
                    },
                },
            ])
        },
    };
}

using System.Globalization;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Cases;

/// <summary>
/// One filing condition (立案条件) of a small class of the event/component dictionary, with its
/// disposal limit and closing condition. The dictionary is versioned: an import writes a new
/// version and cases keep the code they were filed under.
/// </summary>
public sealed class CategoryCondition
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public required string Kind { get; set; }
    public required string BigCode { get; set; }
    public required string BigName { get; set; }
    public required string SmallCode { get; set; }
    public required string SmallName { get; set; }
    public required string ConditionCode { get; set; }
    public required string Condition { get; set; }
    public int LimitAmount { get; set; }
    public TimeLimitKind LimitKind { get; set; }
    public required string ClosingCondition { get; set; }

    /// <summary>"event:0101" — kind, big class and small class.</summary>
    public string CategoryCode => Categories.Code(Kind, BigCode, SmallCode);
}

internal sealed class CategoryConditionConfiguration : IEntityTypeConfiguration<CategoryCondition>
{
    public void Configure(EntityTypeBuilder<CategoryCondition> b)
    {
        b.ToTable("category_conditions");
        b.Property(c => c.Kind).HasMaxLength(16);
        b.Property(c => c.BigCode).HasMaxLength(2);
        b.Property(c => c.BigName).HasMaxLength(40);
        b.Property(c => c.SmallCode).HasMaxLength(2);
        b.Property(c => c.SmallName).HasMaxLength(60);
        b.Property(c => c.ConditionCode).HasMaxLength(2);
        b.Property(c => c.Condition).HasMaxLength(200);
        b.Property(c => c.ClosingCondition).HasMaxLength(200);
        b.Ignore(c => c.CategoryCode);
        b.HasIndex(c => new { c.Version, c.Kind, c.BigCode, c.SmallCode, c.ConditionCode }).IsUnique();
    }
}

public static class Categories
{
    public const string EmbeddedResourceName = "categories.csv";
    public static readonly string[] Kinds = ["event", "component"];

    public static string Code(string kind, string big, string small) => $"{kind}:{big}{small}";

    /// <summary>The clock policy for a disposal limit, e.g. disposal.4wh; made on import when missing.</summary>
    public static string DisposalPolicyCode(int amount, TimeLimitKind kind) => ClockPolicies.DisposalCode(amount, kind);

    /// <summary>A filing condition of the current dictionary version, by "event:0101" and "01".</summary>
    public static async Task<CategoryCondition?> FindAsync(AppDbContext db, string categoryCode, string conditionCode, CancellationToken ct)
    {
        string[] parts = categoryCode.Split(':');
        if (parts.Length != 2 || parts[1].Length != 4)
        {
            return null;
        }
        string kind = parts[0], big = parts[1][..2], small = parts[1][2..];
        // One round trip: the current version is a subquery (intake asks this for every order).
        return await db.CategoryConditions.AsNoTracking().FirstOrDefaultAsync(c =>
            c.Version == db.CategoryConditions.Max(v => v.Version)
            && c.Kind == kind && c.BigCode == big && c.SmallCode == small && c.ConditionCode == conditionCode, ct);
    }

    /// <summary>Rows of the dictionary's CSV/Excel shape, each checked; errors are named rows[N].field.</summary>
    public static (List<CategoryCondition> Rows, FieldErrors Errors) Parse(IReadOnlyList<TabularRow> rows, int version)
    {
        var errors = new FieldErrors();
        var result = new List<CategoryCondition>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var bigNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var smallNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (TabularRow row in rows)
        {
            string f(string name) => $"rows[{row.RowNumber}].{name}";
            string kind = (row.Get("kind", "类型") ?? "").Trim();
            string big = (row.Get("big_code", "大类代码") ?? "").Trim();
            string small = (row.Get("small_code", "小类代码") ?? "").Trim();
            string cond = (row.Get("condition_code", "立案条件代码") ?? "").Trim();
            string bigName = (row.Get("big_name", "大类名称") ?? "").Trim();
            string smallName = (row.Get("small_name", "小类名称") ?? "").Trim();
            string condition = (row.Get("condition", "立案条件") ?? "").Trim();
            string closing = (row.Get("closing_condition", "结案条件") ?? "").Trim();
            int before = errors.Count;
            if (!Kinds.Contains(kind))
            {
                errors.Add(f("kind"), "类型须为 event（事件）或 component（部件）");
            }
            foreach ((string name, string value) in new[] { ("big_code", big), ("small_code", small), ("condition_code", cond) })
            {
                if (value.Length != 2 || !value.All(char.IsAsciiDigit))
                {
                    errors.Add(f(name), "代码须为两位数字");
                }
            }
            foreach ((string name, string value, int max) in new[] { ("big_name", bigName, 40), ("small_name", smallName, 60), ("condition", condition, 200), ("closing_condition", closing, 200) })
            {
                if (value.Length == 0 || value.Length > max)
                {
                    errors.Add(f(name), $"不能为空，且不超过 {max} 个字符");
                }
            }
            if (!int.TryParse(row.Get("limit_amount", "时限"), NumberStyles.None, CultureInfo.InvariantCulture, out int amount) || amount is < 1 or > 10_000)
            {
                errors.Add(f("limit_amount"), "时限须为 1–10000 的整数");
            }
            if (!Enum.TryParse((row.Get("limit_kind", "时限类型") ?? "").Trim(), ignoreCase: true, out TimeLimitKind limitKind) || int.TryParse(row.Get("limit_kind", "时限类型"), out _))
            {
                errors.Add(f("limit_kind"), "时限类型须为 UrgentHours、WorkingHours、WorkingDays 或 NaturalDays");
            }
            if (errors.Count > before)
            {
                continue;
            }
            if (!keys.Add($"{kind}:{big}{small}:{cond}"))
            {
                errors.Add(f("condition_code"), "同一小类下立案条件代码重复");
            }
            if (bigNames.TryGetValue($"{kind}:{big}", out string? bn) && bn != bigName)
            {
                errors.Add(f("big_name"), $"大类 {big} 的名称前后不一致（{bn}）");
            }
            if (smallNames.TryGetValue($"{kind}:{big}{small}", out string? sn) && sn != smallName)
            {
                errors.Add(f("small_name"), $"小类 {big}{small} 的名称前后不一致（{sn}）");
            }
            bigNames[$"{kind}:{big}"] = bigName;
            smallNames[$"{kind}:{big}{small}"] = smallName;
            result.Add(new CategoryCondition
            {
                Version = version, Kind = kind, BigCode = big, BigName = bigName, SmallCode = small, SmallName = smallName,
                ConditionCode = cond, Condition = condition, LimitAmount = amount, LimitKind = limitKind, ClosingCondition = closing,
            });
        }
        if (result.Count == 0 && !errors.Any)
        {
            errors.Add("rows", "没有任何立案条件");
        }
        return (result, errors);
    }

    public static List<TabularRow> LoadEmbedded()
    {
        using Stream stream = typeof(Categories).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException("The category dictionary is not embedded.");
        using var reader = new StreamReader(stream);
        return Tabular.ReadCsv(reader.ReadToEnd());
    }

    /// <summary>Adds the disposal policies the dictionary's limits need and the installation lacks.</summary>
    public static Task EnsureDisposalPoliciesAsync(AppDbContext db, IEnumerable<CategoryCondition> rows, DateTimeOffset now, CancellationToken ct) =>
        ClockPolicyCatalog.EnsureDisposalAsync(db, rows.Select(r => (r.LimitAmount, r.LimitKind)), now, ct);
}

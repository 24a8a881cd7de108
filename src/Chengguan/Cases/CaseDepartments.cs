using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Cases;

/// <summary>
/// A district department that answers for a case returned or sent back as outside city management (e.g. 区房屋管理局).
/// The dictionary is data: codes are stable and never reused, a row is deactivated rather than deleted (cases keep
/// their code), and <see cref="Version"/> counts its changes so a report can say which wording it used.
/// </summary>
public sealed class CaseDepartment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; } = 1;
}

/// <summary>A department of the dictionary as the forms and the report show it.</summary>
public sealed record CaseDepartmentDto(string Code, string Name, bool Active);

/// <summary>One department's cases in a period: how many were tagged to it, and a few examples (no citizen data).</summary>
public sealed record DepartmentCases(string Code, string Name, int Count, IReadOnlyList<DepartmentCaseExample> Examples);

/// <summary>An example case: its number, street, address as filed (the caller masks it) and when it was tagged.</summary>
public sealed record DepartmentCaseExample(string Number, string? Street, string? Address, DateTimeOffset At);

/// <summary>The departments every installation starts with; more are added as data.</summary>
public static class CaseDepartments
{
    public static readonly (string Code, string Name)[] Defaults =
    [
        ("housing", "区房屋管理局"), ("greening", "区绿化和市容管理局"), ("market", "区市场监督管理局"), ("ecology", "区生态环境局"),
        ("construction", "区建设和管理委员会"), ("water", "区水务局"), ("police", "公安静安分局"), ("traffic", "区交通管理部门"),
        ("subdistrict", "街道办事处"),
    ];

    /// <summary>The default departments an installation lacks (the reference-data seeding adds them).</summary>
    public static IEnumerable<CaseDepartment> Missing(IReadOnlyCollection<string> existing) =>
        Defaults.Select((d, i) => (d, i)).Where(x => !existing.Contains(x.d.Code))
            .Select(x => new CaseDepartment { Code = x.d.Code, Name = x.d.Name, SortOrder = x.i + 1 });
}

internal sealed class CaseDepartmentConfiguration : IEntityTypeConfiguration<CaseDepartment>
{
    public void Configure(EntityTypeBuilder<CaseDepartment> b)
    {
        b.ToTable("case_departments");
        b.Property(d => d.Code).HasMaxLength(32);
        b.Property(d => d.Name).HasMaxLength(50);
        b.HasIndex(d => d.Code).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Organisation;

public enum UnitKind
{
    District,
    Bureau,
    Section,
    Squad,
    DemolitionOffice,
    Street,
    Town,
    StreetTeam,
    Committee,
}

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> holds the ids from the root down to this
/// unit ("/id/id/…/"), so a data-scope check is one prefix comparison that an index can serve.
/// </summary>
public sealed class Unit
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public string Path { get; set; } = "";
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    public bool IsDemo { get; set; }

    public static string PathOf(Unit? parent, Guid id) => (parent?.Path ?? "/") + id.ToString("N") + "/";

    /// <summary>Streets and the town are where residents' committees and grids hang.</summary>
    public bool IsStreetLevel => Kind is UnitKind.Street or UnitKind.Town;
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units");
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.Path).HasMaxLength(400);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.Path);
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Rivers;

/// <summary>河道级别 as river-chief systems number them (市级, 区级, 街镇级, 村级, 其他).</summary>
public enum RiverLevel
{
    City,
    District,
    Town,
    Village,
    Other,
}

/// <summary>A river (中小河道) under remediation: its centre line, its river chief, the year its riverside structures must be gone.</summary>
public sealed class River
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public RiverLevel Level { get; set; }
    public required MultiLineString Line { get; set; }

    /// <summary>Computed from the line, in metres.</summary>
    public double LengthM { get; set; }
    public string? ChiefName { get; set; }
    public string? ChiefPhone { get; set; }

    /// <summary>The census must be cleared by 31 December of this year (Shanghai).</summary>
    public int TargetYear { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A reach (河段) of a river in one street, with its own river chief.</summary>
public sealed class RiverReach
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RiverId { get; set; }
    public required string Name { get; set; }
    public Guid StreetId { get; set; }
    public required MultiLineString Line { get; set; }
    public double LengthM { get; set; }
    public string? ChiefName { get; set; }
    public string? ChiefPhone { get; set; }
}

/// <summary>A ledger item taken into a river's census (沿河违建), with its distance from the line when attached.</summary>
public sealed class RiverItem
{
    public Guid RiverId { get; set; }
    public Guid ItemId { get; set; }
    public double DistanceM { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
    public string? AttachedBy { get; set; }
}

internal sealed class RiverConfigurations : IEntityTypeConfiguration<River>, IEntityTypeConfiguration<RiverReach>, IEntityTypeConfiguration<RiverItem>
{
    public void Configure(EntityTypeBuilder<River> b)
    {
        b.ToTable("rivers");
        b.Property(r => r.Code).HasMaxLength(32);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.ChiefName).HasMaxLength(50);
        b.Property(r => r.ChiefPhone).HasMaxLength(30);
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.Property(r => r.Line).HasConversion(DemolitionGeometry.LinesWkb, DemolitionGeometry.LinesComparer);
        b.HasIndex(r => r.Code).IsUnique();
    }

    public void Configure(EntityTypeBuilder<RiverReach> b)
    {
        b.ToTable("river_reaches");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.ChiefName).HasMaxLength(50);
        b.Property(r => r.ChiefPhone).HasMaxLength(30);
        b.Property(r => r.Line).HasConversion(DemolitionGeometry.LinesWkb, DemolitionGeometry.LinesComparer);
        b.HasIndex(r => new { r.RiverId, r.Name }).IsUnique();
        b.HasIndex(r => r.StreetId);
        b.HasOne<River>().WithMany().HasForeignKey(r => r.RiverId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(r => r.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RiverItem> b)
    {
        b.ToTable("river_items");
        b.HasKey(i => new { i.RiverId, i.ItemId });
        b.HasIndex(i => i.ItemId);
        b.Property(i => i.AttachedBy).HasMaxLength(100);
        b.HasOne<River>().WithMany().HasForeignKey(i => i.RiverId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<IllegalBuilding>().WithMany().HasForeignKey(i => i.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

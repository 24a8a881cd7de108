using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Chengguan.Grids;

/// <summary>
/// A unit grid (单元网格). The boundary is WGS84 lon/lat, stored as WKB on both engines: lookups
/// run against the in-memory index, so the database never needs a spatial type (ADR 0002).
/// </summary>
public sealed class Grid
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public string? Name { get; set; }
    public Guid CommunityId { get; set; }
    public Unit? Community { get; set; }
    public Guid StreetId { get; set; }
    public Unit? Street { get; set; }
    public required Polygon Boundary { get; set; }
    public double AreaM2 { get; set; }
    public double CentroidLon { get; set; }
    public double CentroidLat { get; set; }
    public bool IsDemo { get; set; }
    public List<GridResponsibleUnit> ResponsibleUnits { get; set; } = [];
    public List<GridOfficer> Officers { get; set; } = [];
}

public sealed class GridResponsibleUnit
{
    public Guid GridId { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }
}

public sealed class GridOfficer
{
    public Guid GridId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
}

/// <summary>One row whose version changes with every change to the grid layer, so that every app node knows when to rebuild its index.</summary>
public sealed class GridLayerState
{
    public int Id { get; set; } = 1;
    public long Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    private static readonly ValueConverter<Polygon, byte[]> s_wkb = new(
        p => new WKBWriter().Write(p),
        b => (Polygon)new WKBReader().Read(b));

    private static readonly Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Polygon> s_comparer = new(
        (a, b) => a != null && b != null ? a.EqualsExact(b) : a == b,
        p => p.NumPoints,
        p => (Polygon)p.Copy());

    public void Configure(EntityTypeBuilder<Grid> b)
    {
        b.ToTable("grids");
        b.Property(g => g.Code).HasMaxLength(15).IsFixedLength();
        b.Property(g => g.Name).HasMaxLength(100);
        b.Property(g => g.Boundary).HasConversion(s_wkb, s_comparer);
        b.HasIndex(g => g.Code).IsUnique();
        b.HasIndex(g => g.StreetId);
        b.HasIndex(g => g.CommunityId);
        b.HasOne(g => g.Community).WithMany().HasForeignKey(g => g.CommunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(g => g.Street).WithMany().HasForeignKey(g => g.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.ResponsibleUnits).WithOne().HasForeignKey(r => r.GridId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(g => g.Officers).WithOne().HasForeignKey(o => o.GridId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GridResponsibleUnitConfiguration : IEntityTypeConfiguration<GridResponsibleUnit>
{
    public void Configure(EntityTypeBuilder<GridResponsibleUnit> b)
    {
        b.ToTable("grid_responsible_units");
        b.HasKey(r => new { r.GridId, r.UnitId });
        b.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridOfficerConfiguration : IEntityTypeConfiguration<GridOfficer>
{
    public void Configure(EntityTypeBuilder<GridOfficer> b)
    {
        b.ToTable("grid_officers");
        b.HasKey(o => new { o.GridId, o.PersonId });
        b.HasOne(o => o.Person).WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridLayerStateConfiguration : IEntityTypeConfiguration<GridLayerState>
{
    public void Configure(EntityTypeBuilder<GridLayerState> b)
    {
        b.ToTable("grid_layer_state");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Demolition;

public enum BuildingKind
{
    Residential,
    Commercial,
    Industrial,
    Riverside,
    Rooftop,
    Other,
}

/// <summary>存量 (built before the control date) or 新增 (built after it).</summary>
public enum BuildingVintage
{
    Existing,
    New,
}

public enum LedgerSource
{
    Patrol,
    HotlineCase,
    CityTask,
    DistrictTask,
    FiveViolationsArea,
    RiverCensus,
}

public enum DemolitionMode
{
    Self,
    Forced,
}

/// <summary>
/// One illegal structure of the ledger (违法建筑台账) and where it stands in the legal procedure.
/// Its demolished area counts towards targets only once a re-check has confirmed it.
/// </summary>
public sealed class IllegalBuilding : Chengguan.Infrastructure.Workflow.IWorkflowSubject
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; set; }
    public Guid? StreetId { get; set; }
    public Guid? CommunityId { get; set; }
    public Guid? GridId { get; set; }
    public string? GridCode { get; set; }

    /// <summary>The team answerable for the item: the grid's first responsible unit, else the street.</summary>
    public Guid? UnitId { get; set; }
    public required string Address { get; set; }
    public double? Lon { get; set; }
    public double? Lat { get; set; }

    /// <summary>The footprint as a GeoJSON polygon (WGS 84), when surveyed.</summary>
    public string? OutlineGeoJson { get; set; }
    public BuildingKind Kind { get; set; }
    public BuildingVintage Vintage { get; set; }
    public DateOnly? BuiltOn { get; set; }
    public double Area { get; set; }
    public int Storeys { get; set; }
    public string? Party { get; set; }
    public LedgerSource Source { get; set; }
    public Guid? TaskId { get; set; }
    public string? Note { get; set; }
    public DemolitionState State { get; set; }
    public DemolitionMode? Mode { get; set; }

    /// <summary>The area confirmed by the re-check; only this counts as demolished.</summary>
    public double? DemolishedArea { get; set; }
    public DateTimeOffset IdentifiedAt { get; set; }
    public DateTimeOffset? DemolishedAt { get; set; }
    public DateTimeOffset? RecheckedAt { get; set; }
    public string? RecheckedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One line of an item's history (timeline).</summary>
public sealed class DemolitionEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public int Seq { get; set; }
    public required string Action { get; set; }
    public required string Label { get; set; }
    public DemolitionState? FromState { get; set; }
    public DemolitionState? ToState { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Note { get; set; }
    public string? DataJson { get; set; }
}

/// <summary>A case (hotline order, patrol report…) that concerns the item.</summary>
public sealed class DemolitionCaseLink
{
    public Guid ItemId { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>A document generated at a step (notice, decision, public notice, re-check record); bytes in the evidence store.</summary>
public sealed class DemolitionDocument
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public DocumentKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Number { get; set; }
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

internal sealed class IllegalBuildingConfigurations :
    IEntityTypeConfiguration<IllegalBuilding>, IEntityTypeConfiguration<DemolitionEvent>, IEntityTypeConfiguration<DemolitionCaseLink>, IEntityTypeConfiguration<DemolitionDocument>
{
    public void Configure(EntityTypeBuilder<IllegalBuilding> b)
    {
        b.ToTable("demolition_items");
        b.Property(i => i.Number).HasMaxLength(32);
        b.Property(i => i.GridCode).HasMaxLength(15);
        b.Property(i => i.Address).HasMaxLength(300);
        b.Property(i => i.OutlineGeoJson).HasMaxLength(20_000);
        b.Property(i => i.Party).HasMaxLength(100);
        b.Property(i => i.Note).HasMaxLength(2000);
        b.Property(i => i.RecheckedBy).HasMaxLength(100);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.Number).IsUnique();
        // Progress and briefings group the re-checked items of a street or a task.
        b.HasIndex(i => new { i.StreetId, i.State, i.RecheckedAt });
        b.HasIndex(i => new { i.TaskId, i.StreetId });
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(i => i.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DemolitionTask>().WithMany().HasForeignKey(i => i.TaskId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<DemolitionEvent> b)
    {
        b.ToTable("demolition_events");
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Label).HasMaxLength(60);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.Property(e => e.DataJson).HasMaxLength(4000);
        b.HasIndex(e => new { e.ItemId, e.Seq }).IsUnique();
        b.HasOne<IllegalBuilding>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DemolitionCaseLink> b)
    {
        b.ToTable("demolition_case_links");
        b.HasKey(l => new { l.ItemId, l.CaseId });
        b.HasIndex(l => l.CaseId);
        b.HasOne<IllegalBuilding>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DemolitionDocument> b)
    {
        b.ToTable("demolition_documents");
        b.Property(d => d.Title).HasMaxLength(100);
        b.Property(d => d.Number).HasMaxLength(64);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.CreatedBy).HasMaxLength(100);
        b.HasIndex(d => new { d.ItemId, d.CreatedAt });
        b.HasOne<IllegalBuilding>().WithMany().HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

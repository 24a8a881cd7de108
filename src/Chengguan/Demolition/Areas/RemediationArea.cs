using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Areas;

/// <summary>五违: the five kinds of violation an area's problems are classified by.</summary>
public enum ViolationKind
{
    /// <summary>违法用地</summary>
    LandUse,

    /// <summary>违法建筑</summary>
    Building,

    /// <summary>违法经营</summary>
    Business,

    /// <summary>违法排污</summary>
    Discharge,

    /// <summary>违法居住</summary>
    Residence,
}

/// <summary>四必: what a problem must come to.</summary>
public enum FourMust
{
    /// <summary>安全隐患必须消除</summary>
    RemoveHazard,

    /// <summary>违法建筑必须拆除</summary>
    Demolish,

    /// <summary>脏乱现象必须整治</summary>
    CleanUp,

    /// <summary>违法经营必须取缔</summary>
    Ban,
}

public enum ProblemState
{
    Open,
    Rectifying,
    Rectified,
    Reopened,
}

public enum ProblemAction
{
    Start,
    Rectify,
    Reopen,
}

/// <summary>Stored is only what happened; Consolidated and Rebounded are computed at read time (<see cref="AreaRules"/>).</summary>
public enum AreaStatus
{
    Planned,
    Remediating,
    Completed,
    Consolidated,
    Rebounded,
}

public enum ProblemLinkKind
{
    LedgerItem,
    Case,
}

/// <summary>A 五违四必 remediation area (区域环境综合整治): its outline, the streets it covers and its period.</summary>
public sealed class RemediationArea
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required Polygon Outline { get; set; }
    public double AreaM2 { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string? Note { get; set; }

    /// <summary>When the last open problem was rectified; reset when a reopened problem is rectified again (the consolidation period restarts).</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
    public List<RemediationAreaStreet> Streets { get; set; } = [];
}

public sealed class RemediationAreaStreet
{
    public Guid AreaId { get; set; }
    public Guid StreetId { get; set; }
}

/// <summary>One problem found in an area, tracked to its rectification.</summary>
public sealed class AreaProblem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AreaId { get; set; }
    public int Seq { get; set; }
    public ViolationKind Kind { get; set; }
    public required string Description { get; set; }
    public bool MustRemoveHazard { get; set; }
    public bool MustDemolish { get; set; }
    public bool MustCleanUp { get; set; }
    public bool MustBan { get; set; }
    public ProblemState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RectifiedAt { get; set; }
    public DateTimeOffset? ReopenedAt { get; set; }
    public int ReopenCount { get; set; }
    public string? Note { get; set; }
    public List<AreaProblemLink> Links { get; set; } = [];

    public IEnumerable<FourMust> Musts()
    {
        if (MustRemoveHazard)
        {
            yield return FourMust.RemoveHazard;
        }
        if (MustDemolish)
        {
            yield return FourMust.Demolish;
        }
        if (MustCleanUp)
        {
            yield return FourMust.CleanUp;
        }
        if (MustBan)
        {
            yield return FourMust.Ban;
        }
    }
}

/// <summary>A ledger item or a case that concerns the problem.</summary>
public sealed class AreaProblemLink
{
    public Guid ProblemId { get; set; }
    public ProblemLinkKind Kind { get; set; }
    public Guid SubjectId { get; set; }
}

internal sealed class RemediationAreaConfigurations :
    IEntityTypeConfiguration<RemediationArea>, IEntityTypeConfiguration<RemediationAreaStreet>, IEntityTypeConfiguration<AreaProblem>, IEntityTypeConfiguration<AreaProblemLink>
{
    public void Configure(EntityTypeBuilder<RemediationArea> b)
    {
        b.ToTable("remediation_areas");
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.Note).HasMaxLength(2000);
        b.Property(a => a.CreatedBy).HasMaxLength(100);
        b.Property(a => a.Outline).HasConversion(DemolitionGeometry.PolygonWkb, DemolitionGeometry.PolygonComparer);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => a.Name).IsUnique();
        b.HasMany(a => a.Streets).WithOne().HasForeignKey(s => s.AreaId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RemediationAreaStreet> b)
    {
        b.ToTable("remediation_area_streets");
        b.HasKey(s => new { s.AreaId, s.StreetId });
        b.HasIndex(s => s.StreetId);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(s => s.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AreaProblem> b)
    {
        b.ToTable("remediation_area_problems");
        b.Property(p => p.Description).HasMaxLength(1000);
        b.Property(p => p.Note).HasMaxLength(1000);
        b.HasIndex(p => new { p.AreaId, p.Seq }).IsUnique();
        b.HasOne<RemediationArea>().WithMany().HasForeignKey(p => p.AreaId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Links).WithOne().HasForeignKey(l => l.ProblemId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AreaProblemLink> b)
    {
        b.ToTable("remediation_area_problem_links");
        b.HasKey(l => new { l.ProblemId, l.Kind, l.SubjectId });
        // The ledger item's and the case's pages look up the problems that name them.
        b.HasIndex(l => new { l.Kind, l.SubjectId });
    }
}

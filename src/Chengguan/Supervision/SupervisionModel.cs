using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Supervision;

/// <summary>A stored version of the case-file review checklist; its items and deduction rules are data (JSON of <see cref="ChecklistItem"/>).</summary>
public sealed class SupervisionChecklist
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string ItemsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>
/// A supervision plan (抽查计划): which closed files (cases and/or demolition items closed in a date range)
/// it draws from, how many per street, the seed of the draw (stored, so the draw can be repeated) and the
/// checklist version its files are scored against.
/// </summary>
public sealed class SupervisionPlan
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public bool Cases { get; set; }
    public bool Demolition { get; set; }
    public int PerStreet { get; set; }
    public long Seed { get; set; }
    public int ChecklistVersion { get; set; }
    public int? Population { get; set; }
    public DateTimeOffset? DrawnAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A sampled file of a plan (a closed case or demolition item) and its review against the checklist.</summary>
public sealed class SupervisionFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public int Seq { get; set; }
    public Guid StreetId { get; set; }
    public required string SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public required string Reference { get; set; }
    public required string Summary { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int? Score { get; set; }
    public int MaxScore { get; set; }
    public string? ResultJson { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
}

/// <summary>An on-site inspection (现场督查) of a street team's work: when, where, by whom, what was found (photos through Evidence).</summary>
public sealed class SupervisionInspection
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid StreetId { get; set; }
    public Guid OwnerUnitId { get; set; }
    public DateOnly On { get; set; }
    public required string Place { get; set; }
    public required string Inspectors { get; set; }
    public required string InspectorIds { get; set; }
    public string? Summary { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A finding of a file review or an inspection, and the rectification item it became.</summary>
public sealed class SupervisionFinding
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? FileId { get; set; }
    public Guid? InspectionId { get; set; }
    public Guid StreetId { get; set; }
    public Guid OwnerUnitId { get; set; }
    public string? ItemCode { get; set; }
    public required string Text { get; set; }
    public Guid? RectificationItemId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

internal sealed class SupervisionConfigurations :
    IEntityTypeConfiguration<SupervisionChecklist>, IEntityTypeConfiguration<SupervisionPlan>, IEntityTypeConfiguration<SupervisionFile>,
    IEntityTypeConfiguration<SupervisionInspection>, IEntityTypeConfiguration<SupervisionFinding>
{
    public void Configure(EntityTypeBuilder<SupervisionChecklist> b)
    {
        b.ToTable("supervision_checklists");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.ItemsJson).HasMaxLength(20000);
        b.Property(c => c.CreatedBy).HasMaxLength(100);
        b.HasIndex(c => c.Version).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SupervisionPlan> b)
    {
        b.ToTable("supervision_plans");
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.HasIndex(p => p.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<SupervisionFile> b)
    {
        b.ToTable("supervision_files");
        b.Property(f => f.SubjectType).HasMaxLength(20);
        b.Property(f => f.Reference).HasMaxLength(40);
        b.Property(f => f.Summary).HasMaxLength(200);
        b.Property(f => f.ResultJson).HasMaxLength(8000);
        b.Property(f => f.ReviewedBy).HasMaxLength(100);
        b.HasIndex(f => new { f.PlanId, f.Seq }).IsUnique();
        b.HasIndex(f => new { f.PlanId, f.SubjectId }).IsUnique();
        b.HasIndex(f => new { f.StreetId, f.PlanId });
        b.HasOne<SupervisionPlan>().WithMany().HasForeignKey(f => f.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(f => f.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SupervisionInspection> b)
    {
        b.ToTable("supervision_inspections");
        b.Property(i => i.Place).HasMaxLength(200);
        b.Property(i => i.Inspectors).HasMaxLength(400);
        b.Property(i => i.InspectorIds).HasMaxLength(1000);
        b.Property(i => i.Summary).HasMaxLength(1000);
        b.Property(i => i.CreatedBy).HasMaxLength(100);
        b.HasIndex(i => new { i.OwnerUnitId, i.On });
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(i => i.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(i => i.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SupervisionFinding> b)
    {
        b.ToTable("supervision_findings");
        b.Property(f => f.ItemCode).HasMaxLength(16);
        b.Property(f => f.Text).HasMaxLength(1000);
        b.Property(f => f.CreatedBy).HasMaxLength(100);
        b.HasIndex(f => f.FileId);
        b.HasIndex(f => f.InspectionId);
        b.HasIndex(f => new { f.OwnerUnitId, f.CreatedAt });
        b.HasOne<SupervisionFile>().WithMany().HasForeignKey(f => f.FileId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SupervisionInspection>().WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(f => f.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The index the draw reads the closed cases through (state, closed time, street, id): a range scan of the
/// index alone, with no row look-ups, over a million closed cases. Declared here because only the draw needs it.
/// </summary>
internal sealed class SupervisionCaseIndex : IEntityTypeConfiguration<Cases.Case>
{
    public void Configure(EntityTypeBuilder<Cases.Case> b) =>
        b.HasIndex(c => new { c.State, c.ClosedAt, c.StreetId, c.Id }).HasDatabaseName("IX_cases_supervision_draw");
}

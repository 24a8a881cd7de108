using Chengguan.Infrastructure.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Rectification;

/// <summary>整改工作方案: one per period (2026H2), holding the items that answer the survey's weak cells.</summary>
public sealed class RectificationPlan
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Period { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>
/// One item of a plan: the problem, the measure the owner unit writes, the owner unit and the
/// deadline. <see cref="DueAt"/> is the clock's due time (copied when the clock starts) so that the
/// board's lights need no clock query per row.
/// </summary>
public sealed class RectificationItem : IWorkflowSubject
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public required string Problem { get; set; }
    public string? Measure { get; set; }
    public Guid OwnerUnitId { get; set; }
    public Guid? StreetId { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public RectificationState State { get; set; }
    public int Percent { get; set; }
    public DateTimeOffset? OverdueWarnedAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A survey cell (indicator × street) an item answers; the survey itself lives in Satisfaction, so the cell is copied, not referenced.</summary>
public sealed class RectificationCell
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public Guid? SurveyId { get; set; }
    public required string IndicatorCode { get; set; }
    public required string IndicatorName { get; set; }
    public Guid StreetId { get; set; }
    public double? Score { get; set; }
    public double? DistrictMean { get; set; }
}

/// <summary>A progress report of the owner unit: what was done, as of which day, how far (percent), by whom.</summary>
public sealed class RectificationReport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public DateOnly On { get; set; }
    public required string Text { get; set; }
    public int Percent { get; set; }
    public string? ById { get; set; }
    public string? ByName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A timeline line of an item (the workflow engine's <see cref="TimelineLine{TState}"/>).</summary>
public sealed class RectificationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public int Seq { get; set; }
    public required string Action { get; set; }
    public required string Label { get; set; }
    public RectificationState? FromState { get; set; }
    public RectificationState? ToState { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Note { get; set; }
    public string? DataJson { get; set; }
}

internal sealed class RectificationConfigurations :
    IEntityTypeConfiguration<RectificationPlan>, IEntityTypeConfiguration<RectificationItem>, IEntityTypeConfiguration<RectificationCell>,
    IEntityTypeConfiguration<RectificationReport>, IEntityTypeConfiguration<RectificationEvent>
{
    public void Configure(EntityTypeBuilder<RectificationPlan> b)
    {
        b.ToTable("rectification_plans");
        b.Property(p => p.Period).HasMaxLength(16);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.HasIndex(p => p.Period).IsUnique();
    }

    public void Configure(EntityTypeBuilder<RectificationItem> b)
    {
        b.ToTable("rectification_items");
        b.Property(i => i.Problem).HasMaxLength(1000);
        b.Property(i => i.Measure).HasMaxLength(2000);
        b.Property(i => i.VerifiedBy).HasMaxLength(100);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.PlanId, i.Number }).IsUnique();
        b.HasIndex(i => new { i.OwnerUnitId, i.State });
        b.HasOne<RectificationPlan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(i => i.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(i => i.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RectificationCell> b)
    {
        b.ToTable("rectification_cells");
        b.Property(c => c.IndicatorCode).HasMaxLength(32);
        b.Property(c => c.IndicatorName).HasMaxLength(100);
        b.HasIndex(c => c.ItemId);
        b.HasOne<RectificationItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RectificationReport> b)
    {
        b.ToTable("rectification_reports");
        b.Property(r => r.Text).HasMaxLength(2000);
        b.Property(r => r.ById).HasMaxLength(64);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.HasIndex(r => new { r.ItemId, r.At });
        b.HasOne<RectificationItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RectificationEvent> b)
    {
        b.ToTable("rectification_events");
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Label).HasMaxLength(60);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.Property(e => e.DataJson).HasMaxLength(4000);
        b.HasIndex(e => new { e.ItemId, e.Seq }).IsUnique();
        b.HasOne<RectificationItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

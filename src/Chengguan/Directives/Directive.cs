using Chengguan.Infrastructure.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Directives;

/// <summary>Where a directive comes from (区委, 区政府, 局领导, 本局承诺…): reference data, more can be added.</summary>
public sealed class DirectiveSource
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>How a directive's deadline is counted on the clock engine.</summary>
public enum DeadlineKind
{
    /// <summary>自然日: due at the end of the deadline's day.</summary>
    NaturalDays,

    /// <summary>工作日: counted on the versioned working calendar; the deadline is the due time's day.</summary>
    WorkingDays,
}

/// <summary>
/// 督办事项: an instruction or a commitment tracked to its close-out (销号). <see cref="DueAt"/> is the
/// deadline clock's due time (copied when the clock starts or is extended) so the boards need no clock
/// query per row; <see cref="Asap"/> marks "尽快" with <see cref="Deadline"/> as the set target date.
/// </summary>
public sealed class Directive : IWorkflowSubject
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Number { get; set; }
    public Guid SourceId { get; set; }
    public string? Reference { get; set; }
    public required string Text { get; set; }
    public Guid OwnerUnitId { get; set; }
    public Guid LeaderPersonId { get; set; }
    public DeadlineKind DeadlineKind { get; set; }
    public bool Asap { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DirectiveState State { get; set; }
    public int Percent { get; set; }

    /// <summary>The extension the owner asked for (in the deadline's unit) while it waits for approval.</summary>
    public int? PendingDays { get; set; }
    public int Extensions { get; set; }
    public DateTimeOffset? OwnerWarnedAt { get; set; }
    public DateTimeOffset? LeaderWarnedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A unit sharing the work (协办单位): it sees the directive and reports progress; the owner moves it.</summary>
public sealed class DirectiveCoOwner
{
    public Guid DirectiveId { get; set; }
    public Guid UnitId { get; set; }
}

/// <summary>A step of the work with its own date (阶段节点); done when the owner says so.</summary>
public sealed class DirectiveMilestone
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DirectiveId { get; set; }
    public int Seq { get; set; }
    public required string Title { get; set; }
    public DateOnly Due { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? DoneBy { get; set; }
}

/// <summary>A progress report (进展报送): what was done, as of which day, how far, by whom.</summary>
public sealed class DirectiveReport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DirectiveId { get; set; }
    public DateOnly On { get; set; }
    public required string Text { get; set; }
    public int Percent { get; set; }
    public string? ById { get; set; }
    public string? ByName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A timeline line of a directive (the workflow engine's <see cref="TimelineLine{TState}"/>).</summary>
public sealed class DirectiveEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DirectiveId { get; set; }
    public int Seq { get; set; }
    public required string Action { get; set; }
    public required string Label { get; set; }
    public DirectiveState? FromState { get; set; }
    public DirectiveState? ToState { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Note { get; set; }
    public string? DataJson { get; set; }
}

internal sealed class DirectiveConfigurations :
    IEntityTypeConfiguration<DirectiveSource>, IEntityTypeConfiguration<Directive>, IEntityTypeConfiguration<DirectiveCoOwner>,
    IEntityTypeConfiguration<DirectiveMilestone>, IEntityTypeConfiguration<DirectiveReport>, IEntityTypeConfiguration<DirectiveEvent>
{
    public void Configure(EntityTypeBuilder<DirectiveSource> b)
    {
        b.ToTable("directive_sources");
        b.Property(s => s.Code).HasMaxLength(32);
        b.Property(s => s.Name).HasMaxLength(50);
        b.HasIndex(s => s.Code).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Directive> b)
    {
        b.ToTable("directives");
        b.Property(d => d.Reference).HasMaxLength(200);
        b.Property(d => d.Text).HasMaxLength(2000);
        b.Property(d => d.DeadlineKind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(24);
        b.Property(d => d.ApprovedBy).HasMaxLength(100);
        b.Property(d => d.CreatedBy).HasMaxLength(100);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => d.Number).IsUnique();
        b.HasIndex(d => new { d.OwnerUnitId, d.State });
        b.HasIndex(d => d.LeaderPersonId);
        b.HasIndex(d => new { d.State, d.DueAt });
        b.HasOne<DirectiveSource>().WithMany().HasForeignKey(d => d.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(d => d.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Person>().WithMany().HasForeignKey(d => d.LeaderPersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<DirectiveCoOwner> b)
    {
        b.ToTable("directive_co_owners");
        b.HasKey(c => new { c.DirectiveId, c.UnitId });
        b.HasIndex(c => c.UnitId);
        b.HasOne<Directive>().WithMany().HasForeignKey(c => c.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<DirectiveMilestone> b)
    {
        b.ToTable("directive_milestones");
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.DoneBy).HasMaxLength(100);
        b.HasIndex(m => new { m.DirectiveId, m.Seq }).IsUnique();
        b.HasOne<Directive>().WithMany().HasForeignKey(m => m.DirectiveId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DirectiveReport> b)
    {
        b.ToTable("directive_reports");
        b.Property(r => r.Text).HasMaxLength(2000);
        b.Property(r => r.ById).HasMaxLength(64);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.HasIndex(r => new { r.DirectiveId, r.At });
        b.HasIndex(r => r.On);
        b.HasOne<Directive>().WithMany().HasForeignKey(r => r.DirectiveId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DirectiveEvent> b)
    {
        b.ToTable("directive_events");
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Label).HasMaxLength(60);
        b.Property(e => e.FromState).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.ToState).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.Property(e => e.DataJson).HasMaxLength(4000);
        b.HasIndex(e => new { e.DirectiveId, e.Seq }).IsUnique();
        b.HasOne<Directive>().WithMany().HasForeignKey(e => e.DirectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}

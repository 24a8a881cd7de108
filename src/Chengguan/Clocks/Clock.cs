using System.Text.Json;
using Chengguan.Clocks.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Clocks;

public enum ClockState
{
    Running,
    Paused,
    Met,
    Breached,
    Cancelled,
}

public enum ReworkMode
{
    /// <summary>Rework (返工, 重办) starts the full limit again.</summary>
    Restart,

    /// <summary>Rework resumes the clock where it stopped.</summary>
    Continue,
}

/// <summary>A step after the due time: notify a role of the responsible unit so many minutes after a breach.</summary>
public sealed record EscalationStep(string Role, int AfterDueMinutes);

/// <summary>
/// A versioned rule for one kind of clock: which event starts and stops it, its limit, when it
/// warns and to whom it escalates. A new version never changes clocks already running on an old one.
/// </summary>
public sealed class ClockPolicy
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    public required string Name { get; set; }
    public required string StartEvent { get; set; }
    public required string StopEvent { get; set; }
    public TimeLimitKind Kind { get; set; }
    public int Amount { get; set; }
    public int WarnPercent { get; set; } = 80;
    public string EscalationsJson { get; set; } = "[]";
    public ReworkMode Rework { get; set; }
    public string Calendar { get; set; } = CalendarVersion.DefaultName;
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public TimeLimit Limit => new(Amount, Kind);

    // Parsed once per JSON text: the sweeper asks for the steps of every clock it touches.
    private (string Json, IReadOnlyList<EscalationStep> Steps)? _escalations;

    public IReadOnlyList<EscalationStep> Escalations
    {
        get
        {
            if (_escalations is not { } cached || !ReferenceEquals(cached.Json, EscalationsJson))
            {
                _escalations = cached = (EscalationsJson, JsonSerializer.Deserialize<List<EscalationStep>>(EscalationsJson, JsonSerializerOptions.Web) ?? []);
            }
            return cached.Steps;
        }
    }
}

/// <summary>
/// One clock of one subject (a case, a demolition step…). Due, warning and next-check times are
/// materialised from the ledger so that the sweeper finds due clocks through one index.
/// </summary>
public sealed class Clock
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public required string Kind { get; set; }
    public Guid PolicyId { get; set; }
    public ClockPolicy? Policy { get; set; }
    public Guid CalendarVersionId { get; set; }

    /// <summary>The unit answerable for the subject; warnings and escalations go to its people.</summary>
    public Guid? UnitId { get; set; }
    public ClockState State { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? WarnAt { get; set; }
    public DateTimeOffset? BreachedAt { get; set; }

    /// <summary>When the sweeper must look next; null while paused or once nothing is left to record.</summary>
    public DateTimeOffset? NextCheckAt { get; set; }
    public string? NextStep { get; set; }
    public bool Provisional { get; set; }
    public long? ConsumedMinutes { get; set; }
    public long? MarginMinutes { get; set; }
    public int LedgerCount { get; set; }
    public List<ClockLedgerEntry> Ledger { get; set; } = [];
}

/// <summary>An append-only line of a clock's history; the clock's times are always recomputed from these.</summary>
public sealed class ClockLedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ClockId { get; set; }
    public int Seq { get; set; }
    public LedgerType Type { get; set; }
    public DateTimeOffset At { get; set; }
    public int Amount { get; set; }
    public string? Actor { get; set; }
    public string? Approver { get; set; }
    public string? Reason { get; set; }
    public Guid? CalendarVersionId { get; set; }
}

/// <summary>A warning, breach or escalation recorded once: unique on (clock, step, due time).</summary>
public sealed class ClockEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ClockId { get; set; }
    public required string Step { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the step fell due; after downtime this is earlier than <see cref="RecordedAt"/>.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ClockConfigurations :
    IEntityTypeConfiguration<ClockPolicy>, IEntityTypeConfiguration<Clock>, IEntityTypeConfiguration<ClockLedgerEntry>, IEntityTypeConfiguration<ClockEvent>
{
    public void Configure(EntityTypeBuilder<ClockPolicy> b)
    {
        b.ToTable("clock_policies");
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.StartEvent).HasMaxLength(64);
        b.Property(p => p.StopEvent).HasMaxLength(64);
        b.Property(p => p.EscalationsJson).HasMaxLength(2000);
        b.Property(p => p.Calendar).HasMaxLength(64);
        b.Ignore(p => p.Limit);
        b.Ignore(p => p.Escalations);
        b.HasIndex(p => new { p.Code, p.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Clock> b)
    {
        b.ToTable("clocks");
        b.Property(c => c.SubjectType).HasMaxLength(32);
        b.Property(c => c.Kind).HasMaxLength(64);
        b.Property(c => c.NextStep).HasMaxLength(64);
        b.HasIndex(c => new { c.SubjectType, c.SubjectId, c.Kind }).IsUnique();
        // The sweeper's index holds only clocks with something left to record.
        b.HasIndex(c => c.NextCheckAt).HasFilter("\"NextCheckAt\" IS NOT NULL");
        b.HasIndex(c => new { c.State, c.DueAt });
        // KPIs count clocks met or breached within a period; the rollups' reader counts the open ones (StoppedAt null)
        // due in a period, which the due time in the key finds without reading every open clock.
        b.HasIndex(c => new { c.State, c.StoppedAt, c.DueAt });
        b.HasOne(c => c.Policy).WithMany().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CalendarVersion>().WithMany().HasForeignKey(c => c.CalendarVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Ledger).WithOne().HasForeignKey(l => l.ClockId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ClockLedgerEntry> b)
    {
        b.ToTable("clock_ledger");
        b.Property(l => l.Actor).HasMaxLength(100);
        b.Property(l => l.Approver).HasMaxLength(100);
        b.Property(l => l.Reason).HasMaxLength(500);
        b.HasIndex(l => new { l.ClockId, l.Seq }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ClockEvent> b)
    {
        b.ToTable("clock_events");
        b.Property(e => e.Step).HasMaxLength(64);
        b.HasIndex(e => new { e.ClockId, e.Step, e.DueAt }).IsUnique();
    }
}

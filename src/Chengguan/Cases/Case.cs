using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Cases;

public enum CaseChannel
{
    Hotline12345,
    Hotline12319,
    Patrol,
    GridInspector,
    ResidentsCommittee,
    LeadershipInstruction,
    Media,
    Open311,
    Other,
}

/// <summary>The hotline platform's own names for its two channels, as its orders, receipts, urge paths and webhooks carry them.</summary>
public static class HotlineChannelText
{
    public const string Citizen = "12345";
    public const string Construction = "12319";

    /// <summary>"12345" or "12319" for a hotline case; null for any other channel.</summary>
    public static string? Of(CaseChannel channel) => channel switch
    {
        CaseChannel.Hotline12345 => Citizen,
        CaseChannel.Hotline12319 => Construction,
        _ => null,
    };
}

public enum RequestType
{
    Consultation,
    Help,
    Complaint,
    Suggestion,
    Report,
}

public enum Urgency
{
    Normal,
    Urgent,
    Critical,
}

public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

/// <summary>
/// One case, whatever its channel. Its state moves only through <see cref="CaseWorkflow"/>;
/// <see cref="Version"/> is the optimistic concurrency token that lets exactly one of many
/// simultaneous moves win.
/// </summary>
public sealed class Case : Chengguan.Infrastructure.Workflow.IWorkflowSubject
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; set; }
    public CaseRoute Route { get; set; }
    public CaseChannel Channel { get; set; }

    /// <summary>The source's own number (a 12345 order number), unique per channel.</summary>
    public string? ExternalNumber { get; set; }

    /// <summary>
    /// The integration whose case this is ("hotline", "open311:client-id"; see Identity/Integrations):
    /// the one that filed it, or that owns its channel. Null for cases staff registered. An API key
    /// reads and acts only on its own integration's cases.
    /// </summary>
    public string? Integration { get; set; }
    public RequestType? RequestType { get; set; }
    public Urgency Urgency { get; set; }
    public string? CategoryCode { get; set; }
    public string? ConditionCode { get; set; }
    public required string Description { get; set; }
    public string? Address { get; set; }

    /// <summary>WGS 84, whatever the reporter sent (GCJ-02 and BD-09 are converted on intake).</summary>
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    public Guid? GridId { get; set; }
    public string? GridCode { get; set; }
    public Guid? CommunityId { get; set; }
    public Guid? StreetId { get; set; }

    /// <summary>The unit answerable now; scope checks and clock notifications go through it.</summary>
    public Guid? UnitId { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterPhone { get; set; }
    public string Tags { get; set; } = "";

    public CaseState State { get; set; }
    public CaseState? StateBeforeSuspension { get; set; }

    /// <summary>The clock policies this case runs on: the limits depend on request type and category.</summary>
    public string? HandlingPolicy { get; set; }
    public string? DisposalPolicy { get; set; }

    public bool Supervised { get; set; }
    public DateTimeOffset? SuperviseDeadline { get; set; }
    public int? ExtensionRequested { get; set; }

    /// <summary>A reply waiting for a leader's approval (JSON: reply and checklist), and who wrote it.</summary>
    public string? PendingReply { get; set; }
    public string? PendingReplyBy { get; set; }
    public Guid? ParentId { get; set; }
    public Satisfaction? Satisfaction { get; set; }
    public bool? Resolved { get; set; }
    public int? Rating { get; set; }
    public int ReworkCount { get; set; }
    public int ReplyReturnedCount { get; set; }
    public int UrgeCount { get; set; }

    /// <summary>The district department that answers for the case (<see cref="CaseDepartment"/> code), named when it was returned as outside city management.</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>When <see cref="DepartmentCode"/> was named: the district report counts a case in the period of this moment.</summary>
    public DateTimeOffset? DepartmentAt { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One line of a case's timeline: every transition, urge and note, append-only.</summary>
public sealed class CaseEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public int Seq { get; set; }
    public required string Action { get; set; }
    public required string Label { get; set; }
    public CaseState? FromState { get; set; }
    public CaseState? ToState { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Note { get; set; }

    /// <summary>The action's fields as sent (without the reporter's personal data).</summary>
    public string? DataJson { get; set; }
}

/// <summary>The next case number of a district and year.</summary>
public sealed class CaseSequence
{
    public required string Prefix { get; set; }
    public int Year { get; set; }
    public int Next { get; set; }
}

internal sealed class CaseConfigurations : IEntityTypeConfiguration<Case>, IEntityTypeConfiguration<CaseEvent>, IEntityTypeConfiguration<CaseSequence>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("cases");
        b.Property(c => c.Number).HasMaxLength(24);
        b.Property(c => c.ExternalNumber).HasMaxLength(64);
        b.Property(c => c.Integration).HasMaxLength(Identity.Integrations.MaxLength);
        b.Property(c => c.CategoryCode).HasMaxLength(32);
        b.Property(c => c.ConditionCode).HasMaxLength(8);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.GridCode).HasMaxLength(15);
        b.Property(c => c.ReporterName).HasMaxLength(100);
        b.Property(c => c.ReporterPhone).HasMaxLength(40);
        b.Property(c => c.Tags).HasMaxLength(500);
        b.Property(c => c.HandlingPolicy).HasMaxLength(64);
        b.Property(c => c.DisposalPolicy).HasMaxLength(64);
        b.Property(c => c.PendingReply).HasMaxLength(8000);
        b.Property(c => c.PendingReplyBy).HasMaxLength(100);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => new { c.Channel, c.ExternalNumber }).IsUnique().HasFilter("\"ExternalNumber\" IS NOT NULL");
        b.HasIndex(c => new { c.State, c.ReportedAt, c.Id });
        b.HasIndex(c => new { c.StreetId, c.ReportedAt, c.Id });
        b.HasIndex(c => new { c.UnitId, c.State });
        b.HasIndex(c => new { c.ReportedAt, c.Id });
        // The case list's grid and category filters walk newest first, like street (measured over 1M cases).
        b.HasIndex(c => new { c.GridCode, c.ReportedAt, c.Id });
        b.HasIndex(c => new { c.CategoryCode, c.ReportedAt, c.Id });
        b.HasIndex(c => c.ParentId);
        b.Property(c => c.DepartmentCode).HasMaxLength(32);
        // The district report counts tagged cases per department and period: a partial index holds the few tagged ones only.
        b.HasIndex(c => new { c.DepartmentAt, c.DepartmentCode }).HasFilter("\"DepartmentCode\" IS NOT NULL");
    }

    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("case_events");
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Label).HasMaxLength(40);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(2000);
        b.Property(e => e.DataJson).HasMaxLength(8000);
        b.HasIndex(e => new { e.CaseId, e.Seq }).IsUnique();
        // KPIs count timeline lines by action within a period.
        b.HasIndex(e => new { e.Action, e.At });
        b.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CaseSequence> b)
    {
        b.ToTable("case_sequences");
        b.HasKey(s => new { s.Prefix, s.Year });
        b.Property(s => s.Prefix).HasMaxLength(8);
    }
}

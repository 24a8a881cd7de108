using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Demolition.Briefings;

public enum BriefingKind
{
    Weekly,
    Monthly,
    OnDemand,
}

/// <summary>
/// A briefing (通报): streets ranked by completion rate against one basis (a task batch, or a plan
/// year) as of one moment, kept with its Excel and PDF files (bytes in the evidence store).
/// </summary>
public sealed class Briefing
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public BriefingKind Kind { get; set; }

    /// <summary>"task:{id}" or "plan:{id}:{year}"; briefings of one basis form the series the interview rule reads.</summary>
    public required string BasisKey { get; set; }

    /// <summary>ISO week (2031-W19), month (2031-05) or, on demand, the moment; unique per kind and basis.</summary>
    public required string PeriodKey { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset AsOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public required string RowsJson { get; set; }
    public required string XlsxSha256 { get; set; }
    public long XlsxSize { get; set; }
    public required string PdfSha256 { get; set; }
    public long PdfSize { get; set; }
}

public enum InterviewState
{
    Proposed,
    Held,
    Dismissed,
}

/// <summary>An interview (约谈) with a lagging street, proposed by the rule or by a leader, then recorded.</summary>
public sealed class Interview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid StreetId { get; set; }
    public string? BasisKey { get; set; }
    public Guid? BriefingId { get; set; }
    public InterviewState State { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public DateOnly? HeldOn { get; set; }
    public string? Participants { get; set; }
    public string? Summary { get; set; }
    public string? RecordedBy { get; set; }
    public List<InterviewCommitment> Commitments { get; set; } = [];
}

/// <summary>A commitment made at an interview; its deadline runs on a natural-day clock with warnings and breach notices.</summary>
public sealed class InterviewCommitment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid InterviewId { get; set; }
    public required string Text { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneNote { get; set; }
}

internal sealed class BriefingConfigurations :
    IEntityTypeConfiguration<Briefing>, IEntityTypeConfiguration<Interview>, IEntityTypeConfiguration<InterviewCommitment>
{
    public void Configure(EntityTypeBuilder<Briefing> b)
    {
        b.ToTable("demolition_briefings");
        b.Property(x => x.BasisKey).HasMaxLength(100);
        b.Property(x => x.PeriodKey).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(100);
        b.Property(x => x.XlsxSha256).HasMaxLength(64);
        b.Property(x => x.PdfSha256).HasMaxLength(64);
        // A scheduled briefing is made once per period, whichever node gets there first.
        b.HasIndex(x => new { x.Kind, x.BasisKey, x.PeriodKey }).IsUnique();
        b.HasIndex(x => new { x.BasisKey, x.AsOf });
    }

    public void Configure(EntityTypeBuilder<Interview> b)
    {
        b.ToTable("demolition_interviews");
        b.Property(x => x.BasisKey).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.Participants).HasMaxLength(1000);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.StreetId, x.State });
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Commitments).WithOne().HasForeignKey(c => c.InterviewId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<InterviewCommitment> b)
    {
        b.ToTable("demolition_commitments");
        b.Property(x => x.Text).HasMaxLength(500);
        b.Property(x => x.DoneNote).HasMaxLength(1000);
    }
}

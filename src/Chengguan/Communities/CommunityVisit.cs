using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Communities;

/// <summary>走访 (a visit to the committee) or 执法进小区 (an enforcement operation in the community).</summary>
public enum VisitKind
{
    Visit,
    Enforcement,
}

/// <summary>
/// A visit to a residents' committee (走访) or an enforcement operation in its community (执法进小区): who went,
/// who attended, what was discussed or done, the problems raised (each may become a case) and the feedback
/// given back to the committee.
/// </summary>
public sealed class CommunityVisit
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public VisitKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public Guid CommitteeId { get; set; }

    /// <summary>The committee's street, kept on the row so that the register filters and counts by street without a join.</summary>
    public Guid StreetId { get; set; }
    public Guid OfficerId { get; set; }
    public string Attendees { get; set; } = "";

    /// <summary>What was discussed (走访) or what was done (执法进小区).</summary>
    public string Topics { get; set; } = "";
    public string? Feedback { get; set; }
    public DateOnly? FeedbackOn { get; set; }
    public string? FeedbackBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public List<VisitProblem> Problems { get; set; } = [];
}

/// <summary>A problem the committee raised on a visit; <see cref="CaseId"/> once it was turned into a case.</summary>
public sealed class VisitProblem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid VisitId { get; set; }
    public int Seq { get; set; }
    public required string Description { get; set; }
    public string? Address { get; set; }
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    public Guid? CaseId { get; set; }
    public string? CaseNumber { get; set; }
    public DateTimeOffset? CaseOpenedAt { get; set; }
}

internal sealed class CommunityVisitConfiguration : IEntityTypeConfiguration<CommunityVisit>
{
    public void Configure(EntityTypeBuilder<CommunityVisit> b)
    {
        b.ToTable("community_visits");
        b.Property(v => v.Attendees).HasMaxLength(500);
        b.Property(v => v.Topics).HasMaxLength(2000);
        b.Property(v => v.Feedback).HasMaxLength(2000);
        b.Property(v => v.FeedbackBy).HasMaxLength(100);
        b.Property(v => v.RecordedBy).HasMaxLength(100);
        b.HasIndex(v => new { v.StreetId, v.Date });
        b.HasIndex(v => new { v.CommitteeId, v.Date });
        b.HasIndex(v => new { v.OfficerId, v.Date });
        b.HasOne<Unit>().WithMany().HasForeignKey(v => v.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(v => v.StreetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(v => v.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Problems).WithOne().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitProblemConfiguration : IEntityTypeConfiguration<VisitProblem>
{
    public void Configure(EntityTypeBuilder<VisitProblem> b)
    {
        b.ToTable("community_visit_problems");
        b.Property(p => p.Description).HasMaxLength(1000);
        b.Property(p => p.Address).HasMaxLength(300);
        b.Property(p => p.CaseNumber).HasMaxLength(40);
        b.HasIndex(p => new { p.VisitId, p.Seq }).IsUnique();
        b.HasIndex(p => p.CaseId);
    }
}

using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Communities;

/// <summary>联络员 (the one officer answerable for a committee) or 副联络员 (the optional deputy).</summary>
public enum LiaisonRole
{
    Liaison,
    Deputy,
}

/// <summary>
/// One period during which a person is a residents' committee's liaison officer (or deputy). The register is
/// history: a change closes the previous row (<see cref="ValidTo"/>) and adds a new one; nothing is overwritten.
/// A row without <see cref="ValidTo"/> is active; a filtered unique index keeps one active row per committee and role.
/// </summary>
public sealed class LiaisonAssignment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CommitteeId { get; set; }
    public Guid PersonId { get; set; }
    public LiaisonRole Role { get; set; }

    /// <summary>First day of the assignment (Asia/Shanghai date).</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>The day it ended (the successor's first day when changed); null while active.</summary>
    public DateOnly? ValidTo { get; set; }
    public string? EndReason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
}

internal sealed class LiaisonAssignmentConfiguration : IEntityTypeConfiguration<LiaisonAssignment>
{
    public void Configure(EntityTypeBuilder<LiaisonAssignment> b)
    {
        b.ToTable("community_liaisons");
        b.Property(a => a.EndReason).HasMaxLength(200);
        b.Property(a => a.RecordedBy).HasMaxLength(100);
        b.Property(a => a.EndedBy).HasMaxLength(100);
        // Two active rows for one committee and role are refused by the database too, not only by the door.
        b.HasIndex(a => new { a.CommitteeId, a.Role }).IsUnique().HasFilter("\"ValidTo\" IS NULL");
        b.HasIndex(a => new { a.CommitteeId, a.ValidFrom });
        b.HasIndex(a => a.PersonId);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.CommitteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

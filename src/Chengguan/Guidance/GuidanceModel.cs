using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Guidance;

/// <summary>指导意见、执法口径、案例指引.</summary>
public enum GuidanceKind
{
    Opinion,
    Ruling,
    CaseGuide,
}

/// <summary>A guidance note or ruling (业务指导) sent by the bureau to street teams and squads.</summary>
public sealed class GuidanceNote
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public GuidanceKind Kind { get; set; }
    public required string Body { get; set; }
    public string? IssuedBy { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>A unit a note is sent to, and its read confirmation (已阅): who of that unit confirmed, and when.</summary>
public sealed class GuidanceTarget
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid NoteId { get; set; }
    public Guid UnitId { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public string? ConfirmedByUserId { get; set; }
}

internal sealed class GuidanceNoteConfiguration : IEntityTypeConfiguration<GuidanceNote>
{
    public void Configure(EntityTypeBuilder<GuidanceNote> b)
    {
        b.ToTable("guidance_notes");
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(20000);
        b.Property(n => n.IssuedBy).HasMaxLength(100);
        b.HasIndex(n => n.IssuedAt);
    }
}

internal sealed class GuidanceTargetConfiguration : IEntityTypeConfiguration<GuidanceTarget>
{
    public void Configure(EntityTypeBuilder<GuidanceTarget> b)
    {
        b.ToTable("guidance_targets");
        b.Property(t => t.ConfirmedBy).HasMaxLength(100);
        b.Property(t => t.ConfirmedByUserId).HasMaxLength(450);
        b.HasIndex(t => new { t.NoteId, t.UnitId }).IsUnique();
        b.HasIndex(t => t.UnitId);
        b.HasOne<GuidanceNote>().WithMany().HasForeignKey(t => t.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

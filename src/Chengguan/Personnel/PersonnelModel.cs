using Chengguan.Selection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Personnel;

/// <summary>
/// A step of a career (干部任免与交流): what the report calls coming in and going out (调入/调出), rising and
/// stepping down (晋升/降职), rotating and exchanging (轮岗/交流/挂职).
/// </summary>
public enum CareerKind
{
    Appointment,
    Promotion,
    Demotion,
    Rotation,
    Exchange,
    Secondment,
    TransferIn,
    TransferOut,
    Retirement,
}

/// <summary>
/// The file's facts about a person that selection and the talent pool judge by (职级、参加工作时间、学历、证书).
/// One row per person of the register; changed in place, every change audited.
/// </summary>
public sealed class PersonnelProfile
{
    public Guid PersonId { get; init; }
    public CadreGrade Grade { get; set; }
    public DateOnly ServiceSince { get; set; }
    public Education Education { get; set; }

    /// <summary>Certificate names joined by 、 (as Selection stores them).</summary>
    public string Certificates { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// One step of a person's career, recorded and never rewritten: a later step closes the open one before it
/// (its <see cref="Until"/>), and a mistake is corrected by a new entry with a note, not by an edit.
/// Selection's confirmed results are read from Selection as steps of their own; they are not copied here.
/// </summary>
public sealed class CareerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public CareerKind Kind { get; set; }

    /// <summary>A unit of the register; null for a unit outside the bureau (an exchange to another department).</summary>
    public Guid? UnitId { get; set; }
    public required string UnitName { get; set; }
    public required string Post { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>Membership of the talent pool (人才培养蓄水池): on a track from a day, with the reason, until it ends.</summary>
public sealed class TalentPoolEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public required string Track { get; set; }
    public required string Reason { get; set; }
    public DateOnly AddedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? LeftReason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

internal sealed class PersonnelConfigurations :
    IEntityTypeConfiguration<PersonnelProfile>, IEntityTypeConfiguration<CareerEntry>, IEntityTypeConfiguration<TalentPoolEntry>
{
    public void Configure(EntityTypeBuilder<PersonnelProfile> b)
    {
        b.ToTable("personnel_profiles");
        b.HasKey(p => p.PersonId);
        b.Property(p => p.Certificates).HasMaxLength(500);
        b.Property(p => p.UpdatedBy).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<CareerEntry> b)
    {
        b.ToTable("career_entries");
        b.Property(c => c.UnitName).HasMaxLength(100);
        b.Property(c => c.Post).HasMaxLength(100);
        b.Property(c => c.Note).HasMaxLength(500);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.HasIndex(c => new { c.PersonId, c.From });
    }

    public void Configure(EntityTypeBuilder<TalentPoolEntry> b)
    {
        b.ToTable("talent_pool");
        b.Property(t => t.Track).HasMaxLength(50);
        b.Property(t => t.Reason).HasMaxLength(500);
        b.Property(t => t.LeftReason).HasMaxLength(500);
        b.Property(t => t.RecordedBy).HasMaxLength(100);
        b.HasIndex(t => new { t.PersonId, t.AddedOn });
    }
}

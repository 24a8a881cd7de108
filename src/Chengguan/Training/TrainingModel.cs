using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Training;

/// <summary>The four kinds of course the bureau runs (法律法规、执法程序、业务技能、廉政) and any other.</summary>
public enum CourseCategory
{
    Law,
    Procedure,
    Skills,
    Integrity,
    Other,
}

/// <summary>A course (课程): its topic, category, the hours a session of it usually credits and the pass mark of its test.</summary>
public sealed class TrainingCourse
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public CourseCategory Category { get; set; }
    public double DefaultHours { get; set; }
    public int PassMark { get; set; } = 60;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>
/// A session (培训班次) of a course: when (UTC stored, Asia/Shanghai shown), where, by whom, the hours it credits,
/// how many it seats and the unit that organises it.
/// </summary>
public sealed class TrainingSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public required string Place { get; set; }
    public required string Trainer { get; set; }
    public double Hours { get; set; }
    public int Capacity { get; set; }
    public Guid OrganiserUnitId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>One person's attendance at a session: present or not, the hours credited, the test score (0–100) and whether it passed.</summary>
public sealed class TrainingAttendance
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid PersonId { get; set; }
    public bool Attended { get; set; }
    public double Hours { get; set; }
    public int? Score { get; set; }
    public bool? Passed { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>A version of the yearly training requirement for certificate holders (e.g. 40 h from a date on).</summary>
public sealed class TrainingRequirement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateOnly EffectiveFrom { get; set; }
    public double Hours { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public string? SetBy { get; set; }
}

public enum CertificateStatus
{
    Valid,
    Suspended,
    Revoked,
}

/// <summary>How close a certificate is to its expiry: more than 90 days, within 90, within 30, expired.</summary>
public enum ExpiryBand
{
    None,
    Within90,
    Within30,
    Expired,
}

/// <summary>
/// A person's enforcement certificate (执法证): one row per person, renewed in place (the audit trail keeps the
/// earlier numbers and dates). <see cref="WarnedBand"/> is the closest band already warned, so each band warns once.
/// </summary>
public sealed class EnforcementCertificate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public required string Number { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public required string Authority { get; set; }
    public CertificateStatus Status { get; set; }
    public ExpiryBand WarnedBand { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> b)
    {
        b.ToTable("training_courses");
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.CreatedBy).HasMaxLength(100);
    }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> b)
    {
        b.ToTable("training_sessions");
        b.Property(s => s.Place).HasMaxLength(200);
        b.Property(s => s.Trainer).HasMaxLength(100);
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.HasIndex(s => s.StartsAt);
        b.HasOne<TrainingCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingAttendanceConfiguration : IEntityTypeConfiguration<TrainingAttendance>
{
    public void Configure(EntityTypeBuilder<TrainingAttendance> b)
    {
        b.ToTable("training_attendance");
        b.Property(a => a.RecordedBy).HasMaxLength(100);
        b.HasIndex(a => new { a.SessionId, a.PersonId }).IsUnique();
        // The yearly hours group by person: this index serves the grouped sum.
        b.HasIndex(a => new { a.PersonId, a.SessionId });
        b.HasOne<TrainingSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrainingRequirementConfiguration : IEntityTypeConfiguration<TrainingRequirement>
{
    public void Configure(EntityTypeBuilder<TrainingRequirement> b)
    {
        b.ToTable("training_requirements");
        b.Property(r => r.Note).HasMaxLength(200);
        b.Property(r => r.SetBy).HasMaxLength(100);
        b.HasIndex(r => r.EffectiveFrom).IsUnique();
    }
}

internal sealed class EnforcementCertificateConfiguration : IEntityTypeConfiguration<EnforcementCertificate>
{
    public void Configure(EntityTypeBuilder<EnforcementCertificate> b)
    {
        b.ToTable("enforcement_certificates");
        b.Property(c => c.Number).HasMaxLength(32);
        b.Property(c => c.Authority).HasMaxLength(100);
        b.Property(c => c.UpdatedBy).HasMaxLength(100);
        b.HasIndex(c => c.PersonId).IsUnique();
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => c.ExpiresOn);
    }
}

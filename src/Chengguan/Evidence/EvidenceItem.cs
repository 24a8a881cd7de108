using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Evidence;

public enum EvidenceKind
{
    Photo,
    Video,
    Document,
}

public enum EvidencePurpose
{
    /// <summary>处置前: the problem as found.</summary>
    Before,

    /// <summary>处置后: the result, paired with a before photo.</summary>
    After,
    CheckIn,
    Other,
}

/// <summary>
/// One uploaded file of a record (a case, a demolition item…). The bytes live in the content store
/// under their SHA-256 and are never overwritten; a correction is a new item that supersedes the old.
/// </summary>
public sealed class EvidenceItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public EvidenceKind Kind { get; set; }
    public EvidencePurpose Purpose { get; set; }
    public required string ContentType { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>The copy safe to show the public (EXIF, GPS and XMP removed); equal to <see cref="Sha256"/> when nothing had to go.</summary>
    public required string PublicSha256 { get; set; }
    public long Size { get; set; }
    public required string FileName { get; set; }
    public int Version { get; set; } = 1;
    public Guid? SupersedesId { get; set; }

    /// <summary>From the photo's EXIF, when present: when it was taken (UTC) and where (WGS 84).</summary>
    public DateTimeOffset? TakenAt { get; set; }
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> b)
    {
        b.ToTable("evidence");
        b.Property(e => e.SubjectType).HasMaxLength(32);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.PublicSha256).HasMaxLength(64);
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.UploadedBy).HasMaxLength(100);
        b.HasIndex(e => new { e.SubjectType, e.SubjectId, e.UploadedAt });
        b.HasIndex(e => e.SupersedesId).IsUnique().HasFilter("\"SupersedesId\" IS NOT NULL");
    }
}

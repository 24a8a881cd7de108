using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.DistrictReports;

public enum ReportPeriodKind
{
    Month,
    Quarter,
}

/// <summary>
/// One version of the report's template, as the bureau wrote it: the title pattern, the recipients line (报送单位), the
/// opening with placeholders ({期间} {单位} …), the sections in order with each one's intro, the closing and the signature.
/// A save is a new version; reports keep the version they were written from.
/// </summary>
public sealed class DistrictReportTemplate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public required string TitlePattern { get; set; }
    public required string Recipients { get; set; }
    public required string Opening { get; set; }

    /// <summary>The sections in order: <c>[{"key":"departments","intro":"…"}, …]</c> (<see cref="TemplateSection"/>).</summary>
    public required string SectionsJson { get; set; }
    public required string Closing { get; set; }
    public required string Signature { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A generated report (定期报告) of one period: each generation of a period is a new version, never an overwrite.</summary>
public sealed class DistrictReport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ReportPeriodKind Kind { get; set; }

    /// <summary>"2026-11" or "2026-Q4".</summary>
    public required string PeriodKey { get; set; }
    public int Version { get; set; }
    public int TemplateVersion { get; set; }

    /// <summary>The serial number of the year's reports, for the 文号-like line (静城管报〔2026〕3号).</summary>
    public int Year { get; set; }
    public int Serial { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public string? GeneratedBy { get; set; }
    public required byte[] Docx { get; set; }
    public required byte[] Pdf { get; set; }
}

internal sealed class DistrictReportConfigurations : IEntityTypeConfiguration<DistrictReportTemplate>, IEntityTypeConfiguration<DistrictReport>
{
    public void Configure(EntityTypeBuilder<DistrictReportTemplate> b)
    {
        b.ToTable("district_report_templates");
        b.Property(t => t.TitlePattern).HasMaxLength(200);
        b.Property(t => t.Recipients).HasMaxLength(200);
        b.Property(t => t.Opening).HasMaxLength(4000);
        b.Property(t => t.SectionsJson).HasMaxLength(20000);
        b.Property(t => t.Closing).HasMaxLength(4000);
        b.Property(t => t.Signature).HasMaxLength(400);
        b.Property(t => t.CreatedBy).HasMaxLength(100);
        b.HasIndex(t => t.Version).IsUnique();
    }

    public void Configure(EntityTypeBuilder<DistrictReport> b)
    {
        b.ToTable("district_reports");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.PeriodKey).HasMaxLength(16);
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.GeneratedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.PeriodKey, r.Version }).IsUnique();
        b.HasIndex(r => new { r.Year, r.Serial }).IsUnique();
        b.HasIndex(r => r.GeneratedAt);
    }
}

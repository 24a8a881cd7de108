using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Assessment;

/// <summary>Who a scheme assesses: a kind of unit (街镇中队、直属中队、科室) or the officers one by one.</summary>
public enum AssessedKind
{
    StreetTeam,
    Squad,
    Section,
    Officer,
}

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

public enum PeriodState
{
    /// <summary>Being scored: results are computed live on every look.</summary>
    Open,

    /// <summary>Results frozen as a numbered version; appeals may be filed until the window closes.</summary>
    Published,
}

public enum AppealState
{
    Filed,
    Upheld,
    Rejected,
}

/// <summary>
/// One version of the scoring scheme (考核方案) of a kind: its indicators with weights and methods, its bands and
/// bonus/deduction caps, kept as JSON because a version never changes once made (a change is a new version,
/// and each period pins the versions it was scored by).
/// </summary>
public sealed class AssessmentScheme
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public AssessedKind Kind { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string ItemsJson { get; set; }
    public required string BandsJson { get; set; }
    public decimal BonusCap { get; set; }
    public decimal DeductionCap { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>An assessment period (考核周期): its dates, the scheme versions it pins, and its publication.</summary>
public sealed class AssessmentPeriod
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>The pinned scheme ids, comma-separated (one per assessed kind).</summary>
    public required string SchemeIds { get; set; }
    public int AppealDays { get; set; }
    public PeriodState State { get; set; }

    /// <summary>The number of the published result version (0 before the first publication).</summary>
    public int ResultVersion { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? AppealUntil { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A manual indicator's value given by a named assessor, with the evidence it rests on.</summary>
public sealed class AssessmentScore
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PeriodId { get; set; }
    public Guid SubjectId { get; set; }
    public required string IndicatorCode { get; set; }
    public decimal Value { get; set; }
    public required string Evidence { get; set; }
    public string? EvidenceRef { get; set; }
    public required string Assessor { get; set; }
    public string? AssessorId { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}

/// <summary>A bonus (加分, positive points) or deduction (减分, negative points) with its reason and who entered it.</summary>
public sealed class AssessmentAdjustment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PeriodId { get; set; }
    public Guid SubjectId { get; set; }
    public decimal Points { get; set; }
    public required string Reason { get; set; }
    public required string EnteredBy { get; set; }
    public string? EnteredById { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}

/// <summary>One subject's published result of one version: total, band, rank and the lines behind them (JSON).</summary>
public sealed class AssessmentResult
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PeriodId { get; set; }
    public int ResultVersion { get; set; }
    public Guid SubjectId { get; set; }
    public AssessedKind Kind { get; set; }
    public required string SubjectName { get; set; }
    public Guid? SubjectUnitId { get; set; }
    public decimal Total { get; set; }
    public required string Band { get; set; }
    public int Rank { get; set; }
    public required string LinesJson { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>An appeal (申诉) of a unit against one indicator of its published result, and its decision.</summary>
public sealed class AssessmentAppeal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PeriodId { get; set; }
    public Guid SubjectId { get; set; }
    public required string IndicatorCode { get; set; }
    public required string Grounds { get; set; }
    public required string FiledBy { get; set; }
    public string? FiledById { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public AppealState State { get; set; }

    /// <summary>The indicator's corrected value when upheld: it replaces the computed or scored value from then on.</summary>
    public decimal? CorrectedValue { get; set; }
    public string? Decision { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

internal sealed class AssessmentConfigurations :
    IEntityTypeConfiguration<AssessmentScheme>, IEntityTypeConfiguration<AssessmentPeriod>, IEntityTypeConfiguration<AssessmentScore>,
    IEntityTypeConfiguration<AssessmentAdjustment>, IEntityTypeConfiguration<AssessmentResult>, IEntityTypeConfiguration<AssessmentAppeal>
{
    public void Configure(EntityTypeBuilder<AssessmentScheme> b)
    {
        b.ToTable("assessment_schemes");
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.ItemsJson).HasMaxLength(20000);
        b.Property(s => s.BandsJson).HasMaxLength(1000);
        b.Property(s => s.BonusCap).HasPrecision(9, 2);
        b.Property(s => s.DeductionCap).HasPrecision(9, 2);
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.Kind, s.Version }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<AssessmentPeriod> b)
    {
        b.ToTable("assessment_periods");
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.SchemeIds).HasMaxLength(400);
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.HasIndex(p => p.Name).IsUnique();
        b.HasIndex(p => p.From);
    }

    public void Configure(EntityTypeBuilder<AssessmentScore> b)
    {
        b.ToTable("assessment_scores");
        b.Property(s => s.IndicatorCode).HasMaxLength(40);
        b.Property(s => s.Value).HasPrecision(12, 4);
        b.Property(s => s.Evidence).HasMaxLength(2000);
        b.Property(s => s.EvidenceRef).HasMaxLength(400);
        b.Property(s => s.Assessor).HasMaxLength(100);
        b.Property(s => s.AssessorId).HasMaxLength(100);
        b.HasIndex(s => new { s.PeriodId, s.SubjectId, s.IndicatorCode }).IsUnique();
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AssessmentAdjustment> b)
    {
        b.ToTable("assessment_adjustments");
        b.Property(a => a.Points).HasPrecision(9, 2);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.EnteredBy).HasMaxLength(100);
        b.Property(a => a.EnteredById).HasMaxLength(100);
        b.HasIndex(a => new { a.PeriodId, a.SubjectId });
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AssessmentResult> b)
    {
        b.ToTable("assessment_results");
        b.Property(r => r.SubjectName).HasMaxLength(100);
        b.Property(r => r.Total).HasPrecision(9, 2);
        b.Property(r => r.Band).HasMaxLength(20);
        b.Property(r => r.LinesJson).HasMaxLength(20000);
        b.HasIndex(r => new { r.PeriodId, r.ResultVersion, r.SubjectId }).IsUnique();
        b.HasIndex(r => new { r.SubjectId, r.PublishedAt });
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AssessmentAppeal> b)
    {
        b.ToTable("assessment_appeals");
        b.Property(a => a.IndicatorCode).HasMaxLength(40);
        b.Property(a => a.Grounds).HasMaxLength(2000);
        b.Property(a => a.FiledBy).HasMaxLength(100);
        b.Property(a => a.FiledById).HasMaxLength(100);
        b.Property(a => a.CorrectedValue).HasPrecision(12, 4);
        b.Property(a => a.Decision).HasMaxLength(2000);
        b.Property(a => a.DecidedBy).HasMaxLength(100);
        b.HasIndex(a => new { a.PeriodId, a.SubjectId });
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

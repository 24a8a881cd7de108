using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Selection;

/// <summary>Open → (match) Matched → (publish) Published → (appeal window over, appeals decided) Confirmed. An upheld appeal sends it back to Open.</summary>
public enum RoundState
{
    Open,
    Matched,
    Published,
    Confirmed,
}

/// <summary>机关双向选择竞争上岗: one round with its rules (choices allowed, the composite's weights, the tie-break, the appeal window).</summary>
public sealed class SelectionRound
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public int MaxChoices { get; set; }
    public int WeightWritten { get; set; }
    public int WeightInterview { get; set; }
    public int WeightAssessment { get; set; }
    public int WeightEvaluation { get; set; }
    public TieBreak TieBreak { get; set; }
    public int AppealDays { get; set; }
    public RoundState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? AppealUntil { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public int Version { get; set; }

    public Weights Weights => new(WeightWritten, WeightInterview, WeightAssessment, WeightEvaluation);
}

/// <summary>A competitive post of a round: the unit, the title, the seats and the eligibility rules (certificates joined by '、').</summary>
public sealed class SelectionPost
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid UnitId { get; set; }
    public required string Title { get; set; }
    public int Seats { get; set; }
    public CadreGrade? MinGrade { get; set; }
    public int? MinYears { get; set; }
    public Education? MinEducation { get; set; }
    public string Certificates { get; set; } = "";
    public int SortOrder { get; set; }
}

/// <summary>
/// A person of the register applying in a round: the profile the eligibility rules read (declared on the
/// application, checked by the personnel office) and the scores of the composite.
/// </summary>
public sealed class SelectionCandidate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid PersonId { get; set; }
    public CadreGrade Grade { get; set; }
    public int ServiceYears { get; set; }
    public Education Education { get; set; }
    public string Certificates { get; set; } = "";
    public DateTimeOffset AppliedAt { get; set; }
    public decimal? Written { get; set; }
    public decimal? Interview { get; set; }
    public decimal? Assessment { get; set; }
    public decimal? Evaluation { get; set; }
}

/// <summary>A candidate's n-th choice (1 = most wanted).</summary>
public sealed class SelectionChoice
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CandidateId { get; set; }
    public int Preference { get; set; }
    public Guid PostId { get; set; }
}

/// <summary>
/// One run of the matching, kept whole: the exact input it ran on (the posts' rankings, the candidates'
/// choices) and its result, so that a run can be re-done and checked later. The round's newest run counts.
/// </summary>
public sealed class SelectionRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public int Seq { get; set; }
    public DateTimeOffset RunAt { get; set; }
    public string? RunBy { get; set; }
    public required string InputJson { get; set; }
    public required string ResultJson { get; set; }
}

/// <summary>An appeal against a published result, recorded and decided by the personnel office.</summary>
public sealed class SelectionAppeal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid CandidateId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public string? FiledBy { get; set; }
    public bool? Upheld { get; set; }
    public string? DecisionNote { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>
/// A change of post of a person, as history: a new row per change, never an overwrite of the register.
/// The confirmed selection writes one per matched candidate; the people file (issue 19, item 4) reads them.
/// </summary>
public sealed class PostChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid? FromUnitId { get; set; }
    public string? FromPost { get; set; }
    public Guid ToUnitId { get; set; }
    public required string ToPost { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public Guid? RoundId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
}

internal sealed class SelectionConfigurations :
    IEntityTypeConfiguration<SelectionRound>, IEntityTypeConfiguration<SelectionPost>, IEntityTypeConfiguration<SelectionCandidate>,
    IEntityTypeConfiguration<SelectionChoice>, IEntityTypeConfiguration<SelectionRun>, IEntityTypeConfiguration<SelectionAppeal>, IEntityTypeConfiguration<PostChange>
{
    public void Configure(EntityTypeBuilder<SelectionRound> b)
    {
        b.ToTable("selection_rounds");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Weights);
        b.HasIndex(r => r.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SelectionPost> b)
    {
        b.ToTable("selection_posts");
        b.Property(p => p.Title).HasMaxLength(100);
        b.Property(p => p.Certificates).HasMaxLength(500);
        b.HasIndex(p => new { p.RoundId, p.UnitId, p.Title }).IsUnique();
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SelectionCandidate> b)
    {
        b.ToTable("selection_candidates");
        b.Property(c => c.Certificates).HasMaxLength(500);
        b.Property(c => c.Written).HasPrecision(5, 2);
        b.Property(c => c.Interview).HasPrecision(5, 2);
        b.Property(c => c.Assessment).HasPrecision(5, 2);
        b.Property(c => c.Evaluation).HasPrecision(5, 2);
        b.HasIndex(c => new { c.RoundId, c.PersonId }).IsUnique();
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SelectionChoice> b)
    {
        b.ToTable("selection_choices");
        b.HasIndex(c => new { c.CandidateId, c.Preference }).IsUnique();
        b.HasIndex(c => new { c.CandidateId, c.PostId }).IsUnique();
        b.HasOne<SelectionCandidate>().WithMany().HasForeignKey(c => c.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SelectionPost>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SelectionRun> b)
    {
        b.ToTable("selection_runs");
        b.Property(r => r.RunBy).HasMaxLength(100);
        b.HasIndex(r => new { r.RoundId, r.Seq }).IsUnique();
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SelectionAppeal> b)
    {
        b.ToTable("selection_appeals");
        b.Property(a => a.Text).HasMaxLength(2000);
        b.Property(a => a.FiledBy).HasMaxLength(100);
        b.Property(a => a.DecisionNote).HasMaxLength(2000);
        b.Property(a => a.DecidedBy).HasMaxLength(100);
        b.HasIndex(a => a.RoundId);
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SelectionCandidate>().WithMany().HasForeignKey(a => a.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PostChange> b)
    {
        b.ToTable("post_changes");
        b.Property(c => c.FromPost).HasMaxLength(100);
        b.Property(c => c.ToPost).HasMaxLength(100);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.HasIndex(c => new { c.PersonId, c.EffectiveOn });
        b.HasOne<Organisation.Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(c => c.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SelectionRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.SetNull);
    }
}

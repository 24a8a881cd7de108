using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Evaluation;

/// <summary>Preparing (cadres and raters set up) → Open (raters answer) → Closed (results computed and kept).</summary>
public enum EvaluationState
{
    Preparing,
    Open,
    Closed,
}

/// <summary>The three rater groups of the bimonthly evaluation.</summary>
public enum RaterGroup
{
    /// <summary>局领导: rate every cadre of the round.</summary>
    Leaders,

    /// <summary>中层干部互评: rate every cadre of the round but themselves.</summary>
    Peers,

    /// <summary>所在单位干部职工: rate the cadres of their own unit.</summary>
    Subordinates,
}

/// <summary>
/// One version of the questionnaire (德、能、勤、绩、廉…): items and the scale, both as JSON, never changed once
/// written; a new version is a new row. A round pins the version it uses, so that old answers keep their meaning.
/// </summary>
public sealed class EvaluationQuestionnaire
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string ItemsJson { get; set; }
    public required string ScaleJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>中层干部双月评价: one round over a two-month period (Asia/Shanghai calendar), with its group weights in percent.</summary>
public sealed class EvaluationRound
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public int Year { get; set; }
    public int Period { get; set; }
    public Guid QuestionnaireId { get; set; }
    public int WeightLeaders { get; set; }
    public int WeightPeers { get; set; }
    public int WeightSubordinates { get; set; }
    public EvaluationState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public string? OpenedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public int Version { get; set; }

    public GroupWeights Weights => new(WeightLeaders, WeightPeers, WeightSubordinates);
}

/// <summary>A cadre evaluated in a round: the register's person, with name and unit as they were when the round was set up.</summary>
public sealed class EvaluationCadre
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    public Guid UnitId { get; set; }
    public required string UnitName { get; set; }
    public string? PostName { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A rater of a round: a person of the register with an account, in one group.</summary>
public sealed class EvaluationRater
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public RaterGroup Group { get; set; }
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    public Guid UnitId { get; set; }
    public required string UnitName { get; set; }
}

/// <summary>
/// ballots_cast: that a rater has answered for a cadre — to refuse a second ballot and to show progress.
/// It holds no answer. Its id is random (not time-ordered) and it has no time, so that its order says nothing.
/// </summary>
public sealed class EvaluationBallot
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid RoundId { get; set; }
    public Guid RaterPersonId { get; set; }
    public Guid CadreId { get; set; }
}

/// <summary>
/// One answer sheet: the points given to one cadre, item by item, by one rater of a group — and nothing
/// that names the rater: no person, no account, no time, a random id (see the README's anonymity argument).
/// Written in the same transaction as the <see cref="EvaluationBallot"/>, never audited row by row.
/// </summary>
public sealed class EvaluationAnswer
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid RoundId { get; set; }
    public Guid CadreId { get; set; }
    public RaterGroup Group { get; set; }

    /// <summary>The points per item, in the questionnaire's item order, as a JSON array.</summary>
    public required string PointsJson { get; set; }

    /// <summary>The sheet's score on 0–100: the mean of the items' points over the scale's top.</summary>
    public decimal Score { get; set; }
}

/// <summary>A cadre's result of a closed round, computed once at closing (the answers no longer change): total, rank and per group.</summary>
public sealed class EvaluationResult
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid CadreId { get; set; }
    public Guid PersonId { get; set; }
    public decimal? Total { get; set; }
    public int? Rank { get; set; }

    /// <summary>Per group: raters, sheets counted after trimming, shown or not, score and item means (JSON).</summary>
    public required string GroupsJson { get; set; }
}

internal sealed class EvaluationConfigurations :
    IEntityTypeConfiguration<EvaluationQuestionnaire>, IEntityTypeConfiguration<EvaluationRound>, IEntityTypeConfiguration<EvaluationCadre>,
    IEntityTypeConfiguration<EvaluationRater>, IEntityTypeConfiguration<EvaluationBallot>, IEntityTypeConfiguration<EvaluationAnswer>,
    IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationQuestionnaire> b)
    {
        b.ToTable("evaluation_questionnaires");
        b.Property(q => q.Name).HasMaxLength(100);
        b.Property(q => q.CreatedBy).HasMaxLength(100);
        b.HasIndex(q => q.Version).IsUnique();
    }

    public void Configure(EntityTypeBuilder<EvaluationRound> b)
    {
        b.ToTable("evaluation_rounds");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.Property(r => r.OpenedBy).HasMaxLength(100);
        b.Property(r => r.ClosedBy).HasMaxLength(100);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Weights);
        b.HasIndex(r => r.Name).IsUnique();
        b.HasIndex(r => new { r.Year, r.Period });
        b.HasOne<EvaluationQuestionnaire>().WithMany().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EvaluationCadre> b)
    {
        b.ToTable("evaluation_cadres");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.UnitName).HasMaxLength(200);
        b.Property(c => c.PostName).HasMaxLength(100);
        b.HasIndex(c => new { c.RoundId, c.PersonId }).IsUnique();
        b.HasIndex(c => c.PersonId);
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EvaluationRater> b)
    {
        b.ToTable("evaluation_raters");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.UnitName).HasMaxLength(200);
        b.HasIndex(r => new { r.RoundId, r.PersonId }).IsUnique();
        b.HasIndex(r => r.PersonId);
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EvaluationBallot> b)
    {
        b.ToTable("evaluation_ballots_cast");
        b.HasIndex(x => new { x.RoundId, x.RaterPersonId, x.CadreId }).IsUnique();
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvaluationCadre>().WithMany().HasForeignKey(x => x.CadreId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EvaluationAnswer> b)
    {
        b.ToTable("evaluation_answers");
        b.Property(a => a.PointsJson).HasMaxLength(400);
        b.Property(a => a.Score).HasPrecision(6, 2);
        b.HasIndex(a => new { a.CadreId, a.Group });
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvaluationCadre>().WithMany().HasForeignKey(a => a.CadreId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EvaluationResult> b)
    {
        b.ToTable("evaluation_results");
        b.Property(r => r.Total).HasPrecision(6, 2);
        b.HasIndex(r => r.CadreId).IsUnique();
        b.HasIndex(r => new { r.PersonId, r.RoundId });
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvaluationCadre>().WithMany().HasForeignKey(r => r.CadreId).OnDelete(DeleteBehavior.Cascade);
    }
}

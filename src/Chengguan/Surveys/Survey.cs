using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Surveys;

/// <summary>A kind of survey (测评): the two the bureau commissions are seeded as reference data; more can be added.</summary>
public sealed class SurveyKind
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// One survey of a kind for one half-year (e.g. 2026H1) on a score scale, with its indicator tree. The tree's
/// <see cref="IndicatorVersion"/> is the kind's: it stays when a survey repeats the previous tree and rises when it changes,
/// so that periods are compared on the indicators they share.
/// </summary>
public sealed class Survey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid KindId { get; set; }
    public required string Period { get; set; }
    public double ScaleMin { get; set; }
    public double ScaleMax { get; set; }
    public int IndicatorVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public List<SurveyIndicator> Indicators { get; init; } = [];
}

/// <summary>An indicator of a survey's tree; <see cref="Position"/> is also its slot in a respondent's packed answers.</summary>
public sealed class SurveyIndicator
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SurveyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? ParentCode { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// One respondent's answers. The answers are packed (<see cref="SurveyAnswers"/>): one float per indicator in the
/// survey's order, NaN for 无法评价, so a million answers are 50,000 rows of a few hundred bytes, not a million rows.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SurveyId { get; set; }
    public required string Respondent { get; set; }
    public Guid StreetId { get; set; }
    public double? Overall { get; set; }
    public required byte[] Answers { get; set; }
}

/// <summary>A published figure when only the report is at hand: one indicator (or <c>overall</c>) in one street.</summary>
public sealed class SurveySummary
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SurveyId { get; set; }
    public Guid StreetId { get; set; }
    public required string Indicator { get; set; }
    public double Mean { get; set; }
    public int N { get; set; }
    public double? Sd { get; set; }
}

internal sealed class SurveyConfigurations : IEntityTypeConfiguration<SurveyKind>, IEntityTypeConfiguration<Survey>, IEntityTypeConfiguration<SurveyIndicator>,
    IEntityTypeConfiguration<SurveyResponse>, IEntityTypeConfiguration<SurveySummary>
{
    public void Configure(EntityTypeBuilder<SurveyKind> b)
    {
        b.ToTable("survey_kinds");
        b.Property(k => k.Code).HasMaxLength(32);
        b.Property(k => k.Name).HasMaxLength(100);
        b.HasIndex(k => k.Code).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.ToTable("surveys");
        b.Property(s => s.Period).HasMaxLength(8);
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.KindId, s.Period }).IsUnique();
        b.HasOne<SurveyKind>().WithMany().HasForeignKey(s => s.KindId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Indicators).WithOne().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SurveyIndicator> b)
    {
        b.ToTable("survey_indicators");
        b.Property(i => i.Code).HasMaxLength(32);
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.ParentCode).HasMaxLength(32);
        b.HasIndex(i => new { i.SurveyId, i.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("survey_responses");
        b.Property(r => r.Respondent).HasMaxLength(64);
        b.HasIndex(r => new { r.SurveyId, r.Respondent }).IsUnique();
        b.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(r => r.StreetId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SurveySummary> b)
    {
        b.ToTable("survey_summaries");
        b.Property(s => s.Indicator).HasMaxLength(32);
        b.HasIndex(s => new { s.SurveyId, s.StreetId, s.Indicator }).IsUnique();
        b.HasOne<Survey>().WithMany().HasForeignKey(s => s.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation.Unit>().WithMany().HasForeignKey(s => s.StreetId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Packs and unpacks a respondent's answers: little-endian float32 per indicator, NaN = no answer (无法评价).</summary>
public static class SurveyAnswers
{
    public static byte[] Pack(ReadOnlySpan<float> answers)
    {
        var bytes = new byte[answers.Length * 4];
        for (int i = 0; i < answers.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), answers[i]);
        }
        return bytes;
    }

    /// <summary>The answer at <paramref name="position"/>, NaN when blank or beyond the packed answers.</summary>
    public static float At(byte[] packed, int position) =>
        (position + 1) * 4 <= packed.Length ? System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(packed.AsSpan(position * 4)) : float.NaN;
}

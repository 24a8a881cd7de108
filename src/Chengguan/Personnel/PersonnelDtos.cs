using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Selection;
using Chengguan.Training;

namespace Chengguan.Personnel;

[RequestModel]
public sealed record ProfileRequest(
    [property: Required(ErrorMessage = "职级不能为空")] CadreGrade? Grade,
    [property: Required(ErrorMessage = "参加工作时间不能为空")] DateOnly? ServiceSince,
    [property: Required(ErrorMessage = "学历不能为空")] Education? Education,
    [property: MaxLength(10, ErrorMessage = "资格证书最多 10 项")] string[]? Certificates);

[RequestModel]
public sealed record CareerRequest(
    [property: Required(ErrorMessage = "变动类型不能为空")] CareerKind? Kind,
    Guid? UnitId,
    [property: MaxLength(100, ErrorMessage = "单位名称不能超过 100 个字符")] string? UnitName,
    [property: Required(ErrorMessage = "岗位不能为空"), MaxLength(100, ErrorMessage = "岗位不能超过 100 个字符")] string? Post,
    [property: Required(ErrorMessage = "起始日期不能为空")] DateOnly? From,
    DateOnly? Until,
    [property: MaxLength(500, ErrorMessage = "备注不能超过 500 个字符")] string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UnitId is null && string.IsNullOrWhiteSpace(UnitName))
        {
            yield return new ValidationResult("须选择本局单位或填写外单位名称", [nameof(UnitId)]);
        }
        if (From is { } from && Until is { } until && until < from)
        {
            yield return new ValidationResult("结束日期不能早于起始日期", [nameof(Until)]);
        }
    }
}

[RequestModel]
public sealed record PoolRequest(
    [property: Required(ErrorMessage = "培养方向不能为空"), MaxLength(50, ErrorMessage = "培养方向不能超过 50 个字符")] string? Track,
    [property: Required(ErrorMessage = "入库理由不能为空"), MaxLength(500, ErrorMessage = "入库理由不能超过 500 个字符")] string? Reason,
    [property: Required(ErrorMessage = "入库日期不能为空")] DateOnly? AddedOn);

[RequestModel]
public sealed record LeavePoolRequest(
    [property: Required(ErrorMessage = "出库日期不能为空")] DateOnly? LeftOn,
    [property: Required(ErrorMessage = "出库理由不能为空"), MaxLength(500, ErrorMessage = "出库理由不能超过 500 个字符")] string? Reason);

public sealed record ProfileDto(
    CadreGrade Grade, string GradeText, DateOnly ServiceSince, int ServiceYears, Education Education, string EducationText,
    IReadOnlyList<string> Certificates, DateTimeOffset UpdatedAt, string? UpdatedBy);

public sealed record PoolDto(Guid Id, string Track, string Reason, DateOnly AddedOn, DateOnly? LeftOn, string? LeftReason, bool Current);

/// <summary>The people file (人员档案): the register's facts, the profile, the career with its movement and the pool.</summary>
public sealed record PersonnelFileDto(
    PersonDto Person, ProfileDto? Profile, CareerStep? Current, IReadOnlyList<CareerStep> Career, Movement Movement, IReadOnlyList<PoolDto> Pool,
    PersonnelRecord Record);

public sealed record TalentRow(
    Guid PersonId, string Name, string? UnitName, string? PostName, CadreGrade? Grade, string? GradeText, int? ServiceYears,
    Education? Education, string? EducationText, IReadOnlyList<string> Certificates, bool InPool, string? Track, bool? Eligible, IReadOnlyList<string> Unmet,
    TalentFigures Figures);

/// <summary>
/// The talent view's figures from the other capabilities: this year's training hours (and the requirement, for officers), the
/// latest published yearly assessment (year, total, band) and the latest cadre-evaluation total (with its round).
/// </summary>
public sealed record TalentFigures(
    double Hours, double? RequiredHours, bool? MetSoFar, int? AssessmentYear, decimal? AssessmentTotal, string? AssessmentBand, decimal? EvaluationTotal, string? EvaluationRound);

/// <summary>A calendar year of training as Training's figures give it: credited hours against the requirement (officers only).</summary>
public sealed record TrainingYear(int Year, bool Officer, double Hours, int Sessions, double Required, double RequiredSoFar, double Shortfall, bool MetSoFar, bool MetYear);

/// <summary>The enforcement certificate (执法证) as Training keeps it, with its expiry band on the day.</summary>
public sealed record EnforcementCertificateDto(string Number, DateOnly IssuedOn, DateOnly ExpiresOn, CertificateStatus Status, ExpiryBand Band, int DaysLeft);

/// <summary>A year's published yearly individual assessment (newest version), read from the assessment's door.</summary>
public sealed record AssessmentYear(int Year, decimal Total, string Band, string PeriodName);

/// <summary>One closed cadre-evaluation round of the person (中层干部双月评价), oldest first in the file.</summary>
public sealed record EvaluationPoint(Guid RoundId, string RoundName, string PeriodLabel, int Year, int Period, decimal? Total, int? Rank, int Ranked);

/// <summary>What the file gathers from the other capabilities' doors: training, the certificate, assessments and evaluations.</summary>
public sealed record PersonnelRecord(
    IReadOnlyList<TrainingYear> Training, EnforcementCertificateDto? Certificate, IReadOnlyList<AssessmentYear> Assessments, IReadOnlyList<EvaluationPoint> Evaluations);

using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Selection;

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
    PersonDto Person, ProfileDto? Profile, CareerStep? Current, IReadOnlyList<CareerStep> Career, Movement Movement, IReadOnlyList<PoolDto> Pool);

public sealed record TalentRow(
    Guid PersonId, string Name, string? UnitName, string? PostName, CadreGrade? Grade, string? GradeText, int? ServiceYears,
    Education? Education, string? EducationText, IReadOnlyList<string> Certificates, bool InPool, string? Track, bool? Eligible, IReadOnlyList<string> Unmet);

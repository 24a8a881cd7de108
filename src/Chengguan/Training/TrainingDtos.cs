using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Training;

[RequestModel]
public sealed record CourseRequest(
    [property: Required(ErrorMessage = "课程名称不能为空"), MaxLength(200, ErrorMessage = "课程名称不能超过 200 个字符")] string? Title,
    [property: Required(ErrorMessage = "课程类别不能为空")] CourseCategory? Category,
    [property: Required(ErrorMessage = "课程学时不能为空"), Range(0.5, 40, ErrorMessage = "课程学时须在 0.5–40 之间")] double? DefaultHours,
    [property: Range(0, 100, ErrorMessage = "合格分数线须在 0–100 之间")] int? PassMark = null);

[RequestModel]
public sealed record SessionRequest(
    [property: Required(ErrorMessage = "课程不能为空")] Guid? CourseId,
    [property: Required(ErrorMessage = "培训时间不能为空")] DateTimeOffset? StartsAt,
    [property: Required(ErrorMessage = "培训地点不能为空"), MaxLength(200, ErrorMessage = "培训地点不能超过 200 个字符")] string? Place,
    [property: Required(ErrorMessage = "授课人不能为空"), MaxLength(100, ErrorMessage = "授课人不能超过 100 个字符")] string? Trainer,
    [property: Required(ErrorMessage = "主办单位不能为空")] Guid? OrganiserUnitId,
    [property: Required(ErrorMessage = "容纳人数不能为空"), Range(1, 2000, ErrorMessage = "容纳人数须在 1–2000 之间")] int? Capacity,
    [property: Range(0.5, 40, ErrorMessage = "学时须在 0.5–40 之间")] double? Hours = null);

[RequestModel]
public sealed record AttendanceEntry(
    [property: Required(ErrorMessage = "人员不能为空")] Guid? PersonId,
    bool Attended = true,
    [property: Range(0, 40, ErrorMessage = "认定学时须在 0–40 之间")] double? Hours = null,
    [property: Range(0, 100, ErrorMessage = "考试成绩须在 0–100 之间")] int? Score = null,
    bool? Passed = null);

[RequestModel]
public sealed record AttendanceRequest(
    [property: Required(ErrorMessage = "签到名单不能为空"), MinLength(1, ErrorMessage = "签到名单不能为空"), MaxLength(500, ErrorMessage = "一次最多登记 500 人")] AttendanceEntry[]? Entries);

[RequestModel]
public sealed record RequirementRequest(
    [property: Required(ErrorMessage = "生效日期不能为空")] DateOnly? EffectiveFrom,
    [property: Required(ErrorMessage = "年度学时要求不能为空"), Range(0, 400, ErrorMessage = "年度学时要求须在 0–400 之间")] double? Hours,
    [property: MaxLength(200, ErrorMessage = "说明不能超过 200 个字符")] string? Note = null);

[RequestModel]
public sealed record CertificateRequest(
    [property: Required(ErrorMessage = "持证人不能为空")] Guid? PersonId,
    [property: RegularExpression("^[A-Za-z0-9]{4,32}$", ErrorMessage = "执法证号须为 4–32 位字母或数字")] string? Number,
    [property: Required(ErrorMessage = "发证日期不能为空")] DateOnly? IssuedOn,
    [property: Required(ErrorMessage = "有效期至不能为空")] DateOnly? ExpiresOn,
    [property: Required(ErrorMessage = "发证机关不能为空"), MaxLength(100, ErrorMessage = "发证机关不能超过 100 个字符")] string? Authority,
    CertificateStatus Status = CertificateStatus.Valid);

public sealed record CourseDto(Guid Id, string Title, CourseCategory Category, double DefaultHours, int PassMark);

public sealed record SessionRow(
    Guid Id, Guid CourseId, string Course, CourseCategory Category, DateTimeOffset StartsAt, string Place, string Trainer, double Hours, int Capacity,
    Guid OrganiserUnitId, string Organiser, int Enrolled, int Attended);

public sealed record AttendanceRow(
    Guid PersonId, string Name, Guid UnitId, string Unit, bool Attended, double Hours, int? Score, bool? Passed, DateTimeOffset RecordedAt, string? RecordedBy);

/// <summary>A session with the attendance of the people the caller may see, and whether the caller may record it.</summary>
public sealed record SessionDetail(SessionRow Session, int PassMark, IReadOnlyList<AttendanceRow> Attendance, bool CanRecord);

public sealed record RequirementDto(Guid Id, DateOnly EffectiveFrom, double Hours, string? Note, DateTimeOffset SetAt, string? SetBy);

/// <summary>A person's hours in a year; the requirement applies to certificate holders (<see cref="Officer"/>) only.</summary>
public sealed record PersonHoursRow(
    Guid PersonId, string Name, Guid UnitId, string Unit, bool Officer, double Hours, int Sessions, double Required, double RequiredSoFar, double Shortfall,
    bool MetSoFar, bool MetYear);

public sealed record HoursReport(int Year, DateOnly AsOf, double Required, IReadOnlyList<PersonHoursRow> People);

public sealed record CertificateRow(
    Guid Id, Guid PersonId, string Name, Guid UnitId, string Unit, string Number, DateOnly IssuedOn, DateOnly ExpiresOn, string Authority,
    CertificateStatus Status, ExpiryBand Band, int DaysLeft);

public sealed record PersonSession(Guid SessionId, string Course, DateTimeOffset StartsAt, bool Attended, double Hours, int? Score, bool? Passed);

/// <summary>One person's training record: the year's standing, the certificate, the sessions.</summary>
public sealed record PersonTraining(PersonHoursRow Year, CertificateRow? Certificate, IReadOnlyList<PersonSession> Sessions);

/// <summary>A read figure for other capabilities: a person's credited hours and sessions attended in a year.</summary>
public sealed record PersonHours(Guid PersonId, double Hours, int Sessions);

/// <summary>A read figure for other capabilities: attendances (人次), distinct people and hours credited over a period.</summary>
public sealed record TrainingDelivered(int Attendances, int People, double Hours);

/// <summary>
/// A read figure for other capabilities: an officer's hours of the year up to a day, the pro-rata requirement due by then, the year's
/// requirement, and whether the hours meet what is due (the rule of the units' coverage).
/// </summary>
public sealed record OfficerHoursToDate(Guid PersonId, double Hours, int Sessions, double Due, double Required, bool Met);

/// <summary>A read figure for other capabilities: a unit's training coverage over a period.</summary>
public sealed record UnitCoverage(Guid UnitId, string Unit, int Officers, int Met, int Attended, double MetShare, double AttendedShare);

using System.ComponentModel.DataAnnotations;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Rectification;

namespace Chengguan.Supervision;

[RequestModel]
public sealed record SupervisionPlanRequest(
    [property: Required(ErrorMessage = "计划名称不能为空"), MaxLength(200, ErrorMessage = "计划名称不能超过 200 个字符")] string? Name,
    [property: Required(ErrorMessage = "起始日期不能为空")] DateOnly? From,
    [property: Required(ErrorMessage = "截止日期不能为空")] DateOnly? To,
    [property: Required(ErrorMessage = "每个街镇的抽查件数不能为空"), Range(1, 200, ErrorMessage = "每个街镇的抽查件数须为 1–200")] int? PerStreet,
    bool Cases = true,
    bool Demolition = false,
    [property: Range(1, long.MaxValue, ErrorMessage = "随机种子须为正整数")] long? Seed = null,
    [property: Range(1, 10000, ErrorMessage = "评查标准版本须为正整数")] int? ChecklistVersion = null);

[RequestModel]
public sealed record ChecklistRequest(
    [property: Required(ErrorMessage = "评查标准名称不能为空"), MaxLength(100, ErrorMessage = "评查标准名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "评查标准须至少有一个评查项目")] ChecklistItem[]? Items);

[RequestModel]
public sealed record ReviewRequest(
    [property: Required(ErrorMessage = "评查结果不能为空"), MaxLength(50, ErrorMessage = "评查项目过多")] ItemMark[]? Marks,
    [property: Range(1, 365, ErrorMessage = "整改期限须为 1–365 天")] int? Days = null);

[RequestModel]
public sealed record FindingInput(
    [property: Required(ErrorMessage = "问题描述不能为空"), MaxLength(1000, ErrorMessage = "问题描述不能超过 1000 个字符")] string? Text);

[RequestModel]
public sealed record InspectionRequest(
    [property: Required(ErrorMessage = "被督查的街镇不能为空")] Guid? StreetId,
    [property: Required(ErrorMessage = "督查日期不能为空")] DateOnly? On,
    [property: Required(ErrorMessage = "督查地点不能为空"), MaxLength(200, ErrorMessage = "督查地点不能超过 200 个字符")] string? Place,
    [property: Required(ErrorMessage = "督查人员不能为空"), MinLength(1, ErrorMessage = "督查人员不能为空"), MaxLength(10, ErrorMessage = "督查人员最多 10 人")] Guid[]? InspectorIds,
    [property: MaxLength(1000, ErrorMessage = "督查情况不能超过 1000 个字符")] string? Summary = null,
    [property: MaxLength(20, ErrorMessage = "一次最多 20 条发现问题")] FindingInput[]? Findings = null,
    [property: Range(1, 365, ErrorMessage = "整改期限须为 1–365 天")] int? Days = null);

public sealed record PlanDto(
    Guid Id, string Name, DateOnly From, DateOnly To, bool Cases, bool Demolition, int PerStreet, long Seed, int ChecklistVersion,
    int? Population, DateTimeOffset? DrawnAt, DateTimeOffset CreatedAt, string? CreatedBy, int Files, int Reviewed);

public sealed record FileRow(
    Guid Id, Guid PlanId, int Seq, Guid StreetId, string Street, string SubjectType, Guid SubjectId, string Reference, string Summary,
    DateTimeOffset? ClosedAt, int? Score, int MaxScore, DateTimeOffset? ReviewedAt, string? ReviewedBy, int Findings);

public sealed record PlanDetail(PlanDto Plan, IReadOnlyList<FileRow> Files);

/// <summary>A finding with the state of the rectification item it became.</summary>
public sealed record FindingDto(
    Guid Id, Guid? FileId, Guid? InspectionId, Guid StreetId, string Street, string? ItemCode, string Text, Guid? RectificationItemId,
    RectificationState? RectificationState, DateOnly? Deadline, DateTimeOffset CreatedAt, string? CreatedBy);

public sealed record FileDetail(FileRow File, string PlanName, ChecklistDefinition Checklist, ScoreResult? Result, IReadOnlyList<FindingDto> Findings);

/// <summary>A street's scores in one plan (period): files drawn and reviewed, the mean, the lowest, the findings.</summary>
public sealed record StreetScore(
    Guid PlanId, string Plan, DateOnly From, DateOnly To, Guid StreetId, string Street, int Files, int Reviewed, decimal? Mean, int? Lowest, int Findings);

/// <summary>A street's on-site inspections in a period and the findings they raised (for the district report).</summary>
public sealed record StreetInspections(Guid StreetId, string Street, int Inspections, int Findings);

public sealed record InspectionDto(
    Guid Id, Guid StreetId, string Street, Guid OwnerUnitId, string OwnerUnit, DateOnly On, string Place, string Inspectors, string? Summary,
    DateTimeOffset CreatedAt, string? CreatedBy, IReadOnlyList<FindingDto> Findings, IReadOnlyList<EvidenceDto> Photos);

using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition;

[RequestModel]
public sealed record TargetInput(
    [property: Required(ErrorMessage = "街镇不能为空")] Guid? StreetId,
    [property: Range(0, 10_000_000, ErrorMessage = "目标面积须为 0–10000000 平方米")] double TargetArea = 0,
    [property: Range(0, 100_000, ErrorMessage = "目标处数须为 0–100000")] int TargetCount = 0,
    [property: Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year = null);

[RequestModel]
public sealed record TaskInput(
    [property: Required(ErrorMessage = "批次名称不能为空"), MaxLength(100, ErrorMessage = "批次名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "下达单位不能为空")] TaskIssuer? Issuer,
    [property: Required(ErrorMessage = "下达日期不能为空")] DateOnly? IssuedOn,
    [property: Required(ErrorMessage = "完成期限不能为空")] DateOnly? Deadline,
    [property: Required(ErrorMessage = "各街镇目标不能为空"), MaxLength(100, ErrorMessage = "目标最多 100 行")] TargetInput[]? Targets,
    [property: MaxLength(1000, ErrorMessage = "备注不能超过 1000 个字符")] string? Note = null);

[RequestModel]
public sealed record PlanInput(
    [property: Required(ErrorMessage = "计划名称不能为空"), MaxLength(100, ErrorMessage = "计划名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "起始年度不能为空"), Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? FirstYear,
    [property: Required(ErrorMessage = "目标不能为空"), MaxLength(500, ErrorMessage = "目标最多 500 行")] TargetInput[]? Targets);

[RequestModel]
public sealed record AttachInput([property: Required(ErrorMessage = "违法建筑不能为空"), MinLength(1, ErrorMessage = "违法建筑不能为空"), MaxLength(500, ErrorMessage = "一次最多 500 处")] Guid[]? ItemIds);

[RequestModel]
public sealed record CreationInput(
    [property: Required(ErrorMessage = "创建单位不能为空")] Guid? UnitId,
    [property: Required(ErrorMessage = "年度不能为空"), Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year);

public sealed record TaskDto(Guid Id, string Name, TaskIssuer Issuer, DateOnly IssuedOn, DateOnly Deadline, string? Note, double TargetArea, int TargetCount, int Items);
public sealed record PlanDto(Guid Id, string Name, int FirstYear, int LastYear, IReadOnlyList<PlanTarget> Targets);
public sealed record CreationCriterion(string Code, string Name, bool Met, int Count);
public sealed record CreationDto(Guid Id, Guid UnitId, string UnitName, CreationLevel Level, int Year, CreationState State, IReadOnlyList<CreationCriterion> Criteria, DateTimeOffset? AssessedAt);

using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Areas;

[RequestModel]
public sealed record AreaInput(
    [property: Required(ErrorMessage = "区域名称不能为空"), MaxLength(100, ErrorMessage = "区域名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "区域范围不能为空"), MaxLength(2000, ErrorMessage = "范围最多 2000 个顶点")] double[][]? Outline,
    [property: Required(ErrorMessage = "涉及街镇不能为空"), MinLength(1, ErrorMessage = "涉及街镇不能为空"), MaxLength(14, ErrorMessage = "涉及街镇最多 14 个")] Guid[]? StreetIds,
    [property: Required(ErrorMessage = "整治开始日期不能为空")] DateOnly? PeriodStart,
    [property: Required(ErrorMessage = "整治结束日期不能为空")] DateOnly? PeriodEnd,
    [property: MaxLength(10, ErrorMessage = "坐标系须为 wgs84、gcj02 或 bd09")] string? Crs = null,
    [property: MaxLength(2000, ErrorMessage = "备注不能超过 2000 个字符")] string? Note = null);

[RequestModel]
public sealed record ProblemInput(
    [property: Required(ErrorMessage = "问题类别（五违）不能为空")] ViolationKind? Kind,
    [property: Required(ErrorMessage = "四必要求不能为空"), MinLength(1, ErrorMessage = "四必要求不能为空"), MaxLength(4, ErrorMessage = "四必要求最多 4 项")] FourMust[]? Musts,
    [property: Required(ErrorMessage = "问题描述不能为空"), MaxLength(1000, ErrorMessage = "问题描述不能超过 1000 个字符")] string? Description,
    [property: MaxLength(50, ErrorMessage = "关联违法建筑最多 50 处")] Guid[]? ItemIds = null,
    [property: MaxLength(50, ErrorMessage = "关联案件最多 50 件")] Guid[]? CaseIds = null);

[RequestModel]
public sealed record ProblemActionInput([property: MaxLength(1000, ErrorMessage = "说明不能超过 1000 个字符")] string? Note = null);

public sealed record StreetRef(Guid Id, string Name);

public sealed record AreaSummary(
    Guid Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, double AreaM2, IReadOnlyList<StreetRef> Streets, AreaStatus Status,
    DateTimeOffset? CompletedAt, int Problems, int Rectified);

public sealed record ProblemDto(
    Guid Id, int Seq, ViolationKind Kind, string KindName, string Description, IReadOnlyList<FourMust> Musts, ProblemState State,
    DateTimeOffset CreatedAt, DateTimeOffset? RectifiedAt, DateTimeOffset? ReopenedAt, int ReopenCount, string? Note,
    IReadOnlyList<Guid> ItemIds, IReadOnlyList<Guid> CaseIds, IReadOnlyList<ProblemAction> Actions);

public sealed record ReboundCase(Guid Id, string Number, DateTimeOffset ReportedAt, string? CategoryCode, double Lon, double Lat);

/// <summary>The rebound check: the window looked at, the cases found inside the outline, the problems open again.</summary>
public sealed record ReboundReport(
    bool Rebounded, int ConsolidationDays, DateTimeOffset? WindowFrom, DateTimeOffset? WindowTo, DateTimeOffset? ConsolidatesAt,
    IReadOnlyList<string> Categories, IReadOnlyList<ReboundCase> Cases, IReadOnlyList<int> ReopenedProblems);

public sealed record AreaDetail(AreaSummary Area, JsonElement Outline, string? Note, IReadOnlyList<ProblemDto> Problems, ReboundReport Rebound);

public static class AreaLabels
{
    public static readonly IReadOnlyDictionary<ViolationKind, string> Kinds = new Dictionary<ViolationKind, string>
    {
        [ViolationKind.LandUse] = "违法用地",
        [ViolationKind.Building] = "违法建筑",
        [ViolationKind.Business] = "违法经营",
        [ViolationKind.Discharge] = "违法排污",
        [ViolationKind.Residence] = "违法居住",
    };

    public static readonly IReadOnlyDictionary<AreaStatus, string> Statuses = new Dictionary<AreaStatus, string>
    {
        [AreaStatus.Planned] = "计划整治",
        [AreaStatus.Remediating] = "整治中",
        [AreaStatus.Completed] = "已完成整治",
        [AreaStatus.Consolidated] = "已巩固",
        [AreaStatus.Rebounded] = "反弹",
    };
}

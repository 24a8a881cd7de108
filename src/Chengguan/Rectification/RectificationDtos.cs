using System.ComponentModel.DataAnnotations;
using Chengguan.Evidence;
using Chengguan.Infrastructure;

namespace Chengguan.Rectification;

[RequestModel]
public sealed record PlanRequest(
    [property: Required(ErrorMessage = "期别不能为空"), RegularExpression(@"^\d{4}H[12]$", ErrorMessage = "期别须为“年份+H1/H2”，如 2026H2")] string? Period,
    [property: Required(ErrorMessage = "方案名称不能为空"), MaxLength(200, ErrorMessage = "方案名称不能超过 200 个字符")] string? Title);

/// <summary>A priority cell of a survey's analysis (indicator × street), as Satisfaction ranks them.</summary>
[RequestModel]
public sealed record CellInput(
    Guid? SurveyId,
    [property: Required(ErrorMessage = "指标编码不能为空"), MaxLength(32, ErrorMessage = "指标编码不能超过 32 个字符")] string? IndicatorCode,
    [property: Required(ErrorMessage = "指标名称不能为空"), MaxLength(100, ErrorMessage = "指标名称不能超过 100 个字符")] string? IndicatorName,
    [property: Required(ErrorMessage = "街镇不能为空")] Guid? StreetId,
    double? Score,
    double? DistrictMean);

[RequestModel]
public sealed record DraftRequest(
    [property: Required(ErrorMessage = "须提供至少一个待整改的指标单元"), MinLength(1, ErrorMessage = "须提供至少一个待整改的指标单元"), MaxLength(200, ErrorMessage = "一次最多 200 个指标单元")] CellInput[]? Cells,
    [property: Range(1, 365, ErrorMessage = "整改期限须为 1–365 天")] int? Days = null);

[RequestModel]
public sealed record ReportRequest(
    [property: Required(ErrorMessage = "进展情况不能为空"), MaxLength(2000, ErrorMessage = "进展情况不能超过 2000 个字符")] string? Text,
    [property: Required(ErrorMessage = "完成进度不能为空"), Range(0, 100, ErrorMessage = "完成进度须为 0–100")] int? Percent,
    DateOnly? On = null);

/// <summary>A finding of another capability to be rectified: the street whose team owns it, the problem, and where it came from (a line of text, e.g. the supervision plan and file).</summary>
public sealed record RaisedFinding(Guid StreetId, string Problem, string Source);

public sealed record PlanSummary(Guid Id, string Period, string Title, DateTimeOffset CreatedAt, string? CreatedBy, int Items, int Closed);

public sealed record CellDto(Guid? SurveyId, string IndicatorCode, string IndicatorName, Guid StreetId, string? StreetName, double? Score, double? DistrictMean);

public sealed record ItemRow(
    Guid Id, Guid PlanId, int Number, string Problem, string? Measure, Guid OwnerUnitId, string OwnerUnit, DateOnly Deadline, DateTimeOffset DueAt,
    RectificationState State, int Percent, Light Light, IReadOnlyList<CellDto> Cells);

public sealed record PlanBoard(PlanSummary Plan, IReadOnlyList<ItemRow> Items);

public sealed record ReportDto(Guid Id, DateOnly On, string Text, int Percent, string? ByName, DateTimeOffset At);

public sealed record TimelineDto(int Seq, string Action, string Label, RectificationState? From, RectificationState? To, DateTimeOffset At, string? ActorName, string? Note);

public sealed record ItemDetail(
    ItemRow Item, string PlanPeriod, IReadOnlyList<ReportDto> Reports, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<TimelineDto> Timeline,
    IReadOnlyList<RectificationAction> Actions, bool CanReport, string? VerifiedBy, DateTimeOffset? VerifiedAt, DateTimeOffset? ClosedAt);

/// <summary>One owner unit's items: counts per state and per light, and the share of finished items finished on time.</summary>
public sealed record UnitProgress(
    Guid UnitId, string Unit, int Items, IReadOnlyDictionary<RectificationState, int> States, IReadOnlyDictionary<Light, int> Lights,
    int Finished, int FinishedOnTime, decimal? OnTimeShare);

/// <summary>An export's bytes with the type and name it is sent under.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

using System.ComponentModel.DataAnnotations;

namespace Chengguan.Assessment;

public sealed record SchemeItemRequest(
    [property: Required(ErrorMessage = "须填写指标编码"), StringLength(40, ErrorMessage = "指标编码不超过 40 个字符")] string? Code,
    [property: Required(ErrorMessage = "须填写指标名称"), StringLength(60, ErrorMessage = "指标名称不超过 60 个字符")] string? Name,
    [property: Required(ErrorMessage = "须选择指标来源")] string? Source,
    Direction Direction,
    ScoringMethod Method,
    [property: Range(0.01, 100, ErrorMessage = "权重须在 0.01 到 100 之间")] decimal Weight,
    decimal? Floor = null, decimal? Target = null, decimal? PassMark = null);

public sealed record SchemeRequest(
    [property: Required(ErrorMessage = "须选择考核对象类别")] AssessedKind? Kind,
    [property: Required(ErrorMessage = "须填写方案名称"), StringLength(100, ErrorMessage = "方案名称不超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "须列出指标")] SchemeItemRequest[]? Items,
    Bands? Bands = null,
    [property: Range(0, 100, ErrorMessage = "加分上限须在 0 到 100 之间")] decimal BonusCap = 5,
    [property: Range(0, 100, ErrorMessage = "减分上限须在 0 到 100 之间")] decimal DeductionCap = 10);

public sealed record SchemeDto(Guid Id, AssessedKind Kind, string KindName, int Version, string Name, IReadOnlyList<SchemeItem> Items, Bands Bands,
    decimal BonusCap, decimal DeductionCap, DateTimeOffset CreatedAt, string? CreatedBy);

/// <summary>The library: each kind's default indicators and every computed indicator the registered sources offer.</summary>
public sealed record IndicatorLibraryDto(IReadOnlyDictionary<AssessedKind, IReadOnlyList<SchemeItem>> Defaults, IReadOnlyList<IndicatorDefinition> Computed);

public sealed record PeriodRequest(
    [property: Required(ErrorMessage = "须选择周期类型")] PeriodKind? Kind,
    [property: Required(ErrorMessage = "须填写周期（如 2026-11、2026-Q4、2026）")] string? Key,
    [property: StringLength(100, ErrorMessage = "周期名称不超过 100 个字符")] string? Name = null,
    [property: Range(1, 60, ErrorMessage = "申诉期须在 1 到 60 天之间")] int AppealDays = 5);

public sealed record PeriodDto(Guid Id, string Name, PeriodKind Kind, DateOnly From, DateOnly To, PeriodState State, string StateName, int ResultVersion,
    DateTimeOffset? PublishedAt, DateTimeOffset? AppealUntil, int AppealDays, bool AppealOpen, IReadOnlyList<SchemeDto> Schemes);

public sealed record ScoreRequest(
    [property: Required(ErrorMessage = "须选择考核对象")] Guid? SubjectId,
    [property: Required(ErrorMessage = "须选择指标")] string? IndicatorCode,
    [property: Required(ErrorMessage = "须填写分值"), Range(-1000000, 1000000, ErrorMessage = "分值超出范围")] decimal? Value,
    [property: Required(ErrorMessage = "须填写评分依据"), StringLength(2000, MinimumLength = 2, ErrorMessage = "评分依据须为 2 到 2000 个字符")] string? Evidence,
    [property: StringLength(400, ErrorMessage = "佐证材料引用不超过 400 个字符")] string? EvidenceRef = null);

public sealed record AdjustmentRequest(
    [property: Required(ErrorMessage = "须选择考核对象")] Guid? SubjectId,
    [property: Required(ErrorMessage = "须填写分值"), Range(-100, 100, ErrorMessage = "加减分须在 -100 到 100 之间")] decimal? Points,
    [property: Required(ErrorMessage = "须填写加减分理由"), StringLength(1000, MinimumLength = 2, ErrorMessage = "理由须为 2 到 1000 个字符")] string? Reason);

public sealed record AppealRequest(
    [property: Required(ErrorMessage = "须选择考核对象")] Guid? SubjectId,
    [property: Required(ErrorMessage = "须选择申诉的指标")] string? IndicatorCode,
    [property: Required(ErrorMessage = "须填写申诉理由"), StringLength(2000, MinimumLength = 4, ErrorMessage = "申诉理由须为 4 到 2000 个字符")] string? Grounds);

public sealed record DecisionRequest(
    [property: Required(ErrorMessage = "须选择是否采纳")] bool? Uphold,
    decimal? CorrectedValue,
    [property: Required(ErrorMessage = "须填写处理意见"), StringLength(2000, MinimumLength = 2, ErrorMessage = "处理意见须为 2 到 2000 个字符")] string? Decision);

/// <summary>One subject's line of the results table.</summary>
public sealed record ResultRow(Guid SubjectId, string Name, AssessedKind Kind, string KindName, decimal Total, string Band, int Rank, decimal Bonus, decimal Deduction);

/// <summary>The results of a period: live while it is open, else the numbered published version.</summary>
public sealed record PeriodResults(PeriodDto Period, bool Live, int Version, IReadOnlyList<ResultRow> Rows);

public sealed record AppealDto(Guid Id, Guid PeriodId, Guid SubjectId, string SubjectName, string IndicatorCode, string IndicatorName, string Grounds, string FiledBy,
    DateTimeOffset FiledAt, AppealState State, string StateName, decimal? CorrectedValue, string? Decision, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>One subject's result with every line's figures, evidence and links, its adjustments and its appeals.</summary>
public sealed record ResultDetail(PeriodDto Period, bool Live, int Version, SubjectResult Result, string KindName, IReadOnlyList<AppealDto> Appeals, bool CanAppeal, bool CanScore);

/// <summary>What another capability reads: a subject's total and band in a year's published assessment.</summary>
public sealed record AssessmentBand(Guid SubjectId, int Year, decimal Total, string Band, string PeriodName);

using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Surveys;

[RequestModel]
public sealed record IndicatorInput(
    [property: Required(ErrorMessage = "指标编码不能为空"), RegularExpression("^[A-Za-z][A-Za-z0-9_.-]{0,31}$", ErrorMessage = "指标编码须以字母开头，由 1–32 位字母、数字、下划线、点或连字符组成")] string? Code,
    [property: Required(ErrorMessage = "指标名称不能为空"), MaxLength(100, ErrorMessage = "指标名称不能超过 100 个字符")] string? Name,
    string? Parent = null);

[RequestModel]
public sealed record SurveyInput(
    [property: Required(ErrorMessage = "测评类型不能为空")] string? Kind,
    [property: Required(ErrorMessage = "测评期次不能为空"), RegularExpression("^(20[0-9]{2})H[12]$", ErrorMessage = "测评期次须为年份加半年，如 2026H1")] string? Period,
    [property: Required(ErrorMessage = "评分下限不能为空"), Range(-1000, 1000, ErrorMessage = "评分下限须在 -1000 到 1000 之间")] double? ScaleMin,
    [property: Required(ErrorMessage = "评分上限不能为空"), Range(-1000, 1000, ErrorMessage = "评分上限须在 -1000 到 1000 之间")] double? ScaleMax,
    [property: Required(ErrorMessage = "指标不能为空"), MinLength(1, ErrorMessage = "至少须有一个指标"), MaxLength(SurveyRules.MaxIndicators, ErrorMessage = "指标最多 100 个")] IReadOnlyList<IndicatorInput>? Indicators);

[RequestModel]
public sealed record SurveyKindInput(
    [property: Required(ErrorMessage = "类型编码不能为空"), RegularExpression("^[a-z][a-z0-9-]{0,31}$", ErrorMessage = "类型编码须为 1–32 位小写字母、数字或连字符")] string? Code,
    [property: Required(ErrorMessage = "类型名称不能为空"), MaxLength(100, ErrorMessage = "类型名称不能超过 100 个字符")] string? Name);

public sealed record SurveyKindDto(string Code, string Name);

public sealed record IndicatorDto(string Code, string Name, string? Parent);

public sealed record SurveyDto(Guid Id, string Kind, string KindName, string Period, double ScaleMin, double ScaleMax, int IndicatorVersion,
    IReadOnlyList<IndicatorDto> Indicators, int Respondents, int Summaries, DateTimeOffset CreatedAt);

public sealed record SurveySummaryDto(Guid Id, string Kind, string KindName, string Period, double ScaleMin, double ScaleMax, int IndicatorVersion, int Indicators);

/// <summary>What an import did (or, on a dry run, would do): rows read and rows written.</summary>
public sealed record SurveyImportReport(bool DryRun, int Rows, int Written);

/// <summary>A downloadable template.</summary>
public sealed record SurveyTemplate(byte[] Content, string FileName);

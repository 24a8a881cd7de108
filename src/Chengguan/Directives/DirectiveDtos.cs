using System.ComponentModel.DataAnnotations;
using Chengguan.Evidence;
using Chengguan.Infrastructure;

namespace Chengguan.Directives;

[RequestModel]
public sealed record MilestoneInput(
    [property: Required(ErrorMessage = "节点名称不能为空"), MaxLength(200, ErrorMessage = "节点名称不能超过 200 个字符")] string? Title,
    [property: Required(ErrorMessage = "节点日期不能为空")] DateOnly? Due);

/// <summary>
/// A new directive. The deadline is either a date (natural days to it; with <c>asap</c> it is the set target of
/// "尽快") or a number of working days on the versioned calendar (the deadline is then the day it falls due).
/// </summary>
[RequestModel]
public sealed record DirectiveRequest(
    [property: Required(ErrorMessage = "督办来源不能为空")] Guid? SourceId,
    [property: MaxLength(200, ErrorMessage = "依据文件不能超过 200 个字符")] string? Reference,
    [property: Required(ErrorMessage = "督办内容不能为空"), MaxLength(2000, ErrorMessage = "督办内容不能超过 2000 个字符")] string? Text,
    [property: Required(ErrorMessage = "责任单位不能为空")] Guid? OwnerUnitId,
    [property: Required(ErrorMessage = "分管领导不能为空")] Guid? LeaderPersonId,
    DateOnly? Deadline = null,
    [property: Range(1, 365, ErrorMessage = "工作日时限须为 1–365 个工作日")] int? WorkingDays = null,
    bool Asap = false,
    [property: MaxLength(20, ErrorMessage = "协办单位最多 20 个")] Guid[]? CoOwnerUnitIds = null,
    [property: MaxLength(20, ErrorMessage = "阶段节点最多 20 个")] MilestoneInput[]? Milestones = null);

[RequestModel]
public sealed record DirectiveReportRequest(
    [property: Required(ErrorMessage = "进展情况不能为空"), MaxLength(2000, ErrorMessage = "进展情况不能超过 2000 个字符")] string? Text,
    [property: Required(ErrorMessage = "完成进度不能为空"), Range(0, 100, ErrorMessage = "完成进度须为 0–100")] int? Percent,
    DateOnly? On = null);

[RequestModel]
public sealed record SourceRequest(
    [property: Required(ErrorMessage = "来源编码不能为空"), RegularExpression("^[a-z][a-z0-9-]{1,31}$", ErrorMessage = "来源编码须为 2–32 位小写字母、数字或连字符")] string? Code,
    [property: Required(ErrorMessage = "来源名称不能为空"), MaxLength(50, ErrorMessage = "来源名称不能超过 50 个字符")] string? Name);

/// <summary>The boards' and lists' filter: by source, light, leader, unit (owned or co-owned) and open/closed.</summary>
public sealed record DirectiveFilter(Guid? Source = null, DirectiveLight? Light = null, Guid? Leader = null, Guid? Unit = null, bool? Closed = null);

public sealed record SourceDto(Guid Id, string Code, string Name);

public sealed record UnitName(Guid Id, string Name);

public sealed record DirectiveRow(
    Guid Id, int Number, Guid SourceId, string Source, string? Reference, string Text, Guid OwnerUnitId, string OwnerUnit, IReadOnlyList<UnitName> CoOwners,
    Guid LeaderPersonId, string Leader, DeadlineKind DeadlineKind, bool Asap, DateOnly Deadline, DateTimeOffset DueAt, DirectiveState State, int Percent,
    DirectiveLight Light, int Extensions, int? PendingDays, DateTimeOffset? ClosedAt);

public sealed record MilestoneDto(Guid Id, int Seq, string Title, DateOnly Due, DateOnly? DoneOn, string? DoneBy, bool Late);

public sealed record DirectiveReportDto(Guid Id, Guid DirectiveId, DateOnly On, string Text, int Percent, string? ByName, DateTimeOffset At);

public sealed record DirectiveTimelineDto(int Seq, string Action, string Label, DirectiveState? From, DirectiveState? To, DateTimeOffset At, string? ActorName, string? Note);

public sealed record DirectiveDetail(
    DirectiveRow Directive, IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<DirectiveReportDto> Reports, IReadOnlyList<EvidenceDto> Evidence,
    IReadOnlyList<DirectiveTimelineDto> Timeline, IReadOnlyList<DirectiveAction> Actions, bool CanReport, bool CanWork, string? ApprovedBy);

/// <summary>One leader's or one unit's directives on the board, with the count per light and the closed ones.</summary>
public sealed record BoardGroup(Guid Id, string Name, int Open, int Green, int Yellow, int Red, int Closed, IReadOnlyList<DirectiveRow> Directives);

/// <summary>The choices of the creation form: sources, units, leaders (people of the bureau's leadership).</summary>
public sealed record DirectiveChoices(IReadOnlyList<SourceDto> Sources, IReadOnlyList<UnitName> Units, IReadOnlyList<UnitName> Leaders);

/// <summary>The month's directive report for the supervision office (区委督查室).</summary>
public sealed record MonthlyReport(string Month, DateTimeOffset At, IReadOnlyList<DirectiveRow> Directives, IReadOnlyList<DirectiveReportDto> Reports);

/// <summary>An export's bytes with the type and name it is sent under.</summary>
public sealed record DirectiveFile(byte[] Content, string ContentType, string FileName);

using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Guidance;

[RequestModel]
public sealed record GuidanceRequest(
    [property: Required(ErrorMessage = "标题不能为空"), MaxLength(200, ErrorMessage = "标题不能超过 200 个字符")] string? Title,
    [property: Required(ErrorMessage = "类别不能为空")] GuidanceKind? Kind,
    [property: Required(ErrorMessage = "正文不能为空"), MaxLength(20000, ErrorMessage = "正文不能超过 20000 个字符")] string? Body,
    [property: Required(ErrorMessage = "下发单位不能为空"), MinLength(1, ErrorMessage = "下发单位不能为空"), MaxLength(100, ErrorMessage = "下发单位最多 100 个")] Guid[]? TargetUnitIds);

/// <summary>A note in a list: how many of its targets confirmed, and (for a target unit's member) whether their unit did.</summary>
public sealed record GuidanceRow(Guid Id, string Title, GuidanceKind Kind, string? IssuedBy, DateTimeOffset IssuedAt, int Targets, int Confirmed, bool? MineConfirmed);

public sealed record TargetStatus(Guid UnitId, string Unit, DateTimeOffset? ConfirmedAt, string? ConfirmedBy);

/// <summary>A note with each target's status, the unconfirmed ones, and whether the caller's unit may confirm now.</summary>
public sealed record GuidanceDetail(
    Guid Id, string Title, GuidanceKind Kind, string Body, string? IssuedBy, DateTimeOffset IssuedAt, IReadOnlyList<TargetStatus> Targets,
    IReadOnlyList<TargetStatus> Unconfirmed, Guid? MyTargetUnitId, bool CanConfirm);

/// <summary>A unit the issue form offers as a target (street teams and squads).</summary>
public sealed record TargetChoice(Guid Id, string Name);

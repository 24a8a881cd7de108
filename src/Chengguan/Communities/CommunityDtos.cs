using System.ComponentModel.DataAnnotations;
using Chengguan.Cases;
using Chengguan.Evidence;
using Chengguan.Infrastructure;

namespace Chengguan.Communities;

/// <summary>
/// Assigns a liaison (or deputy) to a committee (the committee is the address: POST /api/communities/committees/{id}/liaisons). When the committee has an active one of that role, <see cref="Replaces"/>
/// must name its row: the change closes it on <see cref="ValidFrom"/> (default today) and starts the new one.
/// </summary>
[RequestModel]
public sealed record AssignLiaisonRequest(
    [property: Required(ErrorMessage = "联络员不能为空")] Guid? PersonId,
    LiaisonRole? Role = null,
    DateOnly? ValidFrom = null,
    Guid? Replaces = null);

[RequestModel]
public sealed record EndLiaisonRequest(
    [property: Required(ErrorMessage = "原因不能为空"), MaxLength(200, ErrorMessage = "原因不能超过 200 个字符")] string Reason,
    DateOnly? ValidTo = null);

public sealed record LiaisonDto(Guid Id, Guid CommitteeId, Guid PersonId, string PersonName, string? BadgeNumber, LiaisonRole Role,
    DateOnly ValidFrom, DateOnly? ValidTo, string? EndReason, string? RecordedBy);

public sealed record CommitteeRef(Guid Id, string Code, string Name, Guid StreetId, string StreetName);

/// <summary>A committee's line of the register: its active liaison and deputy, and whether it is a coverage gap.</summary>
public sealed record CommitteeLiaisons(CommitteeRef Committee, LiaisonDto? Liaison, LiaisonDto? Deputy, bool Uncovered, bool LiaisonOverloaded);

public sealed record OverloadedOfficer(Guid PersonId, string Name, int Count, List<CommitteeRef> Committees);

/// <summary>The coverage report: committees without an active liaison, officers with more than <see cref="MaxPerOfficer"/> committees.</summary>
public sealed record LiaisonCoverage(int Committees, int Covered, int MaxPerOfficer, List<CommitteeRef> Uncovered, List<OverloadedOfficer> Overloaded);

[RequestModel]
public sealed record VisitProblemRequest(
    [property: Required(ErrorMessage = "问题描述不能为空"), MaxLength(1000, ErrorMessage = "问题描述不能超过 1000 个字符")] string Description,
    [property: MaxLength(300, ErrorMessage = "地址不能超过 300 个字符")] string? Address = null,
    double? Lon = null,
    double? Lat = null,
    bool ToCase = false);

/// <summary>A visit (走访) or an enforcement operation (执法进小区); <see cref="OfficerId"/> defaults to the caller's own person.</summary>
[RequestModel]
public sealed record VisitRequest(
    [property: Required(ErrorMessage = "日期不能为空")] DateOnly? Date,
    [property: Required(ErrorMessage = "居委会不能为空")] Guid? CommitteeId,
    [property: Required(ErrorMessage = "内容不能为空"), MaxLength(2000, ErrorMessage = "内容不能超过 2000 个字符")] string Topics,
    VisitKind? Kind = null,
    Guid? OfficerId = null,
    [property: MaxLength(500, ErrorMessage = "参加人员不能超过 500 个字符")] string? Attendees = null,
    List<VisitProblemRequest>? Problems = null);

[RequestModel]
public sealed record FeedbackRequest(
    [property: Required(ErrorMessage = "反馈内容不能为空"), MaxLength(2000, ErrorMessage = "反馈内容不能超过 2000 个字符")] string Text,
    DateOnly? Date = null);

public sealed record VisitRow(Guid Id, VisitKind Kind, DateOnly Date, CommitteeRef Committee, Guid OfficerId, string OfficerName, string Topics,
    int Problems, int Cases, bool LoopClosed, DateOnly? FeedbackOn);

public sealed record VisitProblemDto(Guid Id, int Seq, string Description, string? Address, Guid? CaseId, string? CaseNumber, CaseState? CaseState, bool Answered);

public sealed record VisitDetail(VisitRow Visit, string Attendees, string? Feedback, string? FeedbackBy, string? RecordedBy, DateTimeOffset RecordedAt,
    List<VisitProblemDto> Problems, List<EvidenceDto> Photos);

public sealed record NormRow(Guid StreetId, string StreetName, string Month, int Committees, int CommitteesMeetingNorm, double Coverage, int Visits, int Enforcements);

/// <summary>Visits and enforcement operations of one committee over the report's months.</summary>
public sealed record CommunityCount(CommitteeRef Committee, int Visits, int Enforcements);

public sealed record NormsReport(string From, string To, int RequiredPerMonth, List<NormRow> Streets, List<CommunityCount> Communities);

/// <summary>What the console's forms offer: the committees and officers in the caller's scope.</summary>
public sealed record PersonChoice(Guid Id, string Name, string? BadgeNumber, string? UnitName);

using System.ComponentModel.DataAnnotations;
using Chengguan.Clocks;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Briefings;

[RequestModel]
public sealed record BriefingInput(Guid? TaskId = null, Guid? PlanId = null, [property: Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year = null);

public sealed record BriefingSummary(Guid Id, BriefingKind Kind, string BasisKey, string PeriodKey, string Title, DateTimeOffset AsOf, string? CreatedBy, string XlsxUrl, string PdfUrl);

public sealed record BriefingDetail(BriefingSummary Briefing, BriefingContent Content, IReadOnlyList<Guid> ProposedInterviews);
[RequestModel]
public sealed record InterviewInput(
    [property: Required(ErrorMessage = "街镇不能为空")] Guid? StreetId,
    [property: Required(ErrorMessage = "约谈事由不能为空"), MaxLength(1000, ErrorMessage = "约谈事由不能超过 1000 个字符")] string? Reason);

[RequestModel]
public sealed record CommitmentInput(
    [property: Required(ErrorMessage = "承诺内容不能为空"), MaxLength(500, ErrorMessage = "承诺内容不能超过 500 个字符")] string? Text,
    [property: Required(ErrorMessage = "完成期限不能为空")] DateOnly? Deadline);

[RequestModel]
public sealed record InterviewRecordInput(
    [property: Required(ErrorMessage = "约谈日期不能为空")] DateOnly? HeldOn,
    [property: Required(ErrorMessage = "参加人员不能为空"), MinLength(1, ErrorMessage = "参加人员不能为空"), MaxLength(30, ErrorMessage = "参加人员最多 30 人")] string[]? Participants,
    [property: MaxLength(4000, ErrorMessage = "约谈纪要不能超过 4000 个字符")] string? Summary,
    [property: Required(ErrorMessage = "整改承诺不能为空"), MinLength(1, ErrorMessage = "至少一项整改承诺"), MaxLength(20, ErrorMessage = "整改承诺最多 20 项")] CommitmentInput[]? Commitments);

[RequestModel]
public sealed record NoteInput([property: Required(ErrorMessage = "说明不能为空"), MaxLength(1000, ErrorMessage = "说明不能超过 1000 个字符")] string? Note);

public sealed record CommitmentDto(Guid Id, string Text, DateOnly Deadline, DateTimeOffset? DoneAt, string? DoneNote, ClockState? ClockState, DateTimeOffset? DueAt, bool Overdue);

public sealed record InterviewDto(
    Guid Id, Guid StreetId, string StreetName, string? BasisKey, Guid? BriefingId, InterviewState State, string Reason, DateTimeOffset ProposedAt,
    DateOnly? HeldOn, string? Participants, string? Summary, IReadOnlyList<CommitmentDto> Commitments);

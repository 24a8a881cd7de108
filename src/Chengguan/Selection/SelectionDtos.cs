using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Selection;

// ---- What-if (POST /api/selection/match) ----

[RequestModel]
public sealed record WhatIfPost(string? Id, int? Seats, string[]? Ranking);

[RequestModel]
public sealed record WhatIfCandidate(string? Id, string[]? Choices);

[RequestModel]
public sealed record WhatIfRequest(WhatIfPost[]? Posts, WhatIfCandidate[]? Candidates);

public sealed record WhatIfResponse(IReadOnlyList<MatchAssignment> Assignments, IReadOnlyList<MatchCutoff> Cutoffs);

// ---- Rounds ----

[RequestModel]
public sealed record RoundRequest(
    [property: Required(ErrorMessage = "名称不能为空"), MaxLength(100, ErrorMessage = "名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "可填报志愿数不能为空"), Range(1, 10, ErrorMessage = "可填报志愿数须为 1–10")] int? MaxChoices,
    [property: Required(ErrorMessage = "笔试权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightWritten,
    [property: Required(ErrorMessage = "面试权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightInterview,
    [property: Required(ErrorMessage = "考核结果权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightAssessment,
    [property: Required(ErrorMessage = "干部评价权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightEvaluation,
    TieBreak? TieBreak,
    [property: Required(ErrorMessage = "公示期天数不能为空"), Range(0, 30, ErrorMessage = "公示期须为 0–30 天")] int? AppealDays);

[RequestModel]
public sealed record PostRequest(
    [property: Required(ErrorMessage = "所属单位不能为空")] Guid? UnitId,
    [property: Required(ErrorMessage = "岗位名称不能为空"), MaxLength(100, ErrorMessage = "岗位名称不能超过 100 个字符")] string? Title,
    [property: Required(ErrorMessage = "职数不能为空"), Range(0, 100, ErrorMessage = "职数须为 0–100")] int? Seats,
    CadreGrade? MinGrade,
    [property: Range(0, 50, ErrorMessage = "任职年限要求须为 0–50 年")] int? MinYears,
    Education? MinEducation,
    [property: MaxLength(10, ErrorMessage = "资格证书要求最多 10 项")] string[]? Certificates);

[RequestModel]
public sealed record ApplicationRequest(
    [property: Required(ErrorMessage = "报名人员不能为空")] Guid? PersonId,
    [property: Required(ErrorMessage = "职级不能为空")] CadreGrade? Grade,
    [property: Required(ErrorMessage = "任职年限不能为空"), Range(0, 50, ErrorMessage = "任职年限须为 0–50 年")] int? ServiceYears,
    [property: Required(ErrorMessage = "学历不能为空")] Education? Education,
    [property: MaxLength(10, ErrorMessage = "资格证书最多 10 项")] string[]? Certificates,
    [property: Required(ErrorMessage = "志愿不能为空"), MinLength(1, ErrorMessage = "至少填报一个志愿")] Guid[]? Choices);

/// <summary>
/// Scores of the composite, 0–100. Written test and interview are entered from the marking sheets; the
/// assessment result and the cadre evaluation are entered here too, or taken for every applicant from the
/// published yearly assessment and the bimonthly evaluation (<see cref="SelectionRounds.AssessmentScoresAsync"/>,
/// <see cref="SelectionRounds.EvaluationScoresAsync"/>).
/// </summary>
[RequestModel]
public sealed record ScoresRequest(
    [property: Range(0, 100, ErrorMessage = "笔试成绩须为 0–100")] decimal? Written,
    [property: Range(0, 100, ErrorMessage = "面试成绩须为 0–100")] decimal? Interview,
    [property: Range(0, 100, ErrorMessage = "考核成绩须为 0–100")] decimal? Assessment,
    [property: Range(0, 100, ErrorMessage = "干部评价成绩须为 0–100")] decimal? Evaluation) : IValidatableObject
{
    /// <summary>An entry that changes nothing is a mistake in the form, not a no-op.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Written is null && Interview is null && Assessment is null && Evaluation is null)
        {
            yield return new ValidationResult("至少录入一项成绩", [nameof(Written)]);
        }
    }
}

[RequestModel]
public sealed record AppealRequest(
    [property: Required(ErrorMessage = "申诉人不能为空")] Guid? CandidateId,
    [property: Required(ErrorMessage = "申诉内容不能为空"), MaxLength(2000, ErrorMessage = "申诉内容不能超过 2000 个字符")] string? Text);

[RequestModel]
public sealed record AppealDecisionRequest(
    [property: Required(ErrorMessage = "须说明是否支持申诉")] bool? Upheld,
    [property: Required(ErrorMessage = "处理意见不能为空"), MaxLength(2000, ErrorMessage = "处理意见不能超过 2000 个字符")] string? Note);

[RequestModel]
public sealed record SecondRoundRequest(
    [property: Required(ErrorMessage = "名称不能为空"), MaxLength(100, ErrorMessage = "名称不能超过 100 个字符")] string? Name);

public sealed record RoundSummary(
    Guid Id, string Name, int MaxChoices, Weights Weights, TieBreak TieBreak, string TieBreakText, int AppealDays, RoundState State, string StateText,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? AppealUntil, DateTimeOffset? ConfirmedAt, int Posts, int Seats, int Candidates);

public sealed record SelectionPostDto(
    Guid Id, Guid UnitId, string UnitName, string Title, int Seats, CadreGrade? MinGrade, int? MinYears, Education? MinEducation,
    IReadOnlyList<string> Certificates, string RulesText, int Applicants);

public sealed record CandidateDto(
    Guid Id, Guid PersonId, string Name, CadreGrade Grade, int ServiceYears, Education Education, IReadOnlyList<string> Certificates,
    DateTimeOffset AppliedAt, Scores Scores, decimal? Composite, IReadOnlyList<ChoiceDto> Choices);

public sealed record ChoiceDto(int Preference, Guid PostId, string PostName);

public sealed record RoundDetail(RoundSummary Round, IReadOnlyList<SelectionPostDto> Posts, IReadOnlyList<CandidateDto> Candidates);

public sealed record RankingRow(int Rank, Guid CandidateId, string Name, decimal Composite, Scores Scores, int ServiceYears, DateTimeOffset AppliedAt);

public sealed record UnrankedRow(Guid CandidateId, string Name, Unranked Reason, string ReasonText);

public sealed record PostRankingDto(SelectionPostDto Post, IReadOnlyList<RankingRow> Ranked, IReadOnlyList<UnrankedRow> Unranked);

public sealed record ResultRow(Guid CandidateId, string Name, Guid? PostId, string? PostName, int? Choice);

public sealed record CutoffRow(Guid PostId, string PostName, int Seats, int Admitted, int? LastAdmittedRank);

public sealed record MatchDto(Guid RunId, int Seq, DateTimeOffset RunAt, string? RunBy, IReadOnlyList<ResultRow> Results, IReadOnlyList<CutoffRow> Cutoffs);

/// <summary>The stored run as it went into and came out of the matching (ids as text): re-running it gives the same result.</summary>
public sealed record StoredRun(IReadOnlyList<MatchPost> Posts, IReadOnlyList<MatchCandidate> Candidates, MatchResult Result);

public sealed record ExplanationRow(int Choice, Guid PostId, string PostName, int? LastAdmittedRank, int? OwnRank, ExplanationReason Reason, string ReasonText);

public sealed record ExplanationDto(Guid CandidateId, string Name, Guid? PostId, string? PostName, int? ResultChoice, IReadOnlyList<ExplanationRow> Above);

public sealed record AppealDto(
    Guid Id, Guid CandidateId, string Name, string Text, DateTimeOffset FiledAt, string? FiledBy, bool? Upheld, string? DecisionNote, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>An unmatched candidate with the posts left with free seats they are eligible for (调剂 options).</summary>
public sealed record UnmatchedDto(Guid CandidateId, string Name, IReadOnlyList<ChoiceDto> Options);

public sealed record PostChangeDto(Guid Id, Guid PersonId, string Name, string? FromPost, Guid ToUnitId, string ToUnit, string ToPost, DateOnly EffectiveOn, DateTimeOffset RecordedAt);

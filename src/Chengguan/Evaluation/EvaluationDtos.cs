using System.ComponentModel.DataAnnotations;
using Chengguan.Infrastructure;

namespace Chengguan.Evaluation;

/// <summary>An item of the questionnaire (德、能、勤、绩、廉 …) with what it asks.</summary>
public sealed record QuestionItem(string Code, string Name, string Description);

/// <summary>A step of the scale and the points it is worth (优秀 = 100 …, or "7" = 7 on a 1–10 scale).</summary>
public sealed record ScaleOption(string Label, int Points);

[RequestModel]
public sealed record QuestionItemRequest(
    [property: Required(ErrorMessage = "项目代码不能为空"), MaxLength(20, ErrorMessage = "项目代码不能超过 20 个字符")] string? Code,
    [property: Required(ErrorMessage = "项目名称不能为空"), MaxLength(20, ErrorMessage = "项目名称不能超过 20 个字符")] string? Name,
    [property: MaxLength(200, ErrorMessage = "项目说明不能超过 200 个字符")] string? Description);

[RequestModel]
public sealed record ScaleOptionRequest(
    [property: Required(ErrorMessage = "等次名称不能为空"), MaxLength(20, ErrorMessage = "等次名称不能超过 20 个字符")] string? Label,
    [property: Required(ErrorMessage = "分值不能为空"), Range(0, 100, ErrorMessage = "分值须为 0–100")] int? Points);

[RequestModel]
public sealed record QuestionnaireRequest(
    [property: Required(ErrorMessage = "问卷名称不能为空"), MaxLength(100, ErrorMessage = "问卷名称不能超过 100 个字符")] string? Name,
    [property: Required(ErrorMessage = "评价项目不能为空"), MinLength(1, ErrorMessage = "至少一个评价项目"), MaxLength(12, ErrorMessage = "评价项目最多 12 个")] QuestionItemRequest[]? Items,
    [property: Required(ErrorMessage = "评分等次不能为空"), MinLength(2, ErrorMessage = "评分等次至少两个"), MaxLength(11, ErrorMessage = "评分等次最多 11 个")] ScaleOptionRequest[]? Scale);

public sealed record QuestionnaireDto(Guid Id, int Version, string Name, IReadOnlyList<QuestionItem> Items, IReadOnlyList<ScaleOption> Scale, DateTimeOffset CreatedAt);

[RequestModel]
public sealed record EvaluationRoundRequest(
    [property: Required(ErrorMessage = "年度不能为空"), Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year,
    [property: Required(ErrorMessage = "期次不能为空"), Range(1, 6, ErrorMessage = "期次须为 1–6（每两个月一期）")] int? Period,
    [property: MaxLength(100, ErrorMessage = "名称不能超过 100 个字符")] string? Name,
    Guid? QuestionnaireId,
    [property: Required(ErrorMessage = "局领导权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightLeaders,
    [property: Required(ErrorMessage = "中层互评权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightPeers,
    [property: Required(ErrorMessage = "下属评价权重不能为空"), Range(0, 100, ErrorMessage = "权重须为 0–100")] int? WeightSubordinates);

[RequestModel]
public sealed record CadresRequest(
    [property: Required(ErrorMessage = "被评价干部不能为空"), MaxLength(60, ErrorMessage = "每期被评价干部最多 60 人")] Guid[]? PersonIds);

[RequestModel]
public sealed record RatersRequest(
    [property: Required(ErrorMessage = "评价组别不能为空")] RaterGroup? Group,
    [property: Required(ErrorMessage = "评价人不能为空"), MaxLength(80, ErrorMessage = "每组评价人最多 80 人；更多的下属评价人请从名册抽取")] Guid[]? PersonIds);

[RequestModel]
public sealed record BallotRequest(
    [property: Required(ErrorMessage = "被评价干部不能为空")] Guid? CadreId,
    [property: Required(ErrorMessage = "须对每一项作答"), MaxLength(12, ErrorMessage = "作答项数不对")] int[]? Points);

public sealed record EvaluationRoundSummary(
    Guid Id, string Name, int Year, int Period, string PeriodLabel, EvaluationState State, string StateText,
    int WeightLeaders, int WeightPeers, int WeightSubordinates, int QuestionnaireVersion,
    int Cadres, int Raters, int BallotsCast, int BallotsDue, DateTimeOffset CreatedAt, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt);

public sealed record EvaluationCadreDto(Guid Id, Guid PersonId, string Name, string UnitName, string? PostName);

public sealed record EvaluationRaterDto(Guid Id, Guid PersonId, string Name, string UnitName, RaterGroup Group, string GroupText, int Due, int Cast);

public sealed record EvaluationRoundDetail(EvaluationRoundSummary Round, QuestionnaireDto Questionnaire, IReadOnlyList<EvaluationCadreDto> Cadres, IReadOnlyList<EvaluationRaterDto> Raters);

/// <summary>Progress per cadre and group, from ballots_cast only (counts, never an answer).</summary>
public sealed record CadreProgress(Guid CadreId, string Name, string UnitName, IReadOnlyList<GroupProgress> Groups);

public sealed record GroupProgress(RaterGroup Group, string GroupText, int Cast, int Due);

public sealed record MyCadre(Guid CadreId, string Name, string UnitName, string? PostName, bool Cast);

public sealed record MyBallotRound(Guid RoundId, string Name, string PeriodLabel, RaterGroup Group, string GroupText, QuestionnaireDto Questionnaire, IReadOnlyList<MyCadre> Cadres);

public sealed record BallotReceipt(Guid RoundId, Guid CadreId, int Remaining);

public sealed record GroupResultDto(RaterGroup Group, string GroupText, int Weight, int Raters, int Counted, bool Shown, bool Trimmed, decimal? Score, IReadOnlyList<decimal>? ItemMeans, string Note);

public sealed record CadreResultDto(Guid CadreId, Guid PersonId, string Name, string UnitName, string? PostName, decimal? Total, int? Rank, int Ranked, IReadOnlyList<GroupResultDto> Groups);

public sealed record RoundResultsDto(EvaluationRoundSummary Round, IReadOnlyList<QuestionItem> Items, IReadOnlyList<CadreResultDto> Cadres);

/// <summary>One of the signed-in cadre's own results, with its round (for the letter's address).</summary>
public sealed record MyResult(Guid RoundId, string RoundName, string PeriodLabel, CadreResultDto Result);

public sealed record TrendPoint(Guid RoundId, string RoundName, int Year, int Period, string PeriodLabel, decimal? Total, int? Rank, int Ranked);

/// <summary>A cadre's total of the latest closed round they were evaluated in (the read door for other capabilities).</summary>
public sealed record CadreTotal(Guid PersonId, Guid RoundId, string RoundName, int Year, int Period, decimal Total, int? Rank);

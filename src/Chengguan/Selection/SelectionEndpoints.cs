using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Selection;

/// <summary>Two-way competitive selection over HTTP: adapters over <see cref="SelectionWhatIf"/>, <see cref="SelectionRounds"/> and <see cref="SelectionMatches"/>.</summary>
public static class SelectionEndpoints
{
    /// <summary>A what-if of 20,000 candidates with their choices and rankings is a few megabytes of JSON.</summary>
    public const long WhatIfBodyLimit = 8 * 1024 * 1024;

    public static void MapSelectionApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/selection").WithTags("Selection").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/match", (WhatIfRequest req, SelectionWhatIf whatIf) => whatIf.Match(req).ToHttp())
            .WithBodyLimit(WhatIfBodyLimit)
            .WithSummary("双向选择匹配试算（不保存）").WithDescription("以候选人提出的延迟接受算法（含职数）计算稳定匹配：posts 为岗位（id、seats 职数、ranking 候选人排名，靠前者优先，未列入者不予录取），candidates 为候选人（id、choices 志愿，靠前者优先）。返回每人的去向（post 为 null 表示未匹配）和各岗位末位录取者在本岗排名中的名次。限局领导、科室负责人、管理员。");
        g.MapPost("/rounds", (RoundRequest req, SelectionRounds rounds, CancellationToken ct) => rounds.CreateAsync(req, ct).ToCreated(r => $"/api/selection/rounds/{r.Id}"))
            .WithSummary("新建竞争上岗").WithDescription("名称、可填报志愿数、笔试/面试/考核/干部评价权重（和为 100）、同分排序规则、公示期天数。");
        g.MapGet("/rounds", (SelectionRounds rounds, CancellationToken ct) => rounds.ListAsync(ct).ToHttp())
            .WithSummary("竞争上岗列表").WithDescription("按创建时间倒序列出各次竞争上岗及其状态、岗位数、职数和报名人数。");
        g.MapGet("/rounds/{id:guid}", (Guid id, SelectionRounds rounds, CancellationToken ct) => rounds.GetAsync(id, ct).ToHttp())
            .WithSummary("竞争上岗详情：岗位、报名人员、成绩与志愿").WithDescription("返回规则、岗位（含任职条件）、报名人员的任职情况、各项成绩、综合成绩和按顺序排列的志愿。");
        g.MapPost("/rounds/{id:guid}/posts", (Guid id, PostRequest req, SelectionRounds rounds, CancellationToken ct) => rounds.AddPostAsync(id, req, ct).ToCreated(p => $"/api/selection/rounds/{id}/posts/{p.Id}"))
            .WithSummary("增加竞争岗位").WithDescription("所属单位、岗位名称、职数和任职条件（最低职级、任职年限、最低学历、须持证书）。");
        g.MapPost("/rounds/{id:guid}/applications", (Guid id, ApplicationRequest req, SelectionRounds rounds, CancellationToken ct) =>
                rounds.ApplyAsync(id, req, ct).ToCreated(c => $"/api/selection/rounds/{id}/candidates/{c.Id}"))
            .WithSummary("报名：人员、任职情况与志愿").WithDescription("志愿按意愿顺序排列，不超过规定个数、不得重复，且须符合各岗位任职条件。");
        g.MapPut("/rounds/{id:guid}/candidates/{candidateId:guid}/scores", (Guid id, Guid candidateId, ScoresRequest req, SelectionRounds rounds, CancellationToken ct) =>
                rounds.ScoresAsync(id, candidateId, req, ct).ToHttp())
            .WithSummary("录入成绩").WithDescription("笔试、面试、考核、干部评价成绩（0–100），只改所给的项。考核与干部评价成绩也可分别从年度绩效考核、干部双月评价一键取数。");
        g.MapPost("/rounds/{id:guid}/evaluation-scores", (Guid id, SelectionRounds rounds, CancellationToken ct) => rounds.EvaluationScoresAsync(id, ct).ToHttp())
            .WithSummary("从干部双月评价取干部评价成绩").WithDescription("每位报名人员取其最近一期已结束的中层干部双月评价的综合得分（0–100）作为干部评价成绩；没有评价结果的人员保留原录入成绩。");
        g.MapPost("/rounds/{id:guid}/assessment-scores", (Guid id, SelectionRounds rounds, CancellationToken ct) => rounds.AssessmentScoresAsync(id, ct).ToHttp())
            .WithSummary("从绩效考核取考核成绩").WithDescription("每位报名人员取其最近一次已公布的年度个人绩效考核总分（近五年内，申诉更正后的最新版本；高于 100 按 100、低于 0 按 0 计）作为考核成绩；没有考核结果的人员保留原录入成绩。");
        g.MapGet("/rounds/{id:guid}/posts/{postId:guid}/ranking", (Guid id, Guid postId, SelectionRounds rounds, CancellationToken ct) => rounds.RankingAsync(id, postId, ct).ToHttp())
            .WithSummary("岗位排名").WithDescription("按综合成绩从高到低排列符合条件的报名人员，同分按本次规定的规则排序；不符合条件或成绩不全者单列。");
        g.MapPost("/rounds/{id:guid}/match", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.RunAsync(id, ct).ToHttp())
            .WithSummary("运行匹配").WithDescription("按各岗位排名和报名志愿运行延迟接受算法，保存本次输入与结果。");
        g.MapGet("/rounds/{id:guid}/match", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.GetAsync(id, ct).ToHttp())
            .WithSummary("最新匹配结果与各岗位末位录取名次").WithDescription("返回最近一次匹配中每位报名人员的去向及其志愿序号，以及各岗位职数、录取人数和末位录取名次。");
        g.MapGet("/rounds/{id:guid}/match/input", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.StoredAsync(id, ct).ToHttp())
            .WithSummary("最新匹配的原始输入与结果").WithDescription("格式与试算接口相同，可据此复算核对。");
        g.MapGet("/rounds/{id:guid}/explanations", (Guid id, Guid? candidate, SelectionMatches matches, CancellationToken ct) => matches.ExplainAsync(id, candidate, ct).ToHttp())
            .WithSummary("匹配说明").WithDescription("对每位报名人员排在其结果之前的每个志愿：该岗位末位录取名次与本人名次，或不符合条件、成绩不全。");
        g.MapPost("/rounds/{id:guid}/publish", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.PublishAsync(id, ct).ToHttp())
            .WithSummary("公示匹配结果").WithDescription("自公示时起计算公示期，期内可提出申诉。");
        g.MapGet("/rounds/{id:guid}/appeals", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.AppealsAsync(id, ct).ToHttp())
            .WithSummary("申诉列表").WithDescription("按提出时间列出本次竞争上岗的申诉及处理结果。");
        g.MapPost("/rounds/{id:guid}/appeals", (Guid id, AppealRequest req, SelectionMatches matches, CancellationToken ct) =>
                matches.AppealAsync(id, req, ct).ToCreated(a => $"/api/selection/rounds/{id}/appeals/{a.Id}"))
            .WithSummary("登记申诉（公示期内）").WithDescription("由组织人事部门代为登记报名人员的申诉；仅在公示期内可登记。");
        g.MapPost("/rounds/{id:guid}/appeals/{appealId:guid}/decision", (Guid id, Guid appealId, AppealDecisionRequest req, SelectionMatches matches, CancellationToken ct) =>
                matches.DecideAsync(id, appealId, req, ct).ToHttp())
            .WithSummary("处理申诉").WithDescription("支持申诉时竞争上岗退回报名中，更正成绩后重新匹配并公示；不支持则维持公示结果。");
        g.MapGet("/rounds/{id:guid}/unmatched", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.UnmatchedAsync(id, ct).ToHttp())
            .WithSummary("未匹配人员及可调剂岗位").WithDescription("列出最近一次匹配中未匹配的人员，以及仍有空缺职数且本人符合任职条件的岗位，供调剂或组织第二轮。");
        g.MapPost("/rounds/{id:guid}/confirm", (Guid id, SelectionMatches matches, CancellationToken ct) => matches.ConfirmAsync(id, ct).ToHttp())
            .WithSummary("定岗").WithDescription("公示期满且申诉均已处理后定岗，为每位匹配成功的人员记录一条岗位变动。");
        g.MapPost("/rounds/{id:guid}/second-round", (Guid id, SecondRoundRequest req, SelectionMatches matches, CancellationToken ct) =>
                matches.SecondRoundAsync(id, req, ct).ToCreated(r => $"/api/selection/rounds/{r.Id}"))
            .WithSummary("组织第二轮").WithDescription("以仍有空缺职数的岗位新建第二轮竞争上岗，规则同本轮。");
        g.MapGet("/post-changes", (Guid? round, Guid? person, SelectionMatches matches, CancellationToken ct) => matches.ChangesAsync(round, person, ct).ToHttp())
            .WithSummary("岗位变动记录").WithDescription("按竞争上岗或人员查询岗位变动历史（新增记录，不覆盖）。");
    }
}

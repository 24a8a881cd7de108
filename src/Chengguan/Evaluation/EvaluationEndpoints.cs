using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Evaluation;

/// <summary>The bimonthly cadre evaluation over HTTP: adapters over <see cref="EvaluationRounds"/>, <see cref="EvaluationBallots"/> and <see cref="EvaluationResults"/>.</summary>
public static class EvaluationEndpoints
{
    public static void MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/evaluation").WithTags("Evaluation").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/questionnaires", (EvaluationRounds r, CancellationToken ct) => r.QuestionnairesAsync(ct).ToHttp())
            .WithSummary("评价问卷各版本").WithDescription("按版本倒序列出问卷的评价项目（德、能、勤、绩、廉等）和评分等次。");
        g.MapPost("/questionnaires", (QuestionnaireRequest req, EvaluationRounds r, CancellationToken ct) => r.CreateQuestionnaireAsync(req, ct).ToCreated(q => $"/api/evaluation/questionnaires/{q.Id}"))
            .WithSummary("新建问卷版本").WithDescription("评价项目（代码、名称、说明）和评分等次（名称、分值）；已有版本不变，各期评价使用各自确定的版本。");
        g.MapPost("/rounds", (EvaluationRoundRequest req, EvaluationRounds r, CancellationToken ct) => r.CreateAsync(req, ct).ToCreated(x => $"/api/evaluation/rounds/{x.Id}"))
            .WithSummary("新建双月评价").WithDescription("年度、期次（1–6，每两个月一期）、问卷版本（缺省为最新版本）和局领导、中层互评、下属评价的权重（和为 100）。");
        g.MapGet("/rounds", (EvaluationRounds r, CancellationToken ct) => r.ListAsync(ct).ToHttp())
            .WithSummary("双月评价列表").WithDescription("按期次倒序列出各期评价及其状态、人数和已评份数。");
        g.MapGet("/rounds/{id:guid}", (Guid id, EvaluationRounds r, CancellationToken ct) => r.GetAsync(id, ct).ToHttp())
            .WithSummary("双月评价详情").WithDescription("问卷、被评价干部和各组评价人及其已评份数（不含任何评价内容）。");
        g.MapPut("/rounds/{id:guid}/cadres", (Guid id, CadresRequest req, EvaluationRounds r, CancellationToken ct) => r.SetCadresAsync(id, req, ct).ToHttp())
            .WithSummary("确定被评价干部").WithDescription("以人员名册中的人员替换被评价干部名单；仅在准备中可改。");
        g.MapPut("/rounds/{id:guid}/raters", (Guid id, RatersRequest req, EvaluationRounds r, CancellationToken ct) => r.SetRatersAsync(id, req, ct).ToHttp())
            .WithSummary("确定一个评价组的评价人").WithDescription("评价人须为有系统账号的在岗人员，每人只在一个组；仅在准备中可改。");
        g.MapPost("/rounds/{id:guid}/raters/subordinates/draw", (Guid id, EvaluationRounds r, CancellationToken ct) => r.DrawSubordinatesAsync(id, ct).ToHttp())
            .WithSummary("从名册抽取下属评价人").WithDescription("各被评价干部所在单位中有账号的在岗人员（干部本人和其他组成员除外）。");
        g.MapPost("/rounds/{id:guid}/open", (Guid id, EvaluationRounds r, CancellationToken ct) => r.OpenAsync(id, ct).ToHttp())
            .WithSummary("开始评价").WithDescription("开始后评价人即可作答，名单不再更改。");
        g.MapPost("/rounds/{id:guid}/close", (Guid id, EvaluationRounds r, CancellationToken ct) => r.CloseAsync(id, ct).ToHttp())
            .WithSummary("结束评价并计算结果").WithDescription("停止作答，计算各组得分（不足三人不显示，五人及以上去掉最高和最低）、加权总分和排名。");
        g.MapGet("/rounds/{id:guid}/progress", (Guid id, EvaluationRounds r, CancellationToken ct) => r.ProgressAsync(id, ct).ToHttp())
            .WithSummary("评价进度").WithDescription("每位被评价干部各组已评份数与应评份数（只计份数，不含评价内容）。");
        g.MapGet("/ballots", (EvaluationBallots b, CancellationToken ct) => b.MineAsync(ct).ToHttp())
            .WithSummary("我的待评名单").WithDescription("本人作为评价人参加的进行中评价、问卷和需评价的干部及是否已评。");
        g.MapPost("/rounds/{id:guid}/ballots", (Guid id, BallotRequest req, EvaluationBallots b, CancellationToken ct) => b.CastAsync(id, req, ct).ToHttp())
            .WithSummary("提交对一名干部的评价").WithDescription("按问卷顺序逐项给出评分等次的分值。无记名：评价内容与评价人分开保存，任何人都无法查到谁给了什么评价；同一干部只能评一次。");
        g.MapGet("/rounds/{id:guid}/results", (Guid id, EvaluationResults r, CancellationToken ct) => r.RoundAsync(id, ct).ToHttp())
            .WithSummary("本期评价结果").WithDescription("各干部的综合得分、排名和各组得分及各项平均分（人数不足三人的组不显示）。限组织人事部门。");
        g.MapGet("/rounds/{id:guid}/results/{cadreId:guid}", (Guid id, Guid cadreId, EvaluationResults r, CancellationToken ct) => r.CadreAsync(id, cadreId, ct).ToHttp())
            .WithSummary("一名干部的评价结果").WithDescription("组织人事部门或干部本人可查。");
        g.MapGet("/rounds/{id:guid}/results/{cadreId:guid}/letter", (Guid id, Guid cadreId, EvaluationResults r, CancellationToken ct) =>
                r.LetterAsync(id, cadreId, ct).ToHttp(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("个人评价结果通知书 PDF").WithDescription("组织人事部门或干部本人可下载。");
        g.MapGet("/people/{personId:guid}/trend", (Guid personId, EvaluationResults r, CancellationToken ct) => r.TrendAsync(personId, ct).ToHttp())
            .WithSummary("历期评价走势").WithDescription("一名干部各期的综合得分和排名。组织人事部门或本人可查。");
        g.MapGet("/results/mine", (EvaluationResults r, CancellationToken ct) => r.MineAsync(ct).ToHttp())
            .WithSummary("我的评价结果").WithDescription("本人作为被评价干部的各期结果。");
    }
}

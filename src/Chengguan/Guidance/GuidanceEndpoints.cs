using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Guidance;

/// <summary>Guidance (业务指导) over HTTP: adapters over <see cref="GuidanceNotes"/>.</summary>
public static class GuidanceEndpoints
{
    public static void MapGuidanceApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/guidance").WithTags("Guidance").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/targets", async (GuidanceNotes n, CancellationToken ct) => TypedResults.Ok(await n.ChoicesAsync(ct)))
            .WithSummary("可下发的单位").WithDescription("在用的街镇城管中队和执法中队。");
        g.MapPost("/notes", (GuidanceRequest req, GuidanceNotes n, CancellationToken ct) => n.IssueAsync(req, ct).ToCreated(d => $"/api/guidance/notes/{d.Id}"))
            .WithSummary("下发业务指导").WithDescription("标题、类别（Opinion 指导意见、Ruling 执法口径、CaseGuide 案例指引）、正文（纯文本）、下发单位。限局领导、科室负责人、管理员。");
        g.MapGet("/notes", async (GuidanceNotes n, CancellationToken ct) => TypedResults.Ok(await n.ListAsync(ct)))
            .WithSummary("业务指导列表").WithDescription("本人可见的业务指导及确认进度；街镇中队只看到下发给本街镇单位的。");
        g.MapGet("/inbox", async (GuidanceNotes n, CancellationToken ct) => TypedResults.Ok(await n.InboxAsync(ct)))
            .WithSummary("本单位收到的业务指导").WithDescription("下发给本人所在单位的业务指导，未确认的在前。");
        g.MapGet("/notes/{id:guid}", (Guid id, GuidanceNotes n, CancellationToken ct) => n.GetAsync(id, ct).ToHttp())
            .WithSummary("业务指导详情").WithDescription("正文、各下发单位的确认情况（确认人、时间）和未确认单位。");
        g.MapPost("/notes/{id:guid}/confirm", (Guid id, GuidanceNotes n, CancellationToken ct) => n.ConfirmAsync(id, ct).ToHttp())
            .WithSummary("确认已阅").WithDescription("下发单位的人员为本单位确认已阅，记录确认人和时间；每个单位确认一次。");
    }
}

using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Briefings;

/// <summary>Interviews (约谈) over HTTP: adapters over <see cref="Interviews"/>.</summary>
public static class InterviewsEndpoints
{
    public static void MapInterviews(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition/interviews").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/", async (InterviewState? state, Interviews interviews, CancellationToken ct) => TypedResults.Ok(await interviews.ListAsync(state, ct)))
            .WithSummary("约谈列表（建议、已约谈、已撤销）")
            .WithDescription("列出约谈：建议中、已约谈和已撤销。");
        g.MapPost("/", (InterviewInput input, Interviews interviews, CancellationToken ct) => interviews.ProposeAsync(input, ct).ToCreated(i => $"/api/demolition/interviews/{i.Id}"))
            .WithSummary("提议约谈滞后街镇")
            .WithDescription("对进度滞后的街镇提议约谈，写明依据的通报和原因。");
        g.MapGet("/{id:guid}", (Guid id, Interviews interviews, CancellationToken ct) => interviews.GetAsync(id, ct).ToHttp()).WithSummary("约谈详情与整改承诺进度")
            .WithDescription("返回约谈记录，以及各项整改承诺的期限和完成情况。");
        g.MapPost("/{id:guid}/record", (Guid id, InterviewRecordInput input, Interviews interviews, CancellationToken ct) => interviews.RecordAsync(id, input, ct).ToHttp())
            .WithSummary("记录约谈：日期、参加人员、纪要、整改承诺（各有完成期限，逾期预警）")
            .WithDescription("记录已进行的约谈（日期、参加人员、纪要）及整改承诺；承诺逾期时发出预警。");
        g.MapPost("/{id:guid}/dismiss", (Guid id, NoteInput input, Interviews interviews, CancellationToken ct) => interviews.DismissAsync(id, input, ct).ToHttp())
            .WithSummary("撤销约谈建议")
            .WithDescription("撤销尚未进行的约谈建议，须说明原因。");
        g.MapPost("/{id:guid}/commitments/{commitmentId:guid}/done", (Guid id, Guid commitmentId, NoteInput input, Interviews interviews, CancellationToken ct) =>
                interviews.DoneAsync(id, commitmentId, input, ct).ToHttp())
            .WithSummary("整改承诺完成")
            .WithDescription("将一项整改承诺标记为已完成。");
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Briefings;

[RequestModel]
public sealed record BriefingInput(Guid? TaskId = null, Guid? PlanId = null, [property: Range(2000, 2100, ErrorMessage = "年度须为 2000–2100")] int? Year = null);

public sealed record BriefingSummary(Guid Id, BriefingKind Kind, string BasisKey, string PeriodKey, string Title, DateTimeOffset AsOf, string? CreatedBy, string XlsxUrl, string PdfUrl);

public sealed record BriefingDetail(BriefingSummary Briefing, BriefingContent Content, IReadOnlyList<Guid> ProposedInterviews);

/// <summary>Briefings (通报): made on demand or on schedule, listed, downloaded as Excel and PDF.</summary>
public static class BriefingsEndpoints
{
    public static void MapBriefings(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition/briefings").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/", Generate).WithSummary("即时生成拆违进度通报（任务批次或计划年度），各街镇按完成率排名");
        g.MapGet("/", List).WithSummary("通报列表（定时与即时）");
        g.MapGet("/{id:guid}", Get).WithSummary("通报内容与据此建议的约谈");
        g.MapGet("/{id:guid}/xlsx", Xlsx).WithSummary("下载通报 Excel");
        g.MapGet("/{id:guid}/pdf", Pdf).WithSummary("下载通报 PDF（含完成率柱状图）");
        InterviewsEndpoints.MapInterviews(app);
    }

    private static BriefingSummary Summary(Briefing b) =>
        new(b.Id, b.Kind, b.BasisKey, b.PeriodKey, b.Title, b.AsOf, b.CreatedBy, $"/api/demolition/briefings/{b.Id}/xlsx", $"/api/demolition/briefings/{b.Id}/pdf");

    internal static async Task<Results<Created<BriefingDetail>, ValidationProblem, ProblemHttpResult>> Generate(
        BriefingInput input, BriefingService briefings, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        if ((input.TaskId is null) == (input.PlanId is null))
        {
            return Problems.Validation("taskId", "须指定任务批次（taskId）或计划（planId 与 year）之一");
        }
        if (!TasksEndpoints.Issues(user))
        {
            return TypedResults.Problem("只有局领导、科长可以发布通报", statusCode: 403, title: "无权执行该操作");
        }
        if (input.PlanId is not null && input.Year is null)
        {
            return Problems.Validation("year", "按计划通报须指定年度");
        }
        string basis = input.TaskId is { } t ? BriefingService.TaskBasis(t) : BriefingService.PlanBasis(input.PlanId!.Value, input.Year!.Value);
        Briefing? b = await briefings.GenerateAsync(BriefingKind.OnDemand, basis, null, user.Name, ct);
        return b is null ? Problems.NotFound("任务批次或计划年度不存在") : TypedResults.Created($"/api/demolition/briefings/{b.Id}", await DetailAsync(db, b, ct));
    }

    internal static async Task<Ok<List<BriefingSummary>>> List(string? basis, AppDbContext db, CancellationToken ct)
    {
        IQueryable<Briefing> q = db.Briefings.AsNoTracking();
        q = basis is null ? q : q.Where(b => b.BasisKey == basis);
        return TypedResults.Ok((await q.OrderByDescending(b => b.AsOf).Take(200).ToListAsync(ct)).Select(Summary).ToList());
    }

    private static async Task<Results<Ok<BriefingDetail>, ProblemHttpResult>> Get(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } b ? TypedResults.Ok(await DetailAsync(db, b, ct)) : Problems.NotFound("通报不存在");

    private static async Task<BriefingDetail> DetailAsync(AppDbContext db, Briefing b, CancellationToken ct) =>
        new(Summary(b), JsonSerializer.Deserialize<BriefingContent>(b.RowsJson, DemolitionProcedure.Json)!,
            await db.Interviews.AsNoTracking().Where(i => i.BriefingId == b.Id).Select(i => i.Id).ToListAsync(ct));

    private static Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Xlsx(Guid id, AppDbContext db, EvidenceStore store, CancellationToken ct) =>
        FileAsync(id, db, store, xlsx: true, ct);

    private static Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Pdf(Guid id, AppDbContext db, EvidenceStore store, CancellationToken ct) =>
        FileAsync(id, db, store, xlsx: false, ct);

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> FileAsync(Guid id, AppDbContext db, EvidenceStore store, bool xlsx, CancellationToken ct)
    {
        if (await db.Briefings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is not { } b || !File.Exists(store.PathOf(xlsx ? b.XlsxSha256 : b.PdfSha256)))
        {
            return Problems.NotFound("通报不存在");
        }
        return xlsx
            ? TypedResults.PhysicalFile(store.PathOf(b.XlsxSha256), BriefingFiles.XlsxType, $"{b.Title}.xlsx")
            : TypedResults.PhysicalFile(store.PathOf(b.PdfSha256), "application/pdf", $"{b.Title}.pdf");
    }
}

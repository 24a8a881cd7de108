using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Communities;

/// <summary>一人一居 over HTTP: adapters over <see cref="Liaisons"/> and <see cref="Visits"/>, which validate, check scope and roles, and answer.</summary>
public static class CommunitiesEndpoints
{
    public static void MapCommunityEndpoints(this IEndpointRouteBuilder app)
    {
        // No ValidationFilter: the doors validate, so the API and the console refuse a request with the same field errors.
        var g = app.MapGroup("/api/communities").WithTags("Communities").RequireAuthorization(Policies.Staff);
        g.MapGet("/liaisons", async (Guid? street, Liaisons liaisons, CancellationToken ct) => TypedResults.Ok(await liaisons.RegisterAsync(street, ct)))
            .WithSummary("联络员名册：各居委会的在任联络员和副联络员（本人范围内，可按街镇筛选）")
            .WithDescription("列出调用者范围内每个居委会的在任联络员、副联络员，标出没有联络员的居委会和超出上限的联络员。");
        g.MapGet("/committees/{id:guid}/liaisons", (Guid id, Liaisons liaisons, CancellationToken ct) => liaisons.HistoryAsync(id, ct).ToHttp())
            .WithSummary("居委会联络员的历次任职记录（新的在前）")
            .WithDescription("一个居委会联络员和副联络员的全部任职记录，含起止日期和结束原因；记录只增不改。");
        g.MapPost("/committees/{id:guid}/liaisons", (Guid id, AssignLiaisonRequest req, Liaisons liaisons, CancellationToken ct) =>
                liaisons.AssignAsync(id, req, ct).ToCreated(l => $"/api/communities/committees/{l.CommitteeId}/liaisons"))
            .WithSummary("指定或更换居委会联络员（更换须指明被更换的记录，原记录在新记录起始日结束）")
            .WithDescription("为居委会指定联络员或副联络员。已有在任人员时须以 replaces 指明其记录，原记录在新记录的起始日结束；未指明或已被他人更换答 409。");
        g.MapPost("/liaisons/{id:guid}/end", (Guid id, EndLiaisonRequest req, Liaisons liaisons, CancellationToken ct) => liaisons.EndAsync(id, req, ct).ToHttp())
            .WithSummary("结束联络员任职（居委会随即列为空缺）")
            .WithDescription("结束一条在任记录，须写明原因（reason），结束日期默认为今天；记录保留，居委会在重新指定前列为空缺。");
        g.MapGet("/coverage", async (Guid? street, Liaisons liaisons, CancellationToken ct) => TypedResults.Ok(await liaisons.CoverageAsync(street, ct)))
            .WithSummary("联络员覆盖情况：无联络员的居委会、联络居委会超过上限的人员")
            .WithDescription("统计调用者范围内的居委会数和已覆盖数，列出没有在任联络员的居委会，以及担任联络员的居委会数超过配置上限的人员。");
        g.MapGet("/visits", (Guid? street, string? month, Guid? committee, VisitKind? kind, Visits visits, CancellationToken ct) =>
                visits.ListAsync(street, month, committee, kind, ct).ToHttp())
            .WithSummary("走访登记（按街镇、月份 yyyy-MM、居委会、类型筛选，新的在前）")
            .WithDescription("列出调用者范围内的走访和执法进小区记录，含问题数、转案件数、反馈闭环情况和反馈日期。");
        g.MapGet("/visits/{id:guid}", (Guid id, Visits visits, CancellationToken ct) => visits.GetAsync(id, ct).ToHttp())
            .WithSummary("走访详情：问题及其案件状态、反馈、照片")
            .WithDescription("一次走访的参加人员、内容、反映的问题及所转案件的编号和状态、是否已全部答复、给居委会的反馈和照片。");
        g.MapPost("/visits", (VisitRequest req, Visits visits, CancellationToken ct) => visits.LogAsync(req, [], ct).ToCreated(v => $"/api/communities/visits/{v.Visit.Id}"))
            .WithSummary("登记走访或执法进小区（问题可同时转为案件，渠道为居委会）")
            .WithDescription("登记一次走访（Visit）或执法进小区（Enforcement）。执法队员登记本人的走访；toCase 为 true 的问题在同一事务中转为案件，来源渠道为居委会（ResidentsCommittee）。");
        g.MapPost("/visits/{id:guid}/problems/{problemId:guid}/case", (Guid id, Guid problemId, Visits visits, CancellationToken ct) => visits.OpenCaseAsync(id, problemId, ct).ToHttp())
            .WithSummary("将走访中反映的问题转为案件（一键，渠道为居委会）")
            .WithDescription("把走访中反映的一个问题立为案件，来源渠道为居委会，定位到居委会辖区网格；已转过的问题答 409。");
        g.MapPost("/visits/{id:guid}/feedback", (Guid id, FeedbackRequest req, Visits visits, CancellationToken ct) => visits.FeedbackAsync(id, req, ct).ToHttp())
            .WithSummary("登记向居委会的反馈及日期")
            .WithDescription("登记向居委会反馈的内容和日期（不早于走访日期、不晚于今天）；每次走访登记一次。");
        g.MapPost("/visits/{id:guid}/photos", (Guid id, IFormFile? file, Visits visits, CancellationToken ct) =>
                visits.AttachPhotoAsync(id, IncomingFile.From(file), ct).ToCreated(e => $"/api/communities/visits/{id}/photos/{e.Id}"))
            .WithBodyLimit(Attachments.MaxUpload).DisableAntiforgery()
            .WithSummary("为走访上传照片（multipart/form-data，字段 file）")
            .WithDescription("以 multipart/form-data 上传走访照片或文件（file）；按内容识别类型，以 SHA-256 存储，永不覆盖。");
        g.MapGet("/visits/{id:guid}/photos/{evidenceId:guid}", (Guid id, Guid evidenceId, string? copy, Visits visits, CancellationToken ct) =>
                visits.OpenPhotoAsync(id, evidenceId, copy, ct).ToHttp(f => TypedResults.PhysicalFile(f.Path, f.ContentType, f.FileName, enableRangeProcessing: true)))
            .WithSummary("下载走访照片：original 为原件，public 为去除 EXIF/GPS 的副本")
            .WithDescription("下载走访照片。copy=original 为原件，copy=public 为去除 EXIF/GPS 的公开副本。");
        g.MapGet("/norms", (string? from, string? to, Guid? street, Visits visits, CancellationToken ct) => visits.NormsAsync(from, to, street, ct).ToHttp())
            .WithSummary("走访规范达标情况：各街镇各月每个居委会至少走访 N 次的覆盖率，及各社区执法进小区次数")
            .WithDescription("按街镇和月份（from、to 为 yyyy-MM，默认最近三个月）统计达到每月走访次数要求的居委会数和覆盖率，并列出各居委会的走访和执法进小区次数。");
    }
}

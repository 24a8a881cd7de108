using System.Globalization;
using Chengguan.Cases.Search;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

public static class CasesEndpoints
{
    public static void MapCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.Staff);
        group.MapPost("/", Open).WithSummary("登记案件（巡查发现、监督员上报、居委反映、领导批示、媒体曝光等渠道）");
        group.MapGet("/", Search).WithSummary("案件查询：状态、计时状态、渠道、类别、网格、街镇、承办单位、紧急程度、日期、全文，游标分页");
        // The hotline platform answers callbacks and re-deliveries through the same table as staff.
        var shared = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.StaffOrIntegration);
        shared.MapGet("/{id:guid}", Get).ForIntegrations(IntegrationOperation.ReadCases).WithSummary("案件详情：时间线、计时、可执行的操作");
        shared.MapPost("/{id:guid}/actions/{action}", Act).ForIntegrations(IntegrationOperation.ActOnCases)
            .WithSummary("执行案件流转操作（签收、派遣、退单、延期、挂起、督办、合并、重开……）");
    }

    /// <summary>The cases a scope sees: an API key its integration's, staff those of their unit subtree (or all).</summary>
    internal static IQueryable<Case> InScope(this IQueryable<Case> q, DataScope scope, AppDbContext db) =>
        scope.Integration is { } integration ? q.Where(c => c.Integration == integration)
        : scope.DistrictWide ? q
        : q.Where(c => db.Units.Any(u => (u.Id == c.StreetId || u.Id == c.UnitId) && u.Path.StartsWith(scope.RootPath!)));

    private static async Task<Results<Created<CaseDetail>, ValidationProblem>> Open(
        CaseInput input, CaseIntake intake, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        FieldErrors errors = await ValidateOpenAsync(input, intake, ct);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Case c = await intake.OpenAsync(input, user.UserId, user.Name, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/cases/{c.Id}", await DetailAsync(db, intake, c, user, time, ct));
    }

    /// <summary>What staff may register here (the console's report form asks the same): hotline orders come only through the hotline intake.</summary>
    public static async Task<FieldErrors> ValidateOpenAsync(CaseInput input, CaseIntake intake, CancellationToken ct)
    {
        FieldErrors errors = await intake.ValidateAsync(input, ct);
        if (input.Channel is { } ch && CaseIntake.RouteOf(ch) == CaseRoute.Hotline)
        {
            errors.Add("channel", "热线工单经 /api/hotline/orders 接入");
        }
        return errors;
    }

    private static async Task<Results<Ok<Page<CaseSummary>>, ValidationProblem>> Search(
        HttpRequest request, AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        CaseFilter.Parsed parsed = CaseFilter.Parse(request.Query);
        if (parsed.Errors.Any)
        {
            return Problems.Validation(parsed.Errors);
        }
        IQueryable<Case> q = CaseFilter.Apply(db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db), parsed, db);
        if (parsed.Terms.Count > 0)
        {
            q = await CaseTextSearch.ApplyAsync(q, parsed.Terms, db, ct);
        }
        List<Case> rows = await q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Take(parsed.Limit + 1).ToListAsync(ct);
        string? next = rows.Count > parsed.Limit ? CaseFilter.Cursor(rows[parsed.Limit - 1]) : null;
        return TypedResults.Ok(new Page<CaseSummary>([.. rows.Take(parsed.Limit).Select(CaseMapping.Summary)], next));
    }

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Get(Guid id, AppDbContext db, CaseIntake intake, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        Case? c = await db.Cases.AsNoTracking().InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? Problems.NotFound("案件不存在") : TypedResults.Ok(await DetailAsync(db, intake, c, user, time, ct));
    }

    private static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, string action, CaseActionInput? input, AppDbContext db, CaseIntake intake, CaseTransitions transitions, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!Enum.TryParse(action, ignoreCase: true, out CaseAction parsed) || int.TryParse(action, out _))
        {
            return Problems.NotFound($"没有名为 {action} 的案件操作");
        }
        Case? c = await db.Cases.InScope(await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Problems.NotFound("案件不存在");
        }
        return await MoveAsync(db, intake, transitions, c, parsed, input ?? new CaseActionInput(), user, time, ct);
    }

    /// <summary>One move, one save; the answers are the same for every caller (staff pages, hotline, Open311).</summary>
    internal static async Task<Results<Ok<CaseDetail>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        AppDbContext db, CaseIntake intake, CaseTransitions transitions, Case c, CaseAction action, CaseActionInput input, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        // A dissatisfied callback is the re-handle path of the same table.
        if (action == CaseAction.Callback && input.Satisfaction == Satisfaction.Dissatisfied)
        {
            action = CaseAction.Rehandle;
        }
        CaseState before = c.State;
        Outcome<Case> outcome = await transitions.ApplyAsync(c, action, input, user.Principal.IsInRole, user.UserId, user.Name, ct);
        CaseDetail? detail = null;
        if (outcome is Outcome<Case>.Done)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
            {
                // Someone else moved the case first (the version token or the timeline sequence says so).
                return Conflict("案件已被他人处理，请刷新后重试", before, action.ToString());
            }
            detail = await DetailAsync(db, intake, c, user, time, ct);
        }
        return outcome.ToHttp(_ => TypedResults.Ok(detail!));
    }

    /// <summary>The one answer to a move the case's state does not allow: 409 naming the state and the action.</summary>
    internal static ProblemHttpResult Conflict(string detail, CaseState state, string action) =>
        Problems.Conflict(detail, new Dictionary<string, object?> { ["state"] = state.ToString(), ["action"] = action });

    internal static async Task<CaseDetail> DetailAsync(AppDbContext db, CaseIntake intake, Case c, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        List<Clock> clocks = await db.Clocks.AsNoTracking().Include(k => k.Policy).Where(k => k.SubjectType == CaseIntake.SubjectType && k.SubjectId == c.Id).ToListAsync(ct);
        List<CaseEvent> events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id).ToListAsync(ct);
        // Merge candidates matter while a case is open and not yet merged; a closed case needs none. They
        // are a staff tool: a machine client would see other integrations' cases among them.
        List<Case> similar = c.ParentId is null && CaseWorkflow.IsOpen(c.Route, c.State) && user.Integration is null ? await intake.SimilarAsync(c, ct) : [];
        return CaseMapping.Detail(c, clocks, events, similar, user.Principal.IsInRole, time.GetUtcNow());
    }
}

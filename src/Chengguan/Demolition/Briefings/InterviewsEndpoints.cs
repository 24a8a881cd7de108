using System.ComponentModel.DataAnnotations;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Briefings;

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

/// <summary>Interviews (约谈) with lagging streets; their commitments run on natural-day clocks that warn and breach through the outbox into the street team's inbox.</summary>
public static class InterviewsEndpoints
{
    public const string CommitmentSubject = "commitment";

    public static void MapInterviews(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/demolition/interviews").WithTags("Demolition").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapGet("/", List).WithSummary("约谈列表（建议、已约谈、已撤销）");
        g.MapPost("/", Propose).WithSummary("提议约谈滞后街镇");
        g.MapGet("/{id:guid}", Get).WithSummary("约谈详情与整改承诺进度");
        g.MapPost("/{id:guid}/record", Record).WithSummary("记录约谈：日期、参加人员、纪要、整改承诺（各有完成期限，逾期预警）");
        g.MapPost("/{id:guid}/dismiss", Dismiss).WithSummary("撤销约谈建议");
        g.MapPost("/{id:guid}/commitments/{commitmentId:guid}/done", Done).WithSummary("整改承诺完成");
    }

    private static IQueryable<Interview> InScope(IQueryable<Interview> q, DataScope s, AppDbContext db) =>
        s.DistrictWide ? q : q.Where(i => db.Units.Any(u => u.Id == i.StreetId && u.Path.StartsWith(s.RootPath!)));

    private static ProblemHttpResult Forbidden() => TypedResults.Problem("只有局领导、科长可以安排和记录约谈", statusCode: 403, title: "无权执行该操作");

    internal static async Task<Ok<List<InterviewDto>>> List(InterviewState? state, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        IQueryable<Interview> q = InScope(db.Interviews.AsNoTracking(), await user.GetScopeAsync(ct), db);
        q = state is { } s ? q.Where(i => i.State == s) : q;
        List<Interview> rows = await q.Include(i => i.Commitments).OrderByDescending(i => i.ProposedAt).Take(200).ToListAsync(ct);
        var result = new List<InterviewDto>();
        foreach (Interview i in rows)
        {
            result.Add(await DtoAsync(db, i, time, ct));
        }
        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Created<InterviewDto>, ValidationProblem, ProblemHttpResult>> Propose(
        InterviewInput input, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!TasksEndpoints.Issues(user))
        {
            return Forbidden();
        }
        if (!await db.Units.AnyAsync(u => u.Id == input.StreetId && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town), ct))
        {
            return Problems.Validation("streetId", "不是街道或镇");
        }
        var interview = new Interview { StreetId = input.StreetId!.Value, State = InterviewState.Proposed, Reason = input.Reason!.Trim(), ProposedAt = time.GetUtcNow() };
        db.Interviews.Add(interview);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/demolition/interviews/{interview.Id}", await DtoAsync(db, interview, time, ct));
    }

    private static async Task<Results<Ok<InterviewDto>, ProblemHttpResult>> Get(Guid id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        await InScope(db.Interviews.AsNoTracking().Include(i => i.Commitments), await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct) is { } i
            ? TypedResults.Ok(await DtoAsync(db, i, time, ct))
            : Problems.NotFound("约谈不存在");

    internal static async Task<Results<Ok<InterviewDto>, ValidationProblem, ProblemHttpResult>> Record(
        Guid id, InterviewRecordInput input, AppDbContext db, DemolitionProcedure procedure, ClockService clocks, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        var errors = new FieldErrors();
        if (input.HeldOn > today)
        {
            errors.Add("heldOn", "约谈日期不能晚于今天");
        }
        for (int i = 0; i < input.Commitments!.Length; i++)
        {
            if (input.Commitments[i].Deadline <= today)
            {
                errors.Add($"commitments[{i}].deadline", "完成期限须晚于今天");
            }
        }
        if (input.Participants!.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 50))
        {
            errors.Add("participants", "参加人员姓名须为 1–50 个字符");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        if (!TasksEndpoints.Issues(user))
        {
            return Forbidden();
        }
        if (await db.Interviews.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is not { } found)
        {
            return Problems.NotFound("约谈不存在");
        }
        if (found.State != InterviewState.Proposed)
        {
            return Problems.Conflict($"约谈当前状态为 {found.State}，不能记录", new Dictionary<string, object?> { ["state"] = found.State.ToString(), ["action"] = "Record" });
        }
        // Policies first: a missing one is committed on its own before anything else changes.
        var days = input.Commitments.Select(c => c.Deadline!.Value.DayNumber - today.DayNumber).Distinct().ToList();
        foreach (int d in days)
        {
            await procedure.EnsurePolicyAsync(CommitmentSubject, d, now, ct);
        }
        Interview interview = await db.Interviews.FirstAsync(i => i.Id == id, ct);
        Guid? team = await db.Units.Where(u => u.ParentId == interview.StreetId && u.Kind == UnitKind.StreetTeam).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        (interview.State, interview.HeldOn, interview.Participants, interview.Summary, interview.RecordedBy) =
            (InterviewState.Held, input.HeldOn, string.Join("、", input.Participants!.Select(p => p.Trim())), input.Summary?.Trim(), user.Name);
        foreach (CommitmentInput c in input.Commitments)
        {
            var commitment = new InterviewCommitment { InterviewId = id, Text = c.Text!.Trim(), Deadline = c.Deadline!.Value };
            db.InterviewCommitments.Add(commitment);
            await clocks.StartAsync(CommitmentSubject, commitment.Id, DemolitionClocks.PolicyCode(CommitmentSubject, c.Deadline.Value.DayNumber - today.DayNumber), team ?? interview.StreetId, user.Name, ct);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, await db.Interviews.AsNoTracking().Include(i => i.Commitments).FirstAsync(i => i.Id == id, ct), time, ct));
    }

    private static async Task<Results<Ok<InterviewDto>, ValidationProblem, ProblemHttpResult>> Dismiss(
        Guid id, NoteInput input, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (!TasksEndpoints.Issues(user))
        {
            return Forbidden();
        }
        if (await db.Interviews.Include(i => i.Commitments).FirstOrDefaultAsync(i => i.Id == id, ct) is not { } interview)
        {
            return Problems.NotFound("约谈不存在");
        }
        if (interview.State != InterviewState.Proposed)
        {
            return Problems.Conflict($"约谈当前状态为 {interview.State}，不能撤销", new Dictionary<string, object?> { ["state"] = interview.State.ToString(), ["action"] = "Dismiss" });
        }
        (interview.State, interview.Summary, interview.RecordedBy) = (InterviewState.Dismissed, input.Note!.Trim(), user.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, interview, time, ct));
    }

    internal static async Task<Results<Ok<InterviewDto>, ValidationProblem, ProblemHttpResult>> Done(
        Guid id, Guid commitmentId, NoteInput input, AppDbContext db, ClockService clocks, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        Interview? interview = await InScope(db.Interviews.Include(i => i.Commitments), await user.GetScopeAsync(ct), db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interview?.Commitments.FirstOrDefault(c => c.Id == commitmentId) is not { } commitment)
        {
            return Problems.NotFound("整改承诺不存在");
        }
        if (commitment.DoneAt is not null)
        {
            return Problems.Conflict("该整改承诺已完成", new Dictionary<string, object?> { ["state"] = "Done", ["action"] = "Done" });
        }
        (commitment.DoneAt, commitment.DoneNote) = (time.GetUtcNow(), input.Note!.Trim());
        if (await db.Clocks.Include(k => k.Ledger).Include(k => k.Policy).FirstOrDefaultAsync(k => k.SubjectType == CommitmentSubject && k.SubjectId == commitmentId, ct) is { } clock)
        {
            await clocks.StopAsync(clock, user.Name, ct);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, interview, time, ct));
    }

    private static async Task<InterviewDto> DtoAsync(AppDbContext db, Interview i, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        string street = await db.Units.Where(u => u.Id == i.StreetId).Select(u => u.Name).FirstAsync(ct);
        List<Guid> ids = [.. i.Commitments.Select(c => c.Id)];
        Dictionary<Guid, Clock> clocks = ids.Count == 0 ? [] : await db.Clocks.AsNoTracking().Where(k => k.SubjectType == CommitmentSubject && ids.Contains(k.SubjectId)).ToDictionaryAsync(k => k.SubjectId, ct);
        return new InterviewDto(i.Id, i.StreetId, street, i.BasisKey, i.BriefingId, i.State, i.Reason, i.ProposedAt, i.HeldOn, i.Participants, i.Summary,
            [.. i.Commitments.OrderBy(c => c.Deadline).Select(c =>
            {
                Clock? k = clocks.GetValueOrDefault(c.Id);
                return new CommitmentDto(c.Id, c.Text, c.Deadline, c.DoneAt, c.DoneNote, k?.State, k?.DueAt, c.DoneAt is null && k?.DueAt <= now);
            })]);
    }
}

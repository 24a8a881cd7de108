using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

public sealed record ClockPolicyDto(Guid Id, string Code, int Version, string Name, string StartEvent, string StopEvent, string Kind, int Amount, int WarnPercent, IReadOnlyList<EscalationStep> Escalations, string Rework)
{
    public static ClockPolicyDto From(ClockPolicy p) =>
        new(p.Id, p.Code, p.Version, p.Name, p.StartEvent, p.StopEvent, p.Kind.ToString(), p.Amount, p.WarnPercent, p.Escalations, p.Rework.ToString());
}

public sealed record ClockDto(
    Guid Id, string SubjectType, Guid SubjectId, string Kind, string PolicyName, ClockState State,
    DateTimeOffset StartedAt, DateTimeOffset? DueAt, DateTimeOffset? WarnAt, DateTimeOffset? StoppedAt, DateTimeOffset? BreachedAt,
    long? RemainingMinutes, long? MarginMinutes, long? ConsumedMinutes, bool Provisional, string? NextStep, Guid? UnitId);

/// <summary>Reading clocks: a subject's clocks, and the dispatcher's "due soon" list across subjects.</summary>
public static class ClockQueries
{
    public static void MapClockQueries(this IEndpointRouteBuilder app)
    {
        var clocks = app.MapGroup("/api/clocks").WithTags("Clocks").RequireAuthorization(Policies.Staff);
        clocks.MapGet("/policies", ListPolicies).WithSummary("时钟策略列表")
            .WithDescription("全部时钟策略及其现行版本：编码、时限、计时方式、预警比例和升级步骤。");
        clocks.MapGet("/subject/{subjectType}/{subjectId:guid}", ForSubject).WithSummary("某对象的全部计时")
            .WithDescription("按对象类型（如 case、demolition）和编号列出其全部计时：策略、开始、截止、暂停与状态。");
        clocks.MapGet("/", List).WithSummary("按状态和截止时间窗口列出时钟（即将到期清单）")
            .WithDescription("按计时状态和截止时间窗口列出计时，用于即将到期和已超时清单；分页返回。");
    }

    private static async Task<Ok<List<ClockPolicyDto>>> ListPolicies(AppDbContext db, CancellationToken ct)
    {
        List<ClockPolicy> policies = await db.ClockPolicies.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Code).ThenByDescending(p => p.Version).ToListAsync(ct);
        return TypedResults.Ok(policies.DistinctBy(p => p.Code)
            .Select(ClockPolicyDto.From)
            .ToList());
    }

    /// <summary>
    /// A subject's clocks in the caller's scope. None visible is a 404 whatever the reason (no such
    /// subject, no clocks yet, or another unit's), so that the answer never tells that a subject exists.
    /// </summary>
    private static async Task<Results<Ok<List<ClockDto>>, ProblemHttpResult>> ForSubject(string subjectType, Guid subjectId, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        List<Clock> clocks = await Scoped(db, scope).Where(c => c.SubjectType == subjectType && c.SubjectId == subjectId)
            .Include(c => c.Policy).OrderBy(c => c.StartedAt).ToListAsync(ct);
        if (clocks.Count == 0)
        {
            return Problems.NotFound("没有找到该对象的计时");
        }
        DateTimeOffset now = time.GetUtcNow();
        return TypedResults.Ok(clocks.Select(c => ToDto(c, now)).ToList());
    }

    private static async Task<Results<Ok<Page<ClockDto>>, ValidationProblem>> List(
        AppDbContext db, CurrentUser user, TimeProvider time, ClockState? state, DateTimeOffset? dueAfter, DateTimeOffset? dueBefore, string? kind, int? limit, string? after, CancellationToken ct)
    {
        int take = Math.Clamp(limit ?? 100, 1, 500);
        DataScope scope = await user.GetScopeAsync(ct);
        IQueryable<Clock> q = Scoped(db, scope).Include(c => c.Policy).Where(c => c.DueAt != null);
        if (state is { } s)
        {
            q = q.Where(c => c.State == s);
        }
        else
        {
            q = q.Where(c => c.StoppedAt == null && c.State != ClockState.Cancelled);
        }
        if (dueAfter is { } from)
        {
            q = q.Where(c => c.DueAt >= from);
        }
        if (dueBefore is { } to)
        {
            q = q.Where(c => c.DueAt < to);
        }
        if (!string.IsNullOrEmpty(kind))
        {
            q = q.Where(c => c.Kind == kind);
        }
        // Keyset on (due, id): the cursor is "ticks:id" of the last row.
        if (after is not null)
        {
            string[] parts = after.Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], out long ticks) || !Guid.TryParse(parts[1], out Guid id))
            {
                return Problems.Validation("after", "分页游标无效");
            }
            var cursorDue = new DateTimeOffset(ticks, TimeSpan.Zero);
            q = q.Where(c => c.DueAt > cursorDue || (c.DueAt == cursorDue && c.Id.CompareTo(id) > 0));
        }
        List<Clock> rows = await q.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(take + 1).ToListAsync(ct);
        DateTimeOffset now = time.GetUtcNow();
        string? next = rows.Count > take ? $"{rows[take - 1].DueAt!.Value.UtcTicks}:{rows[take - 1].Id}" : null;
        return TypedResults.Ok(new Page<ClockDto>([.. rows.Take(take).Select(c => ToDto(c, now))], next));
    }

    private static IQueryable<Clock> Scoped(AppDbContext db, DataScope scope) =>
        scope.DistrictWide
            ? db.Clocks.AsNoTracking()
            : db.Clocks.AsNoTracking().Where(c => c.UnitId != null && db.Units.Any(u => u.Id == c.UnitId && u.Path.StartsWith(scope.RootPath!)));

    public static ClockDto ToDto(Clock c, DateTimeOffset now) => new(
        c.Id, c.SubjectType, c.SubjectId, c.Kind, c.Policy?.Name ?? c.Kind, c.State, c.StartedAt, c.DueAt, c.WarnAt, c.StoppedAt, c.BreachedAt,
        c.StoppedAt is null && c.State != ClockState.Cancelled && c.DueAt is { } due ? (long)Math.Floor((due - now).TotalMinutes) : null,
        c.MarginMinutes, c.ConsumedMinutes, c.Provisional, c.NextStep, c.UnitId);
}

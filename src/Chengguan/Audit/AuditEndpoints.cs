using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Audit;

public sealed record AuditEntryDto(long Seq, DateTimeOffset At, string? ActorName, string Entity, string EntityKey, string Action, string? Before, string? After, string Hash);

/// <summary>What the audit list is narrowed to; every part is optional. <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(string? Entity = null, string? Key = null, string? Actor = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public static class AuditEndpoints
{
    /// <summary>The actions the interceptor writes: one per changed entity, and one per bulk write.</summary>
    public static readonly IReadOnlyList<string> Actions = ["create", "update", "delete", "batch"];

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditRead);
        group.MapGet("/verify", Verify).WithSummary("校验审计哈希链 (walk the hash chain)");
        group.MapGet("/", List).WithSummary("审计日志，新的在前 (entity, key, actor, action, from/to; keyset on seq: before)");
    }

    private static async Task<Ok<AuditVerification>> Verify(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AuditChain.VerifyAsync(db, ct));

    private static Task<Results<Ok<List<AuditEntryDto>>, ValidationProblem>> List(AppDbContext db, CurrentUser user, string? entity, string? key, string? actor, string? action,
        DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit, CancellationToken ct) =>
        ListAsync(db, new AuditFilter(entity, key, actor, action, from, to), before, limit, user.Principal.IsInRole, ct);

    /// <summary>
    /// Entries matching the filter, newest first, below the <paramref name="before"/> sequence number
    /// (the next page starts below the last one seen); shared by the API and the console's audit page.
    /// Reporters' names and phone numbers in the recorded values are masked for roles that do not see them in full on the case either.
    /// </summary>
    public static async Task<Results<Ok<List<AuditEntryDto>>, ValidationProblem>> ListAsync(
        AppDbContext db, AuditFilter filter, long? before, int? limit, Func<string, bool> isInRole, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!string.IsNullOrEmpty(filter.Action) && !Actions.Contains(filter.Action))
        {
            errors.Add("action", "操作类型须为 " + string.Join("、", Actions));
        }
        if (filter is { From: { } f, To: { } t } && t <= f)
        {
            errors.Add("to", "结束时间须晚于开始时间");
        }
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }
        IQueryable<AuditEntry> q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Entity))
        {
            q = q.Where(a => a.Entity == filter.Entity);
        }
        if (!string.IsNullOrEmpty(filter.Key))
        {
            q = q.Where(a => a.EntityKey == filter.Key);
        }
        if (!string.IsNullOrEmpty(filter.Actor))
        {
            q = q.Where(a => a.ActorName == filter.Actor);
        }
        if (!string.IsNullOrEmpty(filter.Action))
        {
            q = q.Where(a => a.Action == filter.Action);
        }
        if (filter.From is { } from)
        {
            q = q.Where(a => a.At >= from);
        }
        if (filter.To is { } to)
        {
            q = q.Where(a => a.At < to);
        }
        if (before is { } b)
        {
            q = q.Where(a => a.Seq < b);
        }
        bool full = ReporterMask.SeeReporter.Any(isInRole);
        List<AuditEntryDto> rows = await q.OrderByDescending(a => a.Seq).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .Select(a => new AuditEntryDto(a.Seq, a.At, a.ActorName, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Hash))
            .ToListAsync(ct);
        return TypedResults.Ok(rows.ConvertAll(a => a with { Before = ReporterMask.InChanges(a.Before, full), After = ReporterMask.InChanges(a.After, full) }));
    }
}

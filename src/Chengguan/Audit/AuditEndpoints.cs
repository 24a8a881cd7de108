using Chengguan.Data;
using Chengguan.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Audit;

public sealed record AuditEntryDto(long Seq, DateTimeOffset At, string? ActorName, string Entity, string EntityKey, string Action, string? Before, string? After, string Hash);

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditRead);
        group.MapGet("/verify", Verify).WithSummary("校验审计哈希链 (walk the hash chain)");
        group.MapGet("/", List);
    }

    private static async Task<Ok<AuditVerification>> Verify(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AuditChain.VerifyAsync(db, ct));

    private static async Task<Ok<List<AuditEntryDto>>> List(AppDbContext db, string? entity, string? key, long? before, int? limit, CancellationToken ct)
    {
        IQueryable<AuditEntry> q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(entity))
        {
            q = q.Where(a => a.Entity == entity);
        }
        if (!string.IsNullOrEmpty(key))
        {
            q = q.Where(a => a.EntityKey == key);
        }
        if (before is { } b)
        {
            q = q.Where(a => a.Seq < b);
        }
        return TypedResults.Ok(await q.OrderByDescending(a => a.Seq).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .Select(a => new AuditEntryDto(a.Seq, a.At, a.ActorName, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Hash))
            .ToListAsync(ct));
    }
}

using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Audit;

public sealed record AuditEntryDto(long Seq, DateTimeOffset At, string? ActorName, string Entity, string EntityKey, string Action, string? Before, string? After, string Hash);

/// <summary>What the audit list is narrowed to; every part is optional. <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(string? Entity = null, string? Key = null, string? Actor = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>GET /api/audit and /api/audit/verify: adapters over <see cref="AuditTrail"/>.</summary>
public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditRead);
        group.MapGet("/verify", (AuditTrail trail, CancellationToken ct) => trail.VerifyAsync(ct).ToHttp()).WithSummary("校验审计哈希链 (walk the hash chain)")
            .WithDescription("从第一条起重算审计日志的哈希链，报告是否完整以及第一处断裂的序号。审计读者角色可用。");
        group.MapGet("/", (AuditTrail trail, string? entity, string? key, string? actor, string? action, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit, CancellationToken ct) =>
                trail.ListAsync(new AuditFilter(entity, key, actor, action, from, to), before, limit, ct).ToHttp())
            .WithSummary("审计日志，新的在前 (entity, key, actor, action, from/to; keyset on seq: before)")
            .WithDescription("按对象类型、对象键、操作人、操作和时间段筛选审计记录，新的在前；以 before（上一页最后一条的 seq）翻页。");
    }
}

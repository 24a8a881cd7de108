using System.Globalization;

namespace Chengguan.Data;

/// <summary>Liveness (the process answers) and readiness (the database is reachable and writable) for the load balancer.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "live" })).AllowAnonymous().WithTags("Health").WithSummary("存活检查")
            .WithDescription("进程存活即答 200，不检查数据库。供负载均衡的存活探针使用。");
        app.MapGet("/readyz", async Task<IResult> (AppDbContext db, HttpContext http, CancellationToken ct) =>
        {
            DatabaseHealth.Report report = await DatabaseHealth.ProbeAsync(db, ct);
            if (report.Writable)
            {
                return TypedResults.Ok(new { status = "ready", writable = true });
            }
            http.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(report.Reason, statusCode: 503, title: "未就绪",
                extensions: new Dictionary<string, object?> { ["reachable"] = report.Reachable, ["writable"] = false });
        }).AllowAnonymous().WithTags("Health").WithSummary("就绪检查：数据库可连接且可写入")
            .WithDescription("数据库可连接且可写入时答 200，否则答 503（带 Retry-After 与原因）。供就绪探针使用。");
    }
}

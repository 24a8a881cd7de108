using System.Diagnostics.Metrics;
using Chengguan.Data;
using Chengguan.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Notifications;

/// <summary>
/// The outbox backlog: messages waiting for delivery (state "pending", retries included) and messages given up after
/// <see cref="OutboxDispatcher.MaxAttempts"/> ("dead"). Counted at scrape time on the (State, AvailableAt) index, cached 10 s.
/// </summary>
public sealed class OutboxMetrics : IMetricsSource
{
    public OutboxMetrics(ChengguanMeter meter, IServiceScopeFactory scopes, StartupReport startup, TimeProvider time)
    {
        var counts = new CachedReading<(long Pending, long Dead)>(() => Count(scopes), () => startup.Ready, time, TimeSpan.FromSeconds(10));
        meter.Meter.CreateObservableGauge("chengguan.outbox.backlog", () => counts.Value is { } c
                ? [new Measurement<long>(c.Pending, new KeyValuePair<string, object?>("state", "pending")), new Measurement<long>(c.Dead, new KeyValuePair<string, object?>("state", "dead"))]
                : Array.Empty<Measurement<long>>(),
            "{message}", "Outbox messages not delivered: pending (awaiting delivery or retry) and dead (given up)");
    }

    private static (long, long) Count(IServiceScopeFactory scopes)
    {
        using IServiceScope scope = scopes.CreateScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (db.OutboxMessages.LongCount(m => m.State == OutboxState.Pending), db.OutboxMessages.LongCount(m => m.State == OutboxState.Dead));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Kpis.Rollups;

/// <summary>
/// What one fact adds to a row of <see cref="KpiCounts"/>. Stored as a number: never renumber, only append.
/// </summary>
public enum KpiMetric
{
    AcceptMet = 1,
    AcceptBreached = 2,
    OnSiteMet = 3,
    OnSiteBreached = 4,
    PreliminaryMet = 5,
    PreliminaryBreached = 6,
    ClosureMet = 7,
    ClosureBreached = 8,
    Filed = 9,
    FiledClosed = 10,
    FiledProactive = 11,
    Handlings = 12,
    Reworks = 13,
    Rehandles = 14,
    CallbacksSatisfied = 15,
    CallbacksResolved = 16,
    Replies = 17,
    RepliesReturned = 18,
}

/// <summary>
/// The KPI counts of one Shanghai day, street, responsible unit and metric (decision 0012): the sum of the facts of
/// every case that count there. Kept in the same transaction as the case rows they come from (<see cref="KpiRollupInterceptor"/>,
/// <see cref="KpiRollupWriter"/>), so a period's table is a sum over at most days × streets × units × metrics rows
/// instead of a scan of every clock and timeline line of the period. <see cref="Guid.Empty"/> stands for "none".
/// </summary>
public sealed class KpiRollup
{
    public DateOnly Day { get; set; }
    public Guid StreetId { get; set; }
    public Guid UnitId { get; set; }
    public KpiMetric Metric { get; set; }
    public long Count { get; set; }
}

/// <summary>
/// The KPI counts of the cases one account handled (处置), per Shanghai day and metric: an officer's own figures for the
/// individual assessment. A case counts for every account with a 处置 line on it, its closure clocks, reworks, re-handles
/// and callbacks on their own days, the account's 处置 lines on theirs (decision 0012).
/// </summary>
public sealed class KpiHandlerRollup
{
    public DateOnly Day { get; set; }
    public string ActorId { get; set; } = "";
    public KpiMetric Metric { get; set; }
    public long Count { get; set; }
}

internal sealed class KpiRollupConfiguration : IEntityTypeConfiguration<KpiRollup>, IEntityTypeConfiguration<KpiHandlerRollup>
{
    public void Configure(EntityTypeBuilder<KpiHandlerRollup> b)
    {
        b.ToTable("kpi_handler_rollups");
        b.Property(r => r.ActorId).HasMaxLength(64);
        b.HasKey(r => new { r.Day, r.ActorId, r.Metric });
    }

    public void Configure(EntityTypeBuilder<KpiRollup> b)
    {
        b.ToTable("kpi_rollups");
        // Day first: every read is one period; the rest of the key makes the upsert's conflict target.
        b.HasKey(r => new { r.Day, r.StreetId, r.UnitId, r.Metric });
        // A street's or a unit's period (the street officer's table, the street filter) without reading the other streets' rows.
        b.HasIndex(r => new { r.StreetId, r.Day });
        b.HasIndex(r => new { r.UnitId, r.Day });
    }
}

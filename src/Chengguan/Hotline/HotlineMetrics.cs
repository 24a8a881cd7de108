using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chengguan.Cases;
using Chengguan.Infrastructure.Telemetry;

namespace Chengguan.Hotline;

/// <summary>
/// The intake's instruments: orders taken (rate), the time from queueing an order to its case being durable
/// (latency, the group commit included), and the orders waiting for the writer (queue depth). Labelled only by
/// channel (12345/12319) and result (opened, redelivered, failed).
/// </summary>
public sealed class HotlineMetrics : IMetricsSource
{
    private readonly ChengguanMeter _meter;
    private readonly Counter<long> _orders;
    private readonly Histogram<double> _duration;

    public HotlineMetrics(ChengguanMeter meter)
    {
        _meter = meter;
        _orders = meter.Meter.CreateCounter<long>("chengguan.hotline.intake.orders", "{order}", "Hotline orders taken, by channel and result");
        _duration = meter.Meter.CreateHistogram<double>("chengguan.hotline.intake.duration", "s",
            "From queueing an order to its case being committed", advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            });
    }

    public void Taken(CaseChannel? channel, string result, long startedTimestamp)
    {
        var tags = new TagList { { "channel", channel?.ToString() ?? "unknown" }, { "result", result } };
        _orders.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

    /// <summary>The queue's depth, read when scraped (the channel's count, no database).</summary>
    public void ObserveQueue(Func<int> depth) =>
        _meter.Meter.CreateObservableGauge("chengguan.hotline.intake.queue_depth", depth, "{order}", "Hotline orders waiting for the group-commit writer");
}

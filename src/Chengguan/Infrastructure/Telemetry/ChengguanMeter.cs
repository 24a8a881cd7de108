using System.Diagnostics.Metrics;

namespace Chengguan.Infrastructure.Telemetry;

/// <summary>
/// The application's one meter, "Chengguan". Every capability declares its own instruments on it (Hotline its intake,
/// Clocks the sweep lag, Notifications the outbox backlog, Ui the open circuits). Made through the host's
/// <see cref="IMeterFactory"/>, so it ends with the host. Instruments carry no personal data and no per-case labels:
/// only fixed values such as a channel or a state.
/// </summary>
public sealed class ChengguanMeter(IMeterFactory factory)
{
    public const string Name = "Chengguan";

    public Meter Meter { get; } = factory.Create(Name);
}

/// <summary>A capability's instruments; registered with <see cref="TelemetrySetup.AddMetricsSource{T}"/> so that they exist from start-up, before anything is recorded.</summary>
public interface IMetricsSource;

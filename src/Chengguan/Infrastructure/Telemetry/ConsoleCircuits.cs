using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Chengguan.Infrastructure.Telemetry;

/// <summary>
/// Counts the console's open Blazor circuits (one per open tab, each holding server memory until it closes), for the
/// gauge <c>chengguan.console.circuits</c>: the number behind the memory a node needs and the sticky sessions it carries.
/// Registered with the telemetry, not the console (Ui), which reaches services only through its session.
/// </summary>
public sealed class ConsoleCircuits : CircuitHandler, IMetricsSource
{
    private long _open;

    public ConsoleCircuits(ChengguanMeter meter) =>
        meter.Meter.CreateObservableGauge("chengguan.console.circuits", () => Interlocked.Read(ref _open), "{circuit}", "Open console circuits on this node");

    public long Open => Interlocked.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}

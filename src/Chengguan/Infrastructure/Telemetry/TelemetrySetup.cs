using System.Diagnostics.Metrics;
using System.Net;
using Chengguan.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;

namespace Chengguan.Infrastructure.Telemetry;

/// <summary>
/// Metrics (OpenTelemetry, read by Prometheus at <c>/metrics</c>) and structured logs. The metrics are the
/// "Chengguan" meter's (each capability's own instruments), ASP.NET Core's and Kestrel's (request duration by route,
/// connections), the .NET runtime's (GC, thread pool) and, on PostgreSQL, Npgsql's connection pool. docs/operations.md
/// lists them and what to alert on.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddChengguanTelemetry(this IServiceCollection services)
    {
        services.TryAddSingleton<ChengguanMeter>();
        services.AddHostedService<MetricsSources>();
        services.AddMetricsSource<ConsoleCircuits>();
        services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<ConsoleCircuits>());
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(ChengguanMeter.Name)
            // Npgsql's own meter: connections in use and idle per pool, pending requests for a connection, command durations.
            .AddMeter("Npgsql")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // Every scrape is collected afresh: the gauges cache their own readings, and two scrapes a few
            // hundred milliseconds apart (a test, an operator's curl) must both see the latest counts.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        // Meters are found by name across the process. Two hosts in one process (the test fixtures, one per engine)
        // each have a "Chengguan" meter from their own IMeterFactory: each host exports only its own.
        services.ConfigureOpenTelemetryMeterProvider((sp, b) =>
        {
            IMeterFactory own = sp.GetRequiredService<IMeterFactory>();
            b.AddView(i => i.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, own) ? MetricStreamConfiguration.Drop : null);
        });
        return services;
    }

    /// <summary>Registers a capability's instruments as a singleton that is created at start-up.</summary>
    public static IServiceCollection AddMetricsSource<T>(this IServiceCollection services) where T : class, IMetricsSource
    {
        // A container without the web host (the benches build one with Capabilities.Add) still gets the meter.
        services.AddMetrics();
        services.TryAddSingleton<ChengguanMeter>();
        services.AddSingleton<T>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>
    /// JSON console logs (<c>Logging:Format=json</c>, or the console logger's own <c>Logging:Console:FormatterName=json</c>)
    /// carry the log scopes: the request's TraceId and SpanId (W3C trace context, continued from a caller's
    /// <c>traceparent</c>), RequestId and route path. Scopes hold no request bodies, query strings or user data.
    /// </summary>
    public static ILoggingBuilder AddChengguanLogging(this ILoggingBuilder logging, IConfiguration config)
    {
        logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (string.Equals(config["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.ClearProviders().AddJsonConsole();
        }
        return logging;
    }

    /// <summary>
    /// <c>GET /metrics</c> answers only the machine itself (a Prometheus agent beside the app), the addresses or networks
    /// in <c>Metrics:AllowedAddresses</c> (the monitoring server), and signed-in administrators. Anyone else gets the
    /// same 404 as any unknown path. Place after authentication, so that an administrator's bearer token or cookie counts.
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app, IConfiguration config)
    {
        var access = new MetricsAccess(config.GetSection("Metrics:AllowedAddresses").Get<string[]>() ?? []);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == MetricsPath && HttpMethods.IsGet(context.Request.Method) && access.Allows(context),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    /// <summary>Creates every capability's instruments at start-up, so that a scrape shows them before their first event.</summary>
    private sealed class MetricsSources(IEnumerable<IMetricsSource> sources) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = sources.Count();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Who may read the metrics: see <see cref="TelemetrySetup.UseMetricsEndpoint"/>.</summary>
internal sealed class MetricsAccess
{
    private readonly IPNetwork[] _allowed;

    public MetricsAccess(IEnumerable<string> allowed)
    {
        _allowed = [.. allowed.Select(a => a.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(a)
            : new IPNetwork(IPAddress.Parse(a), IPAddress.Parse(a).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))];
    }

    public bool Allows(HttpContext context)
    {
        if (context.User.IsInRole(Roles.Admin))
        {
            return true;
        }
        // A forwarded-for header still present came through a proxy that is not trusted (ForwardedHeaders consumes the
        // trusted ones'): the connection's address is the proxy's, not the caller's, so it proves nothing.
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } remote)
        {
            return false;
        }
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }
        return IPAddress.IsLoopback(remote) || _allowed.Any(n => n.Contains(remote));
    }
}

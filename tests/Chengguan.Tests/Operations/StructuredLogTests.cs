using System.Diagnostics;
using Chengguan.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Chengguan.Tests.Operations;

/// <summary>The app's logging as configured by <see cref="TelemetrySetup.AddChengguanLogging"/>: every line made inside a request (an activity) carries its trace and span ids as scopes, which the JSON console writes.</summary>
public sealed class StructuredLogTests
{
    [Fact]
    public void Log_lines_carry_the_current_trace_and_span_ids_and_the_JSON_console_writes_scopes()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = "json" }).Build();
        var scopes = new ScopeCapture();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddChengguanLogging(config).AddProvider(scopes));
        using ServiceProvider provider = services.BuildServiceProvider();

        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("Chengguan.Test").LogInformation("Case opened");

        Assert.Equal(activity.TraceId.ToHexString(), scopes.Values["TraceId"]);
        Assert.Equal(activity.SpanId.ToHexString(), scopes.Values["SpanId"]);
        JsonConsoleFormatterOptions json = provider.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
        Assert.NotNull(json.TimestampFormat);
    }

    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public Dictionary<string, object?> Values { get; } = [];

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeCapture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._scopes?.ForEachScope((scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach ((string key, object? value) in pairs)
                        {
                            values[key] = value?.ToString();
                        }
                    }
                }, owner.Values);
        }
    }
}

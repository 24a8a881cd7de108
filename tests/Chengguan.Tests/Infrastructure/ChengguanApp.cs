using Chengguan.Testing;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Chengguan.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chengguan.Tests.Infrastructure;

public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real application over HTTP on a database of its own: a temporary SQLite file, or a fresh
/// PostgreSQL database when CHENGGUAN_TEST_POSTGRES holds a connection string to a server.
/// </summary>
public abstract class ChengguanApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "CHENGGUAN_TEST_POSTGRES";
    public const string DemoPassword = "Chengguan@2026";

    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();
    private string? _sqlitePath;
    private string? _pgDatabase;
    private string? _connectionString;

    public abstract Engine Engine { get; }
    protected virtual bool SeedDemo => true;

    /// <summary>The demo district's 90 days of cases: off for the shared apps, whose tests count the rows they add.</summary>
    protected virtual bool SeedDemoHistory => false;
    protected virtual int SignInPermitsPerMinute => 100_000;

    /// <summary>A database another host already uses (two hosts on one PostgreSQL); null makes a new one.</summary>
    protected virtual string? ExistingConnectionString => null;

    /// <summary>A clock the test controls, or null for the system clock.</summary>
    protected virtual TimeProvider? Time => null;
    public CapturedLogs Logs { get; } = new();

    public bool Available => _connectionString is not null;

    /// <summary>The app's own database (SQLite file or PostgreSQL database), for tests of what operators do to it (backups).</summary>
    public string? ConnectionString => _connectionString;

    public async ValueTask InitializeAsync()
    {
        if (ExistingConnectionString is { } existing)
        {
            _connectionString = existing;
        }
        else if (Engine == Engine.Sqlite)
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"chengguan-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqlitePath}";
        }
        else
        {
            string? server = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                return;
            }
            _pgDatabase = $"chengguan_test_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_pgDatabase}\"", admin);
                await cmd.ExecuteNonQueryAsync();
            }
            _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
        }
        // Starting the server runs migrations and seeding, once per fixture.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine == Engine.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting(Engine == Engine.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite", _connectionString);
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Demo:History:Enabled", SeedDemoHistory ? "true" : "false");
        builder.UseSetting("Security:SignInPermitsPerMinute", SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        if (Time is { } time)
        {
            // With a test clock the tests sweep and dispatch by hand, so that every step is observed deterministically.
            builder.UseSetting("Clocks:Sweeper:Enabled", "false");
            builder.UseSetting("Notifications:Dispatcher:Enabled", "false");
            builder.ConfigureServices(s => s.AddSingleton(time));
        }
    }

    /// <summary>Skips the calling test when this engine is not configured (PostgreSQL without the variable), or fails it under CI=true.</summary>
    public void RequireAvailable() => Requirements.Require(Available, $"{PostgresVariable} is not set; PostgreSQL tests need a server.");

    /// <summary>Every use of the app's services goes through the engine check, so that no test reaches a database that is not there.</summary>
    public override IServiceProvider Services
    {
        get
        {
            RequireAvailable();
            return base.Services;
        }
    }

    public HttpClient Anonymous()
    {
        RequireAvailable();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task<HttpClient> ClientFor(string userName, string password = DemoPassword)
    {
        RequireAvailable();
        string token = await _tokens.GetOrAdd(userName + "\n" + password, _ => TokenAsync(userName, password));
        HttpClient client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenAsync(string userName, string password)
    {
        using HttpClient client = CreateClient();
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        TokenResponse? token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token!.AccessToken;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        RequireAvailable();
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<long> AuditHeadAsync() => WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Seq)).ContinueWith(t => t.Result ?? 0);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }

    private sealed record TokenResponse(string AccessToken, string RefreshToken, long ExpiresIn);
}

/// <summary>The shared application on SQLite, seeded with the demo district; tests only add data with unique names.</summary>
public sealed class SqliteApp : ChengguanApp
{
    public override Engine Engine => Engine.Sqlite;
}

/// <summary>The shared application on PostgreSQL.</summary>
public sealed class PostgresApp : ChengguanApp
{
    public override Engine Engine => Engine.Postgres;
}

/// <summary>Captures every log line so that tests can prove what never reaches the logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

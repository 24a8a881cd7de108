using Chengguan.Data.Seeding;

namespace Chengguan.Data;

/// <summary>
/// Migrates and seeds before the server accepts requests (hosted services start before Kestrel),
/// so that the app, the test host and every node of a cluster start the same way.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration config, StartupReport report) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        report.DemoAccounts = await services.PrepareDatabaseAsync(config, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class StartupReport
{
    public IReadOnlyList<DemoAccount> DemoAccounts { get; set; } = [];
}

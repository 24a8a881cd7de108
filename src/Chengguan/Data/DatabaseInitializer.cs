using Chengguan.Data.Seeding;
using Microsoft.AspNetCore.Mvc;

namespace Chengguan.Data;

/// <summary>
/// Migrates and seeds at start-up. Hosted services start concurrently (Kestrel beside the
/// migration, which keeps start-up short on two cores), so until this finishes the readiness
/// gate answers 503 to everything but <c>/healthz</c>.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration config, StartupReport report) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        report.DemoAccounts = await services.PrepareDatabaseAsync(config, cancellationToken);
        report.Ready = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class StartupReport
{
    private readonly TaskCompletionSource _whenReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _ready;

    public IReadOnlyList<DemoAccount> DemoAccounts { get; set; } = [];

    public bool Ready
    {
        get => _ready;
        set
        {
            _ready = value;
            if (value)
            {
                _whenReady.TrySetResult();
            }
        }
    }

    /// <summary>Completes when the database is migrated and seeded (background work that needs it waits here).</summary>
    public Task WhenReady => _whenReady.Task;
}

public static class ReadinessGate
{
    public static IApplicationBuilder UseReadinessGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.RequestServices.GetRequiredService<StartupReport>().Ready || context.Request.Path.StartsWithSegments("/healthz"))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = 503, Title = "正在启动", Detail = "数据库迁移尚未完成，请稍后重试" },
        });
    });

    /// <summary>The data-protection key ring is read on first use instead of at start-up, when its table may not exist yet.</summary>
    public static IServiceCollection RemoveDataProtectionWarmUp(this IServiceCollection services)
    {
        ServiceDescriptor? warmUp = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
        if (warmUp is not null)
        {
            services.Remove(warmUp);
        }
        return services;
    }
}

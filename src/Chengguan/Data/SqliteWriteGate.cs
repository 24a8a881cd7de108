namespace Chengguan.Data;

/// <summary>
/// SQLite admits one writer at a time and makes the others wait by sleeping and retrying
/// (Microsoft.Data.Sqlite sleeps 150 ms a retry), which turned 16 concurrent hotline deliveries
/// into 93 orders/s with a 1.5 s p99. On the embedded engine, requests that write queue here, in
/// process, instead. PostgreSQL needs no gate. Endpoints marked <see cref="OwnWriterAttribute"/>
/// hand their writes to a background writer that takes the gate itself (<see cref="EnterAsync"/>),
/// so their reads and validation run beside other writers.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    public static IApplicationBuilder UseSqliteWriteGate(this IApplicationBuilder app, IConfiguration config)
    {
        if (DatabaseSetup.ProviderFrom(config) != DatabaseProvider.Sqlite)
        {
            return app;
        }
        return app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
                || context.GetEndpoint()?.Metadata.GetMetadata<OwnWriterAttribute>() is not null)
            {
                await next(context);
                return;
            }
            using IDisposable held = await EnterAsync(context.RequestAborted);
            await next(context);
        });
    }

    /// <summary>Waits for the single writer's turn; dispose the result to give it up.</summary>
    public static async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await s_gate.WaitAsync(ct);
        return new Held();
    }

    private sealed class Held : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                s_gate.Release();
            }
        }
    }
}

/// <summary>The endpoint's writes go through a background writer that takes the SQLite write gate itself.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class OwnWriterAttribute : Attribute;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chengguan.Bench;

/// <summary>The app as its own process on a free loopback port, with a database of its own.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public TimeSpan StartedIn { get; }

    /// <summary>CPU time the app has used so far (all threads): a cost per request that holds even on a busy machine.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    private AppProcess(Process process, string dataDir, Uri baseAddress, TimeSpan startedIn)
    {
        _process = process;
        _dataDir = dataDir;
        BaseAddress = baseAddress;
        StartedIn = startedIn;
    }

    public static string AppDll()
    {
        // The bench references the app, so the app's build output sits beside the bench's.
        string dll = Path.Combine(AppContext.BaseDirectory, "Chengguan.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Chengguan.dll not found beside the bench; build the bench first.", dll);
        }
        return dll;
    }

    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? environment = null)
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "chengguan-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet", [AppDll()])
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        // The benches measure their own load on the demo district; only cold-start asks for the 90 days of history.
        start.Environment["Demo__History__Enabled"] = "false";
        foreach (var kv in environment ?? new Dictionary<string, string>())
        {
            start.Environment[kv.Key] = kv.Value;
        }
        var watch = Stopwatch.StartNew();
        Process process = Process.Start(start)!;
        // BENCH_APP_STDOUT=1 shows the app's own log, e.g. with Logging__LogLevel__Chengguan.Hotline=Debug.
        bool echo = Environment.GetEnvironmentVariable("BENCH_APP_STDOUT") == "1";
        process.OutputDataReceived += (_, e) => { if (echo && e.Data is not null) { Console.WriteLine("[app] " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("[app] " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (watch.Elapsed < TimeSpan.FromSeconds(600))
        {
            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return new AppProcess(process, dataDir, baseAddress, watch.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} before it was ready.");
            }
            await Task.Delay(10);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The app was not ready within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

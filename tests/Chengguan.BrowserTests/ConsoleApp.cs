using Chengguan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Chengguan.BrowserTests.ConsoleApp))]

namespace Chengguan.BrowserTests;

/// <summary>
/// The real application on Kestrel at a loopback port, on a SQLite file of its own with the demo
/// district, and Debian's Chromium driven by Playwright (no browser download). Without
/// /usr/bin/chromium every test skips with the reason, or fails under CI=true.
/// </summary>
public class ConsoleApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Chengguan@2026";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _db = Path.Combine(Path.GetTempPath(), $"chengguan-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public Uri BaseUrl { get; private set; } = null!;
    private IBrowser? _browser;

    /// <summary>The shared Chromium; a test that asks for it skips (fails under CI=true) when Chromium is not installed.</summary>
    public IBrowser Browser
    {
        get
        {
            Requirements.Require(_browser is not null, $"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium fonts-noto-cjk).");
            return _browser;
        }
    }

    /// <summary>Where each test's screenshot goes; .ci/run points this at artifacts/screenshots.</summary>
    public static string ScreenshotDir { get; } = Environment.GetEnvironmentVariable("CHENGGUAN_SCREENSHOTS") is { Length: > 0 } dir
        ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// A measured figure, reported and never asserted: written to the test output and appended to
    /// perf.txt beside the screenshots (.ci/run prints it).
    /// </summary>
    public static void Report(string line)
    {
        string stamped = $"[perf] {line}";
        TestContext.Current.TestOutputHelper?.WriteLine(stamped);
        Directory.CreateDirectory(ScreenshotDir);
        File.AppendAllText(Path.Combine(ScreenshotDir, "perf.txt"), stamped + Environment.NewLine);
    }

    public async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        if (!File.Exists(ChromiumPath))
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDir);
        // A shared machine with two cores: the circuit and the first render take their time.
        SetDefaultExpectTimeout(20_000);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_db}");
        builder.UseSetting("Seed:Demo", "true");
        // The browser tests count what they add to a grid, a queue or a league: they run on the district without its 90 days of history.
        builder.UseSetting("Demo:History:Enabled", "false");
        builder.UseSetting("Security:SignInPermitsPerMinute", "100000");
        builder.UseSetting("Evidence:Path", Path.Combine(Path.GetTempPath(), $"chengguan-browser-evidence-{Guid.NewGuid():N}"));
    }

    /// <summary>A fresh browser context (its own cookies) and page at the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        IBrowserContext context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl.ToString(), ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_db + suffix);
        }
    }
}

/// <summary>
/// A second district of its own for the Chinese scan: the shared one fills up with other tests' data (names with hex
/// suffixes, badge numbers in Latin letters), which is test scaffolding, not what a new user sees on a fresh start.
/// </summary>
public sealed class ScanApp : ConsoleApp;

using System.Diagnostics;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Chengguan.Tests.Demolition;

/// <summary>
/// An application of its own on a clock the tests move (from Wednesday 30 April 2031, 09:00
/// Shanghai), so that the procedure's natural-day windows can run out; background sweeps and
/// scheduled briefings run only when a test asks.
/// </summary>
public abstract class DemolitionApp : ChengguanApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2031, 4, 30, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
    protected override TimeProvider? Time => Clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TokenHours", "100000");
        builder.UseSetting("Evidence:Path", Path.Combine(Path.GetTempPath(), "chengguan-demolition-evidence"));
    }
}

public sealed class DemolitionSqliteApp : DemolitionApp
{
    public override Engine Engine => Engine.Sqlite;
}

public sealed class DemolitionPostgresApp : DemolitionApp
{
    public override Engine Engine => Engine.Postgres;
}

/// <summary>poppler-utils (pdftotext, pdfinfo, pdffonts) read the generated PDFs back.</summary>
public static class Poppler
{
    public static async Task<string> RunAsync(string tool, byte[] pdf, params string[] args)
    {
        string path = Path.Combine(Path.GetTempPath(), $"chengguan-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }
            start.ArgumentList.Add(path);
            if (tool == "pdftotext")
            {
                start.ArgumentList.Add("-");
            }
            using Process p = Process.Start(start) ?? throw new InvalidOperationException(tool);
            string output = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"{tool} failed: {await p.StandardError.ReadToEndAsync()}");
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<int> PagesAsync(byte[] pdf) =>
        int.Parse((await RunAsync("pdfinfo", pdf)).Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every font of the PDF is embedded (pdffonts' "emb" column).</summary>
    public static async Task AssertFontsEmbeddedAsync(byte[] pdf)
    {
        string[] lines = [.. (await RunAsync("pdffonts", pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)];
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains(" yes ", l, StringComparison.Ordinal));
    }
}

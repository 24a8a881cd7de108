using PdfSharp.Pdf.IO;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
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

/// <summary>
/// Reads generated PDFs back in process (PdfPig for pages and text, PDFsharp for the font
/// dictionaries), so these tests need no OS tools on a fresh machine.
/// </summary>
public static class PdfText
{
    public static int Pages(byte[] pdf)
    {
        using PdfDocument doc = PdfDocument.Open(pdf);
        return doc.NumberOfPages;
    }

    /// <summary>The text of every page in reading order, pages separated by a line break.</summary>
    public static string Text(byte[] pdf)
    {
        using PdfDocument doc = PdfDocument.Open(pdf);
        return string.Join("\n", doc.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
    }

    /// <summary>Every font the PDF uses has its program embedded (a FontFile, FontFile2 or FontFile3 stream in its descriptor).</summary>
    public static void AssertFontsEmbedded(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using PdfSharp.Pdf.PdfDocument doc = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        List<PdfSharp.Pdf.PdfDictionary> descriptors = [.. doc.Internals.GetAllObjects().OfType<PdfSharp.Pdf.PdfDictionary>()
            .Where(d => d.Elements.GetName("/Type") == "/FontDescriptor")];
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.True(
            d.Elements.ContainsKey("/FontFile") || d.Elements.ContainsKey("/FontFile2") || d.Elements.ContainsKey("/FontFile3"),
            $"font {d.Elements.GetName("/FontName")} is not embedded"));
    }
}

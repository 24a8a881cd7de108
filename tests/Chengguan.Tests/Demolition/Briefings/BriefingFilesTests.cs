using Chengguan.Demolition.Briefings;
using Chengguan.Demolition.Documents;

namespace Chengguan.Tests.Demolition.Briefings;

/// <summary>A briefing's table headers show whole in both files: wrapped in the PDF, wide enough columns in Excel.</summary>
public sealed class BriefingFilesTests
{
    [Fact]
    public void Pdf_headers_wrap_within_their_columns_and_lose_no_character()
    {
        using var pdf = new PdfComposer("表头测试", DateTimeOffset.UnixEpoch);

        List<string>[] lines = pdf.HeaderLines(BriefingFiles.Headers, BriefingFiles.PdfWeights, BriefingFiles.PdfTableSize);

        Assert.Equal(BriefingFiles.Headers.Length, lines.Length);
        for (int c = 0; c < lines.Length; c++)
        {
            Assert.Equal(BriefingFiles.Headers[c], string.Concat(lines[c]));
            Assert.All(lines[c], line => Assert.True(pdf.FitsColumn(line, BriefingFiles.PdfWeights, c, BriefingFiles.PdfTableSize), $"「{line}」 is wider than column {c}"));
            Assert.DoesNotContain(lines[c], l => l.Contains('…'));
        }
        // The long ones do need a second line (the old table cut them with an ellipsis), and a bracket stays with its unit.
        Assert.Contains(lines, l => l.Count > 1);
        Assert.All(lines.SelectMany(l => l), line => Assert.False(line.EndsWith('('), line));
    }

    [Fact]
    public void Excel_columns_are_at_least_as_wide_as_their_headers()
    {
        Assert.Equal(BriefingFiles.Headers.Length, BriefingFiles.ExcelWidths.Length);
        for (int c = 0; c < BriefingFiles.Headers.Length; c++)
        {
            Assert.True(BriefingFiles.ExcelWidths[c] >= BriefingFiles.DisplayWidth(BriefingFiles.Headers[c]) + 1,
                $"{BriefingFiles.Headers[c]}: width {BriefingFiles.ExcelWidths[c]}");
        }
        Assert.Equal(18, BriefingFiles.DisplayWidth("按当前进度预计(㎡)"));
    }
}

using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Chengguan.Demolition.Documents;

/// <summary>
/// Lays out A4 pages top to bottom: titles, paragraphs wrapped character by character (Chinese has
/// no spaces to break at), tables and a bar chart, all in the one embedded Chinese face.
/// </summary>
internal sealed class PdfComposer : IDisposable
{
    private const double Margin = 56;
    private static readonly XPdfFontOptions s_unicode = new(PdfFontEncoding.Unicode);
    private readonly PdfDocument _doc = new();
    private XGraphics _gfx = null!;
    private PdfPage _page = null!;
    private double _y;

    public PdfComposer(string title, DateTimeOffset createdAt)
    {
        _doc.Info.Title = title;
        _doc.Info.Creator = "Chengguan 城管执法平台";
        _doc.Info.CreationDate = createdAt.UtcDateTime;
        _doc.Info.ModificationDate = createdAt.UtcDateTime;
        NewPage();
    }

    private double Width => _page.Width.Point - 2 * Margin;

    private static XFont Font(double size, bool bold = false) => new(CjkFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, s_unicode);

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _doc.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void Need(double height)
    {
        if (_y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    public void Title(string text, double size = 20)
    {
        XFont font = Font(size, bold: true);
        Need(size * 2);
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopCenter);
        _y += size * 2;
    }

    /// <summary>A heading set left and bold (一、… in a report); kept with at least two lines of what follows.</summary>
    public void Heading(string text, double size = 14)
    {
        XFont font = Font(size, bold: true);
        Need(size * 1.8 + size * 3.4);
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopLeft);
        _y += size * 1.8;
    }

    /// <summary>A line set centred in the regular face (a document's reference number under its title).</summary>
    public void Centered(string text, double size = 12)
    {
        XFont font = Font(size);
        Need(size * 1.8);
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopCenter);
        _y += size * 1.8;
    }

    public void Right(string text, double size = 11)
    {
        XFont font = Font(size);
        Need(size * 1.8);
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopRight);
        _y += size * 1.8;
    }

    /// <summary>A paragraph; a first-line indent of two characters, as official documents use.</summary>
    public void Paragraph(string text, double size = 12, bool indent = true)
    {
        XFont font = Font(size);
        double lineHeight = size * 1.7;
        foreach (string line in Wrap(text, font, Width, indent ? size * 2 : 0))
        {
            Need(lineHeight);
            _gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + size));
            _y += lineHeight;
        }
        _y += size * 0.4;
    }

    public void Space(double points) => _y += points;

    /// <summary>
    /// A table with a header row; columns share the width by <paramref name="weights"/>. Headers are never cut:
    /// a header wider than its column wraps onto more lines by the Chinese line-breaking rules (ChineseLineBreaks)
    /// and the header row grows to the tallest; body cells that do not fit are shortened with an ellipsis.
    /// </summary>
    public void Table(string[] headers, IEnumerable<string[]> rows, double[] weights, double size = 9)
    {
        XFont font = Font(size), head = Font(size, bold: true);
        double rowHeight = size * 2, lineHeight = size * 1.3;
        double[] widths = ColumnWidths(weights);
        List<string>[] headerLines = HeaderLines(headers, weights, size);
        double headerHeight = Math.Max(rowHeight, headerLines.Max(l => l.Count) * lineHeight + size * 0.7);
        void Row(double height, Action<XRect, int> drawCell, bool shaded)
        {
            Need(height);
            double x = Margin;
            for (int i = 0; i < widths.Length; i++)
            {
                var cell = new XRect(x, _y, widths[i], height);
                if (shaded)
                {
                    _gfx.DrawRectangle(XBrushes.Gainsboro, cell);
                }
                _gfx.DrawRectangle(XPens.Gray, cell);
                drawCell(cell, i);
                x += widths[i];
            }
            _y += height;
        }
        Row(headerHeight, (cell, i) =>
        {
            List<string> lines = headerLines[i];
            double top = cell.Y + (cell.Height - lines.Count * lineHeight) / 2;
            for (int l = 0; l < lines.Count; l++)
            {
                _gfx.DrawString(lines[l], head, XBrushes.Black, new XRect(cell.X, top + l * lineHeight, cell.Width, lineHeight), XStringFormats.Center);
            }
        }, shaded: true);
        foreach (string[] r in rows)
        {
            Row(rowHeight, (cell, i) => _gfx.DrawString(Fit(i < r.Length ? r[i] : "", font, cell.Width - 4), font, XBrushes.Black, cell, XStringFormats.Center), shaded: false);
        }
        _y += size;
    }

    private double[] ColumnWidths(double[] weights)
    {
        double total = weights.Sum();
        return [.. weights.Select(w => Width * w / total)];
    }

    /// <summary>How <see cref="Table"/> sets each header: its lines, each within the column (less 2 pt padding either side).</summary>
    internal List<string>[] HeaderLines(string[] headers, double[] weights, double size)
    {
        XFont head = Font(size, bold: true);
        double[] widths = ColumnWidths(weights);
        return [.. headers.Select((h, i) => ChineseLineBreaks.Break(h, "", candidate => _gfx.MeasureString(candidate, head).Width <= widths[i] - 4))];
    }

    /// <summary>Whether <paramref name="text"/> set bold at <paramref name="size"/> fits a column of these weights (for tests of the layout).</summary>
    internal bool FitsColumn(string text, double[] weights, int column, double size) =>
        _gfx.MeasureString(text, Font(size, bold: true)).Width <= ColumnWidths(weights)[column] - 4;

    /// <summary>Horizontal bars, one per label, scaled to the largest value (at least 100); an optional dashed reference line (e.g. time elapsed).</summary>
    public void BarChart(string caption, IReadOnlyList<(string Label, double Value)> bars, double? reference, string referenceLabel)
    {
        const double barHeight = 14, gap = 6, labelWidth = 90, valueWidth = 50;
        Need(30 + bars.Count * (barHeight + gap) + 20);
        XFont font = Font(9), captionFont = Font(12, bold: true);
        _gfx.DrawString(caption, captionFont, XBrushes.Black, new XRect(Margin, _y, Width, 16), XStringFormats.TopCenter);
        _y += 24;
        double scale = Math.Max(100, Math.Max(reference ?? 0, bars.Count == 0 ? 0 : bars.Max(b => b.Value)));
        double plot = Width - labelWidth - valueWidth, top = _y;
        foreach ((string label, double value) in bars)
        {
            _gfx.DrawString(Fit(label, font, labelWidth - 4), font, XBrushes.Black, new XRect(Margin, _y, labelWidth - 4, barHeight), XStringFormats.CenterRight);
            double w = plot * Math.Clamp(value, 0, scale) / scale;
            XBrush brush = reference is { } r && value < r ? XBrushes.IndianRed : XBrushes.SteelBlue;
            _gfx.DrawRectangle(brush, new XRect(Margin + labelWidth, _y, Math.Max(w, 0.5), barHeight));
            _gfx.DrawString($"{value:0.0}%", font, XBrushes.Black, new XRect(Margin + labelWidth + w + 3, _y, valueWidth, barHeight), XStringFormats.CenterLeft);
            _y += barHeight + gap;
        }
        _gfx.DrawLine(XPens.Black, Margin + labelWidth, top - 2, Margin + labelWidth, _y);
        if (reference is { } line)
        {
            double x = Margin + labelWidth + plot * Math.Clamp(line, 0, scale) / scale;
            var pen = new XPen(XColors.DarkOrange, 1) { DashStyle = XDashStyle.Dash };
            _gfx.DrawLine(pen, x, top - 4, x, _y);
            _gfx.DrawString($"{referenceLabel} {line:0.0}%", font, XBrushes.DarkOrange, new XPoint(x + 2, _y + 10));
        }
        _y += 20;
    }

    public byte[] Save()
    {
        _gfx.Dispose();
        using var stream = new MemoryStream();
        _doc.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _doc.Dispose();
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        while (text.Length > 1 && _gfx.MeasureString(text + "…", font).Width > width)
        {
            text = text[..^1];
        }
        return text + "…";
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width, double firstIndent)
    {
        foreach (string para in text.Split('\n'))
        {
            string indent = firstIndent > 0 ? "\u3000\u3000" : "";
            foreach (string line in ChineseLineBreaks.Break(para, indent, candidate => _gfx.MeasureString(candidate, font).Width <= width))
            {
                yield return line;
            }
        }
    }
}

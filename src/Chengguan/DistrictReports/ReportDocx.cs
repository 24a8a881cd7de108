using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Chengguan.DistrictReports;

/// <summary>
/// The report as Word (.docx, Open XML SDK), typeset like an official document: the title in a large bold face centred,
/// the 文号 line under it, the recipients flush left, body text in 仿宋 with a two-character first-line indent, headings
/// 一、二、三 in 黑体, tables with a repeated header row whose rows never break across pages, the signature and date right.
/// </summary>
public static class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Half-points: 二号 22pt, 三号 16pt, 小四 12pt, 五号 10.5pt.
    private const string TitleSize = "44", HeadingSize = "32", BodySize = "32", TableSize = "21";
    private const string TitleFont = "方正小标宋简体", HeadingFont = "黑体", BodyFont = "仿宋_GB2312", TableFont = "宋体";

    public static byte[] Write(ReportDocument doc)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            MainDocumentPart main = word.AddMainDocumentPart();
            word.PackageProperties.Title = doc.Title;
            word.PackageProperties.Creator = "Chengguan 城管执法平台";
            word.PackageProperties.Created = doc.GeneratedAt.UtcDateTime;
            var body = new Body();
            body.Append(Para(doc.Title, TitleFont, TitleSize, bold: true, JustificationValues.Center, indent: false, after: 200));
            body.Append(Para(doc.Reference, BodyFont, BodySize, bold: false, JustificationValues.Center, indent: false, after: 300));
            body.Append(Para(doc.Recipients, BodyFont, BodySize, bold: false, JustificationValues.Left, indent: false));
            body.Append(Para(doc.Opening, BodyFont, BodySize, bold: false, JustificationValues.Both, indent: true));
            foreach (ReportSectionText s in doc.Sections)
            {
                body.Append(Para(s.Heading, HeadingFont, HeadingSize, bold: false, JustificationValues.Left, indent: true, keepNext: true, style: "Heading1"));
                if (s.Intro.Length > 0)
                {
                    body.Append(Para(s.Intro, BodyFont, BodySize, bold: false, JustificationValues.Both, indent: true));
                }
                foreach (ReportBlock b in s.Blocks)
                {
                    switch (b)
                    {
                        case ReportParagraph p:
                            body.Append(Para(p.Text, BodyFont, BodySize, bold: false, JustificationValues.Both, indent: true));
                            break;
                        case ReportSubheading h:
                            body.Append(Para(h.Text, BodyFont, BodySize, bold: true, JustificationValues.Left, indent: true, keepNext: true, style: "Heading2"));
                            break;
                        case ReportTable t:
                            body.Append(Table(t));
                            body.Append(Para("", BodyFont, TableSize, bold: false, JustificationValues.Left, indent: false));
                            break;
                    }
                }
            }
            if (doc.Closing.Length > 0)
            {
                body.Append(Para(doc.Closing, BodyFont, BodySize, bold: false, JustificationValues.Both, indent: true));
            }
            body.Append(Para("", BodyFont, BodySize, bold: false, JustificationValues.Left, indent: false));
            foreach (string line in doc.Signature.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                body.Append(Para(line, BodyFont, BodySize, bold: false, JustificationValues.Right, indent: false));
            }
            body.Append(Para(doc.Date, BodyFont, BodySize, bold: false, JustificationValues.Right, indent: false));
            // A4 with the margins of GB/T 9704 (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U }));
            main.Document = new Document(body);
            AddStyles(main);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static RunProperties Font(string face, string size, bool bold)
    {
        var props = new RunProperties(new RunFonts { Ascii = face, HighAnsi = face, EastAsia = face, ComplexScript = face });
        if (bold)
        {
            props.Append(new Bold());
        }
        props.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return props;
    }

    private static Paragraph Para(string text, string face, string size, bool bold, JustificationValues align, bool indent, int after = 0, bool keepNext = false, string? style = null)
    {
        var props = new ParagraphProperties();
        if (style is not null)
        {
            props.Append(new ParagraphStyleId { Val = style });
        }
        if (keepNext)
        {
            props.Append(new KeepNext());
        }
        props.Append(new SpacingBetweenLines { After = after.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (indent)
        {
            // Two characters of first-line indent, as official documents set a paragraph.
            props.Append(new Indentation { FirstLineChars = 200 });
        }
        props.Append(new Justification { Val = align });
        var p = new Paragraph(props);
        string[] lines = text.Split('\n');
        var run = new Run(Font(face, size, bold));
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        p.Append(run);
        return p;
    }

    private static Table Table(ReportTable t)
    {
        // Column widths in twentieths of a point over the text width (A4 less the margins: 8844 twips), shared by weight.
        const int TextWidth = 8844;
        double total = t.Weights.Sum();
        int[] widths = [.. t.Weights.Select(w => (int)Math.Round(TextWidth * w / total))];
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed }, border, new TableJustification { Val = TableRowAlignmentValues.Center }));
        table.Append(new TableGrid([.. widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })]));
        table.Append(Row(t.Headers, widths, header: true));
        foreach (string[] r in t.Rows)
        {
            table.Append(Row(r, widths, header: false));
        }
        return table;
    }

    private static TableRow Row(string[] cells, int[] widths, bool header)
    {
        // A header row repeats on every page and wraps rather than being cut; no row breaks across a page.
        var props = new TableRowProperties(new CantSplit());
        if (header)
        {
            props.Append(new TableHeader());
        }
        var row = new TableRow(props);
        for (int i = 0; i < widths.Length; i++)
        {
            var cellProps = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            if (header)
            {
                cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "E7E6E6", Color = "auto" });
            }
            var p = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { After = "0" }),
                new Run(Font(TableFont, TableSize, header), new Text(i < cells.Length ? cells[i] : "") { Space = SpaceProcessingModeValues.Preserve }));
            row.Append(new TableCell(cellProps, p));
        }
        return row;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        StyleDefinitionsPart part = main.AddNewPart<StyleDefinitionsPart>();
        Style Heading(string id, string name, int level) => new(
            new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new OutlineLevel { Val = level }))
        { Type = StyleValues.Paragraph, StyleId = id };
        part.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { EastAsia = BodyFont, Ascii = BodyFont, HighAnsi = BodyFont },
                new FontSize { Val = BodySize }, new Languages { EastAsia = "zh-CN" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading("Heading1", "heading 1", 0), Heading("Heading2", "heading 2", 1));
        part.Styles.Save();
    }
}

using Chengguan.Demolition.Documents;

namespace Chengguan.DistrictReports;

/// <summary>The report as a Chinese PDF through the bureau's PDF writer (<see cref="PdfComposer"/>, the embedded CJK face).</summary>
public static class ReportPdf
{
    public const string ContentType = "application/pdf";

    public static byte[] Write(ReportDocument doc)
    {
        using var pdf = new PdfComposer(doc.Title, doc.GeneratedAt);
        pdf.Title(doc.Title, 18);
        pdf.Centered(doc.Reference, 12);
        pdf.Space(6);
        pdf.Paragraph(doc.Recipients, 12, indent: false);
        pdf.Paragraph(doc.Opening, 12);
        foreach (ReportSectionText s in doc.Sections)
        {
            pdf.Heading(s.Heading, 14);
            if (s.Intro.Length > 0)
            {
                pdf.Paragraph(s.Intro, 12);
            }
            foreach (ReportBlock b in s.Blocks)
            {
                switch (b)
                {
                    case ReportParagraph p:
                        pdf.Paragraph(p.Text, 12);
                        break;
                    case ReportSubheading h:
                        pdf.Heading(h.Text, 12);
                        break;
                    case ReportTable t:
                        pdf.Table(t.Headers, t.Rows, t.Weights, 9);
                        break;
                }
            }
        }
        if (doc.Closing.Length > 0)
        {
            pdf.Paragraph(doc.Closing, 12);
        }
        pdf.Space(18);
        foreach (string line in doc.Signature.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            pdf.Right(line, 12);
        }
        pdf.Right(doc.Date, 12);
        return pdf.Save();
    }
}

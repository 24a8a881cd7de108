using System.IO.Compression;
using System.Text;

namespace Chengguan.Tests.Infrastructure;

/// <summary>
/// Spreadsheets and CSV files built in the test, well-formed or hostile: the shapes an attacker's
/// probe sent (a huge cell, a 20,000-column header, repeated headers, a truncated sheet, a DTD,
/// a zip bomb) and the usual wrong files (an image, an .xls, random bytes, nothing at all).
/// </summary>
public static class HostileFiles
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>A workbook whose first sheet is <paramref name="sheet"/> (the XML inside &lt;worksheet&gt;), with optional shared strings.</summary>
    public static byte[] Xlsx(string sheet, string? sharedStrings = null, string? sheetPrologue = null) =>
        Xlsx(w => w.Write(sheetPrologue + $"<worksheet xmlns=\"{Main}\" xmlns:r=\"{Rels}\">{sheet}</worksheet>"), sharedStrings);

    /// <summary>A workbook whose sheet XML is streamed by <paramref name="writeSheet"/> (for parts far larger than the test wants to hold).</summary>
    public static byte[] Xlsx(Action<TextWriter> writeSheet, string? sharedStrings = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>""");
            Entry(zip, "_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PackageRels}"><Relationship Id="rId1" Type="{Rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rels}"><sheets><sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PackageRels}"><Relationship Id="rId1" Type="{Rels}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Rels}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            if (sharedStrings is not null)
            {
                Entry(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}</sst>""");
            }
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", level).Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?>""");
            writeSheet(sheet);
        }
        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Rows of inline-string cells, each placed by its reference so that blanks (null) keep their column.</summary>
    public static string SheetData(params string?[][] rows)
    {
        var sb = new StringBuilder("<sheetData>");
        for (int r = 0; r < rows.Length; r++)
        {
            sb.Append($"<row r=\"{r + 1}\">");
            for (int c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c] is { } text)
                {
                    sb.Append($"<c r=\"{ColumnName(c + 1)}{r + 1}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(text)}</t></is></c>");
                }
            }
            sb.Append("</row>");
        }
        return sb.Append("</sheetData>").ToString();
    }

    public static string ColumnName(int column)
    {
        string name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }
        return name;
    }

    public static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>One inline cell of about 16 million characters, about 1 MB compressed (a little noise keeps deflate from doing better).</summary>
    public static byte[] HugeCellXlsx() => Xlsx(w =>
    {
        w.Write($"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>工单编号</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
        var random = new Random(15);
        char[] block = new char[64];
        for (int i = 0; i < 256 * 1024; i++)
        {
            Array.Fill(block, 'A', 0, 56);
            for (int j = 56; j < 64; j++)
            {
                block[j] = "0123456789abcdef"[random.Next(16)];
            }
            w.Write(block);
        }
        w.Write("</t></is></c></row></sheetData></worksheet>");
    });

    /// <summary>The probe's file: one inline cell of a billion characters, about 1 MB compressed.</summary>
    public static byte[] GigaCellXlsx() => Xlsx(w =>
    {
        w.Write($"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>工单编号</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
        string chunk = new('A', 1024 * 1024);
        for (int i = 0; i < 1024; i++)
        {
            w.Write(chunk);
        }
        w.Write("</t></is></c></row></sheetData></worksheet>");
    }, level: CompressionLevel.SmallestSize);

    /// <summary>A valid header row, then 200 MB of empty elements that deflate about 1000:1.</summary>
    public static byte[] ZipBombXlsx() => Xlsx(w =>
    {
        w.Write($"<worksheet xmlns=\"{Main}\">{SheetData(["工单编号"], ["A1"])}<extLst>");
        string chunk = string.Concat(Enumerable.Repeat("<x/>", 16 * 1024));
        for (int i = 0; i < 200 * 1024 * 1024 / chunk.Length; i++)
        {
            w.Write(chunk);
        }
        w.Write("</extLst></worksheet>");
    }, level: CompressionLevel.SmallestSize);

    public static byte[] WideCsv(int columns) =>
        Csv(string.Join(",", Enumerable.Range(1, columns).Select(i => "c" + i)) + "\n" + string.Join(",", Enumerable.Range(1, columns).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n");

    /// <summary>An external entity in the sheet, as an XXE probe writes it.</summary>
    public static byte[] DtdXlsx() => Xlsx(
        SheetData(["工单编号"], ["&xxe;"]).Replace("&amp;xxe;", "&xxe;", StringComparison.Ordinal),
        sheetPrologue: """<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>""");

    /// <summary>A well-formed workbook cut short: the zip's directory is gone.</summary>
    public static byte[] TruncatedXlsx()
    {
        byte[] whole = Xlsx(SheetData(["工单编号", "诉求内容"], ["A1", "内容"]));
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A complete zip whose sheet XML stops in the middle of a row.</summary>
    public static byte[] TruncatedSheetXlsx() => Xlsx(w => w.Write($"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>工单编号</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inl"));

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89];

    /// <summary>The start of an OLE compound file, as an .xls (or .doc) begins.</summary>
    public static byte[] Xls() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    public static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A CSV with a lone continuation byte in its second row (GBK text looks like this to a UTF-8 reader).</summary>
    public static byte[] InvalidUtf8Csv() => [.. Encoding.UTF8.GetBytes("工单编号,诉求内容\nA1,"), 0xC3, 0x28, (byte)'\n'];
}

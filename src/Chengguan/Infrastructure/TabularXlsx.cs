using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Chengguan.Infrastructure;

/// <summary>
/// A small bounded .xlsx reader: the workbook's first sheet and its shared strings, each cell put in
/// its column by its reference ("AB12"), so blank cells keep their place; numbers as invariant text,
/// booleans as True/False. Every part is inflated through a counting stream (the sizes the zip
/// declares are not trusted) and parsed by a guarded XmlReader (<see cref="BoundedXml"/>).
/// </summary>
internal sealed partial class TabularXlsx
{
    /// <summary>Zip entries: a workbook has a dozen or two; more is not a spreadsheet.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>The compression ratio is judged only past this much XML, so that tiny, very regular parts pass.</summary>
    private const long RatioFloorBytes = 8 * 1024 * 1024;

    /// <summary>Raw XML per cell text: escapes such as "&amp;quot;" or "_x000D_" take up to 8 characters per character.</summary>
    private const int EscapedCharsPerChar = 8;

    private const int MaxSheetRow = 1_048_576;
    private const int MaxSheetColumn = 16_384;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ZipArchive _zip;
    private readonly TabularLimits _limits;
    private readonly StringBuilder _text = new();
    private long _unpackedLeft;
    private long _charsLeft;

    private TabularXlsx(ZipArchive zip, TabularLimits limits)
    {
        _zip = zip;
        _limits = limits;
        _unpackedLeft = limits.MaxUnpackedBytes;
        _charsLeft = limits.MaxTotalChars;
    }

    public static void Read(Stream content, TabularRows rows, TabularLimits limits)
    {
        rows.Xlsx = true;
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > MaxEntries)
        {
            throw Corrupt();
        }
        var reader = new TabularXlsx(zip, limits);
        (string sheet, string? sharedStrings) = reader.Locate();
        List<string> strings = sharedStrings is null ? [] : reader.SharedStrings(sharedStrings);
        reader.Sheet(sheet, strings, rows);
    }

    private static TabularException Corrupt() => new("文件不完整或已损坏");

    private static TabularException NotWorkbook() => new("不是 Excel (.xlsx) 文件：找不到工作表");

    /// <summary>The first sheet and the shared strings, through the package's and the workbook's relationships.</summary>
    private (string Sheet, string? SharedStrings) Locate()
    {
        string workbook = Relationships("_rels/.rels", "").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
            ?? "xl/workbook.xml";
        if (_zip.GetEntry(workbook) is null)
        {
            throw NotWorkbook();
        }
        int slash = workbook.LastIndexOf('/');
        string folder = workbook[..(slash + 1)];
        var related = Relationships($"{folder}_rels/{workbook[(slash + 1)..]}.rels", folder);
        string? firstId = null;
        ReadPart(workbook, xml =>
        {
            while (firstId is null && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                {
                    firstId = RelationshipId(xml) ?? "";
                }
            }
        });
        string? sheet = related.FirstOrDefault(r => r.Id == firstId).Target
            ?? related.FirstOrDefault(r => r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).Target
            ?? (_zip.GetEntry(folder + "worksheets/sheet1.xml") is null ? null : folder + "worksheets/sheet1.xml");
        if (sheet is null || _zip.GetEntry(sheet) is null)
        {
            throw NotWorkbook();
        }
        string? strings = related.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
        return (sheet, strings is not null && _zip.GetEntry(strings) is not null ? strings : null);
    }

    private static string? RelationshipId(XmlReader xml)
    {
        while (xml.MoveToNextAttribute())
        {
            if (xml.LocalName == "id" && xml.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal))
            {
                return xml.Value;
            }
        }
        return null;
    }

    private List<(string Id, string Type, string Target)> Relationships(string path, string folder)
    {
        var list = new List<(string, string, string)>();
        if (_zip.GetEntry(path) is null)
        {
            return list;
        }
        ReadPart(path, xml =>
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                    && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Type") is { } type && xml.GetAttribute("Target") is { } target
                    && xml.GetAttribute("TargetMode") != "External")
                {
                    if (list.Count == MaxEntries)
                    {
                        throw Corrupt();
                    }
                    list.Add((id, type, Resolve(folder, target)));
                }
            }
        });
        return list;
    }

    /// <summary>A relationship's target as a zip entry name: absolute ("/xl/…") or relative to the part's folder, with ".." resolved.</summary>
    private static string Resolve(string folder, string target)
    {
        var parts = new List<string>();
        foreach (string part in (target.StartsWith('/') ? target[1..] : folder + target).Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("" or "."))
            {
                parts.Add(part);
            }
        }
        return string.Join('/', parts);
    }

    /// <summary>Inflates one part through a counting stream, under what is left of the size cap and the part's own ratio cap.</summary>
    private void ReadPart(string path, Action<XmlReader> read)
    {
        ZipArchiveEntry entry = _zip.GetEntry(path) ?? throw NotWorkbook();
        long compressed = Math.Max(entry.CompressedLength, 1);
        long byRatio = compressed > long.MaxValue / _limits.MaxCompressionRatio ? long.MaxValue : Math.Max(RatioFloorBytes, compressed * _limits.MaxCompressionRatio);
        bool ratioBound = byRatio < _unpackedLeft;
        long limit = Math.Min(byRatio, _unpackedLeft);
        using var counted = new LimitedReadStream(entry.Open(), limit, () => ratioBound
            ? new TabularException($"文件压缩比异常（超过 {_limits.MaxCompressionRatio}:1），疑似压缩炸弹")
            : new TabularException($"文件解压后超过 {_limits.MaxUnpackedBytes / 1024 / 1024} MB", StatusCodes.Status413PayloadTooLarge));
        using var text = new StreamReader(counted, s_strictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024);
        using XmlReader xml = BoundedXml.Create(text, _limits.MaxCellChars, EscapedCharsPerChar * _limits.MaxCellChars, limit);
        read(xml);
        _unpackedLeft -= counted.BytesRead;
    }

    private List<string> SharedStrings(string path)
    {
        var strings = new List<string>();
        ReadPart(path, xml =>
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
                {
                    if (strings.Count == _limits.MaxCells)
                    {
                        throw new TabularException($"共享字符串超过 {_limits.MaxCells} 个");
                    }
                    strings.Add(Spent(RichText(xml))!);
                }
            }
        });
        return strings;
    }

    private void Sheet(string path, List<string> strings, TabularRows rows)
    {
        var values = new List<string?>();
        ReadPart(path, xml =>
        {
            int lastRow = 0;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
                {
                    continue;
                }
                int row = xml.GetAttribute("r") is { } r ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1 : lastRow + 1;
                if (row <= lastRow || row > MaxSheetRow)
                {
                    throw Corrupt();
                }
                lastRow = row;
                values.Clear();
                if (!xml.IsEmptyElement)
                {
                    Row(xml, row, values, strings);
                }
                rows.Add(row, values);
            }
        });
    }

    private void Row(XmlReader xml, int row, List<string?> values, List<string> strings)
    {
        int depth = xml.Depth, lastColumn = 0;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                continue;
            }
            int column = Column(xml.GetAttribute("r"), lastColumn);
            lastColumn = column;
            string? value = Cell(xml, xml.GetAttribute("t"), strings);
            // Excel writes styled empty cells far to the right; only a cell with text makes the sheet too wide.
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (column > _limits.MaxColumns)
            {
                throw new TabularException($"列数超过 {_limits.MaxColumns}（第 {row} 行）");
            }
            while (values.Count < column - 1)
            {
                values.Add(null);
            }
            values.Add(value);
        }
    }

    /// <summary>The column (1-based) of a reference such as "AB12"; a cell without one follows the previous.</summary>
    private static int Column(string? reference, int previous)
    {
        if (reference is null)
        {
            return previous + 1;
        }
        int column = 0, i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]) && i < 3)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }
        if (i == 0 || column > MaxSheetColumn || column <= previous || reference.AsSpan(i).ContainsAnyExceptInRange('0', '9'))
        {
            throw Corrupt();
        }
        return column;
    }

    private string? Cell(XmlReader xml, string? type, List<string> strings)
    {
        if (xml.IsEmptyElement)
        {
            return null;
        }
        int depth = xml.Depth;
        string? value = null, inline = null;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1)
            {
                if (xml.LocalName == "v")
                {
                    value = PlainText(xml);
                }
                else if (xml.LocalName == "is")
                {
                    inline = RichText(xml);
                }
            }
        }
        switch (type)
        {
            case "s":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= strings.Count)
                {
                    throw Corrupt();
                }
                return strings[index];
            case "inlineStr":
                return Spent(inline);
            case "b":
                return Spent(value switch { "1" => "True", "0" => "False", _ => value });
            case null or "n":
                return Spent(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d.ToString(CultureInfo.InvariantCulture) : value);
            default:
                return Spent(value);
        }
    }

    /// <summary>The text of an element such as &lt;v&gt;, read to its end.</summary>
    private string PlainText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }
        int depth = xml.Depth;
        _text.Clear();
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                Append(xml.Value);
            }
        }
        return Decoded();
    }

    /// <summary>The text of a shared or inline string: its &lt;t&gt; runs, without phonetic guides (&lt;rPh&gt;).</summary>
    private string RichText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }
        int depth = xml.Depth, phonetic = -1;
        bool inRun = false;
        _text.Clear();
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "rPh" && phonetic < 0 && !xml.IsEmptyElement:
                    phonetic = xml.Depth;
                    break;
                case XmlNodeType.Element when xml.LocalName == "t" && !xml.IsEmptyElement:
                    inRun = true;
                    break;
                case XmlNodeType.EndElement when xml.Depth == phonetic:
                    phonetic = -1;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "t":
                    inRun = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inRun && phonetic < 0:
                    Append(xml.Value);
                    break;
            }
        }
        return Decoded();
    }

    private void Append(string text)
    {
        if (_text.Length + text.Length > EscapedCharsPerChar * _limits.MaxCellChars)
        {
            throw CellTooLong();
        }
        _text.Append(text);
    }

    /// <summary>The text gathered, with OOXML's "_xHHHH_" escapes (how Excel writes a carriage return, say) undone.</summary>
    private string Decoded()
    {
        string text = _text.ToString();
        if (text.Contains("_x", StringComparison.Ordinal))
        {
            text = Escape().Replace(text, m => ((char)int.Parse(m.ValueSpan[2..6], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        }
        if (text.Length > _limits.MaxCellChars)
        {
            throw CellTooLong();
        }
        return text;
    }

    private TabularException CellTooLong() => new($"单元格超过 {_limits.MaxCellChars} 个字符");

    /// <summary>Counts text kept in memory against the file's total.</summary>
    private string? Spent(string? text)
    {
        _charsLeft -= text?.Length ?? 0;
        if (_charsLeft < 0)
        {
            throw new TabularException($"文字总量超过 {_limits.MaxTotalChars} 个字符");
        }
        return text;
    }

    [GeneratedRegex("_x[0-9A-Fa-f]{4}_")]
    private static partial Regex Escape();
}

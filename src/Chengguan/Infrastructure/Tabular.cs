using System.Text;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Chengguan.Infrastructure;

/// <summary>One data row of an uploaded sheet: its 1-based row number as the user sees it and its cells by header.</summary>
public sealed record TabularRow(int RowNumber, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The first non-empty cell among header aliases (Chinese and English headers are both accepted).</summary>
    public string? Get(params string[] headers)
    {
        foreach (string h in headers)
        {
            if (Cells.TryGetValue(h, out string? v) && !string.IsNullOrWhiteSpace(v))
            {
                return v.Trim();
            }
        }
        return null;
    }
}

/// <summary>Reads CSV (RFC 4180, UTF-8) and Excel (.xlsx) uploads into rows; the format is sniffed from the content, not the file name.</summary>
public static class Tabular
{
    public const int MaxRows = 20_000;

    public static async Task<(IReadOnlyList<TabularRow>? Rows, string? Error)> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        byte[] head = new byte[4];
        int n = buffer.Read(head, 0, 4);
        buffer.Position = 0;
        try
        {
            if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
            {
                return (ReadXlsx(buffer), null);
            }
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.ToArray());
            return (ReadCsv(text.TrimStart('\uFEFF')), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, "文件不是 UTF-8 编码的 CSV，也不是 Excel (.xlsx) 文件");
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return (null, "无法读取 Excel 文件：" + e.Message);
        }
        catch (TooManyRowsException)
        {
            return (null, $"一次最多导入 {MaxRows} 行");
        }
    }

    private static List<TabularRow> ReadXlsx(Stream stream)
    {
        var rows = new List<TabularRow>();
        int rowNumber = 1;
        foreach (IDictionary<string, object?> r in MiniExcel.Query(stream, useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX).Cast<IDictionary<string, object?>>())
        {
            rowNumber++;
            var cells = r.Where(kv => !string.IsNullOrWhiteSpace(kv.Key))
                .ToDictionary(kv => kv.Key.Trim(), kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase);
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows.Add(new TabularRow(rowNumber, cells));
            if (rows.Count > MaxRows)
            {
                throw new TooManyRowsException();
            }
        }
        return rows;
    }

    public static List<TabularRow> ReadCsv(string text)
    {
        List<List<string>> records = ParseCsv(text);
        var rows = new List<TabularRow>();
        if (records.Count == 0)
        {
            return rows;
        }
        string[] header = [.. records[0].Select(h => h.Trim())];
        for (int i = 1; i < records.Count; i++)
        {
            List<string> rec = records[i];
            if (rec.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int c = 0; c < header.Length; c++)
            {
                if (header[c].Length > 0)
                {
                    cells[header[c]] = c < rec.Count ? rec[c] : "";
                }
            }
            rows.Add(new TabularRow(i + 1, cells));
            if (rows.Count > MaxRows)
            {
                throw new TooManyRowsException();
            }
        }
        return rows;
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }

    private sealed class TooManyRowsException : Exception;
}

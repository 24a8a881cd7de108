using System.Text;

namespace Chengguan.Infrastructure;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields (with "" for a quote, line breaks inside), CR, LF or
/// CRLF between records, a leading BOM skipped. It holds one record at a time, and refuses a cell
/// longer than <see cref="TabularLimits.MaxCellChars"/> or a record wider than
/// <see cref="TabularLimits.MaxColumns"/> as soon as it gets there, so a 20,000-column header costs nothing.
/// </summary>
internal static class TabularCsv
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Read(Stream content, TabularRows rows, TabularLimits limits)
    {
        using var reader = new StreamReader(content, s_strictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        Read(reader, rows, limits);
    }

    public static void Read(TextReader reader, TabularRows rows, TabularLimits limits)
    {
        var record = new List<string?>();
        var field = new StringBuilder();
        char[] buffer = new char[16 * 1024];
        int recordNumber = 1;
        bool atStart = true, quoted = false, quoteInQuoted = false, skipLf = false;

        void EndField()
        {
            if (record.Count == limits.MaxColumns)
            {
                throw new TabularException($"列数超过 {limits.MaxColumns}（第 {recordNumber} 行）");
            }
            record.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            rows.Add(recordNumber, record);
            record.Clear();
            recordNumber++;
        }

        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                char ch = buffer[i];
                if (atStart && ch == '\uFEFF')
                {
                    continue;
                }
                atStart = false;
                if (skipLf)
                {
                    skipLf = false;
                    if (ch == '\n')
                    {
                        continue;
                    }
                }
                if (ch == '\0')
                {
                    throw new TabularException("文件不是文本 CSV，也不是 Excel (.xlsx) 文件");
                }
                if (quoteInQuoted)
                {
                    // A quote inside a quoted field: doubled it is a literal quote, else it closed the field.
                    quoteInQuoted = false;
                    if (ch == '"')
                    {
                        Append(field, '"', limits, recordNumber);
                        continue;
                    }
                    quoted = false;
                }
                if (quoted)
                {
                    if (ch == '"')
                    {
                        quoteInQuoted = true;
                    }
                    else
                    {
                        Append(field, ch, limits, recordNumber);
                    }
                }
                else if (ch == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    EndField();
                }
                else if (ch is '\n' or '\r')
                {
                    skipLf = ch == '\r';
                    EndRecord();
                }
                else
                {
                    Append(field, ch, limits, recordNumber);
                }
            }
        }
        if (quoted && !quoteInQuoted)
        {
            throw new TabularException($"第 {recordNumber} 行的引号没有闭合（文件不完整？）");
        }
        if (field.Length > 0 || record.Count > 0)
        {
            EndRecord();
        }
    }

    private static void Append(StringBuilder field, char ch, TabularLimits limits, int recordNumber)
    {
        if (field.Length == limits.MaxCellChars)
        {
            throw new TabularException($"单元格超过 {limits.MaxCellChars} 个字符（第 {recordNumber} 行）");
        }
        field.Append(ch);
    }
}

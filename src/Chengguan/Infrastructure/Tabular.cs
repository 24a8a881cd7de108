using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Infrastructure;

/// <summary>One data row of an uploaded sheet: its 1-based row number as the user sees it and its non-blank cells by header.</summary>
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

/// <summary>Why a file could not be read: a Chinese message for the <c>file</c> field; 413 when a size cap was passed, else 400.</summary>
public sealed class TabularException(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The caps a file is read under; <see cref="Default"/> is what every import uses, tests pass smaller ones.</summary>
public sealed record TabularLimits
{
    public static readonly TabularLimits Default = new();

    public long MaxFileBytes { get; init; } = Tabular.MaxUploadBytes;
    public long MaxUnpackedBytes { get; init; } = Tabular.MaxUnpackedBytes;
    public int MaxCompressionRatio { get; init; } = Tabular.MaxCompressionRatio;
    public int MaxRows { get; init; } = Tabular.MaxRows;
    public int MaxColumns { get; init; } = Tabular.MaxColumns;
    public int MaxCellChars { get; init; } = Tabular.MaxCellChars;
    public int MaxCells { get; init; } = Tabular.MaxCells;
    public long MaxTotalChars { get; init; } = Tabular.MaxTotalChars;
}

/// <summary>
/// Reads CSV (RFC 4180, UTF-8) and Excel (.xlsx) uploads into rows; the format is sniffed from the
/// content, not the file name. Every cap below is enforced while reading, before the thing it
/// bounds is allocated, whatever sizes the file itself declares: a hostile file costs at most a few
/// tens of MB and a second, and is answered 400/413 with a Chinese message, never 500.
/// </summary>
public static class Tabular
{
    /// <summary>The upload itself: a day's hotline orders or a whole unit tree is well under 1 MB as .xlsx.</summary>
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    /// <summary>All XML read out of an .xlsx together: 20,000 rows of 40 cells is about 40 MB of sheet XML.</summary>
    public const long MaxUnpackedBytes = 64 * 1024 * 1024;

    /// <summary>Real sheet XML deflates 5–30:1; beyond this (after the first 8 MB) it is a zip bomb.</summary>
    public const int MaxCompressionRatio = 200;

    /// <summary>Data rows per file (the existing import limit).</summary>
    public const int MaxRows = 20_000;

    /// <summary>Columns: the widest sheet imported (the hotline platform's export) has about 30.</summary>
    public const int MaxColumns = 200;

    /// <summary>Excel's own cell limit; anything longer was not made by Excel, and 4,000-character fields still get their own row error.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Non-blank cells kept in memory (e.g. 20,000 rows × 25 columns); with the next cap, at most about 60 MB per file.</summary>
    public const int MaxCells = 500_000;

    /// <summary>Characters of text kept (shared strings and cells): 20,000 rows × 800 characters.</summary>
    public const long MaxTotalChars = 16_000_000;

    /// <summary>An upload's rows, or the problem (400/413, <c>file</c> field) to answer with; an empty or header-only file is a problem too.</summary>
    public static Task<(IReadOnlyList<TabularRow>? Rows, ProblemHttpResult? Problem)> ReadUploadAsync(IFormFile? file, CancellationToken ct) =>
        ReadUploadAsync(file, TabularLimits.Default, ct);

    /// <summary>As above under an import's own caps (a survey's respondent file is larger than a day's orders).</summary>
    public static async Task<(IReadOnlyList<TabularRow>? Rows, ProblemHttpResult? Problem)> ReadUploadAsync(IFormFile? file, TabularLimits limits, CancellationToken ct)
    {
        if (file is null)
        {
            return (null, Problem("请上传 CSV 或 Excel (.xlsx) 文件"));
        }
        try
        {
            if (file.Length > limits.MaxFileBytes)
            {
                throw TooLarge(limits);
            }
            using var buffer = new MemoryStream((int)file.Length);
            await using (var source = new LimitedReadStream(file.OpenReadStream(), limits.MaxFileBytes, () => TooLarge(limits)))
            {
                await source.CopyToAsync(buffer, ct);
            }
            buffer.Position = 0;
            IReadOnlyList<TabularRow> rows = Read(buffer, limits);
            return rows.Count == 0 ? (null, Problem("文件中没有数据行")) : (rows, null);
        }
        catch (TabularException e)
        {
            return (null, Problem(e.Message, e.Status));
        }
    }

    private static ProblemHttpResult Problem(string message, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [message] })
        {
            Status = status,
            Title = status == StatusCodes.Status413PayloadTooLarge ? "文件过大" : "请求参数有误",
            Detail = message,
        });

    private static TabularException TooLarge(TabularLimits limits) => new($"文件超过 {limits.MaxFileBytes / 1024 / 1024} MB", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads a whole file (a seekable stream) under the given caps; a file that cannot be read throws <see cref="TabularException"/>.</summary>
    public static IReadOnlyList<TabularRow> Read(Stream content, TabularLimits limits)
    {
        if (content.Length > limits.MaxFileBytes)
        {
            throw new TabularException($"文件超过 {limits.MaxFileBytes / 1024 / 1024} MB", StatusCodes.Status413PayloadTooLarge);
        }
        Span<byte> head = stackalloc byte[8];
        int n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        content.Position = 0;
        var rows = new TabularRows(limits);
        try
        {
            if (n == 0)
            {
                throw new TabularException("文件为空，请上传 CSV 或 Excel (.xlsx) 文件");
            }
            if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
            {
                TabularXlsx.Read(content, rows, limits);
            }
            else if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            {
                // An OLE compound file: an old .xls, or a password-protected workbook.
                throw new TabularException("不支持旧版 Excel (.xls) 或加密的工作簿，请另存为 Excel (.xlsx) 或 UTF-8 CSV");
            }
            else
            {
                TabularCsv.Read(content, rows, limits);
            }
        }
        catch (Exception e) when (e is System.IO.InvalidDataException or IOException or System.Xml.XmlException or NotSupportedException
            or System.Text.DecoderFallbackException or ArgumentException or FormatException or OverflowException)
        {
            // Whatever the zip, inflate or XML layers say about a broken file, the user hears one thing.
            throw new TabularException(e is System.Text.DecoderFallbackException && !rows.Xlsx
                ? "文件不是 UTF-8 编码的 CSV，也不是 Excel (.xlsx) 文件"
                : "文件不完整或已损坏");
        }
        return rows.Rows;
    }

    /// <summary>CSV text already in memory (the embedded seed dictionary), under the default caps.</summary>
    public static List<TabularRow> ReadCsv(string text)
    {
        var rows = new TabularRows(TabularLimits.Default);
        TabularCsv.Read(new StringReader(text), rows, rows.Limits);
        return rows.Rows;
    }
}

/// <summary>
/// Turns raw records into <see cref="TabularRow"/>s under the shared caps. The first record with any
/// text is the header: trimmed, blank headers ignored, a header repeated (after trimming and
/// ignoring case) refused, since its cells would silently overwrite each other.
/// </summary>
internal sealed class TabularRows(TabularLimits limits)
{
    private string?[]? _header;
    private int _cells;

    public TabularLimits Limits => limits;
    public List<TabularRow> Rows { get; } = [];

    /// <summary>Set by the .xlsx reader, so that a decoding failure is named for the right format.</summary>
    public bool Xlsx { get; set; }

    /// <summary>One record by column (null or blank for an empty cell); callers have already capped its width.</summary>
    public void Add(int rowNumber, IReadOnlyList<string?> values)
    {
        bool any = false;
        for (int i = 0; i < values.Count && !any; i++)
        {
            any = !string.IsNullOrWhiteSpace(values[i]);
        }
        if (!any)
        {
            return;
        }
        if (_header is null)
        {
            _header = Header(values);
            return;
        }
        var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0; c < values.Count && c < _header.Length; c++)
        {
            if (_header[c] is { } name && values[c] is { } v && !string.IsNullOrWhiteSpace(v))
            {
                cells[name] = v;
            }
        }
        _cells += cells.Count;
        if (_cells > limits.MaxCells)
        {
            throw new TabularException($"单元格总数超过 {limits.MaxCells}");
        }
        Rows.Add(new TabularRow(rowNumber, cells));
        if (Rows.Count > limits.MaxRows)
        {
            throw new TabularException($"一次最多导入 {limits.MaxRows} 行");
        }
    }

    private static string?[] Header(IReadOnlyList<string?> values)
    {
        var header = new string?[values.Count];
        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var repeated = new List<string>();
        for (int c = 0; c < values.Count; c++)
        {
            string name = (values[c] ?? "").Trim();
            if (name.Length == 0)
            {
                continue;
            }
            if (first.TryGetValue(name, out string? earlier))
            {
                if (!repeated.Contains(earlier))
                {
                    repeated.Add(earlier);
                }
                continue;
            }
            first[name] = name;
            header[c] = name;
        }
        if (repeated.Count > 0)
        {
            throw new TabularException("表头重复：" + string.Join("、", repeated));
        }
        return header;
    }
}

using System.Text;
using Chengguan.Infrastructure;
using MiniExcelLibs;
using static Chengguan.Tests.Infrastructure.HostileFiles;

namespace Chengguan.Tests.Infrastructure;

/// <summary>The upload reader: valid files read as before, and every cap and malformed shape answered with its own message, never an exception of another kind.</summary>
public sealed class TabularTests
{
    private static IReadOnlyList<TabularRow> Read(byte[] bytes, TabularLimits? limits = null) =>
        Tabular.Read(new MemoryStream(bytes), limits ?? TabularLimits.Default);

    private static readonly TabularLimits s_small = TabularLimits.Default with { MaxRows = 3, MaxCells = 5, MaxTotalChars = 40 };

    private sealed record Case(Func<byte[]> File, TabularLimits? Limits, int Status, string Message);

    private static readonly Dictionary<string, Case> s_refused = new()
    {
        ["empty"] = new(() => [], null, 400, "文件为空"),
        ["png named .xlsx"] = new(Png, null, 400, "不是 UTF-8 编码的 CSV"),
        ["old .xls (OLE)"] = new(Xls, null, 400, ".xls"),
        ["random bytes"] = new(() => RandomBytes(4096), null, 400, "不是"),
        ["invalid UTF-8 CSV"] = new(InvalidUtf8Csv, null, 400, "不是 UTF-8 编码的 CSV"),
        ["NUL in CSV"] = new(() => Csv("工单编号\nA\0B\n"), null, 400, "不是文本 CSV"),
        ["20,000-column CSV header"] = new(() => WideCsv(20_000), null, 400, "列数超过 200（第 1 行）"),
        ["201-column CSV data row"] = new(() => Csv("a,b\n" + new string(',', 200) + "x\n"), null, 400, "列数超过 200（第 2 行）"),
        ["CSV headers differing by a trailing space"] = new(() => Csv("工单编号,工单编号 ,诉求内容\nA1,A2,x\n"), null, 400, "表头重复：工单编号"),
        ["CSV headers differing by case"] = new(() => Csv("Address,order_number,address\nx,1,y\n"), null, 400, "表头重复：Address"),
        ["CSV cell over 32,767 characters"] = new(() => Csv("a\n\"" + new string('长', 40_000) + "\"\n"), null, 400, "单元格超过 32767 个字符（第 2 行）"),
        ["CSV quote never closed"] = new(() => Csv("a,b\n1,\"open\n2,3\n"), null, 400, "第 2 行的引号没有闭合"),
        ["xlsx headers differing by space and case"] = new(() => Xlsx(SheetData(["工单编号", "Address", "工单编号 ", "address"], ["1", "2", "3", "4"])), null, 400, "表头重复：工单编号、Address"),
        ["xlsx cell of 16 million characters (1 MB)"] = new(HugeCellXlsx, null, 400, "单元格超过 32767 个字符"),
        ["xlsx cell of a billion characters (the probe's 1 MB file)"] = new(GigaCellXlsx, null, 400, "单元格超过 32767 个字符"),
        ["xlsx cell of 40,000 characters"] = new(() => Xlsx(SheetData(["a"], [new string('长', 40_000)])), null, 400, "单元格超过 32767 个字符"),
        ["xlsx text beyond column 200"] = new(() => Xlsx(SheetData(["a"], [.. Enumerable.Repeat<string?>(null, 200), "x"])), null, 400, "列数超过 200（第 2 行）"),
        ["truncated xlsx (no zip directory)"] = new(TruncatedXlsx, null, 400, "文件不完整或已损坏"),
        ["truncated sheet XML"] = new(TruncatedSheetXlsx, null, 400, "文件不完整或已损坏"),
        ["xlsx with a DTD and an external entity"] = new(DtdXlsx, null, 400, "文件含有不允许的 DTD"),
        ["shared strings with a billion-laughs DTD"] = new(BillionLaughs, null, 400, "文件含有不允许的 DTD"),
        ["zip bomb (200 MB of XML in 200 KB)"] = new(ZipBombXlsx, null, 400, "疑似压缩炸弹"),
        ["zip without a workbook"] = new(NotAWorkbook, null, 400, "找不到工作表"),
        ["shared string index out of range"] = new(() => Xlsx("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData>", "<si><t>a</t></si>"), null, 400, "文件不完整或已损坏"),
        ["rows out of order"] = new(() => Xlsx("<sheetData><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"1\"/></sheetData>"), null, 400, "文件不完整或已损坏"),
        ["nesting 100 deep"] = new(() => Xlsx(string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100))), null, 400, "层级过深"),
        ["a tag of 100,000 characters"] = new(() => Xlsx($"<sheetData><row r=\"1\" spans=\"{new string('1', 100_000)}\"/></sheetData>"), null, 400, "标记过长"),
        ["5,000 distinct element names"] = new(() => Xlsx(string.Concat(Enumerable.Range(0, 5000).Select(i => $"<n{i}/>"))), null, 400, "名称过多"),
        ["file over the size cap"] = new(() => Csv("a\n" + new string('x', 2000) + "\n"), TabularLimits.Default with { MaxFileBytes = 1024 }, 413, "文件超过"),
        ["xlsx XML over the unpacked cap"] = new(() => Xlsx(SheetData(["a"], ["1"]) + "<extLst>" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<x v=\"{i}\"/>")) + "</extLst>"),
            TabularLimits.Default with { MaxUnpackedBytes = 64 * 1024 }, 413, "文件解压后超过"),
        ["more data rows than the cap"] = new(() => Csv("a\n1\n2\n3\n4\n"), s_small, 400, "一次最多导入 3 行"),
        ["more cells than the cap"] = new(() => Csv("a,b\n1,2\n3,4\n5,6\n"), s_small, 400, "单元格总数超过 5"),
        ["more text than the cap"] = new(() => Xlsx(SheetData(["a"], [new string('x', 30)], [new string('y', 30)])), s_small, 400, "文字总量超过 40 个字符"),
    };

    public static TheoryData<string> Refused => [.. s_refused.Keys];

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_file_outside_the_caps_or_malformed_is_refused_with_its_reason(string name)
    {
        Case c = s_refused[name];
        byte[] bytes = c.File();
        var e = Assert.Throws<TabularException>(() => Read(bytes, c.Limits));
        Assert.True(e.Status == c.Status && e.Message.Contains(c.Message, StringComparison.Ordinal), $"{name}: {e.Status} {e.Message}");
    }

    public static TheoryData<string> Hostile =>
        ["xlsx cell of 16 million characters (1 MB)", "xlsx cell of a billion characters (the probe's 1 MB file)", "zip bomb (200 MB of XML in 200 KB)", "20,000-column CSV header"];

    /// <summary>Whatever the file declares, reading it allocates a bounded amount (the reader is synchronous, so the thread's count is the reader's).</summary>
    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_file_costs_little_memory(string name)
    {
        byte[] bytes = s_refused[name].File();
        var stream = new MemoryStream(bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<TabularException>(() => Tabular.Read(stream, TabularLimits.Default));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 32L * 1024 * 1024, $"{name}: {allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public void Csv_reads_quotes_line_breaks_a_bom_and_numbers_rows_as_records()
    {
        string text = "\uFEFF编码, 名称 ,类型\r\nA1,\"甲, 乙\",中队\r\n\r\nA2,\"多\n行\",\"说\"\"明\"\"\"\rA3,,,extra\n";
        IReadOnlyList<TabularRow> rows = Read(Encoding.UTF8.GetBytes(text));
        Assert.Equal([2, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("甲, 乙", rows[0].Get("名称"));
        Assert.Equal("多\n行", rows[1].Get("NAME", "名称"));
        Assert.Equal("说\"明\"", rows[1].Get("类型"));
        Assert.Equal("A3", rows[2].Get("编码"));
        Assert.Null(rows[2].Get("名称"));
    }

    [Fact]
    public void Csv_text_in_memory_reads_like_a_file()
    {
        List<TabularRow> rows = Tabular.ReadCsv("code,name\nX,名\n");
        Assert.Equal("名", Assert.Single(rows).Get("name"));
    }

    [Fact]
    public void Xlsx_from_a_real_writer_reads_strings_and_numbers()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object> { ["姓名"] = "表格甲", ["电话"] = 13700000001L, ["排序"] = 1.5 },
            new Dictionary<string, object> { ["姓名"] = "表格乙", ["电话"] = "021-1234", ["排序"] = 2 },
        }, excelType: ExcelType.XLSX);
        IReadOnlyList<TabularRow> rows = Read(stream.ToArray());
        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal(["表格甲", "13700000001", "1.5"], [rows[0].Get("姓名"), rows[0].Get("电话"), rows[0].Get("排序")]);
        Assert.Equal(["表格乙", "021-1234", "2"], [rows[1].Get("姓名"), rows[1].Get("电话"), rows[1].Get("排序")]);
    }

    [Fact]
    public void Xlsx_cells_keep_their_columns_and_rows_their_numbers()
    {
        const string sheet = """
            <sheetData>
              <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>是否</t></is></c></row>
              <row r="2"><c r="A2" t="s"><v>3</v></c><c r="C2" s="4"><v>1.50</v></c><c r="D2" t="b"><v>1</v></c><c r="Z2" s="1"/></row>
              <row r="3" spans="1:4"/>
              <row r="7"><c r="B7" t="s"><v>4</v></c><c r="C7"><f>1+1</f><v>2</v></c></row>
            </sheetData>
            """;
        const string strings = """
            <si><t>编码</t></si><si><t>名称</t></si><si><t>数量</t></si>
            <si><r><t>甲</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 乙</t></r><rPh sb="0" eb="1"><t>コウ</t></rPh></si>
            <si><t>第一行_x000D_&#10;第二行</t></si>
            """;
        IReadOnlyList<TabularRow> rows = Read(Xlsx(sheet, strings));
        Assert.Equal([2, 7], rows.Select(r => r.RowNumber));
        Assert.Equal("甲 乙", rows[0].Get("编码"));
        Assert.Null(rows[0].Get("名称"));
        Assert.Equal("1.5", rows[0].Get("数量"));
        Assert.Equal("True", rows[0].Get("是否"));
        Assert.Equal("第一行\r\n第二行", rows[1].Get("名称"));
        Assert.Equal("2", rows[1].Get("数量"));
    }

    [Fact]
    public void A_header_with_blank_columns_and_a_comment_or_cdata_in_the_xml_reads()
    {
        IReadOnlyList<TabularRow> rows = Read(Xlsx("<!-- made by hand --><sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[编码]]></t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>无表头</t></is></c><c r=\"B2\" t=\"str\"><v>X&lt;1&gt;</v></c></row></sheetData>"));
        Assert.Equal("X<1>", Assert.Single(rows).Get("编码"));
    }

    private static byte[] BillionLaughs()
    {
        string dtd = """<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>""";
        byte[] xlsx = Xlsx("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>", "<si><t>&c;</t></si>");
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            System.IO.Compression.ZipArchiveEntry old = zip.GetEntry("xl/sharedStrings.xml")!;
            string text;
            using (var reader = new StreamReader(old.Open()))
            {
                text = reader.ReadToEnd();
            }
            old.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml").Open());
            writer.Write(text.Replace("?><sst", "?>" + dtd + "<sst", StringComparison.Ordinal));
        }
        return buffer.ToArray();
    }

    private static byte[] NotAWorkbook()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
        {
            writer.Write("not a spreadsheet");
        }
        return buffer.ToArray();
    }
}

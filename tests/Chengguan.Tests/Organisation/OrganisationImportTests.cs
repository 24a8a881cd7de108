using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Chengguan.Tests.Organisation;

public abstract class OrganisationImportTests(ChengguanApp app)
{
    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        return content;
    }

    [Fact]
    public async Task Csv_import_creates_units_then_people_in_one_go()
    {
        HttpClient admin = await app.ClientFor("admin");
        string tag = Guid.NewGuid().ToString("N")[..6];
        string units = $"编码,名称,类型,上级编码,排序\nQ{tag},测试导入中队{tag},中队,JA-CGJ,9\nQ{tag}-1,\"测试, 导入科{tag}\",Section,JA-CGJ,10\n";
        ImportReport u = await (await admin.PostAsync("/api/units/import", File(Encoding.UTF8.GetBytes(units), "units.csv"))).OkJson<ImportReport>();
        Assert.Equal(2, u.Created);

        string people = $"\uFEFF姓名,执法证号,单位编码,岗位,电话\n导入甲,I{tag}01,Q{tag},执法队员,13700000001\n导入乙,,Q{tag},科员,\n";
        ImportReport p = await (await admin.PostAsync("/api/people/import", File(Encoding.UTF8.GetBytes(people), "people.csv"))).OkJson<ImportReport>();
        Assert.Equal(new ImportReport(false, 2, 2, 0), p);
        Assert.Equal("测试, 导入科" + tag, await app.WithDbAsync(db => db.Units.Where(x => x.Code == $"Q{tag}-1").Select(x => x.Name).SingleAsync()));
    }

    [Fact]
    public async Task One_bad_row_rejects_the_whole_file_with_a_report_per_row()
    {
        HttpClient admin = await app.ClientFor("admin");
        string tag = Guid.NewGuid().ToString("N")[..6];
        string people = $"姓名,执法证号,单位编码,岗位\n好人{tag},G{tag}1,JA-JDZD,执法队员\n,G{tag}2,NOPE,厨师\n好人{tag}三,G{tag}1,JA-JDZD,\n";
        var problem = await (await admin.PostAsync("/api/people/import", File(Encoding.UTF8.GetBytes(people), "people.csv"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("rows[3].name"));
        Assert.NotEmpty(problem.FieldErrors("rows[3].unitCode"));
        Assert.NotEmpty(problem.FieldErrors("rows[3].post"));
        Assert.Contains("文件中执法证号重复", problem.FieldErrors("rows[4].badgeNumber"));
        Assert.Empty(problem.FieldErrors("rows[2].name"));
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync(x => x.Name.StartsWith("好人" + tag))));
    }

    [Fact]
    public async Task Excel_import_reads_xlsx_and_dry_run_writes_nothing()
    {
        HttpClient admin = await app.ClientFor("admin");
        string tag = Guid.NewGuid().ToString("N")[..6];
        var rows = new[]
        {
            new Dictionary<string, object> { ["姓名"] = "表格甲" + tag, ["执法证号"] = $"X{tag}1", ["单位编码"] = "310106013-ZD", ["岗位"] = "执法队员" },
            new Dictionary<string, object> { ["姓名"] = "表格乙" + tag, ["执法证号"] = $"X{tag}2", ["单位编码"] = "310106013-ZD", ["岗位"] = "ZDZ" },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "人员", excelType: ExcelType.XLSX);
        byte[] xlsx = stream.ToArray();

        ImportReport dry = await (await admin.PostAsync("/api/people/import?dryRun=true", File(xlsx, "people.xlsx"))).OkJson<ImportReport>();
        Assert.Equal(new ImportReport(true, 2, 2, 0), dry);
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync(x => x.Name.EndsWith(tag))));

        ImportReport real = await (await admin.PostAsync("/api/people/import", File(xlsx, "people.xlsx"))).OkJson<ImportReport>();
        Assert.Equal(2, real.Created);
        ImportReport again = await (await admin.PostAsync("/api/people/import", File(xlsx, "people.xlsx"))).OkJson<ImportReport>();
        Assert.Equal(2, again.Updated);
        Assert.Equal(2, await app.WithDbAsync(db => db.People.CountAsync(x => x.Name.EndsWith(tag))));
    }

    [Fact]
    public async Task A_file_that_is_neither_csv_nor_xlsx_is_a_clear_error()
    {
        HttpClient admin = await app.ClientFor("admin");
        byte[] garbage = [0xFF, 0xFE, 0x00, 0x81, 0x82, 0x83];
        var problem = await (await admin.PostAsync("/api/people/import", File(garbage, "people.csv"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("file"));
        byte[] brokenZip = [(byte)'P', (byte)'K', 3, 4, 1, 2, 3];
        problem = await (await admin.PostAsync("/api/people/import", File(brokenZip, "people.xlsx"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("file"));
    }
}

public sealed class OrganisationImportTestsOnSqlite(SqliteApp app) : OrganisationImportTests(app);

public sealed class OrganisationImportTestsOnPostgres(PostgresApp app) : OrganisationImportTests(app);

using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Chengguan.Cases;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chengguan.Tests.Infrastructure.HostileFiles;

namespace Chengguan.Tests.Api;

/// <summary>
/// Sends an attacker's files to every upload endpoint, found from the endpoint table (a handler
/// taking a form file, or a raw document it declares with Accepts), so that a new import is swept
/// without being listed here: every import answers 400 or 413 with a problem document, writes
/// nothing, and leaves the process's memory where it was. The evidence stores keep any file they
/// recognise (a PNG is a photo to them), so of them the sweep asks only never to fail.
/// </summary>
public abstract class HostileUploadTests(ChengguanApp app)
{
    /// <summary>Bytes the process may keep after a hostile request (after a full collection); the probe once left 3 GB.</summary>
    private const long MaxGrowth = 200L * 1024 * 1024;

    private static readonly string[] s_known =
        ["/api/hotline/imports", "/api/units/import", "/api/people/import", "/api/categories/import", "/api/grids/import", "/api/calendars/{name}/notices"];

    /// <summary>Endpoints that store a file as evidence by its content type instead of reading it.</summary>
    private static readonly string[] s_fileStores = ["/api/cases/{id:guid}/evidence/", "/api/demolition/items/{id:guid}/evidence", "/api/communities/visits/{id:guid}/photos", "/api/rectification/items/{id:guid}/evidence",
        "/api/directives/{id:guid}/evidence", "/api/supervision/inspections/{id:guid}/photos"];

    private sealed record Upload(string Method, string Pattern, bool Multipart, string ContentType, long BodyLimit)
    {
        public bool StoresFiles => s_fileStores.Contains(Pattern);
    }

    private List<Upload> Uploads()
    {
        var uploads = new List<Upload>();
        foreach (RouteEndpoint e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string? method = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault(m => m is "POST" or "PUT" or "PATCH");
            Type[] parameters = e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Select(p => p.ParameterType).ToArray() ?? [];
            IReadOnlyList<string> accepts = e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
            bool form = parameters.Any(t => t == typeof(IFormFile) || t == typeof(IFormFileCollection) || t == typeof(IFormCollection))
                || accepts.Contains("multipart/form-data");
            // A document read whole from the body (a GeoJSON layer, holiday notices), declared with Accepts.
            bool document = !form && parameters.Contains(typeof(HttpRequest)) && accepts.Count > 0;
            if (method is null || !(form || document))
            {
                continue;
            }
            long limit = e.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? BodyLimits.Default;
            uploads.Add(new Upload(method, e.RoutePattern.RawText!, form, form ? "multipart/form-data" : accepts[0], limit));
        }
        return uploads;
    }

    private static List<(string Name, byte[] Bytes, string FileName)> Files(long oversize) =>
    [
        ("huge cell (the probe's 1 MB xlsx)", GigaCellXlsx(), "orders.xlsx"),
        ("20,000-column CSV header", WideCsv(20_000), "orders.csv"),
        ("headers differing by a trailing space", Csv("工单编号,工单编号 ,诉求内容\nA1,A2,内容\n"), "orders.csv"),
        ("headers differing by case", Csv("Address,order_number,address\n江宁路,1,江宁路\n"), "orders.csv"),
        ("xlsx headers repeated both ways", Xlsx(SheetData(["工单编号", "Address", "工单编号 ", "address"], ["1", "2", "3", "4"])), "orders.xlsx"),
        ("truncated xlsx", TruncatedXlsx(), "orders.xlsx"),
        ("truncated sheet", TruncatedSheetXlsx(), "orders.xlsx"),
        ("xlsx with a DTD (XXE)", DtdXlsx(), "orders.xlsx"),
        ("zip bomb", ZipBombXlsx(), "orders.xlsx"),
        ("PNG named .xlsx", Png(), "orders.xlsx"),
        ("old .xls", Xls(), "orders.xls"),
        ("random bytes", RandomBytes(64 * 1024), "orders.xlsx"),
        ("empty", [], "orders.csv"),
        ("header only", Csv("工单编号,诉求类型,诉求内容,地址\n"), "orders.csv"),
        ("invalid UTF-8", InvalidUtf8Csv(), "orders.csv"),
        ("JSON nested 10,000 deep", Csv(new string('[', 10_000) + new string(']', 10_000)), "layer.geojson"),
        ("JSON with null features", Csv("""{"type":"FeatureCollection","features":[null,{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1]]]}}]}"""), "layer.geojson"),
        ("over the size cap", new byte[oversize], "orders.xlsx"),
    ];

    private static HttpContent Content(Upload upload, byte[] bytes, string fileName)
    {
        if (!upload.Multipart)
        {
            return new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(upload.ContentType) } };
        }
        var file = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task Every_upload_endpoint_refuses_hostile_files_with_a_problem_without_writing_or_keeping_memory()
    {
        app.RequireAvailable();
        List<Upload> uploads = Uploads();
        Assert.NotEmpty(uploads);
        Assert.All(s_known.Concat(s_fileStores), known => Assert.Contains(uploads, u => u.Pattern == known));

        // Imports as a dedicated administrator and dispatcher (every import is allowed to it), so that anything written is the sweep's.
        string sweeper = "upload" + Guid.NewGuid().ToString("N")[..8];
        HttpClient root = await app.ClientFor("admin");
        await (await root.PostJson("/api/accounts", new { userName = sweeper, displayName = "上传扫描", password = "Sweep-password-1", roles = new[] { "admin", "dispatcher" } }))
            .OkJson<Chengguan.Identity.AccountDto>(HttpStatusCode.Created);
        HttpClient importer = await app.ClientFor(sweeper, "Sweep-password-1");
        // Evidence goes to a real case, as the supervisor who opened it.
        HttpClient supervisor = await app.ClientFor("supervisor");
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        CaseDetail evidenceCase = await (await supervisor.PostJson("/api/cases", new { channel = "Patrol", description = "上传扫描用案件", lon, lat }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);

        // Over every import's cap (the evidence stores take up to 100 MB of video; 20 MB of zeros is just no known type to them).
        var files = Files(Math.Max(20L * 1024 * 1024, uploads.Where(u => !u.StoresFiles).Max(u => u.BodyLimit) + 1024));
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long worst = 0;
        string worstAt = "";
        var failures = new List<string>();
        foreach (Upload u in uploads)
        {
            string url = u.Pattern.Replace("{id:guid}", u.Pattern.StartsWith("/api/cases/", StringComparison.Ordinal) ? evidenceCase.Case.Id.ToString() : Guid.NewGuid().ToString())
                .Replace("{name}", "cn-state-council");
            foreach ((string name, byte[] bytes, string fileName) in files)
            {
                using var request = new HttpRequestMessage(new HttpMethod(u.Method), url) { Content = Content(u, bytes, fileName) };
                HttpResponseMessage response = await (u.StoresFiles ? supervisor : importer).SendAsync(request);
                int status = (int)response.StatusCode;
                string type = response.Content.Headers.ContentType?.MediaType ?? "";
                string text = await response.Content.ReadAsStringAsync();
                bool refused = status is 400 or 413 && type == "application/problem+json" && text.Any(c => c is >= '\u4e00' and <= '\u9fff');
                bool ok = u.StoresFiles ? status < 500 && (status < 400 || type == "application/problem+json") : refused;
                if (!ok)
                {
                    failures.Add($"{u.Method} {u.Pattern} [{name}] → {status} {type}: {text[..Math.Min(300, text.Length)]}");
                }
                long growth = GC.GetTotalMemory(forceFullCollection: true) - baseline;
                if (growth > worst)
                {
                    (worst, worstAt) = (growth, $"{u.Pattern} [{name}]");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(worst < MaxGrowth, $"managed memory grew by {worst / 1024 / 1024} MB after {worstAt}");
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorName == sweeper)));
    }

    /// <summary>The refusals name what is wrong, in Chinese, on the file field; the size cap is a 413.</summary>
    [Fact]
    public async Task A_refused_import_says_why()
    {
        HttpClient admin = await app.ClientFor("admin");
        async Task<string> Refusal(byte[] bytes, string fileName, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var file = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
            var problem = await (await admin.PostAsync("/api/people/import", new MultipartFormDataContent { { file, "file", fileName } })).Problem(status);
            return string.Join("；", problem.FieldErrors("file"));
        }
        Assert.Equal("表头重复：工单编号", await Refusal(Csv("工单编号,工单编号 \n1,2\n"), "a.csv"));
        Assert.Equal("表头重复：Address", await Refusal(Csv("Address,address\n1,2\n"), "a.csv"));
        Assert.Equal("列数超过 200（第 1 行）", await Refusal(WideCsv(20_000), "a.csv"));
        Assert.Equal("单元格超过 32767 个字符", await Refusal(HugeCellXlsx(), "a.xlsx"));
        Assert.Equal("文件含有不允许的 DTD", await Refusal(DtdXlsx(), "a.xlsx"));
        Assert.Equal("文件不完整或已损坏", await Refusal(TruncatedSheetXlsx(), "a.xlsx"));
        Assert.Equal("文件中没有数据行", await Refusal(Csv("姓名,执法证号\n"), "a.csv"));
        Assert.Contains(".xls", await Refusal(Xls(), "a.xls"), StringComparison.Ordinal);
        var tooLarge = await (await admin.PostAsync("/api/people/import", new MultipartFormDataContent { { new ByteArrayContent(new byte[6 * 1024 * 1024]), "file", "a.xlsx" } }))
            .Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("请求体过大", tooLarge.GetProperty("title").GetString());
    }

    /// <summary>A null where a list of records is expected is a field error, not a 500 (it was, for special hours).</summary>
    [Fact]
    public async Task A_null_in_a_list_of_a_request_is_a_field_error()
    {
        HttpClient admin = await app.ClientFor("admin");
        string name = "null-" + Guid.NewGuid().ToString("N")[..8];
        var problem = await (await admin.PostAsync("/api/calendars", new StringContent($$"""{"name":"{{name}}","specialHours":[null]}""", Encoding.UTF8, "application/json")))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["不能为空"], problem.FieldErrors("specialHours[0]"));
        problem = await (await admin.PutAsync("/api/calendars/cn-state-council", new StringContent("""{"specialHours":[{"date":"2030-01-02","periods":""},null]}""", Encoding.UTF8, "application/json")))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["不能为空"], problem.FieldErrors("specialHours[1]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.CalendarVersions.CountAsync(c => c.Name == name)));
    }
}

public sealed class HostileUploadTestsOnSqlite(SqliteApp app) : HostileUploadTests(app);

public sealed class HostileUploadTestsOnPostgres(PostgresApp app) : HostileUploadTests(app);

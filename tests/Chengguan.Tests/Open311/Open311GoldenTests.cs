using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Open311;

/// <summary>
/// Every Open311 call in both formats against a file in Golden/, after one fixed scenario on a
/// clock that moves only when told: two reports (a url-encoded post with the key as a form field
/// and a multipart post with a photo and the key as a header), the first verified, filed and
/// dispatched (so its disposal clock gives expected_datetime), the second voided. Ids that are
/// random (tokens, update ids) are numbered in order of appearance; everything else is exact.
/// Set CHENGGUAN_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change, then read the diff.
/// </summary>
public abstract partial class Open311GoldenTests<TApp>(TApp app) where TApp : ChengguanApp, IOpen311App
{
    private const string Jiangning = "310106006";
    private const string Window = "start_date=2026-12-07T10:00:30%2B08:00&end_date=2026-12-07T11:00:00%2B08:00";

    private sealed record Scenario(string First, string Second, Guid FirstId, Open311Answer PostXml, Open311Answer PostJson);

    private static readonly ConditionalWeakTable<ChengguanApp, Task<Scenario>> s_scenarios = new();

    private Task<Scenario> ScenarioAsync()
    {
        app.RequireAvailable();
        return s_scenarios.GetValue(app, _ => RunScenarioAsync());
    }

    private async Task<Scenario> RunScenarioAsync()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        string key = await app.NewKeyAsync("golden");
        (string lat, string lon) = await app.PointInAsync(Jiangning);
        HttpClient client = app.Anonymous();
        Open311Answer postXml = await client.PostForm("/open311/v2/requests.xml",
        [
            new("api_key", key), new("jurisdiction_id", IOpen311App.Jurisdiction), new("service_code", "event-0102"),
            new("lat", lat), new("long", lon), new("attribute[condition]", "01"), new("attribute[uprn]", "100023336956"),
            new("description", "title: 人行道暴露垃圾\n\ndetail: 江宁路人行道上有一堆暴露垃圾，影响通行"),
            new("first_name", "三丰"), new("last_name", "张"), new("phone", "13812345678"), new("email", "zhang@example.com"),
            new("media_url", "https://fms.example.org/photo/1.jpeg"),
        ]);
        string first = postXml.Xml().Requests().Single()["service_request_id"];

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent("event-0101"), "service_code" },
            { new StringContent("03"), "attribute[condition]" },
            { new StringContent("江宁路 100 号 弄口"), "address_string" },
            { new StringContent("弄口占用人行道搭建临时棚亭"), "description" },
            { new StringContent("13900000000"), "phone" },
            { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo1", "photo1.jpeg" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = multipart };
        post.Headers.Add("X-Api-Key", key);
        Open311Answer postJson = await client.SendAsync(post).Answer();
        string second = postJson.Json()[0].GetProperty("service_request_id").GetString()!;

        Guid firstId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == first).Select(c => c.Id).SingleAsync());
        Guid secondId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == second).Select(c => c.Id).SingleAsync());
        Guid team = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning + "-ZD").Select(u => u.Id).SingleAsync());
        HttpClient supervisor = await app.ClientFor("supervisor");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        async Task Act(HttpClient by, Guid id, string action, object body)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            HttpResponseMessage r = await by.PostJson($"/api/cases/{id}/actions/{action}", body);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
        await Act(supervisor, firstId, "verify", new { result = "现场核实属实" });
        await Act(dispatcher, firstId, "file", new { categoryCode = "event:0102", conditionCode = "01" });
        await Act(dispatcher, firstId, "dispatch", new { unitId = team });
        await Act(dispatcher, secondId, "void", new { reason = "经核实为已审批的临时设施，联系人 13900000000" });
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        return new Scenario(first, second, firstId, postXml, postJson);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Discovery_matches_the_golden_file(string format) =>
        Matches($"discovery.{format}", await app.Anonymous().Read($"/open311/v2/discovery.{format}"));

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task The_service_list_matches_the_golden_file(string format) =>
        Matches($"services.{format}", await app.Anonymous().Read($"/open311/v2/services.{format}?jurisdiction_id={IOpen311App.Jurisdiction}"));

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_service_definition_matches_the_golden_file(string format) =>
        Matches($"service-definition.{format}", await app.Anonymous().Read($"/open311/v2/services/event-0101.{format}?jurisdiction_id={IOpen311App.Jurisdiction}"));

    [Fact]
    public async Task Both_posts_match_the_golden_files()
    {
        Scenario s = await ScenarioAsync();
        Matches("post-request.xml", s.PostXml);
        Matches("post-request.json", s.PostJson);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task The_request_list_matches_the_golden_file(string format)
    {
        Scenario s = await ScenarioAsync();
        Matches($"requests.{format}", await app.Anonymous().Read($"/open311/v2/requests.{format}?jurisdiction_id={IOpen311App.Jurisdiction}&service_request_id={s.First},{s.Second}"));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task One_request_matches_the_golden_file(string format)
    {
        Scenario s = await ScenarioAsync();
        Matches($"request.{format}", await app.Anonymous().Read($"/open311/v2/requests/{s.First}.{format}?jurisdiction_id={IOpen311App.Jurisdiction}"));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_token_matches_the_golden_file(string format)
    {
        Scenario s = await ScenarioAsync();
        Matches($"token.{format}", await app.Anonymous().Read($"/open311/v2/tokens/{s.FirstId}.{format}?jurisdiction_id={IOpen311App.Jurisdiction}"));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task The_updates_match_the_golden_file(string format)
    {
        await ScenarioAsync();
        Matches($"updates.{format}", await app.Anonymous().Read($"/open311/v2/servicerequestupdates.{format}?jurisdiction_id={IOpen311App.Jurisdiction}&{Window}"));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task An_error_matches_the_golden_file(string format) =>
        Matches($"error-404.{format}", await app.Anonymous().Read($"/open311/v2/requests/JA-2026-999999.{format}"), HttpStatusCode.NotFound);

    [Fact]
    public async Task No_answer_carries_the_reporters_name_phone_or_email_nor_staff_notes()
    {
        Scenario s = await ScenarioAsync();
        HttpClient client = app.Anonymous();
        foreach (string format in new[] { "xml", "json" })
        {
            foreach (string url in new[]
            {
                $"/open311/v2/requests.{format}?service_request_id={s.First},{s.Second}",
                $"/open311/v2/requests/{s.First}.{format}",
                $"/open311/v2/servicerequestupdates.{format}?{Window}",
            })
            {
                string body = (await client.Read(url)).Body;
                foreach (string secret in new[] { "三丰", "13812345678", "13900000000", "zhang@example.com", "联系人", "现场核实属实" })
                {
                    Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
                }
            }
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    /// <summary>Random ids become {id-1}, {id-2}… in order of first appearance.</summary>
    private static string Normalise(string body)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return GuidPattern().Replace(body, m => $"{{id-{(seen.TryGetValue(m.Value, out int n) ? n : seen[m.Value] = seen.Count + 1)}}}");
    }

    private static void Matches(string file, Open311Answer answer, HttpStatusCode status = HttpStatusCode.OK, [CallerFilePath] string source = "")
    {
        Assert.True(answer.Status == status, $"Expected {(int)status}, got {(int)answer.Status}: {answer.Body}");
        _ = file.EndsWith(".xml", StringComparison.Ordinal) ? (object)answer.Xml() : answer.Json();
        string actual = Normalise(answer.Body) + "\n";
        if (Environment.GetEnvironmentVariable("CHENGGUAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(source)!, "Golden", file), actual, new UTF8Encoding(false));
            return;
        }
        string path = Path.Combine(AppContext.BaseDirectory, "Open311", "Golden", file);
        Assert.True(File.Exists(path), $"No golden file {file}; run with CHENGGUAN_UPDATE_GOLDEN=1 to create it. Actual:\n{actual}");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}

public sealed class Open311GoldenTestsOnSqlite(SqliteOpen311App app) : Open311GoldenTests<SqliteOpen311App>(app), IClassFixture<SqliteOpen311App>;

public sealed class Open311GoldenTestsOnPostgres(PostgresOpen311App app) : Open311GoldenTests<PostgresOpen311App>(app), IClassFixture<PostgresOpen311App>;

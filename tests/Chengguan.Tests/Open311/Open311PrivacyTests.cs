using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Chengguan.Cases;
using Chengguan.Hotline;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Open311;

/// <summary>
/// Personal information posted through every channel that opens a case (the hotline platform
/// with its key, staff for each grid channel, an Open311 client with its key) never comes out of
/// an anonymous Open311 answer, in XML or JSON: not the names, numbers, e-mail, ID, plate or flat
/// of the descriptions and addresses, not the reporter's fields, not a point finer than the
/// 0.001° grid. Cases of unpublished channels are absent, answered exactly as a case that never existed.
/// </summary>
public abstract partial class Open311PrivacyTests<TApp>(TApp app) where TApp : ChengguanApp, IOpen311App
{
    private const string Jiangning = "310106006";

    // What a caller, a resident and an officer put in a report.
    private const string Mobile = "139 8765 4321";
    private const string Landline = "021-6432 1987";
    private const string HomePhone = "5432 6789";
    private const string Email = "chen.laobo@example.net";
    private const string IdNumber = "310106197503152418";
    private const string Plate = "沪AD52731";
    private const string Flat = "5号楼1203室";
    private const string ReporterName = "赵六一";
    private const string ReporterPhone = "13912340000";

    private static readonly string[] s_secrets =
    [
        "张三丰", "三丰", "陈老伯", "李强", "刘警官", ReporterName, "六一", Mobile, Landline, HomePhone, Email, "example.net", IdNumber, Plate, "AD52731", Flat, "1203",
    ];

    // The digits of every number above: no run of six or more digits of an answer may be part of one.
    private static readonly string[] s_secretDigits = ["13987654321", "02164321987", "54326789", IdNumber, ReporterPhone];

    private static readonly CaseChannel[] s_published = [CaseChannel.Open311, CaseChannel.Patrol, CaseChannel.GridInspector];

    private static string Description(string channel, double lon, double lat) =>
        $"[隐私-{channel}] 来电人张三丰先生（手机 {Mobile}，座机 {Landline}，邮箱 {Email}，身份证 {IdNumber}）反映：江宁路100弄{Flat}楼下，车牌{Plate}长期占道；"
        + $"楼下陈老伯（家里电话 {HomePhone}）也反映，执法队员李强、社区民警刘警官到场。坐标 {F6(lon)},{F6(lat)}";

    private const string Address = "静安区江宁路街道江宁路100弄" + Flat + "（张三丰家）";

    private static string F6(double degrees) => degrees.ToString("F6", CultureInfo.InvariantCulture);

    private static string F3(double degrees) => degrees.ToString("F3", CultureInfo.InvariantCulture);

    private sealed record Filed(CaseChannel Channel, Guid Id, string Number);

    private sealed record Scenario(IReadOnlyList<Filed> Cases, double Lon, double Lat, Guid Photo);

    private static readonly ConditionalWeakTable<ChengguanApp, Task<Scenario>> s_scenarios = new();

    private Task<Scenario> ScenarioAsync()
    {
        app.RequireAvailable();
        return s_scenarios.GetValue(app, _ => FileEverywhereAsync());
    }

    private async Task<Scenario> FileEverywhereAsync()
    {
        // A point inside the street, off the grid's centroid in the fifth and sixth decimals.
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith(Jiangning)).OrderBy(g => g.Code)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        (lon, lat) = (Math.Round(lon, 3) + 0.000444, Math.Round(lat, 3) + 0.000321);
        var cases = new List<Filed>();

        foreach ((string channel, CaseChannel c) in new[] { ("12345", CaseChannel.Hotline12345), ("12319", CaseChannel.Hotline12319) })
        {
            // The 12345/12319 platform is one integration; each delivery here comes with a key of its own.
            HttpClient platform = await app.HotlinePlatformAsync($"{channel} 平台（隐私）");
            HotlineOrderReceipt order = await (await platform.PostJson("/api/hotline/orders", new
            {
                channel, orderNumber = "PD" + Guid.NewGuid().ToString("N")[..12], requestType = "Complaint", categoryCode = "event:0102",
                description = Description(c.ToString(), lon, lat), address = Address, lon, lat, reporterName = ReporterName, reporterPhone = ReporterPhone,
            })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
            cases.Add(new Filed(c, order.CaseId, order.CaseNumber));
        }

        HttpClient dispatcher = await app.ClientFor("dispatcher");
        foreach (CaseChannel c in new[] { CaseChannel.Patrol, CaseChannel.GridInspector, CaseChannel.ResidentsCommittee, CaseChannel.LeadershipInstruction, CaseChannel.Media, CaseChannel.Other })
        {
            CaseDetail opened = await (await dispatcher.PostJson("/api/cases", new
            {
                channel = c.ToString(), categoryCode = "event:0102", description = Description(c.ToString(), lon, lat), address = Address, lon, lat,
                reporterName = ReporterName, reporterPhone = ReporterPhone,
            })).OkJson<CaseDetail>(HttpStatusCode.Created);
            cases.Add(new Filed(c, opened.Case.Id, opened.Case.Number));
        }

        string key = await app.NewKeyAsync("隐私测试客户端");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("event-0102"), "service_code" },
            { new StringContent("01"), "attribute[condition]" },
            { new StringContent(F6(lat)), "lat" },
            { new StringContent(F6(lon)), "long" },
            { new StringContent(Address), "address_string" },
            { new StringContent(Description("Open311", lon, lat)), "description" },
            { new StringContent("六一"), "first_name" },
            { new StringContent("赵"), "last_name" },
            { new StringContent(ReporterPhone), "phone" },
            { new StringContent(Email), "email" },
            { new ByteArrayContent(TestImages.JpegWithExif(new DateTime(2026, 12, 7, 9, 0, 0), lat, lon)) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo1", "张三丰家门口.jpeg" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = form };
        post.Headers.Add("X-Api-Key", key);
        Open311Answer posted = await app.Anonymous().SendAsync(post).Answer();
        Assert.True(posted.Status == HttpStatusCode.OK, posted.Body);
        string number = posted.Json()[0].GetProperty("service_request_id").GetString()!;
        Guid id = await app.WithDbAsync(db => db.Cases.Where(x => x.Number == number).Select(x => x.Id).SingleAsync());
        cases.Add(new Filed(CaseChannel.Open311, id, number));
        Guid photo = await app.WithDbAsync(db => db.Evidence.Where(e => e.SubjectId == id).Select(e => e.Id).SingleAsync());

        // Every channel of the model is covered, and the stored cases do hold the personal information.
        Assert.Equal(Enum.GetValues<CaseChannel>().Order(), cases.Select(c => c.Channel).Order());
        Guid[] ids = [.. cases.Select(c => c.Id)];
        List<Case> stored = await app.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.All(stored, c => Assert.Contains(Mobile, c.Description));
        Assert.All(stored, c => Assert.Equal(Address, c.Address));
        return new Scenario(cases, lon, lat, photo);
    }

    /// <summary>Every anonymous GET of the interface, in both formats, that could show these cases.</summary>
    private static IEnumerable<string> PublicUrls(Scenario s)
    {
        string all = string.Join(',', s.Cases.Select(c => c.Number));
        foreach (string f in new[] { "xml", "json" })
        {
            yield return $"/open311/v2/discovery.{f}";
            yield return $"/open311/v2/services.{f}";
            yield return $"/open311/v2/services/event-0102.{f}";
            yield return $"/open311/v2/requests.{f}";
            yield return $"/open311/v2/requests.{f}?service_code=event-0102&status=open";
            yield return $"/open311/v2/requests.{f}?service_request_id={all}";
            yield return $"/open311/v2/servicerequestupdates.{f}";
            foreach (Filed c in s.Cases)
            {
                yield return $"/open311/v2/requests/{c.Number}.{f}";
                yield return $"/open311/v2/tokens/{c.Id}.{f}";
            }
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    // A run of digits, single spaces or dashes allowed between them (138 1234 5678).
    [GeneratedRegex(@"\d(?:[ \-]?\d)*")]
    private static partial Regex DigitRun();

    [Fact]
    public async Task No_anonymous_answer_carries_personal_information_filed_through_any_channel()
    {
        Scenario s = await ScenarioAsync();
        HttpClient anonymous = app.Anonymous();
        int answers = 0;
        foreach (string url in PublicUrls(s))
        {
            Open311Answer answer = await anonymous.Read(url);
            Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {(int)answer.Status} {answer.Body}");
            // Ids and tokens are random hexadecimal, which may spell anything: they are set aside first.
            string body = GuidPattern().Replace(answer.Body, "{id}");
            foreach (string secret in s_secrets)
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{url} carries \"{secret}\":\n{answer.Body}");
            }
            foreach (Match run in DigitRun().Matches(body))
            {
                string digits = run.Value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
                Assert.False(digits.Length >= 6 && s_secretDigits.Any(d => d.Contains(digits, StringComparison.Ordinal) || digits.Contains(d, StringComparison.Ordinal)),
                    $"{url} carries the digits {run.Value} of a phone or ID number:\n{answer.Body}");
            }
            foreach (string degrees in Coordinates(answer, url))
            {
                Assert.Matches(@"^-?\d{1,3}(\.\d{1,3})?$", degrees);
            }
            Assert.DoesNotContain(s.Lat.ToString("F4", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            Assert.DoesNotContain(s.Lon.ToString("F4", CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            answers++;
        }
        Assert.Equal(2 * (7 + 2 * s.Cases.Count), answers);

        // The published photo is the public copy: no EXIF block, so no GPS position or camera.
        HttpResponseMessage photo = await anonymous.GetAsync($"/open311/v2/media/{s.Photo}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.DoesNotContain("Exif", System.Text.Encoding.ASCII.GetString(await photo.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Published_cases_read_masked_with_the_road_and_a_coarse_point(string format)
    {
        Scenario s = await ScenarioAsync();
        HttpClient anonymous = app.Anonymous();
        foreach (Filed c in s.Cases.Where(c => s_published.Contains(c.Channel)))
        {
            Dictionary<string, string> request = Fields(await anonymous.Read($"/open311/v2/requests/{c.Number}.{format}"), format).Single();
            Assert.Equal(c.Number, request["service_request_id"]);
            Assert.Equal(
                $"[隐私-{c.Channel}] 来电人某先生（手机 [电话]，座机 [电话]，邮箱 [邮箱]，身份证 [证件号]）反映：江宁路100弄[房号]楼下，车牌[车牌]长期占道；"
                + $"楼下某老伯（家里电话 [电话]）也反映，执法队员某某、社区民警某警官到场。坐标 {F3(s.Lon)},{F3(s.Lat)}",
                request["description"]);
            Assert.Equal("静安区江宁路街道江宁路", request["address"]);
            Assert.Equal(Math.Round(s.Lat, 3), double.Parse(request["lat"], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(s.Lon, 3), double.Parse(request["long"], CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.Read($"/open311/v2/tokens/{c.Id}.{format}")).Status);
        }
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Cases_of_unpublished_channels_are_absent_as_if_they_had_never_been_filed(string format)
    {
        Scenario s = await ScenarioAsync();
        HttpClient anonymous = app.Anonymous();
        Filed[] hidden = [.. s.Cases.Where(c => !s_published.Contains(c.Channel))];
        Assert.Equal(6, hidden.Length);

        string[] listed = [.. Fields(await anonymous.Read($"/open311/v2/requests.{format}?service_request_id={string.Join(',', s.Cases.Select(c => c.Number))}"), format)
            .Select(r => r["service_request_id"])];
        Assert.Equal(s.Cases.Where(c => s_published.Contains(c.Channel)).Select(c => c.Number).Order(), listed.Order());
        string[] recent = [.. Fields(await anonymous.Read($"/open311/v2/requests.{format}"), format).Select(r => r["service_request_id"])];
        string[] updated = [.. Fields(await anonymous.Read($"/open311/v2/servicerequestupdates.{format}"), format).Select(r => r["service_request_id"])];
        Assert.All(s.Cases.Where(c => s_published.Contains(c.Channel)), c => Assert.Contains(c.Number, recent));
        Assert.All(s.Cases.Where(c => s_published.Contains(c.Channel)), c => Assert.Contains(c.Number, updated));

        Open311Answer neverRequest = await anonymous.Read($"/open311/v2/requests/JA-1999-000001.{format}");
        Open311Answer neverToken = await anonymous.Read($"/open311/v2/tokens/{Guid.Empty}.{format}");
        foreach (Filed c in hidden)
        {
            Assert.DoesNotContain(c.Number, recent);
            Assert.DoesNotContain(c.Number, updated);
            Open311Answer request = await anonymous.Read($"/open311/v2/requests/{c.Number}.{format}");
            request.Errors(HttpStatusCode.NotFound, format);
            Assert.Equal(neverRequest.Body.Replace("JA-1999-000001", "{n}", StringComparison.Ordinal), request.Body.Replace(c.Number, "{n}", StringComparison.Ordinal));
            Open311Answer token = await anonymous.Read($"/open311/v2/tokens/{c.Id}.{format}");
            token.Errors(HttpStatusCode.NotFound, format);
            Assert.Equal(neverToken.Body.Replace(Guid.Empty.ToString(), "{t}", StringComparison.Ordinal), token.Body.Replace(c.Id.ToString(), "{t}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_photo_whose_metadata_cannot_be_removed_is_kept_but_not_published()
    {
        app.RequireAvailable();
        // A WebP file: the public copy of this type is the original, metadata and all.
        byte[] webp = [.. "RIFF"u8, 20, 0, 0, 0, .. "WEBPVP8 "u8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        using var form = new MultipartFormDataContent
        {
            { new StringContent("event-0102"), "service_code" },
            { new StringContent("01"), "attribute[condition]" },
            { new StringContent("江宁路 1 号"), "address_string" },
            { new StringContent("暴露垃圾（WebP 照片）"), "description" },
            { new ByteArrayContent(webp) { Headers = { ContentType = new MediaTypeHeaderValue("image/webp") } }, "photo1", "p.webp" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = form };
        post.Headers.Add("X-Api-Key", await app.NewKeyAsync("WebP 客户端"));
        HttpClient anonymous = app.Anonymous();
        Open311Answer posted = await anonymous.SendAsync(post).Answer();
        Assert.True(posted.Status == HttpStatusCode.OK, posted.Body);
        Assert.Contains("1 个文件已作为处置前材料保存", posted.Json()[0].GetProperty("service_notice").GetString(), StringComparison.Ordinal);
        string number = posted.Json()[0].GetProperty("service_request_id").GetString()!;
        Guid id = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync());
        var photo = await app.WithDbAsync(db => db.Evidence.Where(e => e.SubjectId == id).Select(e => new { e.Id, e.ContentType }).SingleAsync());
        Assert.Equal("image/webp", photo.ContentType);

        Assert.Equal(JsonValueKind.Null, (await anonymous.Read($"/open311/v2/requests/{number}.json")).Json()[0].GetProperty("media_url").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/open311/v2/media/{photo.Id}")).StatusCode);
    }

    /// <summary>The lat and long values of an answer, wherever they are.</summary>
    private static IEnumerable<string> Coordinates(Open311Answer answer, string url)
    {
        if (answer.Status != HttpStatusCode.OK)
        {
            return [];
        }
        if (url.Contains(".xml", StringComparison.Ordinal))
        {
            return answer.Xml().Descendants().Where(e => e.Name.LocalName is "lat" or "long" && e.Value.Length > 0).Select(e => e.Value).ToList();
        }
        var values = new List<string>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (p.Name is "lat" or "long" && p.Value.ValueKind == JsonValueKind.Number)
                    {
                        values.Add(p.Value.GetRawText());
                    }
                    Walk(p.Value);
                }
            }
        }
        Walk(answer.Json());
        return values;
    }

    /// <summary>The fields of each request (or update) of a list answer, by name.</summary>
    private static List<Dictionary<string, string>> Fields(Open311Answer answer, string format)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        if (format == "xml")
        {
            XDocument doc = answer.Xml();
            return [.. doc.Root!.Elements().Select(r => r.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value))];
        }
        return [.. answer.Json().EnumerateArray().Select(r => r.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind switch { JsonValueKind.String => p.Value.GetString()!, JsonValueKind.Null => "", _ => p.Value.GetRawText() }))];
    }
}

public sealed class Open311PrivacyTestsOnSqlite(SqliteOpen311App app) : Open311PrivacyTests<SqliteOpen311App>(app), IClassFixture<SqliteOpen311App>;

public sealed class Open311PrivacyTestsOnPostgres(PostgresOpen311App app) : Open311PrivacyTests<PostgresOpen311App>(app), IClassFixture<PostgresOpen311App>;

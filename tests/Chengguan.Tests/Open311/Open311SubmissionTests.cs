using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chengguan.Cases;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Open311;

/// <summary>POST requests.{fmt}: keys, form encodings, locations, attributes and what becomes of the report; tokens.</summary>
public abstract class Open311SubmissionTests<TApp>(TApp app) where TApp : ChengguanApp, IOpen311App
{
    private const string Jiangning = "310106006";

    private async Task<List<KeyValuePair<string, string>>> ReportAsync(string? key, params (string Name, string Value)[] extra)
    {
        (string lat, string lon) = await app.PointInAsync(Jiangning);
        List<KeyValuePair<string, string>> fields =
            [new("service_code", "event-0102"), new("attribute[condition]", "01"), new("lat", lat), new("long", lon), new("description", "人行道上有暴露垃圾")];
        if (key is not null)
        {
            fields.Add(new("api_key", key));
        }
        foreach ((string name, string value) in extra)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        return fields;
    }

    private Task<int> CaseCountAsync() => app.WithDbAsync(db => db.Cases.CountAsync());

    [Fact]
    public void Every_read_is_anonymous_and_the_report_alone_needs_an_integration_key()
    {
        app.RequireAvailable();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/open311/", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, endpoints.Count);
        foreach (RouteEndpoint e in endpoints)
        {
            bool post = e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("POST");
            Assert.Equal(!post, e.Metadata.GetMetadata<IAllowAnonymous>() is not null);
            Assert.Equal(post ? [Policies.Integration] : [], e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy));
        }
    }

    [Fact]
    public async Task A_urlencoded_report_with_the_key_as_a_form_field_opens_an_open311_case_on_the_grid_route()
    {
        string key = await app.NewKeyAsync("fms-form");
        Open311Answer answer = await app.Anonymous().PostForm("/open311/v2/requests.xml", await ReportAsync(key,
            ("first_name", "三丰"), ("last_name", "张"), ("phone", "(021) 6123-4567"), ("email", "zhang@example.com"), ("attribute[uprn]", "12345")));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Dictionary<string, string> request = answer.Xml().Requests().Single();
        Assert.Matches(@"^JA-2026-\d{6}$", request["service_request_id"]);
        Assert.False(request.ContainsKey("token"));
        Case c = await app.WithDbAsync(db => db.Cases.SingleAsync(x => x.Number == request["service_request_id"]));
        Assert.Equal((CaseChannel.Open311, CaseRoute.Grid, CaseState.Reported), (c.Channel, c.Route, c.State));
        Assert.Equal(("event:0102", "01", "人行道上有暴露垃圾"), (c.CategoryCode, c.ConditionCode, c.Description));
        Assert.Equal(("三丰 张", "021  6123-4567"), (c.ReporterName, c.ReporterPhone));
        Assert.StartsWith(Jiangning, c.GridCode);
        Assert.NotNull(c.UnitId);

        // A class with one filing condition (绿地脏乱) asks nothing: the attribute is optional there.
        Open311Answer single = await app.Anonymous().PostForm("/open311/v2/requests.json",
            [.. (await ReportAsync(key, ("service_code", "event-0106"))).Where(f => f.Key != "attribute[condition]")]);
        Assert.Equal(HttpStatusCode.OK, single.Status);
        string number = single.Json()[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal(("event:0106", "01"), await app.WithDbAsync(db => db.Cases.Where(x => x.Number == number).Select(x => new ValueTuple<string?, string?>(x.CategoryCode, x.ConditionCode)).SingleAsync()));
    }

    [Fact]
    public async Task Text_that_xml_cannot_carry_is_kept_on_the_case_and_dropped_from_the_answer()
    {
        string key = await app.NewKeyAsync("fms-control");
        HttpClient client = app.Anonymous();
        string id = (await client.PostForm("/open311/v2/requests.xml", await ReportAsync(key, ("description", "垃圾\u0001堆放<b>&")))).Xml().Requests().Single()["service_request_id"];
        Assert.Equal("垃圾\u0001堆放<b>&", await app.WithDbAsync(db => db.Cases.Where(c => c.Number == id).Select(c => c.Description).SingleAsync()));
        Assert.Equal("垃圾堆放<b>&", (await client.Read($"/open311/v2/requests/{id}.xml")).Xml().Requests().Single()["description"]);
        Assert.Equal("垃圾堆放<b>&", (await client.Read($"/open311/v2/requests/{id}.json")).Json()[0].GetProperty("description").GetString());

        // NUL cannot be stored (PostgreSQL refuses it): a form carrying one is unreadable, a query drops it.
        HttpClient keyed = app.Anonymous();
        keyed.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Contains("表单", (await keyed.PostForm("/open311/v2/requests.xml", await ReportAsync(null, ("description", "垃圾\0堆放")))).Errors(HttpStatusCode.BadRequest).Single());
        Assert.Equal(HttpStatusCode.OK, (await client.Read("/open311/v2/requests.xml?service_request_id=%00&service_code=%00")).Status);
    }

    [Fact]
    public async Task A_multipart_report_keeps_its_photos_as_evidence_and_names_the_files_it_could_not_read()
    {
        string key = await app.NewKeyAsync("fms-multipart");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("event-0101"), "service_code" },
            { new StringContent("01"), "attribute[condition][]" },
            { new StringContent("江宁路 200 号"), "address_string" },
            { new StringContent("正在搭建违法建筑"), "description" },
            { new ByteArrayContent(new byte[4096]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo1", "photo1.jpeg" },
            { new ByteArrayContent(Chengguan.Tests.Infrastructure.TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 0, 0), 31.23, 121.45)) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo2", "现场.jpeg" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = form };
        post.Headers.Add("X-Api-Key", key);
        Open311Answer answer = await app.Anonymous().SendAsync(post).Answer();
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var request = answer.Json()[0];
        Assert.Contains("1 个文件已作为处置前材料保存", request.GetProperty("service_notice").GetString());
        Assert.Contains("1 个文件无法识别", request.GetProperty("service_notice").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, request.GetProperty("account_id").ValueKind);
        Case c = await app.WithDbAsync(db => db.Cases.SingleAsync(x => x.Number == request.GetProperty("service_request_id").GetString()));
        Assert.Equal(("event:0101", "01", "江宁路 200 号"), (c.CategoryCode, c.ConditionCode, c.Address));
        Assert.Null(c.Lon);
        var kept = await app.WithDbAsync(db => db.Evidence.Where(e => e.SubjectId == c.Id).ToListAsync());
        Assert.Equal([("现场.jpeg", Chengguan.Evidence.EvidencePurpose.Before)], kept.Select(e => (e.FileName, e.Purpose)));

        // The reporter's photo is published back as media_url: the public copy, without its EXIF block.
        HttpClient anonymous = app.Anonymous();
        var published = (await anonymous.GetAsync($"/open311/v2/requests/{c.Number}.json").Answer()).Json()[0];
        string mediaUrl = published.GetProperty("media_url").GetString()!;
        Assert.Equal($"http://localhost/open311/v2/media/{kept[0].Id}", mediaUrl);
        HttpResponseMessage photo = await anonymous.GetAsync(new Uri(mediaUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        byte[] bytes = await photo.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        Assert.DoesNotContain("Exif", System.Text.Encoding.ASCII.GetString(bytes));

        // A photo staff add to the same report stays internal, and so does anything that is not a published photo.
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        using MultipartFormDataContent staffUpload = Chengguan.Tests.Evidence.EvidenceApiTests.Upload(
            Chengguan.Tests.Infrastructure.TestImages.JpegWithExif(new DateTime(2026, 3, 2, 10, 0, 0), 31.23, 121.45), "勘查.jpeg", "Before");
        HttpResponseMessage staffAnswer = await dispatcher.PostAsync($"/api/cases/{c.Id}/evidence", staffUpload);
        Assert.Equal(HttpStatusCode.Created, staffAnswer.StatusCode);
        Guid staffPhoto = await app.WithDbAsync(db => db.Evidence.Where(e => e.SubjectId == c.Id && e.FileName == "勘查.jpeg").Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/open311/v2/media/{staffPhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/open311/v2/media/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(mediaUrl, (await anonymous.GetAsync($"/open311/v2/requests/{c.Number}.json").Answer()).Json()[0].GetProperty("media_url").GetString());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_missing_wrong_or_revoked_key_is_403_with_an_open311_error_list_and_nothing_is_written(string format)
    {
        int before = await CaseCountAsync();
        HttpClient anonymous = app.Anonymous();
        string url = $"/open311/v2/requests.{format}";
        Assert.NotEmpty((await anonymous.PostForm(url, await ReportAsync(null))).Errors(HttpStatusCode.Forbidden, format));
        Assert.NotEmpty((await anonymous.PostForm(url, await ReportAsync("cgk_000000000000_" + new string('x', 43)))).Errors(HttpStatusCode.Forbidden, format));
        Assert.NotEmpty((await anonymous.PostForm(url, await ReportAsync("not-a-key"))).Errors(HttpStatusCode.Forbidden, format));

        HttpClient wrongHeader = app.Anonymous();
        wrongHeader.DefaultRequestHeaders.Add("X-Api-Key", "cgk_000000000000_" + new string('y', 43));
        Assert.NotEmpty((await wrongHeader.PostForm(url, await ReportAsync(null))).Errors(HttpStatusCode.Forbidden, format));

        // A staff account is no Open311 client.
        HttpClient staff = await app.ClientFor("dispatcher");
        Assert.NotEmpty((await staff.PostForm(url, await ReportAsync(null))).Errors(HttpStatusCode.Forbidden, format));

        HttpClient admin = await app.ClientFor("admin");
        var created = await (await admin.PostJson("/api/api-keys", new { name = "revoked", integration = "open311", clientId = "revoked" })).OkJson<Chengguan.Identity.CreatedApiKey>(HttpStatusCode.Created);
        Assert.True((await admin.PostJson($"/api/api-keys/{created.Key.Id}/revoke", new { })).IsSuccessStatusCode);
        Assert.NotEmpty((await anonymous.PostForm(url, await ReportAsync(created.Secret))).Errors(HttpStatusCode.Forbidden, format));
        Assert.Equal(before, await CaseCountAsync());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_report_without_a_location_or_a_required_attribute_or_with_bad_fields_is_400_and_nothing_is_written(string format)
    {
        string key = await app.NewKeyAsync("fms-bad-" + format);
        HttpClient client = app.Anonymous();
        string url = $"/open311/v2/requests.{format}";
        int before = await CaseCountAsync();
        async Task<string> Refused(List<KeyValuePair<string, string>> fields) =>
            string.Join("\n", (await client.PostForm(url, fields)).Errors(HttpStatusCode.BadRequest, format));

        List<KeyValuePair<string, string>> noLocation = [.. (await ReportAsync(key)).Where(f => f.Key is not ("lat" or "long"))];
        Assert.Contains("address_string", await Refused(noLocation));
        Assert.Contains("address_string", await Refused([.. noLocation, new("address_id", "#NOTPINPOINTED#")]));
        Assert.Contains("lat 与 long", await Refused([.. noLocation, new("lat", "31.23")]));
        Assert.Contains("WGS84", await Refused(await ReportAsync(key, ("lat", "north"))));
        Assert.Contains("long", await Refused(await ReportAsync(key, ("long", "500"))));
        Assert.Contains("attribute[condition]", await Refused([.. (await ReportAsync(key, ("service_code", "event-0101"))).Where(f => f.Key != "attribute[condition]")]));
        Assert.Contains("attribute[condition]", await Refused(await ReportAsync(key, ("attribute[condition]", "99"))));
        Assert.Contains("attribute[condition]", await Refused([.. (await ReportAsync(key, ("service_code", "event-0101"))).Where(f => f.Key != "attribute[condition]"),
            new("attribute[condition][]", "01"), new("attribute[condition][]", "02")]));
        Assert.Contains("media_url", await Refused(await ReportAsync(key, ("media_url", "javascript:alert(1)"))));
        Assert.Contains("description", await Refused(await ReportAsync(key, ("description", new string('长', 4001)))));
        Assert.Contains("phone", await Refused(await ReportAsync(key, ("phone", "call me"))));
        Assert.Contains("service_code", await Refused([.. (await ReportAsync(key)).Where(f => f.Key != "service_code")]));
        // Several problems are listed together.
        Assert.Equal(2, (await client.PostForm(url, await ReportAsync(key, ("media_url", "ftp://x"), ("phone", "call me")))).Errors(HttpStatusCode.BadRequest, format).Length);

        // A JSON body has no form fields, so a key inside it is never seen.
        Open311Answer json = await client.PostAsync(url, new StringContent($$"""{"api_key":"{{key}}","service_code":"event-0102"}""", Encoding.UTF8, "application/json")).Answer();
        Assert.NotEmpty(json.Errors(HttpStatusCode.Forbidden, format));
        Assert.Equal(before, await CaseCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_no_form_is_400_when_the_key_comes_as_a_header()
    {
        string key = await app.NewKeyAsync("fms-json");
        HttpClient client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Open311Answer answer = await client.PostAsync("/open311/v2/requests.json", new StringContent("""{"service_code":"event-0102"}""", Encoding.UTF8, "application/json")).Answer();
        Assert.Contains("表单", answer.Errors(HttpStatusCode.BadRequest, "json").Single());
        using var broken = new StringContent("--nope\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated", Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=nope");
        Assert.NotEmpty((await client.PostAsync("/open311/v2/requests.xml", broken).Answer()).Errors(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task An_unknown_service_or_jurisdiction_is_404(string format)
    {
        string key = await app.NewKeyAsync("fms-404-" + format);
        HttpClient client = app.Anonymous();
        string url = $"/open311/v2/requests.{format}";
        Assert.Contains("event-9999", (await client.PostForm(url, await ReportAsync(key, ("service_code", "event-9999")))).Errors(HttpStatusCode.NotFound, format).Single());
        Assert.Contains("elsewhere.example", (await client.PostForm(url, await ReportAsync(key, ("jurisdiction_id", "elsewhere.example")))).Errors(HttpStatusCode.NotFound, format).Single());
        Assert.Equal(HttpStatusCode.OK, (await client.PostForm(url, await ReportAsync(key, ("jurisdiction_id", IOpen311App.Jurisdiction)))).Status);
        Assert.NotEmpty((await client.Read($"/open311/v2/services/event-9999.{format}")).Errors(HttpStatusCode.NotFound, format));
        Assert.NotEmpty((await client.Read($"/open311/v2/services/nonsense.{format}")).Errors(HttpStatusCode.NotFound, format));
        Assert.NotEmpty((await client.Read($"/open311/v2/services.{format}?jurisdiction_id=elsewhere.example")).Errors(HttpStatusCode.NotFound, format));
    }

    [Fact]
    public async Task An_unknown_format_suffix_is_404_in_xml_with_or_without_a_key()
    {
        string key = await app.NewKeyAsync("fms-format");
        HttpClient client = app.Anonymous();
        foreach (string url in new[] { "/open311/v2/discovery.yaml", "/open311/v2/services.csv", "/open311/v2/services/event-0102.html", "/open311/v2/requests.txt",
            "/open311/v2/requests/JA-2026-000001.XML", "/open311/v2/tokens/x.rss", "/open311/v2/servicerequestupdates.atom" })
        {
            Assert.NotEmpty((await client.Read(url)).Errors(HttpStatusCode.NotFound));
        }
        Assert.NotEmpty((await client.PostForm("/open311/v2/requests.csv", await ReportAsync(null))).Errors(HttpStatusCode.NotFound));
        Assert.NotEmpty((await client.PostForm("/open311/v2/requests.csv", await ReportAsync(key))).Errors(HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_new_request_is_found_by_id_and_in_the_list_by_id_even_against_other_filters(string format)
    {
        string key = await app.NewKeyAsync("fms-find-" + format);
        HttpClient client = app.Anonymous();
        Open311Answer posted = await client.PostForm("/open311/v2/requests.xml", await ReportAsync(key));
        string id = posted.Xml().Requests().Single()["service_request_id"];
        Open311Answer one = await client.Read($"/open311/v2/requests/{id}.{format}");
        Open311Answer listed = await client.Read($"/open311/v2/requests.{format}?service_request_id={id}&status=closed&service_code=event-0101&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z");
        foreach (Open311Answer a in new[] { one, listed })
        {
            Assert.Equal(HttpStatusCode.OK, a.Status);
            if (format == "xml")
            {
                Dictionary<string, string> r = a.Xml().Requests().Single();
                Assert.Equal((id, "open", "event-0102", "暴露垃圾"), (r["service_request_id"], r["status"], r["service_code"], r["service_name"]));
            }
            else
            {
                var r = a.Json().EnumerateArray().Single();
                Assert.Equal((id, "open", "event-0102"), (r.GetProperty("service_request_id").GetString(), r.GetProperty("status").GetString(), r.GetProperty("service_code").GetString()));
            }
        }
        Assert.NotEmpty((await client.Read($"/open311/v2/requests/JA-1999-000001.{format}")).Errors(HttpStatusCode.NotFound, format));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_token_gives_the_service_request_id_and_an_unknown_one_is_404(string format)
    {
        string key = await app.NewKeyAsync("fms-token-" + format);
        HttpClient client = app.Anonymous();
        string id = (await client.PostForm("/open311/v2/requests.xml", await ReportAsync(key))).Xml().Requests().Single()["service_request_id"];
        Guid token = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == id).Select(c => c.Id).SingleAsync());
        Open311Answer answer = await client.Read($"/open311/v2/tokens/{token}.{format}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        if (format == "xml")
        {
            Dictionary<string, string> r = answer.Xml().Requests().Single();
            Assert.Equal((id, token.ToString()), (r["service_request_id"], r["token"]));
        }
        else
        {
            var r = answer.Json().EnumerateArray().Single();
            Assert.Equal((id, token.ToString()), (r.GetProperty("service_request_id").GetString(), r.GetProperty("token").GetString()));
        }
        Assert.NotEmpty((await client.Read($"/open311/v2/tokens/{Guid.NewGuid()}.{format}")).Errors(HttpStatusCode.NotFound, format));
        Assert.NotEmpty((await client.Read($"/open311/v2/tokens/not-a-token.{format}")).Errors(HttpStatusCode.NotFound, format));
    }
}

public sealed class Open311SubmissionTestsOnSqlite(SqliteOpen311App app) : Open311SubmissionTests<SqliteOpen311App>(app), IClassFixture<SqliteOpen311App>;

public sealed class Open311SubmissionTestsOnPostgres(PostgresOpen311App app) : Open311SubmissionTests<PostgresOpen311App>(app), IClassFixture<PostgresOpen311App>;

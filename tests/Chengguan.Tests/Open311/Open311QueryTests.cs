using System.Globalization;
using System.Net;
using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Open311;

/// <summary>
/// GET requests.{fmt} filters (ids over everything, service codes, status, the 90-day window, the
/// 1,000-row cap), expected_datetime from the clocks, and the service-request-updates extension.
/// Cases made directly in the database carry category codes of their own (event:98NN), so each
/// test sees only its rows.
/// </summary>
public abstract class Open311QueryTests<TApp>(TApp app) where TApp : ChengguanApp, IOpen311App
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static string W3c(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    /// <summary>Cases straight into the table, one per (reported at, state); returns their numbers in the order given.</summary>
    private Task<List<string>> InsertAsync(string category, params (DateTimeOffset At, CaseState State)[] rows) => app.WithDbAsync(async db =>
    {
        var numbers = new List<string>();
        foreach ((DateTimeOffset at, CaseState state) in rows)
        {
            string number = "T-" + Guid.NewGuid().ToString("N")[..20];
            db.Cases.Add(new Case
            {
                Number = number, Route = CaseRoute.Grid, Channel = CaseChannel.Patrol, State = state, CategoryCode = category,
                Description = "直接写入的测试案件", ReportedAt = at, UpdatedAt = at, Version = 1,
            });
            numbers.Add(number);
        }
        await db.SaveChangesAsync();
        return numbers;
    });

    private async Task<string[]> NumbersAsync(string query)
    {
        Open311Answer answer = await app.Anonymous().Read("/open311/v2/requests.json?" + query);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        return [.. answer.Json().EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];
    }

    [Fact]
    public async Task Without_dates_the_list_covers_the_last_90_days()
    {
        List<string> n = await InsertAsync("event:9801", (Now.AddDays(-10), CaseState.Reported), (Now.AddDays(-89), CaseState.Closed), (Now.AddDays(-91), CaseState.Reported));
        Assert.Equal([n[0], n[1]], await NumbersAsync("service_code=event-9801"));
    }

    [Fact]
    public async Task Start_and_end_dates_filter_on_the_requested_time_inclusively()
    {
        List<string> n = await InsertAsync("event:9802", (Now.AddDays(-30), CaseState.Reported), (Now.AddDays(-20), CaseState.Reported), (Now.AddDays(-10), CaseState.Reported));
        Assert.Equal([n[1]], await NumbersAsync($"service_code=event-9802&start_date={W3c(Now.AddDays(-25))}&end_date={W3c(Now.AddDays(-15))}"));
        Assert.Equal([n[2], n[1]], await NumbersAsync($"service_code=event-9802&start_date={W3c(Now.AddDays(-20))}"));
        Assert.Equal([n[1], n[0]], await NumbersAsync($"service_code=event-9802&end_date={W3c(Now.AddDays(-20))}"));
        // The same instant in another zone, and a '+' that arrived unencoded as a space.
        string utc = Now.AddDays(-20).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string shanghai = Now.AddDays(-20).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        Assert.Equal([n[1], n[0]], await NumbersAsync($"service_code=event-9802&end_date={utc}"));
        Assert.Equal([n[1], n[0]], await NumbersAsync($"service_code=event-9802&end_date={shanghai}"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_window_over_90_days_or_a_date_without_a_zone_is_400(string format)
    {
        HttpClient client = app.Anonymous();
        string Url(string query) => $"/open311/v2/requests.{format}?{query}";
        string start = W3c(Now.AddDays(-91)), end = W3c(Now);
        Assert.Contains("90", (await client.Read(Url($"start_date={start}&end_date={end}"))).Errors(HttpStatusCode.BadRequest, format).Single());
        Assert.Contains("end_date", (await client.Read(Url($"start_date={end}&end_date={W3c(Now.AddDays(-1))}"))).Errors(HttpStatusCode.BadRequest, format).Single());
        foreach (string bad in new[] { "2026-12-01T00:00:00", "2026-12-01", "yesterday", "2026-12-01T00:00:00+0800" })
        {
            Assert.Contains("start_date", (await client.Read(Url($"start_date={Uri.EscapeDataString(bad)}"))).Errors(HttpStatusCode.BadRequest, format).Single());
        }
        Assert.Equal(2, (await client.Read(Url("start_date=x&end_date=y"))).Errors(HttpStatusCode.BadRequest, format).Length);
        Assert.Contains("超出范围", (await client.Read(Url("start_date=9999-12-31T00:00:00Z"))).Errors(HttpStatusCode.BadRequest, format).Single());
        Assert.Contains("超出范围", (await client.Read(Url("end_date=0001-01-02T00:00:00Z"))).Errors(HttpStatusCode.BadRequest, format).Single());
        Assert.Equal(HttpStatusCode.OK, (await client.Read(Url($"start_date={W3c(Now.AddDays(-90))}&end_date={end}"))).Status);
        Assert.Contains("90", (await client.Read($"/open311/v2/servicerequestupdates.{format}?start_date={start}&end_date={end}")).Errors(HttpStatusCode.BadRequest, format).Single());
        Assert.Contains("end_date", (await client.Read($"/open311/v2/servicerequestupdates.{format}?end_date=2026-12-01T00:00:00")).Errors(HttpStatusCode.BadRequest, format).Single());
    }

    [Fact]
    public async Task At_most_1000_requests_are_returned_newest_first()
    {
        List<string> n = await InsertAsync("event:9803", [.. Enumerable.Range(0, 1001).Select(i => (Now.AddMinutes(-i), CaseState.Reported))]);
        string[] listed = await NumbersAsync("service_code=event-9803");
        Assert.Equal(1000, listed.Length);
        Assert.Equal(n[..1000], listed);
        Assert.DoesNotContain(n[1000], listed);
    }

    [Fact]
    public async Task Status_filters_open_and_closed_and_refuses_anything_else()
    {
        CaseState[] open = [CaseState.Reported, CaseState.Dispatched, CaseState.Suspended, CaseState.Returned];
        CaseState[] closed = [CaseState.Closed, CaseState.Evaluated, CaseState.Voided, CaseState.Withdrawn, CaseState.Merged];
        List<string> n = await InsertAsync("event:9804", [.. open.Concat(closed).Select((s, i) => (Now.AddHours(-i), s))]);
        Assert.Equal(n[..4], await NumbersAsync("service_code=event-9804&status=open"));
        Assert.Equal(n[4..], await NumbersAsync("service_code=event-9804&status=closed"));
        Assert.Equal(n, await NumbersAsync("service_code=event-9804&status=open,closed"));
        Assert.Equal(n, await NumbersAsync("service_code=event-9804&status=open&status=closed"));
        Assert.Equal(n, await NumbersAsync("service_code=event-9804&status="));
        Open311Answer all = await app.Anonymous().Read("/open311/v2/requests.json?service_code=event-9804");
        Assert.Equal([.. open.Select(_ => "open"), .. closed.Select(_ => "closed")], all.Json().EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.NotEmpty((await app.Anonymous().Read("/open311/v2/requests.xml?status=pending")).Errors(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Service_code_takes_a_comma_list_and_an_unknown_code_matches_nothing()
    {
        List<string> a = await InsertAsync("event:9805", (Now.AddHours(-1), CaseState.Reported));
        List<string> b = await InsertAsync("event:9806", (Now.AddHours(-2), CaseState.Reported));
        Assert.Equal([a[0], b[0]], await NumbersAsync("service_code=event-9805,event-9806"));
        Assert.Empty(await NumbersAsync("service_code=nonsense"));
        Open311Answer empty = await app.Anonymous().Read("/open311/v2/requests.xml?service_code=nonsense");
        Assert.Equal("service_requests", empty.Xml().Root!.Name.LocalName);
        Assert.Empty(empty.Xml().Root!.Elements());
    }

    [Fact]
    public async Task Service_request_id_overrides_dates_status_and_service_code()
    {
        List<string> n = await InsertAsync("event:9807", (Now.AddDays(-400), CaseState.Closed), (Now.AddDays(-1), CaseState.Reported));
        Assert.Equal([n[1], n[0]], await NumbersAsync($"service_request_id={n[0]},{n[1]},JA-1999-000001&status=open&service_code=event-0101&start_date={W3c(Now.AddDays(-2))}&end_date={W3c(Now)}"));
    }

    [Fact]
    public async Task Empty_parameters_behave_like_absent_ones()
    {
        await InsertAsync("event:9808", (Now.AddHours(-3), CaseState.Reported));
        string plain = (await app.Anonymous().Read("/open311/v2/requests.xml")).Body;
        Open311Answer blank = await app.Anonymous().Read("/open311/v2/requests.xml?service_request_id=&service_code=&status=&start_date=&end_date=&jurisdiction_id=");
        Assert.Equal(plain, blank.Body);
        Assert.Contains("event-9808", plain);
    }

    [Fact]
    public async Task Expected_datetime_is_the_earliest_due_of_the_running_clocks_and_absent_once_they_stop()
    {
        string key = await app.NewKeyAsync("expected");
        (string lat, string lon) = await app.PointInAsync("310106006");
        HttpClient client = app.Anonymous();
        string id = (await client.PostForm("/open311/v2/requests.xml", [new("api_key", key), new("service_code", "event-0102"), new("attribute[condition]", "01"), new("lat", lat), new("long", lon), new("description", "暴露垃圾")]))
            .Xml().Requests().Single()["service_request_id"];
        Assert.False((await client.Read($"/open311/v2/requests/{id}.xml")).Xml().Requests().Single().ContainsKey("expected_datetime"));
        Guid caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == id).Select(c => c.Id).SingleAsync());
        Guid team = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "310106006-ZD").Select(u => u.Id).SingleAsync());
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        HttpClient officer = await app.ClientFor("jnl.officer");
        foreach ((HttpClient by, string action, object body) in new (HttpClient, string, object)[]
        {
            (dispatcher, "verify", new { result = "属实" }), (dispatcher, "file", new { categoryCode = "event:0102" }), (dispatcher, "dispatch", new { unitId = team }),
        })
        {
            Assert.True((await by.PostJson($"/api/cases/{caseId}/actions/{action}", body)).IsSuccessStatusCode);
        }
        List<DateTimeOffset?> dues = await app.WithDbAsync(db => db.Clocks.Where(k => k.SubjectId == caseId && k.State == ClockState.Running).Select(k => k.DueAt).ToListAsync());
        DateTimeOffset due = dues.Min()!.Value;
        Dictionary<string, string> dispatched = (await client.Read($"/open311/v2/requests/{id}.xml")).Xml().Requests().Single();
        Assert.Equal(due.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), dispatched["expected_datetime"]);
        Assert.Equal("江宁路街道城管中队", dispatched["agency_responsible"]);
        JsonElement json = (await client.Read($"/open311/v2/requests/{id}.json")).Json()[0];
        Assert.Equal(dispatched["expected_datetime"], json.GetProperty("expected_datetime").GetString());

        Assert.True((await officer.PostJson($"/api/cases/{caseId}/actions/handle", new { result = "已清运" })).IsSuccessStatusCode);
        Assert.True((await officer.PostJson($"/api/cases/{caseId}/actions/feedBack", new { result = "已清运" })).IsSuccessStatusCode);
        Assert.False((await client.Read($"/open311/v2/requests/{id}.xml")).Xml().Requests().Single().ContainsKey("expected_datetime"));
        Assert.False((await client.Read($"/open311/v2/requests/{id}.json")).Json()[0].TryGetProperty("expected_datetime", out _));
    }

    [Fact]
    public async Task Updates_list_every_timeline_line_in_the_window_oldest_first_with_fixmystreet_statuses()
    {
        DateTimeOffset start = Now;
        string key = await app.NewKeyAsync("updates");
        HttpClient client = app.Anonymous();
        string id = (await client.PostForm("/open311/v2/requests.xml", [new("api_key", key), new("service_code", "event-0102"), new("attribute[condition]", "02"), new("address_string", "江宁路 1 号"), new("description", "暴露垃圾")]))
            .Xml().Requests().Single()["service_request_id"];
        Guid caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == id).Select(c => c.Id).SingleAsync());
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True((await dispatcher.PostJson($"/api/cases/{caseId}/actions/verify", new { result = "属实，联系人李四" })).IsSuccessStatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True((await dispatcher.PostJson($"/api/cases/{caseId}/actions/void", new { reason = "重复上报" })).IsSuccessStatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        List<Guid> eventIds = await app.WithDbAsync(db => db.CaseEvents.Where(e => e.CaseId == caseId).OrderBy(e => e.Seq).Select(e => e.Id).ToListAsync());

        foreach (string query in new[] { $"start_date={W3c(start)}&end_date={W3c(Now)}", "", $"start_date={W3c(start)}" })
        {
            Open311Answer answer = await client.Read("/open311/v2/servicerequestupdates.xml?" + query);
            Assert.Equal("service_request_updates", answer.Xml().Root!.Name.LocalName);
            var mine = answer.Xml().Root!.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == id).ToList();
            Assert.Equal(eventIds.Select(e => e.ToString()), mine.Select(u => u.Element("update_id")!.Value));
            Assert.Equal(["open", "investigating", "no_further_action"], mine.Select(u => u.Element("status")!.Value));
            Assert.Equal(["Open", "Verify", "Void"], mine.Select(u => u.Element("external_status_code")!.Value));
            Assert.Equal(["上报：已上报，待核实", "核实：已核实，待立案", "作废：经核实不予立案"], mine.Select(u => u.Element("description")!.Value));
            Assert.All(mine, u => Assert.Equal("", u.Element("media_url")!.Value));
            Assert.DoesNotContain("李四", answer.Body);
        }
        JsonElement json = (await client.Read($"/open311/v2/servicerequestupdates.json?start_date={W3c(start)}")).Json();
        string[] times = [.. json.EnumerateArray().Select(u => u.GetProperty("updated_datetime").GetString()!)];
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.All(times, t => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$", t));
        Assert.DoesNotContain((await client.Read($"/open311/v2/servicerequestupdates.json?end_date={W3c(start.AddSeconds(-1))}&start_date={W3c(start.AddDays(-1))}")).Json().EnumerateArray(),
            u => u.GetProperty("service_request_id").GetString() == id);
    }
}

public sealed class Open311QueryTestsOnSqlite(SqliteOpen311App app) : Open311QueryTests<SqliteOpen311App>(app), IClassFixture<SqliteOpen311App>;

public sealed class Open311QueryTestsOnPostgres(PostgresOpen311App app) : Open311QueryTests<PostgresOpen311App>(app), IClassFixture<PostgresOpen311App>;

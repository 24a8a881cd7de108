using System.Net;
using System.Net.Http.Headers;
using Chengguan.Cases;
using Chengguan.Open311;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Chengguan.Tests.Open311;

/// <summary>Open311:PublishChannels as configuration is read: a comma list or an array, the default, what is refused.</summary>
public sealed class Open311PublicationTests
{
    private static CaseChannel[] Parse(params (string Key, string? Value)[] settings)
    {
        IConfiguration config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return Open311Publication.Parse(config.GetSection(Open311Publication.ChannelsKey));
    }

    [Fact]
    public void Absent_means_open311_reports_and_what_grid_staff_found()
    {
        Assert.Equal([CaseChannel.Open311, CaseChannel.Patrol, CaseChannel.GridInspector], Parse());
    }

    [Fact]
    public void A_comma_list_or_an_array_names_the_channels_in_any_case_once_each()
    {
        Assert.Equal([CaseChannel.Patrol, CaseChannel.Media], Parse((Open311Publication.ChannelsKey, " patrol, Media;PATROL ")));
        Assert.Equal([CaseChannel.Open311, CaseChannel.LeadershipInstruction], Parse(
            (Open311Publication.ChannelsKey + ":0", "Open311"), (Open311Publication.ChannelsKey + ":1", "LeadershipInstruction")));
    }

    [Fact]
    public void An_empty_value_publishes_nothing()
    {
        Assert.Empty(Parse((Open311Publication.ChannelsKey, "")));
        Assert.Empty(Parse((Open311Publication.ChannelsKey, " , ")));
    }

    [Theory]
    [InlineData("Hotline12345")]
    [InlineData("Open311,hotline12319")]
    [InlineData("ResidentsCommittee")]
    public void Hotline_and_residents_committee_cases_can_never_be_published(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Parse((Open311Publication.ChannelsKey, value)));
        Assert.Contains("不得经 Open311 公开", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Patrols")]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("Patrol,Open 311")]
    public void An_unknown_channel_stops_the_start_naming_those_allowed(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Parse((Open311Publication.ChannelsKey, value)));
        Assert.Contains("未知的渠道", refused.Message, StringComparison.Ordinal);
        Assert.Contains("GridInspector", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hotline12345", refused.Message, StringComparison.Ordinal);
    }
}

/// <summary>A bureau that publishes only what its grid staff found: Open311 reports (and their photos) are not published.</summary>
public abstract class Open311UnpublishedReportTests<TApp>(TApp app) where TApp : ChengguanApp, IOpen311App
{
    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task An_unpublished_report_its_token_its_updates_and_its_photo_are_not_found_while_patrol_cases_are(string format)
    {
        (string lat, string lon) = await app.PointInAsync("310106006");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("event-0102"), "service_code" },
            { new StringContent("01"), "attribute[condition]" },
            { new StringContent(lat), "lat" },
            { new StringContent(lon), "long" },
            { new StringContent("暴露垃圾（未公开渠道）"), "description" },
            { new ByteArrayContent(TestImages.JpegWithExif(new DateTime(2026, 12, 7, 9, 0, 0), 31.23, 121.45)) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "photo1", "p.jpeg" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = form };
        post.Headers.Add("X-Api-Key", await app.NewKeyAsync("未公开渠道 " + format));
        HttpClient anonymous = app.Anonymous();
        Open311Answer posted = await anonymous.SendAsync(post).Answer();
        Assert.True(posted.Status == HttpStatusCode.OK, posted.Body);
        string number = format == "xml" ? posted.Xml().Requests().Single()["service_request_id"] : posted.Json()[0].GetProperty("service_request_id").GetString()!;
        Guid id = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync());
        Guid photo = await app.WithDbAsync(db => db.Evidence.Where(e => e.SubjectId == id).Select(e => e.Id).SingleAsync());

        HttpClient dispatcher = await app.ClientFor("dispatcher");
        CaseDetail patrol = await (await dispatcher.PostJson("/api/cases", new { channel = "Patrol", description = "巡查发现暴露垃圾", address = "江宁路 1 号" }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);

        (await anonymous.Read($"/open311/v2/requests/{number}.{format}")).Errors(HttpStatusCode.NotFound, format);
        (await anonymous.Read($"/open311/v2/tokens/{id}.{format}")).Errors(HttpStatusCode.NotFound, format);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/open311/v2/media/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Read($"/open311/v2/requests/{patrol.Case.Number}.{format}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Read($"/open311/v2/tokens/{patrol.Case.Id}.{format}")).Status);
        foreach (string list in new[] { $"requests.{format}?service_request_id={number},{patrol.Case.Number}", $"requests.{format}", $"servicerequestupdates.{format}" })
        {
            string body = (await anonymous.Read("/open311/v2/" + list)).Body;
            Assert.DoesNotContain(number, body, StringComparison.Ordinal);
            Assert.Contains(patrol.Case.Number, body, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteGridOnlyOpen311App : ChengguanApp, IOpen311App
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    public override Engine Engine => Engine.Sqlite;
    protected override TimeProvider? Time => Clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(Open311Publication.ChannelsKey, "Patrol,GridInspector");
    }
}

public sealed class PostgresGridOnlyOpen311App : ChengguanApp, IOpen311App
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    public override Engine Engine => Engine.Postgres;
    protected override TimeProvider? Time => Clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(Open311Publication.ChannelsKey, "Patrol,GridInspector");
    }
}

public sealed class Open311UnpublishedReportTestsOnSqlite(SqliteGridOnlyOpen311App app)
    : Open311UnpublishedReportTests<SqliteGridOnlyOpen311App>(app), IClassFixture<SqliteGridOnlyOpen311App>;

public sealed class Open311UnpublishedReportTestsOnPostgres(PostgresGridOnlyOpen311App app)
    : Open311UnpublishedReportTests<PostgresGridOnlyOpen311App>(app), IClassFixture<PostgresGridOnlyOpen311App>;

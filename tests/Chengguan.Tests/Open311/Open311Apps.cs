using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Chengguan.Tests.Open311;

/// <summary>
/// An application of its own whose clock stands still unless a test moves it (Monday 7 December
/// 2026, 10:00 in Shanghai), serving the jurisdiction <see cref="Jurisdiction"/>.
/// </summary>
public interface IOpen311App
{
    const string Jurisdiction = "jingan.example.gov.cn";

    FakeTimeProvider Clock { get; }
}

public sealed class SqliteOpen311App : ChengguanApp, IOpen311App
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    public override Engine Engine => Engine.Sqlite;
    protected override TimeProvider? Time => Clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The golden files number cases from JA-2026-000001: no demo visits opening cases before them.
        builder.UseSetting("Demo:Visits:Enabled", "false");
        builder.UseSetting("Open311:JurisdictionId", IOpen311App.Jurisdiction);
    }
}

public sealed class PostgresOpen311App : ChengguanApp, IOpen311App
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    public override Engine Engine => Engine.Postgres;
    protected override TimeProvider? Time => Clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The golden files number cases from JA-2026-000001: no demo visits opening cases before them.
        builder.UseSetting("Demo:Visits:Enabled", "false");
        builder.UseSetting("Open311:JurisdictionId", IOpen311App.Jurisdiction);
    }
}

/// <summary>An Open311 answer as received: status, exact content type and body.</summary>
public sealed record Open311Answer(HttpStatusCode Status, string? ContentType, string Body)
{
    public XDocument Xml()
    {
        Assert.Equal("text/xml; charset=utf-8", ContentType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Body, StringComparison.Ordinal);
        return XDocument.Parse(Body);
    }

    public JsonElement Json()
    {
        Assert.Equal("application/json; charset=utf-8", ContentType);
        return JsonDocument.Parse(Body).RootElement.Clone();
    }

    /// <summary>Asserts an Open311 error list with this status (and code) in the given format; returns the descriptions.</summary>
    public string[] Errors(HttpStatusCode expected, string format = "xml")
    {
        Assert.True(Status == expected, $"Expected {(int)expected}, got {(int)Status}: {Body}");
        if (format == "xml")
        {
            XElement root = Xml().Root!;
            Assert.Equal("errors", root.Name.LocalName);
            Assert.All(root.Elements("error"), e => Assert.Equal(((int)expected).ToString(), e.Element("code")!.Value));
            return [.. root.Elements("error").Select(e => e.Element("description")!.Value)];
        }
        JsonElement list = Json();
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.All(list.EnumerateArray(), e => Assert.Equal((int)expected, e.GetProperty("code").GetInt32()));
        return [.. list.EnumerateArray().Select(e => e.GetProperty("description").GetString()!)];
    }
}

public static class Open311Http
{
    public static async Task<Open311Answer> Answer(this Task<HttpResponseMessage> sending)
    {
        using HttpResponseMessage response = await sending;
        return new Open311Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    public static Task<Open311Answer> Read(this HttpClient client, string url) => client.GetAsync(url).Answer();

    public static Task<Open311Answer> PostForm(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields)).Answer();

    /// <summary>A key for an Open311 client, made by the administrator.</summary>
    public static Task<string> NewKeyAsync(this ChengguanApp app, string name) => app.NewApiKeyAsync(name, "open311", "fixmystreet");

    /// <summary>The centroid of the first grid of a street, formatted as FixMyStreet sends coordinates (%.6f).</summary>
    public static Task<(string Lat, string Lon)> PointInAsync(this ChengguanApp app, string street) => app.WithDbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Code.StartsWith(street)).OrderBy(x => x.Code).Select(x => new { x.CentroidLat, x.CentroidLon }).FirstAsync();
        return (g.CentroidLat.ToString("F6", System.Globalization.CultureInfo.InvariantCulture), g.CentroidLon.ToString("F6", System.Globalization.CultureInfo.InvariantCulture));
    });

    /// <summary>The fields of the request elements of a service_requests document, by element name.</summary>
    public static List<Dictionary<string, string>> Requests(this XDocument doc) =>
        [.. doc.Root!.Elements("request").Select(r => r.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value))];
}

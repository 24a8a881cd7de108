using System.Text;
using Chengguan.Clocks.Calendar;

namespace Chengguan.Tests.Clocks.Calendar;

public sealed class HolidayNoticesTests
{
    [Fact]
    public void LoadEmbedded_reads_every_year_of_the_seed()
    {
        IReadOnlyList<HolidayNoticeYear> notices = TestCalendars.Notices;

        Assert.Equal(Enumerable.Range(2016, 11), notices.Select(n => n.Year));
        Assert.All(notices, n => Assert.NotEmpty(n.Holidays));
        Assert.All(notices, n => Assert.NotEmpty(n.Workdays));
        Assert.All(notices, n => Assert.StartsWith("国务院办公厅", n.Notice));
    }

    [Fact]
    public void LoadEmbedded_keeps_provenance()
    {
        HolidayNoticeYear y2025 = TestCalendars.Notices.Single(n => n.Year == 2025);
        HolidayNoticeYear y2016 = TestCalendars.Notices.Single(n => n.Year == 2016);

        Assert.Equal("https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm", y2025.Url);
        Assert.Null(y2025.AmendedBy);
        Assert.Null(y2016.Url);
        Assert.Contains(y2025.Holidays, d => d.Date == new DateOnly(2025, 10, 6) && d.Name == "中秋");
    }

    [Fact]
    public void LoadEmbedded_2020_carries_the_spring_festival_extension()
    {
        HolidayNoticeYear y2020 = TestCalendars.Notices.Single(n => n.Year == 2020);

        Assert.NotNull(y2020.AmendedBy);
        Assert.Contains("延长2020年春节假期", y2020.AmendedBy);
        foreach (DateOnly date in new[] { new DateOnly(2020, 1, 31), new DateOnly(2020, 2, 1), new DateOnly(2020, 2, 2) })
        {
            Assert.Contains(y2020.Holidays, d => d.Date == date);
        }

        // The extension cancelled the make-up Saturday of 1 February.
        Assert.DoesNotContain(y2020.Workdays, d => d.Date == new DateOnly(2020, 2, 1));
        Assert.Contains(y2020.Workdays, d => d.Date == new DateOnly(2020, 1, 19));
    }

    [Fact]
    public void Parse_stream_and_string_agree()
    {
        const string Json = """
            {
              "years": [
                { "year": 2030, "notice": "n", "url": "https://example.org/2030",
                  "holidays": [ { "date": "2030-01-01", "name": "元旦" } ],
                  "workdays": [ { "date": "2030-01-05", "name": "元旦" } ] }
              ]
            }
            """;

        IReadOnlyList<HolidayNoticeYear> fromString = HolidayNotices.Parse(Json);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Json));
        IReadOnlyList<HolidayNoticeYear> fromStream = HolidayNotices.Parse(stream);

        HolidayNoticeYear year = Assert.Single(fromString);
        Assert.Equal(2030, year.Year);
        Assert.Equal("https://example.org/2030", year.Url);
        Assert.Equal([new HolidayNoticeDay(new DateOnly(2030, 1, 1), "元旦")], year.Holidays);
        Assert.Equal([new HolidayNoticeDay(new DateOnly(2030, 1, 5), "元旦")], year.Workdays);
        Assert.Equal(year.Holidays, Assert.Single(fromStream).Holidays);
    }

    [Fact]
    public void Parse_missing_lists_are_empty()
    {
        HolidayNoticeYear year = Assert.Single(HolidayNotices.Parse("""{ "years": [ { "year": 2031, "notice": "n" } ] }"""));

        Assert.Empty(year.Holidays);
        Assert.Empty(year.Workdays);
        Assert.Null(year.Url);
    }

    [Theory]
    [InlineData("""{ "nope": [] }""")]
    [InlineData("""{ "years": [ { "notice": "no year" } ] }""")]
    [InlineData("""{ "years": [ { "year": 2030 }, { "year": 2030 } ] }""")]
    [InlineData("""{ "years": [ { "year": 2030, "holidays": [ { "date": "2030-13-01" } ] } ] }""")]
    [InlineData("""{ "years": [ { "year": 2030, "holidays": [ { "date": "1/1/2030" } ] } ] }""")]
    [InlineData("""{ "years": [ { "year": 2030, "holidays": [ { "date": "2030-01-01" } ], "workdays": [ { "date": "2030-01-01" } ] } ] }""")]
    [InlineData("""{ "years": [ { "year": 2030, "holidays": { } } ] }""")]
    public void Parse_rejects_malformed_notices(string json)
    {
        Assert.Throws<FormatException>(() => HolidayNotices.Parse(json));
    }

    [Theory]
    [InlineData("{\"years\":[{\"year\":\"2027\"}]}")]
    [InlineData("{\"years\":[{\"year\":2027,\"notice\":7,\"holidays\":[]}]}")]
    [InlineData("{\"years\":[{\"year\":2027,\"holidays\":[{\"date\":20270101}]}]}")]
    public void Parse_values_of_the_wrong_type_are_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => HolidayNotices.Parse(json));
    }
}

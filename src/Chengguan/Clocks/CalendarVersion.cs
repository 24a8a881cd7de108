using System.Text;
using System.Text.Json;
using Chengguan.Clocks.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Clocks;

/// <summary>
/// One version of a working calendar, as data. Versions are never edited: importing a year's
/// notice writes a new version, so a clock can always say which calendar computed its due time.
/// </summary>
public sealed class CalendarVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public int Version { get; set; }
    public required string TimeZoneId { get; set; }

    /// <summary>Working periods of Monday–Friday (and make-up working days), e.g. "09:00-12:00,13:00-17:30".</summary>
    public required string WeekdayPeriods { get; set; }

    /// <summary>The notices of every published year, in the shape of cn-holidays.json.</summary>
    public required string NoticesJson { get; set; }

    /// <summary>Dated special hours, a JSON array of {date, periods, name}; applied after the notices.</summary>
    public string SpecialHoursJson { get; set; } = "[]";
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    public const string DefaultName = "cn-state-council";

    public WorkingCalendar Build()
    {
        IReadOnlyList<HolidayNoticeYear> notices = HolidayNotices.Parse(NoticesJson);
        WorkingPeriod[] periods = [.. WeekdayPeriods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WorkingPeriod.Parse)];
        WorkingCalendarBuilder builder = WorkingCalendar.CreateBuilder()
            .WithName(Name)
            .WithVersion(Version)
            .WithTimeZone(TimeZoneId)
            .WithWeekdayPeriods(periods)
            .WithMakeUpWorkdayPeriods(periods)
            .AddNotices(notices);
        foreach (SpecialHoursDto day in JsonSerializer.Deserialize<SpecialHoursDto[]>(SpecialHoursJson, JsonSerializerOptions.Web) ?? [])
        {
            builder.AddSpecialHours(DateOnly.ParseExact(day.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                day.Periods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WorkingPeriod.Parse), day.Name);
        }
        return builder.Build();
    }

    /// <summary>Writes notices back in the cn-holidays.json shape, ordered by year.</summary>
    public static string Serialize(IEnumerable<HolidayNoticeYear> years)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("years");
            foreach (HolidayNoticeYear y in years.OrderBy(y => y.Year))
            {
                w.WriteStartObject();
                w.WriteNumber("year", y.Year);
                w.WriteString("notice", y.Notice);
                w.WriteString("url", y.Url);
                if (y.AmendedBy is not null)
                {
                    w.WriteString("amendedBy", y.AmendedBy);
                }
                WriteDays(w, "holidays", y.Holidays);
                WriteDays(w, "workdays", y.Workdays);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDays(Utf8JsonWriter w, string name, IReadOnlyList<HolidayNoticeDay> days)
    {
        w.WriteStartArray(name);
        foreach (HolidayNoticeDay d in days.OrderBy(d => d.Date))
        {
            w.WriteStartObject();
            w.WriteString("date", d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("name", d.Name);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

internal sealed class CalendarVersionConfiguration : IEntityTypeConfiguration<CalendarVersion>
{
    public void Configure(EntityTypeBuilder<CalendarVersion> b)
    {
        b.ToTable("calendar_versions");
        b.Property(c => c.Name).HasMaxLength(64);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        b.Property(c => c.WeekdayPeriods).HasMaxLength(200);
        b.Property(c => c.SpecialHoursJson).HasDefaultValue("[]");
        b.Property(c => c.Source).HasMaxLength(200);
        b.Property(c => c.CreatedBy).HasMaxLength(100);
        b.HasIndex(c => new { c.Name, c.Version }).IsUnique();
    }
}

using System.Collections.Concurrent;
using Chengguan.Clocks.Calendar;
using Chengguan.Data;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Clocks;

/// <summary>
/// Built calendars by version. A version never changes once written, so a built calendar (with
/// its per-year tables) is kept for the life of the process; only "which version is current"
/// is read from the database.
/// </summary>
public sealed class CalendarStore
{
    private readonly ConcurrentDictionary<Guid, WorkingCalendar> _built = new();

    public async Task<(CalendarVersion Version, WorkingCalendar Calendar)?> GetCurrentAsync(AppDbContext db, string name, CancellationToken ct)
    {
        CalendarVersion? version = await db.CalendarVersions.AsNoTracking()
            .Where(c => c.Name == name)
            .OrderByDescending(c => c.Version)
            .FirstOrDefaultAsync(ct);
        return version is null ? null : (version, Get(version));
    }

    public WorkingCalendar Get(CalendarVersion version) => _built.GetOrAdd(version.Id, _ => version.Build());

    /// <summary>The first version, from the State Council notices the application ships with.</summary>
    public static CalendarVersion Seed(TimeProvider clock) => new()
    {
        Name = CalendarVersion.DefaultName,
        Version = 1,
        TimeZoneId = WorkingCalendar.DefaultTimeZoneId,
        WeekdayPeriods = "09:00-12:00,13:00-17:30",
        NoticesJson = CalendarVersion.Serialize(HolidayNotices.LoadEmbedded()),
        Source = "国务院办公厅节假日安排通知 2016–2026（随系统发布）",
        CreatedAt = clock.GetUtcNow(),
        CreatedBy = "system",
    };
}

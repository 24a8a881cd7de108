using System.Net;
using Chengguan.Assessment;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Personnel;

/// <summary>
/// For the tests that read other capabilities' results of people of their own (the people file, the selection): new officers of
/// the register and a published yearly assessment of this year that scores them, read back through the assessment's door.
/// </summary>
public static class PublishedYear
{
    /// <summary>A new active person in a section; with a badge number they are an officer (an assessed subject), without one not.</summary>
    public static Task<Guid> PersonAsync(ChengguanApp app, string name, bool badge) => app.WithDbAsync(async db =>
    {
        Guid unit = await db.Units.Where(u => u.Active && u.Kind == UnitKind.Section).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
        string tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var person = new Person { Name = name + tag[..4], UnitId = unit, BadgeNumber = badge ? "T" + tag : null };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });

    /// <summary>Publishes a yearly assessment of this year (Asia/Shanghai; these apps run on the system clock) and answers the people's bands from the door.</summary>
    public static async Task<(int Year, Dictionary<Guid, AssessmentBand> Bands)> PublishAsync(ChengguanApp app, IReadOnlyCollection<Guid> people)
    {
        HttpClient leader = await app.ClientFor("leader");
        int year = ShanghaiTime.Today(TimeProvider.System).Year;
        PeriodDto period = await (await leader.PostJson("/api/assessment/periods", new { kind = "Year", key = $"{year}", name = "年度考核-" + Guid.NewGuid().ToString("N")[..8] }))
            .OkJson<PeriodDto>(HttpStatusCode.Created);
        await (await leader.PostAsync($"/api/assessment/periods/{period.Id}/publish", null)).OkJson<PeriodResults>();
        return (year, await BandsAsync(app, people, year));
    }

    /// <summary>
    /// The door's answer now. Another test class may publish a newer yearly assessment of the same year at any moment (the newest
    /// counts), so a test compares what it was shown with the door's answer just before and just after.
    /// </summary>
    public static Task<Dictionary<Guid, AssessmentBand>> BandsAsync(ChengguanApp app, IReadOnlyCollection<Guid> people, int year) =>
        app.WithDbAsync(db => new AssessmentResults(db).BandsAsync(people, year, CancellationToken.None));
}

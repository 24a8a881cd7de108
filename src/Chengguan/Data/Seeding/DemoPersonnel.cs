using Chengguan.Infrastructure;
using Chengguan.Personnel;
using Chengguan.Selection;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo district's people files, the same on every demo database: a profile for every demo person (grade from the
/// post held, service and education by the person's place in the register, the enforcement certificate for badge
/// holders), the career as coming in, a promotion for those who lead, an exchange for one in seven, and three members of
/// the talent pool. One transaction of multi-row inserts.
/// </summary>
internal static class DemoPersonnel
{
    private static readonly string[] Tracks = ["中层后备", "业务骨干", "法制骨干"];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.PersonnelProfiles.AnyAsync(ct))
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        var people = (await db.People.AsNoTracking().Where(p => p.IsDemo && p.Active)
            .Select(p => new { p.Id, p.Name, p.BadgeNumber, p.UnitId, Unit = p.Unit!.Name, Post = p.Post != null ? p.Post.Name : null }).ToListAsync(ct))
            .OrderBy(p => p.BadgeNumber ?? "~", StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var profiles = new List<PersonnelProfile>();
        var career = new List<CareerEntry>();
        var pool = new List<TalentPoolEntry>();
        for (int i = 0; i < people.Count; i++)
        {
            var p = people[i];
            string post = p.Post ?? "科员";
            CadreGrade grade = post.Contains("局长", StringComparison.Ordinal) ? CadreGrade.DeputyDivision
                : post.StartsWith('副') && post.EndsWith('长') ? CadreGrade.DeputySection
                : post.EndsWith('长') ? CadreGrade.Section
                : i % 3 == 0 ? CadreGrade.Clerk : CadreGrade.Staff;
            DateOnly since = new DateOnly(today.Year - 3 - i * 7 % 24, 1 + i % 12, 1);
            profiles.Add(new PersonnelProfile
            {
                PersonId = p.Id, Grade = grade, ServiceSince = since, Education = (Education)(2 + i % 3),
                Certificates = p.BadgeNumber is null ? "" : i % 4 == 0 ? "行政执法证、法律职业资格" : "行政执法证", UpdatedAt = now, UpdatedBy = "演示数据",
            });
            bool leads = grade >= CadreGrade.DeputySection;
            DateOnly promoted = since.AddYears(Math.Max(1, (today.Year - since.Year) / 2));
            career.Add(Entry(p.Id, CareerKind.TransferIn, p.UnitId, p.Unit, leads ? "科员" : post, since, leads || i % 7 == 3 ? promoted.AddDays(-1) : null, now));
            if (i % 7 == 3 && !leads)
            {
                career.Add(Entry(p.Id, CareerKind.Exchange, null, "区市场监督管理局", "交流任职", promoted, promoted.AddYears(1).AddDays(-1), now, "干部交流一年"));
                career.Add(Entry(p.Id, CareerKind.Rotation, p.UnitId, p.Unit, post, promoted.AddYears(1), null, now, "交流期满回原单位"));
            }
            if (leads)
            {
                career.Add(Entry(p.Id, CareerKind.Promotion, p.UnitId, p.Unit, post, promoted, null, now));
            }
            if (i % 11 == 5 && pool.Count < Tracks.Length)
            {
                pool.Add(new TalentPoolEntry
                {
                    PersonId = p.Id, Track = Tracks[pool.Count], Reason = "年度考核优秀，群众满意度高", AddedOn = new DateOnly(today.Year, 1, 15),
                    RecordedAt = now, RecordedBy = "演示数据",
                });
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await new BulkWrite(db, clock).Insert(profiles).Insert(career).Insert(pool).ExecuteAsync("演示数据：人员档案与人才库", null, ct);
        await tx.CommitAsync(ct);
    }

    private static CareerEntry Entry(Guid person, CareerKind kind, Guid? unitId, string unit, string post, DateOnly from, DateOnly? until, DateTimeOffset now, string? note = null) =>
        new() { PersonId = person, Kind = kind, UnitId = unitId, UnitName = unit, Post = post, From = from, Until = until, Note = note, RecordedAt = now, RecordedBy = "演示数据" };
}

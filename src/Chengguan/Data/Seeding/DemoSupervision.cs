using System.Text.Json;
using Chengguan.Infrastructure;
using Chengguan.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

/// <summary>
/// A spot-check plan over the demo history's cases closed in the last ninety days, three files per street,
/// drawn with a fixed seed (so every demo database draws the same files from the same history) and the
/// first two files reviewed with full marks by the supervisor. Files with deductions are left to the
/// reviewer: their findings go to Rectification through its door, with a person's rights. Cheap: one
/// index scan of the closed cases and one save.
/// </summary>
internal static class DemoSupervision
{
    public const long Seed = 20261207;

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.SupervisionPlans.AnyAsync(ct))
        {
            return;
        }
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = ShanghaiTime.DateOf(now);
        if (!await db.SupervisionChecklists.AnyAsync(ct))
        {
            db.SupervisionChecklists.Add(SupervisionPlans.Row(ChecklistScoring.Default, now));
        }
        string supervisor = await db.Users.AsNoTracking().Where(u => u.UserName == "supervisor").Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "督查员";
        var plan = new SupervisionPlan
        {
            Name = "演示：近三个月办结案件评查", From = today.AddDays(-90), To = today.AddDays(-1), Cases = true, PerStreet = 3, Seed = Seed,
            ChecklistVersion = ChecklistScoring.Default.Version, CreatedAt = now, CreatedBy = supervisor,
        };
        SupervisionPopulation.Drawn drawn = await new SupervisionPopulation(db).DrawAsync(plan, await SupervisionQueries.StreetsAsync(db, ct), ct);
        (plan.Population, plan.DrawnAt) = (drawn.Population, now);
        db.SupervisionPlans.Add(plan);
        ScoreResult full = ((Outcome<ScoreResult>.Done)ChecklistScoring.Score(ChecklistScoring.Default, [])).Value;
        foreach (SupervisionFile file in drawn.Files)
        {
            file.MaxScore = full.Max;
            if (file.Seq <= 2)
            {
                (file.Score, file.ResultJson, file.ReviewedAt, file.ReviewedBy) = (full.Score, JsonSerializer.Serialize(full, SupervisionQueries.Json), now, supervisor);
            }
            db.SupervisionFiles.Add(file);
        }
        await db.SaveChangesAsync(ct);
    }
}

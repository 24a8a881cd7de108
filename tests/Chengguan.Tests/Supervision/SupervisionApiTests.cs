using System.Net;
using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Rectification;
using Chengguan.Supervision;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Supervision;

/// <summary>
/// Spot checks and on-site supervision over HTTP: a plan drawn reproducibly (same seed, same files), a file scored,
/// its findings rectified by the street team and re-checked, the scores per street with drill-down; an inspection
/// with a photo and its finding in the same loop; scope (another team's finding is 404) and bad input as field errors.
/// </summary>
public abstract class SupervisionApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    private async Task<(Guid Street, Guid Team)> StreetAsync(string code) => await app.WithDbAsync(async db =>
    {
        Guid street = await db.Units.Where(u => u.Code == code).Select(u => u.Id).FirstAsync();
        Guid team = await db.Units.Where(u => u.ParentId == street && u.Kind == UnitKind.StreetTeam).Select(u => u.Id).FirstAsync();
        return (street, team);
    });

    /// <summary>Closed cases of a street in a month nobody else uses (the 1990s), written straight to the table.</summary>
    private async Task AddClosedCasesAsync(Guid street, DateOnly from, int count) => await app.WithDbAsync(async db =>
    {
        string tag = Guid.NewGuid().ToString("N")[..8];
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset closed = ShanghaiTime.StartOf(from.AddDays(i % 28)).AddHours(10);
            db.Cases.Add(new Case
            {
                Number = $"SUP{tag}{i:D3}", Description = $"抽查样本案件 {i}", State = CaseState.Closed, StreetId = street, ReportedAt = closed.AddDays(-3),
                UpdatedAt = closed, ClosedAt = closed,
            });
        }
        await db.SaveChangesAsync();
        return 0;
    });

    private static object Plan(DateOnly from, long? seed, int perStreet = 4, string name = "2026年第四季度案卷评查") =>
        new { name, from, to = from.AddDays(27), perStreet, cases = true, seed };

    [Fact]
    public async Task A_plan_draws_reproducibly_its_files_are_scored_and_the_findings_are_rectified_and_rechecked()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor"), leader = await app.ClientFor("leader");
        HttpClient jnl = await app.ClientFor("jnl.leader"), smel = await app.ClientFor("smel.officer");
        (Guid jnlStreet, Guid jnlTeam) = await StreetAsync(Jiangning);
        (Guid smelStreet, _) = await StreetAsync(Shimen);
        var from = new DateOnly(Random.Shared.Next(1990, 2000), Random.Shared.Next(1, 13), 1);
        await AddClosedCasesAsync(jnlStreet, from, 30);
        await AddClosedCasesAsync(smelStreet, from, 3);

        long seed = Random.Shared.NextInt64(1, long.MaxValue);
        PlanDto a = await (await supervisor.PostJson("/api/supervision/plans", Plan(from, seed))).OkJson<PlanDto>(HttpStatusCode.Created);
        PlanDto b = await (await supervisor.PostJson("/api/supervision/plans", Plan(from, seed, name: "复核"))).OkJson<PlanDto>(HttpStatusCode.Created);
        PlanDto c = await (await supervisor.PostJson("/api/supervision/plans", Plan(from, null, name: "不指定种子"))).OkJson<PlanDto>(HttpStatusCode.Created);
        Assert.Equal(seed, a.Seed);
        Assert.True(c.Seed > 0);
        Assert.True(a.ChecklistVersion >= 1);

        PlanDetail drawnA = await (await supervisor.PostAsync($"/api/supervision/plans/{a.Id}/draw", null)).OkJson<PlanDetail>();
        PlanDetail drawnB = await (await supervisor.PostAsync($"/api/supervision/plans/{b.Id}/draw", null)).OkJson<PlanDetail>();
        // The same seed over the same closed files: the same files in the same order.
        Assert.Equal(drawnA.Files.Select(f => f.SubjectId), drawnB.Files.Select(f => f.SubjectId));
        Assert.Equal(33, drawnA.Plan.Population);
        Assert.Equal(4, drawnA.Files.Count(f => f.StreetId == jnlStreet));
        Assert.Equal(3, drawnA.Files.Count(f => f.StreetId == smelStreet));
        Assert.Equal(7, drawnA.Files.Count);
        Assert.Equal(Enumerable.Range(1, 7), drawnA.Files.Select(f => f.Seq));
        Assert.All(drawnA.Files, f => Assert.Equal(SupervisionPopulation.CaseFile, f.SubjectType));
        await (await supervisor.PostAsync($"/api/supervision/plans/{a.Id}/draw", null)).Problem(HttpStatusCode.Conflict);
        PlanDetail drawnC = await (await supervisor.PostAsync($"/api/supervision/plans/{c.Id}/draw", null)).OkJson<PlanDetail>();
        Assert.Equal(7, drawnC.Files.Count);

        // Street teams neither see nor run plans.
        await (await jnl.GetAsync("/api/supervision/plans")).Problem(HttpStatusCode.Forbidden);
        await (await jnl.PostJson("/api/supervision/plans", Plan(from, null))).Problem(HttpStatusCode.Forbidden);

        FileRow target = drawnA.Files.First(f => f.StreetId == jnlStreet);
        FileDetail file = await (await supervisor.GetAsync($"/api/supervision/files/{target.Id}")).OkJson<FileDetail>();
        Assert.Equal(7, file.Checklist.Items.Count);
        Assert.Null(file.Result);

        JsonElement bad = await (await supervisor.PostJson($"/api/supervision/files/{target.Id}/review", new { marks = new[] { new { item = "XX" } } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("marks[0].item"));
        Assert.NotEmpty((await (await supervisor.PostJson($"/api/supervision/files/{target.Id}/review", new { })).Problem(HttpStatusCode.BadRequest)).FieldErrors("marks"));
        Assert.NotEmpty((await (await supervisor.PostJson($"/api/supervision/files/{target.Id}/review", new { marks = Array.Empty<object>(), days = 0 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("days"));
        await (await supervisor.PostJson($"/api/supervision/files/{Guid.NewGuid()}/review", new { marks = Array.Empty<object>() })).Problem(HttpStatusCode.NotFound);

        file = await (await supervisor.PostJson($"/api/supervision/files/{target.Id}/review", new
        {
            marks = new object[] { new { item = "ZJ", deductions = new[] { "ZJ1" }, note = "缺现场照片" }, new { item = "WS", deductions = new[] { "WS1" } } },
            days = 20,
        })).OkJson<FileDetail>();
        Assert.Equal((85, 100), (file.File.Score, file.File.MaxScore));
        Assert.Equal(2, file.Findings.Count);
        Assert.All(file.Findings, f => Assert.Equal((RectificationState?)RectificationState.Drafted, f.RectificationState));
        Assert.All(file.Findings, f => Assert.Equal(ShanghaiTime.Today(TimeProvider.System).AddDays(20), f.Deadline));
        await (await supervisor.PostJson($"/api/supervision/files/{target.Id}/review", new { marks = Array.Empty<object>() })).Problem(HttpStatusCode.Conflict);

        // The street team sees its findings; another team's answers 404.
        FindingDto finding = file.Findings.Single(f => f.ItemCode == "ZJ");
        Assert.Contains(await (await jnl.GetAsync("/api/supervision/findings")).OkJson<List<FindingDto>>(), f => f.Id == finding.Id);
        Assert.DoesNotContain(await (await smel.GetAsync("/api/supervision/findings")).OkJson<List<FindingDto>>(), f => f.Id == finding.Id);
        await (await smel.GetAsync($"/api/supervision/findings/{finding.Id}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(finding.Text, (await (await jnl.GetAsync($"/api/supervision/findings/{finding.Id}")).OkJson<FindingDto>()).Text);

        // The loop on Rectification: the team's measure, proof, submission; the supervisor's re-check (failed once, then passed); closing.
        Guid item = finding.RectificationItemId!.Value;
        ItemDetail detail = await (await jnl.GetAsync($"/api/rectification/items/{item}")).OkJson<ItemDetail>();
        Assert.Equal(jnlTeam, detail.Item.OwnerUnitId);
        Assert.Contains(detail.Timeline, t => t.Note != null && t.Note.Contains(a.Name));
        await (await jnl.PostJson($"/api/rectification/items/{item}/actions/Start", new { measure = "补拍现场照片并归档" })).OkJson<ItemDetail>();
        await (await jnl.PostAsync($"/api/rectification/items/{item}/evidence",
            Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2026, 11, 2, 10, 0, 0), 31.23, 121.45), "补拍.jpg", "After"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        await (await jnl.PostJson($"/api/rectification/items/{item}/actions/Submit", new { })).OkJson<ItemDetail>();
        await (await supervisor.PostJson($"/api/rectification/items/{item}/actions/Fail", new { note = "照片不清晰" })).OkJson<ItemDetail>();
        await (await jnl.PostJson($"/api/rectification/items/{item}/actions/Submit", new { })).OkJson<ItemDetail>();
        await (await supervisor.PostJson($"/api/rectification/items/{item}/actions/Pass", new { })).OkJson<ItemDetail>();
        await (await leader.PostJson($"/api/rectification/items/{item}/actions/Close", new { })).OkJson<ItemDetail>();
        Assert.Equal(RectificationState.Closed, (await (await jnl.GetAsync($"/api/supervision/findings/{finding.Id}")).OkJson<FindingDto>()).RectificationState);

        // Scores per street and plan, with the drill-down to the street's files.
        List<StreetScore> scores = await (await supervisor.GetAsync($"/api/supervision/scores?year={from.Year}")).OkJson<List<StreetScore>>();
        StreetScore mine = Assert.Single(scores, s => s.PlanId == a.Id && s.StreetId == jnlStreet);
        Assert.Equal((4, 1, 85m, 85, 2), (mine.Files, mine.Reviewed, mine.Mean, mine.Lowest, mine.Findings));
        Assert.Equal((3, 0, (decimal?)null), Assert.Single(scores, s => s.PlanId == a.Id && s.StreetId == smelStreet) is var s2 ? (s2.Files, s2.Reviewed, s2.Mean) : default);
        PlanDetail drill = await (await supervisor.GetAsync($"/api/supervision/plans/{a.Id}?street={jnlStreet}")).OkJson<PlanDetail>();
        Assert.Equal(4, drill.Files.Count);
        Assert.Equal(85, drill.Files.Single(f => f.Id == target.Id).Score);
        await (await jnl.GetAsync("/api/supervision/scores")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_inspection_with_a_photo_sends_its_findings_to_the_street_team()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor"), jnl = await app.ClientFor("jnl.leader"), smel = await app.ClientFor("smel.officer");
        (Guid jnlStreet, Guid jnlTeam) = await StreetAsync(Jiangning);
        List<Guid> people = await app.WithDbAsync(db => db.People.Where(p => p.Active).OrderBy(p => p.Name).Select(p => p.Id).Take(2).ToListAsync());
        DateOnly today = ShanghaiTime.Today(TimeProvider.System);

        InspectionDto inspection = await (await supervisor.PostJson("/api/supervision/inspections", new
        {
            streetId = jnlStreet, on = today, place = "江宁路 " + Guid.NewGuid().ToString("N")[..6] + " 号门前", inspectorIds = people,
            summary = "跨门营业整治情况", findings = new[] { new { text = "店外堆物未清理" } },
        })).OkJson<InspectionDto>(HttpStatusCode.Created);
        Assert.Equal(jnlTeam, inspection.OwnerUnitId);
        Assert.Contains("、", inspection.Inspectors);
        FindingDto finding = Assert.Single(inspection.Findings);
        Assert.Equal(RectificationState.Drafted, finding.RectificationState);

        EvidenceDto photo = await (await supervisor.PostAsync($"/api/supervision/inspections/{inspection.Id}/photos",
            Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2026, 11, 2, 10, 0, 0), 31.23, 121.45), "现场.jpg"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await jnl.GetAsync($"/api/supervision/inspections/{inspection.Id}/photos/{photo.Id}/content")).StatusCode);
        Assert.Single((await (await jnl.GetAsync($"/api/supervision/inspections/{inspection.Id}")).OkJson<InspectionDto>()).Photos);
        await (await jnl.PostAsync($"/api/supervision/inspections/{inspection.Id}/photos",
            Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2026, 11, 2, 10, 0, 0), 31.23, 121.45), "x.jpg"))).Problem(HttpStatusCode.Forbidden);
        await (await smel.GetAsync($"/api/supervision/inspections/{inspection.Id}")).Problem(HttpStatusCode.NotFound);
        await (await smel.GetAsync($"/api/supervision/inspections/{inspection.Id}/photos/{photo.Id}/content")).Problem(HttpStatusCode.NotFound);
        Assert.Contains(await (await jnl.GetAsync("/api/supervision/inspections")).OkJson<List<InspectionDto>>(), i => i.Id == inspection.Id);
        Assert.DoesNotContain(await (await smel.GetAsync("/api/supervision/inspections")).OkJson<List<InspectionDto>>(), i => i.Id == inspection.Id);

        // The finding is a rectification item of the team's, worked in the same loop.
        await (await jnl.PostJson($"/api/rectification/items/{finding.RectificationItemId}/actions/Start", new { measure = "督促商户清理" })).OkJson<ItemDetail>();
        await (await jnl.PostJson("/api/supervision/inspections", new { streetId = jnlStreet, on = today, place = "x", inspectorIds = people })).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_answers_field_errors_and_writes_nothing()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor");
        (Guid jnlStreet, _) = await StreetAsync(Jiangning);
        int plans = await app.WithDbAsync(db => db.SupervisionPlans.CountAsync());

        JsonElement p = await (await supervisor.PostJson("/api/supervision/plans", new { name = "", from = "2026-10-31", to = "2026-10-01", perStreet = 0, cases = false, demolition = false, seed = -1 }))
            .Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "name", "perStreet", "seed" })
        {
            Assert.True(p.FieldErrors(field).Length > 0, field);
        }
        // The door's own rules, once the fields are well-formed.
        JsonElement rules = await (await supervisor.PostJson("/api/supervision/plans", new { name = "x", from = "2026-10-31", to = "2026-10-01", perStreet = 5, cases = false, demolition = false }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(rules.FieldErrors("to"));
        Assert.NotEmpty(rules.FieldErrors("cases"));
        Assert.NotEmpty((await (await supervisor.PostJson("/api/supervision/plans", new { name = "x", from = "2026-10-01", to = "2026-10-31", perStreet = 5, checklistVersion = 999 }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("checklistVersion"));
        Assert.Equal(plans, await app.WithDbAsync(db => db.SupervisionPlans.CountAsync()));
        await (await supervisor.PostAsync($"/api/supervision/plans/{Guid.NewGuid()}/draw", null)).Problem(HttpStatusCode.NotFound);

        int inspections = await app.WithDbAsync(db => db.SupervisionInspections.CountAsync());
        JsonElement i = await (await supervisor.PostJson("/api/supervision/inspections", new
        {
            streetId = jnlStreet, on = ShanghaiTime.Today(TimeProvider.System).AddDays(3), place = "", inspectorIds = new[] { Guid.NewGuid() },
            findings = new[] { new { text = "" } },
        })).Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "place", "findings[0].text" })
        {
            Assert.True(i.FieldErrors(field).Length > 0, field);
        }
        JsonElement later = await (await supervisor.PostJson("/api/supervision/inspections", new
        {
            streetId = jnlStreet, on = ShanghaiTime.Today(TimeProvider.System).AddDays(3), place = "某处", inspectorIds = new[] { Guid.NewGuid() },
            findings = new[] { new { text = "门前堆物" } },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(later.FieldErrors("on"));
        JsonElement unknown = await (await supervisor.PostJson("/api/supervision/inspections", new
        {
            streetId = Guid.NewGuid(), on = "2026-11-01", place = "某处", inspectorIds = new[] { Guid.NewGuid() },
        })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknown.FieldErrors("streetId"));
        Assert.NotEmpty(unknown.FieldErrors("inspectorIds[0]"));
        Assert.Equal(inspections, await app.WithDbAsync(db => db.SupervisionInspections.CountAsync()));

        Assert.NotEmpty((await (await (await app.ClientFor("chief")).PostJson("/api/supervision/checklists", new { name = "v", items = new[] { new { code = "A", name = "甲", points = 0, deductions = Array.Empty<object>() } } }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("items[0].points"));
        await (await supervisor.PostJson("/api/supervision/checklists", new { name = "v", items = new[] { new { code = "A", name = "甲", points = 10, deductions = Array.Empty<object>() } } }))
            .Problem(HttpStatusCode.Forbidden);
        List<ChecklistDefinition> lists = await (await supervisor.GetAsync("/api/supervision/checklists")).OkJson<List<ChecklistDefinition>>();
        Assert.Equal("主体合法", lists[0].Items[0].Name);
    }
}

public sealed class SupervisionApiTestsOnSqlite(SqliteApp app) : SupervisionApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SupervisionApiTestsOnPostgres(PostgresApp app) : SupervisionApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;

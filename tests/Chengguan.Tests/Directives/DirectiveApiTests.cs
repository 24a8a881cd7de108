using System.Net;
using System.Text.Json;
using Chengguan.Directives;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Notifications;
using Chengguan.Organisation;
using Chengguan.Tests.Demolition;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Chengguan.Tests.Directives;

/// <summary>
/// Directive tracking (督办) over HTTP on a clock the tests move (the demolition tests' application):
/// registered, accepted, reported on, returned once, closed out with evidence; an extension moving the
/// deadline clock; overdue escalation to the owner unit, then the leader, each once; the monthly report.
/// </summary>
public abstract class DirectiveApiTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006";

    private Task<Guid> TeamAsync(string street) => app.WithDbAsync(db => db.Units
        .Where(u => u.Kind == UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == street)).Select(u => u.Id).FirstAsync());

    private Task<Guid> UnitAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).FirstAsync());

    private Task<Guid> PersonOfAsync(string login) => app.WithDbAsync(db => db.Users.Where(u => u.UserName == login).Select(u => u.PersonId!.Value).FirstAsync());

    private static async Task<Guid> SourceAsync(HttpClient who, string code) =>
        (await (await who.GetAsync("/api/directives/sources")).OkJson<List<SourceDto>>()).Single(s => s.Code == code).Id;

    private DateOnly Today => ShanghaiTime.Today(app.Clock);

    private static Task<HttpResponseMessage> Act(HttpClient who, Guid id, string action, object? body = null) =>
        who.PostJson($"/api/directives/{id}/actions/{action}", body ?? new { });

    private void Days(double days) => app.Clock.Advance(TimeSpan.FromDays(days));

    private async Task<DirectiveDetail> NewAsync(HttpClient who, object body) =>
        await (await who.PostJson("/api/directives", body)).OkJson<DirectiveDetail>(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> Upload(HttpClient who, Guid id) =>
        who.PostAsync($"/api/directives/{id}/evidence",
            Chengguan.Tests.Evidence.EvidenceApiTests.Upload(TestImages.JpegWithExif(new DateTime(2031, 5, 2, 10, 0, 0), 31.23, 121.45), "办结材料.jpg", "After"));

    [Fact]
    public async Task A_directive_is_registered_accepted_reported_returned_once_closed_out_and_on_the_boards_and_the_months_report()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), supervisor = await app.ClientFor("supervisor");
        HttpClient jnl = await app.ClientFor("jnl.leader"), smel = await app.ClientFor("smel.officer");
        Guid team = await TeamAsync(Jiangning), legal = await UnitAsync("JA-FZK"), director = await PersonOfAsync("leader");
        Guid committee = await SourceAsync(leader, DirectiveSources.DistrictCommittee);
        string text = $"完善综合执法监督办法 {Guid.NewGuid():N}";

        // Bad input: every field is named, nothing is written.
        JsonElement bad = await (await leader.PostJson("/api/directives", new { text = "", deadline = Today.AddDays(-1) })).Problem(HttpStatusCode.BadRequest);
        foreach (string field in new[] { "sourceId", "text", "ownerUnitId", "leaderPersonId" })
        {
            Assert.NotEmpty(bad.FieldErrors(field));
        }
        Assert.NotEmpty((await (await leader.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = director,
            deadline = Today })).Problem(HttpStatusCode.BadRequest)).FieldErrors("deadline"));
        Assert.NotEmpty((await (await leader.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = director }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("deadline"));
        Assert.NotEmpty((await (await leader.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = director,
            deadline = Today.AddDays(10), workingDays = 5 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("workingDays"));
        Assert.NotEmpty((await (await leader.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = director,
            deadline = Today.AddDays(10), milestones = new[] { new { title = "初稿", due = Today.AddDays(11) } } })).Problem(HttpStatusCode.BadRequest)).FieldErrors("milestones[0].due"));
        Assert.NotEmpty((await (await leader.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = Guid.NewGuid(),
            deadline = Today.AddDays(10), coOwnerUnitIds = new[] { team } })).Problem(HttpStatusCode.BadRequest)).FieldErrors("coOwnerUnitIds"));
        Assert.NotEmpty((await (await leader.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = director, asap = true, workingDays = 3 }))
            .Problem(HttpStatusCode.BadRequest)).FieldErrors("deadline"));
        await (await jnl.PostJson("/api/directives", new { sourceId = committee, text, ownerUnitId = team, leaderPersonId = director, deadline = Today.AddDays(10) }))
            .Problem(HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.Directives.AnyAsync(d => d.Text == text)));

        DirectiveDetail d = await NewAsync(supervisor, new
        {
            sourceId = committee, reference = "区委督查通知单", text, ownerUnitId = team, coOwnerUnitIds = new[] { legal }, leaderPersonId = director,
            deadline = Today.AddDays(30), milestones = new[] { new { title = "形成征求意见稿", due = Today.AddDays(10) } },
        });
        Guid id = d.Directive.Id;
        Assert.Equal((DirectiveState.Issued, Today.AddDays(30), DeadlineKind.NaturalDays, "区委"), (d.Directive.State, d.Directive.Deadline, d.Directive.DeadlineKind, d.Directive.Source));
        Assert.Equal(ShanghaiTime.StartOf(Today.AddDays(31)), d.Directive.DueAt);
        Assert.Equal("法制科", Assert.Single(d.Directive.CoOwners).Name);
        Assert.Equal(1, await app.WithDbAsync(db => db.Clocks.CountAsync(c => c.SubjectType == DirectiveProcedure.SubjectType && c.SubjectId == id)));

        // Scope: another street's people do not know it exists.
        await (await smel.GetAsync($"/api/directives/{id}")).Problem(HttpStatusCode.NotFound);
        await (await Act(smel, id, "Accept")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await (await smel.GetAsync("/api/directives")).OkJson<List<DirectiveRow>>(), r => r.Id == id);

        d = await (await Act(jnl, id, "Accept")).OkJson<DirectiveDetail>();
        Assert.Equal(DirectiveState.InProgress, d.Directive.State);
        Assert.NotEmpty((await (await jnl.PostJson($"/api/directives/{id}/reports", new { text = "x", percent = 120 })).Problem(HttpStatusCode.BadRequest)).FieldErrors("percent"));
        d = await (await jnl.PostJson($"/api/directives/{id}/reports", new { text = "已形成初稿，正在征求街镇意见", percent = 40 })).OkJson<DirectiveDetail>();
        Assert.Equal(40, d.Directive.Percent);
        d = await (await jnl.PostAsync($"/api/directives/{id}/milestones/{Assert.Single(d.Milestones).Id}/done", null)).OkJson<DirectiveDetail>();
        Assert.Equal(Today, d.Milestones[0].DoneOn);

        Assert.NotEmpty((await (await Act(jnl, id, "RequestClose")).Problem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        Assert.NotEmpty((await (await Act(jnl, id, "RequestClose", new { note = "办法已印发" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("evidence"));
        EvidenceDto file = await (await Upload(jnl, id)).OkJson<EvidenceDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await jnl.GetAsync($"/api/directives/{id}/evidence/{file.Id}/content")).StatusCode);
        d = await (await Act(jnl, id, "RequestClose", new { note = "办法已印发" })).OkJson<DirectiveDetail>();
        Assert.Equal(DirectiveState.CloseRequested, d.Directive.State);

        await (await Act(jnl, id, "Close")).Problem(HttpStatusCode.Forbidden);
        Assert.NotEmpty((await (await Act(supervisor, id, "Return")).Problem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        d = await (await Act(supervisor, id, "Return", new { note = "须附印发文件" })).OkJson<DirectiveDetail>();
        Assert.Equal(DirectiveState.InProgress, d.Directive.State);
        JsonElement early = await (await Act(leader, id, "Close")).Problem(HttpStatusCode.Conflict);
        Assert.Equal("InProgress", early.GetProperty("state").GetString());
        await (await Act(jnl, id, "RequestClose", new { note = "已补印发文件" })).OkJson<DirectiveDetail>();
        d = await (await Act(leader, id, "Close", new { note = "同意销号" })).OkJson<DirectiveDetail>();
        Assert.Equal((DirectiveState.Closed, 100, DirectiveLight.Green), (d.Directive.State, d.Directive.Percent, d.Directive.Light));
        Assert.False(string.IsNullOrEmpty(d.ApprovedBy));
        Assert.Equal(["Issue", "Accept", "Report", "Milestone", "Evidence", "RequestClose", "Return", "RequestClose", "Close"], d.Timeline.Select(t => t.Action));
        Assert.All(d.Timeline, t => Assert.False(string.IsNullOrEmpty(t.ActorName)));
        // People's names, never their logins.
        Assert.DoesNotContain(d.Timeline, t => t.ActorName is "jnl.leader" or "leader" or "supervisor");
        Assert.DoesNotContain(d.Reports, r => r.ByName == "jnl.leader");
        Assert.DoesNotContain(d.Evidence, e => e.UploadedBy == "jnl.leader");
        Assert.Equal(Chengguan.Clocks.ClockState.Met, await app.WithDbAsync(db => db.Clocks.Where(c => c.SubjectId == id).Select(c => c.State).FirstAsync()));

        // Boards: under the leader in charge, under the owner and the co-owner; filters by source and light.
        List<BoardGroup> byLeader = await (await leader.GetAsync($"/api/directives/board?by=leader&source={committee}")).OkJson<List<BoardGroup>>();
        Assert.Contains(byLeader.Single(g => g.Id == director).Directives, r => r.Id == id);
        List<BoardGroup> byUnit = await (await leader.GetAsync("/api/directives/board?by=unit&light=Green")).OkJson<List<BoardGroup>>();
        Assert.Contains(byUnit.Single(g => g.Id == team).Directives, r => r.Id == id);
        Assert.Contains(byUnit.Single(g => g.Id == legal).Directives, r => r.Id == id);
        Assert.DoesNotContain(await (await leader.GetAsync("/api/directives?light=Red")).OkJson<List<DirectiveRow>>(), r => r.Id == id);
        Assert.NotEmpty((await (await leader.GetAsync("/api/directives/board?by=street")).Problem(HttpStatusCode.BadRequest)).FieldErrors("by"));
        Assert.Contains(await (await jnl.GetAsync($"/api/directives?unit={team}")).OkJson<List<DirectiveRow>>(), r => r.Id == id);

        // The month's report for the supervision office.
        string month = Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        byte[] xlsx = await (await leader.GetAsync($"/api/directives/reports/{month}/xlsx")).Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(xlsx))
        {
            Assert.Equal([DirectiveExport.DirectivesSheet, DirectiveExport.ReportsSheet], MiniExcel.GetSheetNames(stream));
            stream.Position = 0;
            List<IDictionary<string, object?>> rows = [.. MiniExcel.Query(stream, useHeaderRow: true, sheetName: DirectiveExport.DirectivesSheet).Cast<IDictionary<string, object?>>()];
            IDictionary<string, object?> row = Assert.Single(rows, r => (string?)r["督办内容"] == text);
            Assert.Equal(("区委", "已销号", "是"), ((string?)row["来源"], (string?)row["状态"], (string?)row["是否销号"]));
            Assert.Contains("已形成初稿", (string?)row["本月进展"]);
        }
        byte[] pdf = await (await leader.GetAsync($"/api/directives/reports/{month}/pdf")).Content.ReadAsByteArrayAsync();
        Assert.True(PdfText.Pages(pdf) >= 1);
        PdfText.AssertFontsEmbedded(pdf);
        Assert.Contains("督办事项办理情况", PdfText.Text(pdf));
        Assert.NotEmpty((await (await leader.GetAsync("/api/directives/reports/2026-13/xlsx")).Problem(HttpStatusCode.BadRequest)).FieldErrors("month"));
    }

    [Fact]
    public async Task An_extension_in_working_days_is_asked_refused_asked_again_and_approved_moving_the_deadline_clock()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), chief = await app.ClientFor("chief"), jnl = await app.ClientFor("jnl.leader");
        Guid team = await TeamAsync(Jiangning), director = await PersonOfAsync("leader");
        DirectiveDetail d = await NewAsync(chief, new
        {
            sourceId = await SourceAsync(chief, DirectiveSources.BureauLeaders), text = $"中小河道拆违 {Guid.NewGuid():N}", ownerUnitId = team, leaderPersonId = director, workingDays = 5,
        });
        Guid id = d.Directive.Id;
        Assert.Equal(DeadlineKind.WorkingDays, d.Directive.DeadlineKind);
        DateTimeOffset firstDue = d.Directive.DueAt;
        Assert.True(d.Directive.Deadline >= Today.AddDays(5));

        await Act(jnl, id, "Accept");
        Assert.NotEmpty((await (await Act(jnl, id, "RequestExtension", new { note = "涉及多个部门" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("days"));
        Assert.NotEmpty((await (await Act(jnl, id, "RequestExtension", new { days = 0, note = "x" })).Problem(HttpStatusCode.BadRequest)).FieldErrors("days"));
        d = await (await Act(jnl, id, "RequestExtension", new { days = 3, note = "涉及多个部门" })).OkJson<DirectiveDetail>();
        Assert.Equal((DirectiveState.ExtensionRequested, 3), (d.Directive.State, d.Directive.PendingDays));
        Assert.NotEmpty((await (await Act(leader, id, "RejectExtension")).Problem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        d = await (await Act(leader, id, "RejectExtension", new { note = "请加快推进" })).OkJson<DirectiveDetail>();
        Assert.Equal((DirectiveState.InProgress, (int?)null, firstDue), (d.Directive.State, d.Directive.PendingDays, d.Directive.DueAt));

        await Act(jnl, id, "RequestExtension", new { days = 3, note = "需等待区建管委意见" });
        await (await Act(jnl, id, "ApproveExtension")).Problem(HttpStatusCode.Forbidden);
        d = await (await Act(leader, id, "ApproveExtension", new { note = "同意" })).OkJson<DirectiveDetail>();
        Assert.Equal((DirectiveState.InProgress, 1), (d.Directive.State, d.Directive.Extensions));
        Assert.True(d.Directive.DueAt > firstDue.AddDays(2));
        var clock = await app.WithDbAsync(db => db.Clocks.Include(c => c.Ledger).Where(c => c.SubjectId == id).FirstAsync());
        Assert.Equal(d.Directive.DueAt, clock.DueAt);
        Assert.Contains(clock.Ledger, l => l.Type == Chengguan.Clocks.LedgerType.Extend && l.Amount == 3);
        Assert.Contains(d.Timeline, t => t.Action == "ApproveExtension");
    }

    [Fact]
    public async Task An_overdue_directive_warns_the_owner_unit_then_later_the_leader_in_charge_each_once()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader"), jnl = await app.ClientFor("jnl.leader");
        Guid team = await TeamAsync(Jiangning), director = await PersonOfAsync("leader");
        DirectiveDetail d = await NewAsync(leader, new
        {
            sourceId = await SourceAsync(leader, DirectiveSources.DistrictGovernment), text = $"水环境综合整治计划 {Guid.NewGuid():N}", ownerUnitId = team,
            leaderPersonId = director, deadline = Today.AddDays(2), asap = true,
        });
        Guid id = d.Directive.Id;
        Assert.True(d.Directive.Asap);
        await Act(jnl, id, "Accept");
        async Task<int> WarnAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            int warned = await scope.ServiceProvider.GetRequiredService<DirectiveWatch>().WarnAsync(default);
            await app.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
            return warned;
        }
        async Task<List<NotificationDto>> InboxAsync(HttpClient who, string topic) =>
            [.. (await (await who.GetAsync("/api/notifications")).OkJson<List<NotificationDto>>()).Where(n => n.Topic == topic && n.Link == $"/directives/{id}")];

        await WarnAsync();
        Assert.Empty(await InboxAsync(jnl, DirectiveWatch.OverdueTopic));
        Days(3.1);
        Assert.Equal(DirectiveLight.Red, (await (await jnl.GetAsync($"/api/directives/{id}")).OkJson<DirectiveDetail>()).Directive.Light);
        Assert.True(await WarnAsync() >= 1);
        await WarnAsync();
        Assert.Contains("督办超期", Assert.Single(await InboxAsync(jnl, DirectiveWatch.OverdueTopic)).Title);
        Assert.Empty(await InboxAsync(leader, DirectiveWatch.EscalatedTopic));

        Days(3.1);
        Assert.True(await WarnAsync() >= 1);
        await WarnAsync();
        Assert.Contains("督办升级", Assert.Single(await InboxAsync(leader, DirectiveWatch.EscalatedTopic)).Title);
        Assert.Single(await InboxAsync(jnl, DirectiveWatch.OverdueTopic));
        Assert.Empty(await InboxAsync(jnl, DirectiveWatch.EscalatedTopic));
    }

    [Fact]
    public async Task The_demo_tracks_the_founding_reports_commitments_in_varied_states()
    {
        app.RequireAvailable();
        HttpClient leader = await app.ClientFor("leader");
        List<DirectiveRow> rows = await (await leader.GetAsync("/api/directives")).OkJson<List<DirectiveRow>>();
        List<DirectiveRow> commitments = [.. rows.Where(r => r.Reference?.StartsWith(Chengguan.Data.Seeding.DemoDirectives.FoundingReportPrefix, StringComparison.Ordinal) == true)];
        Assert.Equal(6, commitments.Count);
        Assert.Contains(commitments, r => r.Text.Contains("综合执法监督办法", StringComparison.Ordinal));
        Assert.Contains(commitments, r => r.Asap && r.Text.Contains("水环境综合整治计划", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.State == DirectiveState.Closed);
        Assert.Contains(rows, r => r.Light == DirectiveLight.Red);
        Assert.Contains(rows, r => r.Extensions > 0);
        Assert.Contains(rows, r => r.Source == "区委");
        DirectiveDetail closed = await (await leader.GetAsync($"/api/directives/{rows.First(r => r.State == DirectiveState.Closed).Id}")).OkJson<DirectiveDetail>();
        Assert.NotEmpty(closed.Evidence);
        Assert.Equal("Close", closed.Timeline[^1].Action);
        Assert.Equal(Chengguan.Clocks.ClockState.Met, await app.WithDbAsync(db => db.Clocks.Where(c => c.SubjectId == closed.Directive.Id).Select(c => c.State).FirstAsync()));
    }
}

public sealed class DirectiveApiTestsOnSqlite(DemolitionSqliteApp app) : DirectiveApiTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class DirectiveApiTestsOnPostgres(DemolitionPostgresApp app) : DirectiveApiTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;

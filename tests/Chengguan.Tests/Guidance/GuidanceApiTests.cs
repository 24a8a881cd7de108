using System.Net;
using System.Text.Json;
using Chengguan.Guidance;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Guidance;

/// <summary>
/// Guidance over HTTP: a note issued to street teams, read and confirmed ("已阅") once per target unit by one of its people
/// (who and when recorded), the unconfirmed teams listed, the team's inbox; bad input as Chinese field errors, 403 for roles
/// that may not issue or confirm, 404 for a note sent to another street.
/// </summary>
public abstract class GuidanceApiTests<TApp>(TApp app) where TApp : ChengguanApp
{
    private const string Jiangning = "310106006", Shimen = "310106011";

    private Task<Guid> TeamAsync(string street) => app.WithDbAsync(db => db.Units
        .Where(u => u.Kind == UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == street)).Select(u => u.Id).FirstAsync());

    private Task<Guid> UnitAsync(string code) => app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).FirstAsync());

    private Task<string> NameOfAsync(string login) => app.WithDbAsync(db => db.Users.Where(u => u.UserName == login).Select(u => u.DisplayName).FirstAsync());

    [Fact]
    public async Task A_note_is_issued_confirmed_once_per_team_and_the_unconfirmed_teams_are_listed()
    {
        app.RequireAvailable();
        HttpClient chief = await app.ClientFor("chief"), jnlOfficer = await app.ClientFor("jnl.officer"), jnl = await app.ClientFor("jnl.leader");
        HttpClient smel = await app.ClientFor("smel.officer"), squad = await app.ClientFor("squad");
        Guid jiangning = await TeamAsync(Jiangning), shimen = await TeamAsync(Shimen), street = await UnitAsync(Jiangning);
        string title = $"跨门营业认定口径 {Guid.NewGuid():N}";

        JsonElement bad = await (await chief.PostJson("/api/guidance/notes", new { title = "", body = "" })).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("不能为空", bad.FieldErrors("title")[0]);
        foreach (string field in new[] { "kind", "body", "targetUnitIds" })
        {
            Assert.NotEmpty(bad.FieldErrors(field));
        }
        JsonElement wrongTarget = await (await chief.PostJson("/api/guidance/notes", new { title, kind = "Ruling", body = "正文", targetUnitIds = new[] { street, jiangning, jiangning } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("街镇城管中队", wrongTarget.FieldErrors("targetUnitIds[0]")[0]);
        Assert.Contains("重复", wrongTarget.FieldErrors("targetUnitIds[2]")[0]);
        await (await jnl.PostJson("/api/guidance/notes", new { title, kind = "Ruling", body = "正文", targetUnitIds = new[] { jiangning } })).Problem(HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.GuidanceNotes.AnyAsync(n => n.Title == title)));
        Assert.Contains(await (await chief.GetAsync("/api/guidance/targets")).OkJson<List<TargetChoice>>(), t => t.Id == shimen);

        GuidanceDetail note = await (await chief.PostJson("/api/guidance/notes", new { title, kind = "Ruling", body = "一、门窗外沿以外经营的，认定为跨门营业。", targetUnitIds = new[] { jiangning, shimen } }))
            .OkJson<GuidanceDetail>(HttpStatusCode.Created);
        Assert.Equal((2, 2, GuidanceKind.Ruling), (note.Targets.Count, note.Unconfirmed.Count, note.Kind));
        Assert.Equal(await NameOfAsync("chief"), note.IssuedBy);
        Guid id = note.Id;

        // The team's inbox holds it unconfirmed; an officer of the team confirms for the team, once.
        GuidanceRow inboxed = Assert.Single(await (await jnlOfficer.GetAsync("/api/guidance/inbox")).OkJson<List<GuidanceRow>>(), r => r.Id == id);
        Assert.Equal(false, inboxed.MineConfirmed);
        GuidanceDetail seen = await (await jnlOfficer.GetAsync($"/api/guidance/notes/{id}")).OkJson<GuidanceDetail>();
        Assert.Equal((jiangning, true), (seen.MyTargetUnitId, seen.CanConfirm));
        GuidanceDetail confirmed = await (await jnlOfficer.PostAsync($"/api/guidance/notes/{id}/confirm", null)).OkJson<GuidanceDetail>();
        TargetStatus mine = confirmed.Targets.Single(t => t.UnitId == jiangning);
        Assert.Equal(await NameOfAsync("jnl.officer"), mine.ConfirmedBy);
        Assert.NotNull(mine.ConfirmedAt);
        Assert.Equal(shimen, Assert.Single(confirmed.Unconfirmed).UnitId);
        Assert.False(confirmed.CanConfirm);
        Assert.Contains(mine.ConfirmedBy!, (await (await jnl.PostAsync($"/api/guidance/notes/{id}/confirm", null)).Problem(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(true, (await (await jnl.GetAsync("/api/guidance/inbox")).OkJson<List<GuidanceRow>>()).Single(r => r.Id == id).MineConfirmed);

        // District-wide readers see it but do not confirm for a team; a squad it was not sent to does not see it.
        await (await chief.PostAsync($"/api/guidance/notes/{id}/confirm", null)).Problem(HttpStatusCode.Forbidden);
        await (await squad.GetAsync($"/api/guidance/notes/{id}")).Problem(HttpStatusCode.NotFound);
        GuidanceRow listed = (await (await chief.GetAsync("/api/guidance/notes")).OkJson<List<GuidanceRow>>()).Single(r => r.Id == id);
        Assert.Equal((2, 1, (bool?)null), (listed.Targets, listed.Confirmed, listed.MineConfirmed));

        // A note for Shimen alone is not Jiangning's to see.
        GuidanceDetail other = await (await chief.PostJson("/api/guidance/notes", new { title = title + "（石门）", kind = "Opinion", body = "正文", targetUnitIds = new[] { shimen } }))
            .OkJson<GuidanceDetail>(HttpStatusCode.Created);
        await (await jnlOfficer.GetAsync($"/api/guidance/notes/{other.Id}")).Problem(HttpStatusCode.NotFound);
        await (await jnlOfficer.PostAsync($"/api/guidance/notes/{other.Id}/confirm", null)).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await (await jnlOfficer.GetAsync("/api/guidance/notes")).OkJson<List<GuidanceRow>>(), r => r.Id == other.Id);
        Assert.Contains(await (await smel.GetAsync("/api/guidance/inbox")).OkJson<List<GuidanceRow>>(), r => r.Id == other.Id && r.MineConfirmed == false);
        await (await smel.PostAsync($"/api/guidance/notes/{other.Id}/confirm", null)).OkJson<GuidanceDetail>();
        Assert.Empty((await (await chief.GetAsync($"/api/guidance/notes/{other.Id}")).OkJson<GuidanceDetail>()).Unconfirmed);
    }
}

public sealed class GuidanceApiTestsOnSqlite(SqliteApp app) : GuidanceApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class GuidanceApiTestsOnPostgres(PostgresApp app) : GuidanceApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;

using System.Globalization;
using System.Net;
using Chengguan.Audit;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Audit;

/// <summary>GET /api/audit's filters (entity, key, actor, action, time) and its keyset paging, on the shared application.</summary>
public abstract class AuditApiTests(ChengguanApp app)
{
    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_list_filters_by_entity_key_actor_action_and_time_and_pages_below_a_sequence_number()
    {
        HttpClient admin = await app.ClientFor("admin");
        Guid team = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Units.Where(u => u.Code == "310106021-ZD").Select(u => u.Id)));
        PersonDto person = await (await admin.PostJson("/api/people", new { name = "审计过滤" + Guid.NewGuid().ToString("N")[..4], unitId = team })).OkJson<PersonDto>(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/people/{person.Id}/deactivate", null)).OkJson<PersonDto>();
        string key = person.Id.ToString();

        HttpClient supervisor = await app.ClientFor("supervisor");
        List<AuditEntryDto> both = await (await supervisor.GetAsync($"/api/audit?entity=Person&key={key}")).OkJson<List<AuditEntryDto>>();
        Assert.Equal(["update", "create"], both.Select(e => e.Action));
        Assert.All(both, e => Assert.Equal("admin", e.ActorName));

        AuditEntryDto created = Assert.Single(await (await supervisor.GetAsync($"/api/audit?entity=Person&key={key}&action=create&actor=admin")).OkJson<List<AuditEntryDto>>());
        Assert.Contains(person.Name, created.After);
        Assert.Empty(await (await supervisor.GetAsync($"/api/audit?entity=Person&key={key}&actor=supervisor")).OkJson<List<AuditEntryDto>>());

        // Time: from is inclusive and to exclusive, as the console's day filters need.
        Assert.Contains(await (await supervisor.GetAsync($"/api/audit?key={key}&from={Instant(created.At)}&to={Instant(created.At.AddTicks(10))}")).OkJson<List<AuditEntryDto>>(),
            e => e.Seq == created.Seq);
        Assert.DoesNotContain(await (await supervisor.GetAsync($"/api/audit?key={key}&to={Instant(created.At)}")).OkJson<List<AuditEntryDto>>(), e => e.Seq == created.Seq);
        Assert.DoesNotContain(await (await supervisor.GetAsync($"/api/audit?key={key}&from={Instant(both[0].At.AddTicks(10))}")).OkJson<List<AuditEntryDto>>(), e => e.Seq == both[0].Seq);

        // Newest first; the next page starts below the last sequence number seen.
        AuditEntryDto newest = Assert.Single(await (await supervisor.GetAsync($"/api/audit?entity=Person&key={key}&limit=1")).OkJson<List<AuditEntryDto>>());
        AuditEntryDto older = Assert.Single(await (await supervisor.GetAsync($"/api/audit?entity=Person&key={key}&limit=1&before={newest.Seq}")).OkJson<List<AuditEntryDto>>());
        Assert.Equal((both[0].Seq, both[1].Seq), (newest.Seq, older.Seq));
    }

    [Fact]
    public async Task Reporters_are_masked_in_the_recorded_values_for_auditors_who_see_them_masked_on_the_case()
    {
        (double lon, double lat) = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Grids.OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat))));
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Chengguan.Cases.CaseDetail opened = await (await dispatcher.PostJson("/api/cases", new
        {
            channel = "Patrol", categoryCode = "event:0102", description = "审计脱敏测试", address = "江宁路", lon, lat,
            reporterName = "欧阳明月", reporterPhone = "13912345678",
        })).OkJson<Chengguan.Cases.CaseDetail>(HttpStatusCode.Created);
        string url = $"/api/audit?entity=Case&key={opened.Case.Id}&action=create";

        // A supervisor sees the reporter masked on the case, and so in the audit log.
        AuditEntryDto masked = Assert.Single(await (await (await app.ClientFor("supervisor")).GetAsync(url)).OkJson<List<AuditEntryDto>>());
        Assert.DoesNotContain("13912345678", masked.After, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳明月", masked.After, StringComparison.Ordinal);
        Assert.Contains("139****5678", masked.After, StringComparison.Ordinal);
        // A bureau leader calls reporters back and reads them in full in both places.
        AuditEntryDto full = Assert.Single(await (await (await app.ClientFor("leader")).GetAsync(url)).OkJson<List<AuditEntryDto>>());
        Assert.Contains("13912345678", full.After, StringComparison.Ordinal);
        // The chain is computed over what was recorded, not over what a reader is shown.
        Assert.Equal(full.Hash, masked.Hash);
    }

    [Fact]
    public async Task An_unknown_action_or_an_empty_time_range_is_a_chinese_field_error_and_only_auditors_may_read()
    {
        HttpClient leader = await app.ClientFor("leader");
        var bad = await (await leader.GetAsync($"/api/audit?action=rename&from={Instant(new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero))}&to={Instant(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero))}"))
            .Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["操作类型须为 create、update、delete、batch"], bad.FieldErrors("action"));
        Assert.Equal(["结束时间须晚于开始时间"], bad.FieldErrors("to"));
        await (await leader.GetAsync("/api/audit?from=yesterday")).Problem(HttpStatusCode.BadRequest);

        HttpClient dispatcher = await app.ClientFor("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task The_console_names_a_rows_subject_a_person_by_name_and_every_audited_type_by_a_label_in_both_languages()
    {
        HttpClient admin = await app.ClientFor("admin");
        Guid team = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Units.Where(u => u.Code == "310106021-ZD").Select(u => u.Id)));
        PersonDto person = await (await admin.PostJson("/api/people", new { name = "审计名称" + Guid.NewGuid().ToString("N")[..4], unitId = team })).OkJson<PersonDto>(HttpStatusCode.Created);
        List<AuditEntryDto> rows = await (await admin.GetAsync($"/api/audit?entity=Person&key={person.Id}")).OkJson<List<AuditEntryDto>>();
        var unknown = new AuditEntryDto(0, DateTimeOffset.UnixEpoch, null, "Person", Guid.NewGuid().ToString(), "delete", null, null, "");

        Dictionary<(string Entity, string Key), string> names = await app.WithDbAsync(db => Chengguan.Audit.AuditSubjectNames.DescribeAsync(db, [.. rows, unknown], default));
        Assert.Equal(person.Name, names[("Person", person.Id.ToString())]);
        Assert.False(names.ContainsKey(("Person", unknown.EntityKey)));

        // A grid officer's row is keyed "grid|person" and named by the grid's code and the person's name.
        var grid = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Grids.OrderBy(g => g.Code).Select(g => new { g.Id, g.Code })));
        var officer = new AuditEntryDto(0, DateTimeOffset.UnixEpoch, null, "GridOfficer", $"{grid.Id}|{person.Id}", "create", null, null, "");
        Assert.Equal($"{grid.Code} · {person.Name}", (await app.WithDbAsync(db => Chengguan.Audit.AuditSubjectNames.DescribeAsync(db, [officer], default)))[("GridOfficer", officer.EntityKey)]);

        // A type added to the model without a label would show its class name on the page.
        string[] types = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(t => AuditInterceptor.IsAudited(t.ClrType)).Select(t => t.ClrType.Name).Append("batch").ToArray()));
        foreach (string file in new[] { "UiText.resx", "UiText.en.resx" })
        {
            HashSet<string> keys = Repository.UiTextKeys(file);
            string[] missing = [.. types.Where(t => !keys.Contains(Chengguan.Audit.Pages.AuditSubjects.LabelKey(t)))];
            Assert.True(missing.Length == 0, file + " has no label for " + string.Join(", ", missing));
        }
    }

    [Fact]
    public async Task Every_audited_field_has_a_label_in_both_languages()
    {
        // A field without a label would show its property name (TargetArea) on the audit page.
        string[] fields = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Where(t => AuditInterceptor.IsAudited(t.ClrType))
            .SelectMany(t => t.GetProperties()).Select(p => p.Name).Distinct().Order(StringComparer.Ordinal).ToArray()));
        foreach (string file in new[] { "UiText.resx", "UiText.en.resx" })
        {
            HashSet<string> keys = Repository.UiTextKeys(file);
            string[] missing = [.. fields.Where(f => !keys.Contains("Au_F_" + f))];
            Assert.True(missing.Length == 0, file + " has no label for " + string.Join(", ", missing));
        }
    }

    [Fact]
    public async Task Recorded_logins_actor_ids_categories_and_clock_policies_are_named_for_the_page()
    {
        string dispatcherId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.UserName == "dispatcher").Select(u => u.Id)));
        string displayName = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.UserName == "dispatcher").Select(u => u.DisplayName)));
        var policy = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ClockPolicies.OrderBy(p => p.Code).ThenByDescending(p => p.Version).Select(p => new { p.Code, p.Name })));
        // The newest dictionary's name for event:0102 (other tests import dictionaries of their own).
        string category = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.CategoryConditions.Where(c => c.Kind == "event" && c.BigCode == "01" && c.SmallCode == "02").OrderByDescending(c => c.Version)
                .Select(c => c.SmallName + "（" + c.BigName + "）")));
        AuditEntryDto[] rows =
        [
            new(0, DateTimeOffset.UnixEpoch, "dispatcher", "CaseEvent", "k", "create", null,
                $$"""{"ActorId":"{{dispatcherId}}","ActorName":"dispatcher","CategoryCode":"event:0102","Note":"system"}""", ""),
            new(0, DateTimeOffset.UnixEpoch, "system", "Clock", "c", "create", null, $$"""{"Kind":"{{policy.Code}}","ActorName":"system"}""", ""),
        ];
        Dictionary<string, string> names = await app.WithDbAsync(async db =>
        {
            var profiles = new Chengguan.Identity.Profiles(db, null!);
            Dictionary<string, string> values = await AuditSubjectNames.ValuesAsync(db, rows, default);
            foreach (var (k, v) in await profiles.NamesByLoginAsync(["dispatcher", "system", null], default))
            {
                values[k] = v;
            }
            foreach (var (k, v) in await profiles.NamesAsync([dispatcherId], default))
            {
                values[k] = v;
            }
            return values;
        });
        Assert.Equal(displayName, names["dispatcher"]);
        Assert.Equal(displayName, names[dispatcherId]);
        Assert.Equal(category, names["event:0102"]);
        Assert.Equal(policy.Name, names[policy.Code]);
        // System work has no account: the page says 系统 itself.
        Assert.False(names.ContainsKey("system"));
    }
}

public sealed class AuditApiTestsOnSqlite(SqliteApp app) : AuditApiTests(app);

public sealed class AuditApiTestsOnPostgres(PostgresApp app) : AuditApiTests(app);

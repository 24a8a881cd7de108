using System.Net;
using Chengguan.Audit;
using Chengguan.Tests.Api;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Audit;

public abstract class AuditChainTests(ChengguanApp app)
{
    [Fact]
    public async Task Every_change_is_audited_with_who_and_before_after()
    {
        HttpClient admin = await app.ClientFor("admin");
        var created = await (await admin.PostJson("/api/api-keys", new { name = "审计测试", integration = "open311", clientId = "audit-test" })).OkJson<Chengguan.Identity.CreatedApiKey>(HttpStatusCode.Created);
        await admin.PostAsync($"/api/api-keys/{created.Key.Id}/revoke", null);
        List<AuditEntry> rows = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "ApiKey" && a.EntityKey == created.Key.Id.ToString()).OrderBy(a => a.Seq).ToListAsync());
        Assert.Equal(["create", "update"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("admin", r.ActorName));
        Assert.Null(rows[0].Before);
        Assert.Contains("\"RevokedAt\":null", rows[1].Before);
        Assert.DoesNotContain("SecretHash", rows[1].After);
        Assert.Contains("审计测试", rows[0].After);
    }

    [Fact]
    public async Task Verification_passes_and_then_finds_the_first_tampered_row()
    {
        HttpClient supervisor = await app.ClientFor("supervisor");
        AuditVerification before = await (await supervisor.GetAsync("/api/audit/verify")).OkJson<AuditVerification>();
        Assert.True(before.Intact, before.Reason);
        Assert.True(before.RowsChecked > 500);

        // Someone with database access edits a row in place.
        long target = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "Person").OrderBy(a => a.Seq).Select(a => a.Seq).Skip(3).FirstAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_log SET \"After\" = replace(\"After\", '\"Active\":\"True\"', '\"Active\":\"False\"') WHERE \"Seq\" = {0}", target));

        AuditVerification after = await (await supervisor.GetAsync("/api/audit/verify")).OkJson<AuditVerification>();
        Assert.False(after.Intact);
        Assert.Equal(target, after.FirstBrokenSeq);
        Assert.Equal(target - 1, after.RowsChecked);
    }
}

public sealed class AuditChainTestsOnSqlite(IsolatedSqliteApp app) : AuditChainTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class AuditChainTestsOnPostgres(IsolatedPostgresApp app) : AuditChainTests(app), IClassFixture<IsolatedPostgresApp>;

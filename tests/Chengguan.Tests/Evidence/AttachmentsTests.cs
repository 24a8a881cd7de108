using System.Net;
using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Demolition;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Evidence;

/// <summary>The evidence door's own rules, called as a page calls it: one test per rule, through <see cref="Attachments"/> directly.</summary>
public abstract class AttachmentsTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";

    private static readonly byte[] s_text = "not a photo at all"u8.ToArray();

    private async Task<(double Lon, double Lat)> JiangningPointAsync() => await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith(Jiangning))
        .OrderBy(g => g.Code).Skip(7).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private async Task<Guid> NewCaseAsync()
    {
        (double lon, double lat) = await JiangningPointAsync();
        CaseDetail c = await (await (await app.ClientFor("supervisor")).PostJson("/api/cases", new { channel = "Patrol", description = "乱堆物料 " + Guid.NewGuid().ToString("N")[..6], lon, lat }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);
        return c.Case.Id;
    }

    private async Task<Guid> NewItemAsync()
    {
        (double lon, double lat) = await JiangningPointAsync();
        LedgerItemDetail item = await (await (await app.ClientFor("jnl.officer")).PostJson("/api/demolition/items", new
        {
            address = "江宁路 " + Random.Shared.Next(1000, 9999) + " 号屋顶", kind = "Rooftop", area = 12.5, source = "Patrol", lon, lat, builtOn = "2020-05-01",
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created);
        return item.Item.Id;
    }

    private Task<T> AsAsync<T>(string userName, Func<Attachments, Task<T>> work) =>
        app.AsConsoleUserAsync(userName, Roles.StreetTeamOfficer, sp => work(sp.GetRequiredService<Attachments>()));

    private static IncomingFile Photo(string name = "现场.jpg") => IncomingFile.From(name, TestImages.JpegWithExif(new DateTime(2026, 12, 1, 9, 0, 0), 31.23, 121.45));

    /// <summary>A JPEG by its first bytes, one byte over the 20 MB cap for photos.</summary>
    private static IncomingFile OversizedPhoto(string name = "big.jpg")
    {
        byte[] bytes = new byte[20 * 1024 * 1024 + 1];
        (bytes[0], bytes[1], bytes[2]) = (0xFF, 0xD8, 0xFF);
        return IncomingFile.From(name, bytes);
    }

    private static string[] Errors<T>(Outcome<T> outcome, string field) =>
        Assert.IsType<Outcome<T>.Invalid>(outcome).Errors.ToDictionary().GetValueOrDefault(field) ?? [];

    private Task<int> EvidenceCountAsync(Guid subjectId) => app.WithDbAsync(db => db.Evidence.CountAsync(e => e.SubjectId == subjectId));

    [Fact]
    public async Task A_case_outside_the_users_scope_is_not_found_before_the_request_is_judged()
    {
        Guid id = await NewCaseAsync();
        Outcome<EvidenceDto> outcome = await AsAsync("smel.officer", a => a.AttachToCaseAsync(id, null, "Sideways", Guid.NewGuid(), default));
        Assert.Equal("案件不存在", Assert.IsType<Outcome<EvidenceDto>.NotFound>(outcome).Detail);
    }

    [Fact]
    public async Task A_case_file_must_be_present_and_not_empty()
    {
        Guid id = await NewCaseAsync();
        Assert.Equal(["请选择要上传的文件"], Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, null, null, null, default)), "file"));
        Assert.Equal(["请选择要上传的文件"], Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, IncomingFile.From("empty.jpg", []), null, null, default)), "file"));
        Assert.Equal(0, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task A_case_purpose_is_one_of_the_four_by_name_never_a_number()
    {
        Guid id = await NewCaseAsync();
        foreach (string bad in new[] { "Sideways", "1" })
        {
            Assert.Equal(["用途须为 Before（处置前）、After（处置后）、CheckIn（到场）或 Other"], Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo(), bad, null, default)), "purpose"));
        }
        EvidenceDto checkIn = Assert.IsType<Outcome<EvidenceDto>.Done>(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo(), "checkin", null, default))).Value;
        EvidenceDto unnamed = Assert.IsType<Outcome<EvidenceDto>.Done>(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo(), null, null, default))).Value;
        Assert.Equal((EvidencePurpose.CheckIn, EvidencePurpose.Other), (checkIn.Purpose, unnamed.Purpose));
        Assert.Equal(2, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task A_case_file_of_unknown_content_is_refused_whatever_its_name()
    {
        Guid id = await NewCaseAsync();
        Assert.Equal(["不支持的文件类型（按内容识别）：可上传 JPEG、PNG、GIF、WebP、HEIC 照片，MP4/MOV 视频，PDF 或 Office 文件"],
            Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, IncomingFile.From("photo.jpg", s_text), "Before", null, default)), "file"));
        Assert.Equal(0, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task A_case_photo_over_20_MB_is_refused_as_too_large()
    {
        Guid id = await NewCaseAsync();
        Assert.Equal(["文件过大：照片和文件不超过 20 MB，视频不超过 100 MB"],
            Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, OversizedPhoto(), "Before", null, default)), "file"));
        Assert.Equal(0, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task Only_the_newest_version_of_a_file_of_the_same_case_may_be_corrected_and_the_correction_keeps_its_purpose()
    {
        Guid id = await NewCaseAsync(), other = await NewCaseAsync();
        EvidenceDto v1 = Assert.IsType<Outcome<EvidenceDto>.Done>(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo("v1.jpg"), "Before", null, default))).Value;
        EvidenceDto elsewhere = Assert.IsType<Outcome<EvidenceDto>.Done>(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(other, Photo(), "Before", null, default))).Value;

        EvidenceDto v2 = Assert.IsType<Outcome<EvidenceDto>.Done>(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo("v2.jpg"), "After", v1.Id, default))).Value;
        Assert.Equal((2, v1.Id, EvidencePurpose.Before), (v2.Version, v2.SupersedesId, v2.Purpose));

        Assert.Equal(["该材料已有更正版本，请更正最新版本"], Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo(), null, v1.Id, default)), "supersedes"));
        Assert.Equal(["要更正的材料不属于该案件"], Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo(), null, elsewhere.Id, default)), "supersedes"));
        Assert.Equal(["要更正的材料不属于该案件"], Errors(await AsAsync("jnl.officer", a => a.AttachToCaseAsync(id, Photo(), null, Guid.NewGuid(), default)), "supersedes"));
        Assert.Equal(2, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task An_items_request_is_judged_before_the_item_is_looked_up_and_check_in_is_not_an_items_purpose()
    {
        Outcome<EvidenceDto> nowhere = await AsAsync("jnl.officer", a => a.AttachToDemolitionItemAsync(Guid.NewGuid(), null, "CheckIn", default));
        Assert.Equal(["请选择要上传的文件"], Errors(nowhere, "file"));
        Assert.Equal(["用途须为 Before（拆除前）、After（拆除后）或 Other"], Errors(nowhere, "purpose"));

        Guid id = await NewItemAsync();
        Assert.Equal(["用途须为 Before（拆除前）、After（拆除后）或 Other"], Errors(await AsAsync("jnl.officer", a => a.AttachToDemolitionItemAsync(id, Photo(), "2", default)), "purpose"));
        Assert.Equal(0, await EvidenceCountAsync(id));
    }

    [Fact]
    public async Task An_item_outside_the_users_scope_is_not_found()
    {
        Guid id = await NewItemAsync();
        Outcome<EvidenceDto> outcome = await AsAsync("smel.officer", a => a.AttachToDemolitionItemAsync(id, Photo(), "After", default));
        Assert.Equal("违法建筑不存在", Assert.IsType<Outcome<EvidenceDto>.NotFound>(outcome).Detail);
    }

    [Fact]
    public async Task An_items_refused_files_get_the_ledgers_short_messages_and_an_accepted_one_is_saved_on_the_item()
    {
        Guid id = await NewItemAsync();
        Assert.Equal(["不支持的文件类型（按内容识别）"], Errors(await AsAsync("jnl.officer", a => a.AttachToDemolitionItemAsync(id, IncomingFile.From("a.jpg", s_text), "After", default)), "file"));
        Assert.Equal(["文件过大"], Errors(await AsAsync("jnl.officer", a => a.AttachToDemolitionItemAsync(id, OversizedPhoto(), "After", default)), "file"));

        EvidenceDto saved = Assert.IsType<Outcome<EvidenceDto>.Done>(await AsAsync("jnl.officer", a => a.AttachToDemolitionItemAsync(id, Photo("拆除后.jpg"), "after", default))).Value;
        EvidenceItem row = await app.WithDbAsync(db => db.Evidence.SingleAsync(e => e.SubjectId == id));
        Assert.Equal((saved.Id, DemolitionProcedure.SubjectType, EvidencePurpose.After, "拆除后.jpg", "jnl.officer"), (row.Id, row.SubjectType, row.Purpose, row.FileName, row.UploadedBy));
    }

    [Fact]
    public async Task Report_photos_are_at_most_ten_each_a_photo_by_content_of_at_most_20_MB()
    {
        FieldErrors errors = await AsAsync("jnl.officer", a =>
        {
            var found = new FieldErrors();
            a.CheckReportPhotos([.. Enumerable.Range(0, 9).Select(i => Photo($"{i}.jpg")), IncomingFile.From("scan.pdf", "%PDF-1.4\n"u8.ToArray()), OversizedPhoto("big.jpg")], found);
            return Task.FromResult(found);
        });
        Assert.Equal(["一次最多上传 10 张照片", "scan.pdf：不是照片（按内容识别，可上传 JPEG、PNG、GIF、WebP、HEIC）", "big.jpg：照片不超过 20 MB"], errors.ToDictionary()["photos"]);

        FieldErrors none = await AsAsync("jnl.officer", a =>
        {
            var found = new FieldErrors();
            a.CheckReportPhotos([Photo(), Photo("b.jpg")], found);
            return Task.FromResult(found);
        });
        Assert.False(none.Any);
    }

    [Fact]
    public async Task Staged_files_are_stored_at_once_and_their_rows_wait_for_the_callers_save()
    {
        Guid id = await NewCaseAsync();
        await AsAsync("jnl.officer", async a =>
        {
            StoredFiles stored = await a.StoreAsync([Photo("kept.jpg"), IncomingFile.From("junk.jpg", s_text), IncomingFile.From("empty.jpg", [])], default);
            Assert.Equal((1, 2), (stored.Count, stored.Skipped));
            EvidenceDto staged = Assert.Single(a.StageOnNewCase(id, stored));
            Assert.Equal(("kept.jpg", EvidencePurpose.Before), (staged.FileName, staged.Purpose));
            // Staged, not saved: another connection sees nothing, and a scope that ends without saving leaves nothing.
            Assert.Equal(0, await EvidenceCountAsync(id));
            return 0;
        });
        Assert.Equal(0, await EvidenceCountAsync(id));

        await app.AsConsoleUserAsync("jnl.officer", Roles.StreetTeamOfficer, async sp =>
        {
            Attachments attachments = sp.GetRequiredService<Attachments>();
            attachments.StageOnNewCase(id, await attachments.StoreAsync([Photo("saved.jpg")], default));
            return await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        });
        Assert.Equal(["saved.jpg"], await app.WithDbAsync(db => db.Evidence.Where(e => e.SubjectId == id).Select(e => e.FileName).ToListAsync()));
    }
}

public sealed class AttachmentsTestsOnSqlite(SqliteApp app) : AttachmentsTests(app);

public sealed class AttachmentsTestsOnPostgres(PostgresApp app) : AttachmentsTests(app);

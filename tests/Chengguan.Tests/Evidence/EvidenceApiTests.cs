using System.Net;
using System.Security.Cryptography;
using System.Text;
using Chengguan.Cases;
using Chengguan.Evidence;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Evidence;

public abstract class EvidenceApiTests(ChengguanApp app)
{
    private async Task<(Guid CaseId, double Lon, double Lat)> NewCaseAsync()
    {
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code).Skip(11)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        CaseDetail c = await (await (await app.ClientFor("supervisor")).PostJson("/api/cases", new { channel = "Patrol", description = "占道堆物", lon, lat }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);
        return (c.Case.Id, lon, lat);
    }

    internal static MultipartFormDataContent Upload(byte[] bytes, string fileName, string? purpose = null, Guid? supersedes = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new("application/octet-stream");
        form.Add(file, "file", fileName);
        if (purpose is not null)
        {
            form.Add(new StringContent(purpose), "purpose");
        }
        if (supersedes is { } s)
        {
            form.Add(new StringContent(s.ToString()), "supersedes");
        }
        return form;
    }

    [Fact]
    public async Task A_photo_is_typed_by_content_keeps_its_exif_time_and_place_and_has_a_public_copy_without_them()
    {
        (Guid id, _, _) = await NewCaseAsync();
        HttpClient officer = await app.ClientFor("jnl.officer");
        byte[] jpeg = TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 30, 0), 31.2304, 121.4521);
        EvidenceDto e = await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(jpeg, "现场.txt", "Before"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        Assert.Equal((EvidenceKind.Photo, "image/jpeg", EvidencePurpose.Before), (e.Kind, e.ContentType, e.Purpose));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(jpeg)), e.Sha256);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), e.TakenAt);
        Assert.Equal(31.2304, e.Lat!.Value, 4);
        Assert.Equal(121.4521, e.Lon!.Value, 4);
        Assert.NotEqual(e.Sha256, e.PublicSha256);

        byte[] original = await (await officer.GetAsync($"/api/cases/{id}/evidence/{e.Id}/content")).Content.ReadAsByteArrayAsync();
        byte[] published = await (await officer.GetAsync($"/api/cases/{id}/evidence/{e.Id}/content?copy=public")).Content.ReadAsByteArrayAsync();
        Assert.Equal(jpeg, original);
        Assert.Equal(-1, published.AsSpan().IndexOf("Exif\0\0"u8));
        Assert.Equal(-1, published.AsSpan().IndexOf("执法队员"u8));
        Assert.True(published.AsSpan().EndsWith((ReadOnlySpan<byte>)[0x12, 0x34, 0x56, 0xFF, 0xD9]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(published)), e.PublicSha256);
    }

    [Fact]
    public async Task Unknown_files_are_refused_and_a_correction_is_a_new_version_that_leaves_the_old_one_intact()
    {
        (Guid id, _, _) = await NewCaseAsync();
        HttpClient officer = await app.ClientFor("jnl.officer");
        var refused = await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(Encoding.UTF8.GetBytes("not a photo at all"), "photo.jpg"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.FieldErrors("file"));
        var badPurpose = await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 0, 0), 31.2, 121.4), "a.jpg", "Sideways"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badPurpose.FieldErrors("purpose"));

        byte[] first = TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 0, 0), 31.23, 121.45);
        byte[] second = TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 5, 0), 31.23, 121.45);
        EvidenceDto v1 = await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(first, "before.jpg", "Before"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        EvidenceDto v2 = await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(second, "before-fixed.jpg", null, v1.Id))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        Assert.Equal((2, v1.Id, EvidencePurpose.Before), (v2.Version, v2.SupersedesId, v2.Purpose));
        var twice = await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(second, "again.jpg", null, v1.Id))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(twice.FieldErrors("supersedes"));
        byte[] stillThere = await (await officer.GetAsync($"/api/cases/{id}/evidence/{v1.Id}/content")).Content.ReadAsByteArrayAsync();
        Assert.Equal(first, stillThere);

        byte[] after = TestImages.JpegWithExif(new DateTime(2026, 3, 2, 11, 0, 0), 31.23, 121.45);
        await (await officer.PostAsync($"/api/cases/{id}/evidence", Upload(after, "after.jpg", "After"))).OkJson<EvidenceDto>(HttpStatusCode.Created);
        EvidenceList list = await (await officer.GetAsync($"/api/cases/{id}/evidence")).OkJson<EvidenceList>();
        Assert.Equal(3, list.Items.Count);
        Assert.True(list.Items.Single(i => i.Id == v1.Id).Superseded);
        EvidencePair pair = Assert.Single(list.Pairs);
        Assert.Equal((v2.Id, "after.jpg"), (pair.Before.Id, pair.After!.FileName));

        HttpClient other = await app.ClientFor("smel.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/cases/{id}/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/cases/{id}/evidence", Upload(after, "x.jpg"))).StatusCode);
    }

    [Fact]
    public async Task A_check_in_needs_uploaded_photos_and_is_flagged_when_far_from_the_case()
    {
        HttpClient platform = await app.HotlinePlatformAsync("12345");
        (double lon, double lat) = await app.WithDbAsync(db => db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code).Skip(5)
            .Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());
        var order = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "EV" + Guid.NewGuid().ToString("N")[..10], requestType = "Complaint", description = "噪声扰民", lon, lat,
        })).OkJson<Chengguan.Hotline.HotlineOrderReceipt>(HttpStatusCode.Created);
        HttpClient officer = await app.ClientFor("jnl.officer");
        (await officer.PostJson($"/api/cases/{order.CaseId}/actions/accept", new { })).EnsureSuccessStatusCode();
        var bogus = await (await officer.PostJson($"/api/cases/{order.CaseId}/actions/checkIn", new { location = new { lon, lat }, photos = new[] { Guid.NewGuid() } })).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bogus.FieldErrors("photos"));
        EvidenceDto photo = await (await officer.PostAsync($"/api/cases/{order.CaseId}/evidence", Upload(TestImages.JpegWithExif(new DateTime(2026, 3, 2, 9, 0, 0), lat, lon), "到场.jpg", "CheckIn")))
            .OkJson<EvidenceDto>(HttpStatusCode.Created);
        // About 330 m east of the case point: recorded, and flagged.
        CaseDetail far = await (await officer.PostJson($"/api/cases/{order.CaseId}/actions/checkIn", new { location = new { lon = lon + 0.0035, lat }, photos = new[] { photo.Id } }))
            .OkJson<CaseDetail>();
        Assert.Equal(CaseState.OnSite, far.Case.State);
        Assert.Contains("\"flagged\":true", far.Timeline[^1].DataJson);
        Assert.Contains("超出 200 米范围", far.Timeline[^1].Note);
    }
}

public sealed class EvidenceApiTestsOnSqlite(SqliteApp app) : EvidenceApiTests(app);

public sealed class EvidenceApiTestsOnPostgres(PostgresApp app) : EvidenceApiTests(app);

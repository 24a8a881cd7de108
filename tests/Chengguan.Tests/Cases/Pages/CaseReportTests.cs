using Chengguan.Cases;
using Chengguan.Cases.Pages;
using Chengguan.Data;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Cases.Pages;

/// <summary>The console's case registration: the API's checks, photos checked first, case and photos written together or not at all.</summary>
public abstract class CaseReportTests(ChengguanApp app)
{
    private async Task<(double Lon, double Lat)> JiangningPointAsync() => await app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private Task<ReportOutcome> ReportAsync(CaseInput input, params PendingPhoto[] photos) =>
        app.AsConsoleUserAsync("jnl.officer", Roles.StreetTeamOfficer, sp => CaseReport.ReportAsync(sp, input, photos, default));

    private static CaseInput Patrol(string description, double? lon, double? lat, string? category = null) =>
        new(CaseChannel.Patrol, null, null, Urgency.Normal, category, null, description, null, lon, lat, null, null, null, null);

    private static PendingPhoto Photo(string name, double lon, double lat) => new(name, TestImages.JpegWithExif(new DateTime(2026, 11, 28, 9, 0, 0), lat, lon));

    [Fact]
    public async Task A_patrol_report_saves_the_case_and_its_photos_as_before_photos()
    {
        (double lon, double lat) = await JiangningPointAsync();
        string description = "巡查发现占道经营 " + Guid.NewGuid().ToString("N")[..8];
        ReportOutcome outcome = await ReportAsync(Patrol(description, lon, lat, "event:0503"), Photo("a.jpg", lon, lat), Photo("b.jpg", lon, lat));

        Assert.True(outcome.Done, string.Join("; ", outcome.Errors.SelectMany(e => e.Value)));
        var stored = await app.WithDbAsync(async db => (
            Case: await db.Cases.SingleAsync(c => c.Id == outcome.Id),
            Photos: await db.Evidence.Where(e => e.SubjectId == outcome.Id).Select(e => e.Purpose).ToListAsync()));
        Assert.Equal(description, stored.Case.Description);
        Assert.Equal(outcome.Number, stored.Case.Number);
        Assert.Equal(CaseChannel.Patrol, stored.Case.Channel);
        Assert.Equal("event:0503", stored.Case.CategoryCode);
        Assert.StartsWith("310106006", stored.Case.GridCode);
        Assert.Equal([EvidencePurpose.Before, EvidencePurpose.Before], stored.Photos);
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_is_refused_and_nothing_is_written()
    {
        (double lon, double lat) = await JiangningPointAsync();
        string description = "附件不是照片 " + Guid.NewGuid().ToString("N")[..8];
        var notAPhoto = new PendingPhoto("scan.pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"u8.ToArray());

        ReportOutcome outcome = await ReportAsync(Patrol(description, lon, lat), Photo("ok.jpg", lon, lat), notAPhoto);

        Assert.False(outcome.Done);
        Assert.Contains("scan.pdf：不是照片", Assert.Single(outcome.Errors["photos"]));
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Description == description)));
    }

    [Fact]
    public async Task The_api_checks_apply_hotline_channels_and_a_missing_place_are_refused()
    {
        ReportOutcome hotline = await ReportAsync(new CaseInput(CaseChannel.Hotline12345, "X1", RequestType.Help, null, null, null, "热线", "江宁路 1 号", null, null, null, null, null, null));
        Assert.Contains("热线工单经 /api/hotline/orders 接入", hotline.Errors["channel"]);

        ReportOutcome nowhere = await ReportAsync(Patrol("不知道在哪里", null, null));
        Assert.Equal(["须提供地址或经纬度"], nowhere.Errors["address"]);
        Assert.Null(nowhere.Id);
    }

    [Fact]
    public async Task Common_problems_offer_what_patrols_reported_and_the_usual_street_problems()
    {
        (double lon, double lat) = await JiangningPointAsync();
        for (int i = 0; i < 12; i++)
        {
            Assert.True((await ReportAsync(Patrol($"夜间施工噪声 {i}", lon, lat, "event:0306"))).Done);
        }
        List<CategoryChoice> common = await app.WithDbAsync(async db =>
        {
            List<CategoryChoice> all = await CaseReport.CategoriesAsync(db, default);
            return await CaseReport.CommonAsync(db, all, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), 6, default);
        });
        Assert.Equal(6, common.Count);
        Assert.Contains(common, c => c.Code == "event:0306" && c.Name == "违规夜间施工");
        Assert.Equal(common.Count, common.Select(c => c.Code).Distinct().Count());
    }
}

public sealed class CaseReportTestsOnSqlite(SqliteApp app) : CaseReportTests(app);

public sealed class CaseReportTestsOnPostgres(PostgresApp app) : CaseReportTests(app);

using Chengguan.Cases;
using Chengguan.Cases.Pages;
using Chengguan.Evidence;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Cases.Pages;

/// <summary>The console's case registration: the API's checks, photos checked first, case and photos written together or not at all.</summary>
public abstract class CaseReportTests(ChengguanApp app)
{
    private async Task<(double Lon, double Lat)> JiangningPointAsync() => await app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith("310106006")).OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private Task<Outcome<CaseSummary>> ReportAsync(CaseInput input, params PendingPhoto[] photos) =>
        app.AsConsoleUserAsync("jnl.officer", Roles.StreetTeamOfficer, sp =>
            sp.GetRequiredService<CaseCommands>().ReportAsync(input, [.. photos.Select(p => p.ToFile())], default));

    private static Dictionary<string, string[]> Errors(Outcome<CaseSummary> outcome) =>
        outcome is Outcome<CaseSummary>.Invalid invalid ? invalid.Errors.ToDictionary() : [];

    private static CaseInput Patrol(string description, double? lon, double? lat, string? category = null) =>
        new(CaseChannel.Patrol, null, null, Urgency.Normal, category, null, description, null, lon, lat, null, null, null, null);

    private static PendingPhoto Photo(string name, double lon, double lat) => new(name, TestImages.JpegWithExif(new DateTime(2026, 11, 28, 9, 0, 0), lat, lon));

    [Fact]
    public async Task A_patrol_report_saves_the_case_and_its_photos_as_before_photos()
    {
        (double lon, double lat) = await JiangningPointAsync();
        string description = "巡查发现占道经营 " + Guid.NewGuid().ToString("N")[..8];
        Outcome<CaseSummary> outcome = await ReportAsync(Patrol(description, lon, lat, "event:0503"), Photo("a.jpg", lon, lat), Photo("b.jpg", lon, lat));

        Assert.True(outcome is Outcome<CaseSummary>.Done, outcome.Message);
        CaseSummary reported = ((Outcome<CaseSummary>.Done)outcome).Value;
        var stored = await app.WithDbAsync(async db => (
            Case: await db.Cases.SingleAsync(c => c.Id == reported.Id),
            Photos: await db.Evidence.Where(e => e.SubjectId == reported.Id).Select(e => e.Purpose).ToListAsync()));
        Assert.Equal(description, stored.Case.Description);
        Assert.Equal(reported.Number, stored.Case.Number);
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

        Outcome<CaseSummary> outcome = await ReportAsync(Patrol(description, lon, lat), Photo("ok.jpg", lon, lat), notAPhoto);

        Assert.IsNotType<Outcome<CaseSummary>.Done>(outcome);
        Assert.Contains("scan.pdf：不是照片", Assert.Single(Errors(outcome)["photos"]));
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Description == description)));
    }

    [Fact]
    public async Task The_api_checks_apply_hotline_channels_and_a_missing_place_are_refused()
    {
        Outcome<CaseSummary> hotline = await ReportAsync(new CaseInput(CaseChannel.Hotline12345, "X1", RequestType.Help, null, null, null, "热线", "江宁路 1 号", null, null, null, null, null, null));
        Assert.Contains("热线工单经 /api/hotline/orders 接入", Errors(hotline)["channel"]);

        Outcome<CaseSummary> nowhere = await ReportAsync(Patrol("不知道在哪里", null, null));
        Assert.Equal(["须提供地址或经纬度"], Errors(nowhere)["address"]);
        Assert.IsType<Outcome<CaseSummary>.Invalid>(nowhere);
    }

    [Fact]
    public async Task A_patrol_report_needs_a_photo_a_category_and_words_of_its_own_and_nothing_is_written_without()
    {
        (double lon, double lat) = await JiangningPointAsync();
        string marker = Guid.NewGuid().ToString("N")[..8];

        // What the phone used to send at once: the pre-filled sentence, no photo, no category.
        Outcome<CaseSummary> junk = await ReportAsync(Patrol("巡查发现问题，详见现场照片", lon, lat) with { Address = "江宁路 " + marker });
        Dictionary<string, string[]> errors = Errors(junk);
        Assert.IsType<Outcome<CaseSummary>.Invalid>(junk);
        Assert.Equal(["巡查上报须至少附一张现场照片"], errors["photos"]);
        Assert.Equal(["巡查上报须选择案件类别"], errors["categoryCode"]);
        Assert.Equal(["请描述现场情况（位置、规模、当事人等），不能只用预填文字或类别名称"], errors["description"]);

        // One tap on a common problem fills its name: the name alone is still not a description.
        Outcome<CaseSummary> nameOnly = await ReportAsync(Patrol("占道经营：", lon, lat, "event:0503") with { Address = "江宁路 " + marker }, Photo("p.jpg", lon, lat));
        Assert.Equal(["description"], Errors(nameOnly).Keys);
        Assert.False(await app.WithDbAsync(db => db.Cases.AnyAsync(c => c.Address == "江宁路 " + marker)));

        Outcome<CaseSummary> told = await ReportAsync(Patrol("占道经营：门口水果摊占人行道约 3 米 " + marker, lon, lat, "event:0503"), Photo("p.jpg", lon, lat));
        Assert.True(told is Outcome<CaseSummary>.Done, told.Message);
    }

    [Fact]
    public async Task A_check_in_with_a_file_that_is_not_a_photo_is_refused_before_any_file_is_kept()
    {
        (double lon, double lat) = await JiangningPointAsync();
        Outcome<CaseSummary> reported = await ReportAsync(Patrol("楼道口堆放杂物约 2 平方米 " + Guid.NewGuid().ToString("N")[..8], lon, lat, "event:0503"), Photo("before.jpg", lon, lat));
        CaseSummary c = Assert.IsType<Outcome<CaseSummary>.Done>(reported).Value;
        var memo = new PendingPhoto("memo.pdf", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"u8.ToArray());

        Outcome<CaseDetail> checkIn = await app.AsConsoleUserAsync("jnl.officer", Roles.StreetTeamOfficer, sp =>
            sp.GetRequiredService<CaseCommands>().CheckInAsync(c.Id, 1, lon, lat, [Photo("scene.jpg", lon, lat).ToFile(), memo.ToFile()], default));

        Dictionary<string, string[]> errors = Assert.IsType<Outcome<CaseDetail>.Invalid>(checkIn).Errors.ToDictionary();
        Assert.Contains("memo.pdf：不是照片", Assert.Single(errors["photos"]));
        Assert.Equal(1, await app.WithDbAsync(db => db.Evidence.CountAsync(e => e.SubjectId == c.Id)));
    }

    [Fact]
    public async Task Other_channels_at_the_desk_keep_their_rules_photo_and_category_optional()
    {
        (double lon, double lat) = await JiangningPointAsync();
        string description = "居委反映楼道堆物 " + Guid.NewGuid().ToString("N")[..8];
        var input = new CaseInput(CaseChannel.ResidentsCommittee, null, null, Urgency.Normal, null, null, description, null, lon, lat, null, null, null, null);

        Outcome<CaseSummary> outcome = await ReportAsync(input);

        Assert.True(outcome is Outcome<CaseSummary>.Done, outcome.Message);
    }

    [Fact]
    public async Task Common_problems_offer_what_patrols_reported_and_the_usual_street_problems()
    {
        (double lon, double lat) = await JiangningPointAsync();
        for (int i = 0; i < 12; i++)
        {
            Assert.IsType<Outcome<CaseSummary>.Done>(await ReportAsync(Patrol($"夜间施工噪声 {i}", lon, lat, "event:0306"), Photo($"night-{i}.jpg", lon, lat)));
        }
        ReportChoices choices = await app.AsConsoleUserAsync("jnl.officer", Roles.StreetTeamOfficer, sp => sp.GetRequiredService<CaseQueries>().ReportChoicesAsync(default));
        IReadOnlyList<CategoryChoice> common = choices.Common;
        Assert.Equal(6, common.Count);
        Assert.Contains(common, c => c.Code == "event:0306" && c.Name == "违规夜间施工");
        Assert.Equal(common.Count, common.Select(c => c.Code).Distinct().Count());
    }
}

public sealed class CaseReportTestsOnSqlite(SqliteApp app) : CaseReportTests(app);

public sealed class CaseReportTestsOnPostgres(PostgresApp app) : CaseReportTests(app);

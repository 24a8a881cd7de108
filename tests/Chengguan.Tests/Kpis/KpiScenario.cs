using System.Net;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Hotline;
using Chengguan.Identity;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Kpis;

/// <summary>
/// A known set of cases driven through the real API on a moving clock (Shanghai times):
/// <code>
/// 江宁路 hotline
///   A0  30 Apr received 10:00, accepted 10:05, on site 10:30, preliminary 11:00 (all April); never replied:
///       handling (5 working days) breached at 7 May 17:30
///   H1  12 May received 09:00, accepted 09:10, on site 10:10, preliminary 10:30, handled 11:00, replied 11:10,
///       callback 满意 + 已解决 11:20 → closed, every clock met
///   H2  received 09:00, accepted 09:30 (accept breached), on site 12:00 (on site breached), preliminary 12:10,
///       handled 12:20, replied 12:30, reply returned 12:40, replied 12:50, callback 不满意 13:00 (re-handle),
///       handled 13:10, replied 13:20 (handling met), callback 基本满意 + 已解决 13:30 → closed
///   H3  consultation received 10:00, accepted 10:05, handled 11:00 (on site cancelled, preliminary met),
///       replied 14 May 10:00 (handling, due 13 May 17:30, breached), callback 满意 + 已解决 → closed
///   H4  help received 10:00, never accepted: accept breached, recorded by the sweep at 10:40
///   H5  complaint received 14 May 10:00, never accepted: accept past due at 11:00, not yet swept
/// 江宁路 grid
///   G0  patrol, reported and verified 30 Apr, filed 12 May 09:00
///   G1  patrol, reported 10:00, filed and dispatched 10:15, fed back 11:30, rework 11:40, fed back 11:50 (disposal met), closed
///   G2  grid inspector, reported 10:00, filed and dispatched 10:15, fed back 14 May 10:10 (disposal, due 15:15, breached)
///   G3  residents' committee, reported 10:00, never filed
///   G4  media, reported 10:00, filed 10:15
/// 石门二路 hotline
///   S1  received 12 May 09:00, accepted 09:05; on site and preliminary never recorded (both past due at the end)
/// </code>
/// The scenario ends on Wednesday 14 May 2031, 11:00.
/// </summary>
public sealed class KpiScenario
{
    public const string Jiangning = "310106006";
    public const string Shimen = "310106011";
    public const string May = "from=2031-05-01&to=2031-05-31";

    private readonly KpiApp _app;
    private readonly Dictionary<string, Guid> _cases = [];
    private HttpClient _platform = null!;

    private KpiScenario(KpiApp app) => _app = app;

    public IReadOnlyDictionary<string, Guid> Cases => _cases;
    public Guid JiangningId { get; private set; }
    public Guid ShimenId { get; private set; }

    public string NameOf(Guid caseId) => _cases.Single(kv => kv.Value == caseId).Key;

    internal static async Task<KpiScenario> BuildAsync(KpiApp app)
    {
        var s = new KpiScenario(app);
        await s.RunAsync();
        return s;
    }

    private async Task RunAsync()
    {
        HttpClient admin = await _app.ClientFor("admin");
        CreatedApiKey key = await (await admin.PostJson("/api/api-keys", new { name = "12345 平台（指标测试）", integration = "hotline" })).OkJson<CreatedApiKey>(HttpStatusCode.Created);
        _platform = _app.Anonymous();
        _platform.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        HttpClient officer = await _app.ClientFor("jnl.officer");
        HttpClient leader = await _app.ClientFor("jnl.leader");
        HttpClient shimen = await _app.ClientFor("smel.officer");
        HttpClient dispatcher = await _app.ClientFor("dispatcher");
        HttpClient supervisor = await _app.ClientFor("supervisor");
        (JiangningId, ShimenId, Guid team) = await _app.WithDbAsync(async db => (
            await db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == Shimen).Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == Jiangning + "-ZD").Select(u => u.Id).SingleAsync()));
        var file = new { categoryCode = "event:0102", conditionCode = "01" };
        var dispatch = new { unitId = team };

        At(4, 30, 10, 0);
        await Receive("A0", Jiangning, "Complaint");
        At(4, 30, 10, 5);
        await Act("A0", officer, "accept");
        At(4, 30, 10, 10);
        await Report("G0", officer, "Patrol");
        At(4, 30, 10, 15);
        await Act("G0", supervisor, "verify", new { result = "属实" });
        At(4, 30, 10, 30);
        await CheckIn("A0", officer);
        At(4, 30, 11, 0);
        await Act("A0", officer, "recordPreliminary", new { result = "已责令整改" });

        At(5, 12, 9, 0);
        await Receive("H1", Jiangning, "Complaint");
        await Receive("H2", Jiangning, "Complaint");
        await Receive("S1", Shimen, "Complaint");
        await Act("G0", dispatcher, "file", file);
        At(5, 12, 9, 5);
        await Act("S1", shimen, "accept");
        At(5, 12, 9, 10);
        await Act("H1", officer, "accept");
        At(5, 12, 9, 30);
        await Act("H2", officer, "accept");
        At(5, 12, 10, 0);
        await Receive("H3", Jiangning, "Consultation");
        await Receive("H4", Jiangning, "Help");
        await Report("G1", officer, "Patrol");
        await Report("G2", supervisor, "GridInspector");
        await Report("G3", officer, "ResidentsCommittee");
        await Report("G4", dispatcher, "Media");
        At(5, 12, 10, 5);
        await Act("H3", officer, "accept");
        At(5, 12, 10, 10);
        await CheckIn("H1", officer);
        At(5, 12, 10, 15);
        foreach (string g in new[] { "G1", "G2", "G4" })
        {
            await Act(g, supervisor, "verify", new { result = "属实" });
            await Act(g, dispatcher, "file", file);
        }
        await Act("G1", dispatcher, "dispatch", dispatch);
        await Act("G2", dispatcher, "dispatch", dispatch);
        At(5, 12, 10, 30);
        await Act("H1", officer, "recordPreliminary", new { result = "已到场" });
        At(5, 12, 10, 40);
        await _app.Services.GetRequiredService<ClockSweeper>().SweepAsync(default);
        At(5, 12, 11, 0);
        await Act("H1", officer, "handle", new { result = "已处理" });
        await Act("H3", officer, "handle", new { result = "已电话解答" });
        await Act("G1", officer, "handle", new { result = "已清运" });
        At(5, 12, 11, 10);
        await Reply("H1", leader);
        At(5, 12, 11, 20);
        await Platform("H1", "callback", new { satisfaction = "Satisfied", resolved = true });
        At(5, 12, 11, 30);
        await Act("G1", officer, "feedBack", new { result = "已清理" });
        At(5, 12, 11, 40);
        await Act("G1", supervisor, "rework", new { reason = "仍有残留" });
        At(5, 12, 11, 45);
        await Act("G1", officer, "handle", new { result = "残留已清除" });
        At(5, 12, 11, 50);
        await Act("G1", officer, "feedBack", new { result = "已清理完毕" });
        At(5, 12, 11, 55);
        await Act("G1", supervisor, "check", new { result = "核查通过" });
        await Act("G1", dispatcher, "close");
        At(5, 12, 12, 0);
        await CheckIn("H2", officer);
        At(5, 12, 12, 10);
        await Act("H2", officer, "recordPreliminary", new { result = "已到场" });
        At(5, 12, 12, 20);
        await Act("H2", officer, "handle", new { result = "已处理" });
        At(5, 12, 12, 30);
        await Reply("H2", leader);
        At(5, 12, 12, 40);
        await Platform("H2", "replyReturned", new { reason = "答复未说明法律依据" });
        At(5, 12, 12, 50);
        await Reply("H2", leader);
        At(5, 12, 13, 0);
        await Platform("H2", "callback", new { satisfaction = "Dissatisfied", resolved = false, reason = "问题没解决" });
        At(5, 12, 13, 10);
        await Act("H2", officer, "handle", new { result = "再次处理" });
        At(5, 12, 13, 20);
        await Reply("H2", leader);
        At(5, 12, 13, 30);
        await Platform("H2", "callback", new { satisfaction = "BasicallySatisfied", resolved = true });

        At(5, 14, 10, 0);
        await Reply("H3", dispatcher);
        await Receive("H5", Jiangning, "Complaint");
        await Act("G2", officer, "handle", new { result = "已清运" });
        At(5, 14, 10, 5);
        await Platform("H3", "callback", new { satisfaction = "Satisfied", resolved = true });
        At(5, 14, 10, 10);
        await Act("G2", officer, "feedBack", new { result = "已清理" });
        At(5, 14, 11, 0);
    }

    /// <summary>
    /// Moves the clock without firing timers: the sweeper runs only when the scenario calls it, and
    /// the background loops (grid refresh, outbox) would otherwise replay every 5-second tick of two weeks.
    /// </summary>
    private void At(int month, int day, int hour, int minute) =>
        _app.Clock.AdjustTime(new DateTimeOffset(2031, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    private Task<(double Lon, double Lat)> PointIn(string street) => _app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith(street)).OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private async Task Receive(string name, string street, string requestType)
    {
        (double lon, double lat) = await PointIn(street);
        HotlineOrderReceipt receipt = await (await _platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = $"KPI-{name}-{Guid.NewGuid():N}"[..24], requestType, description = $"指标测试工单 {name}", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        _cases[name] = receipt.CaseId;
    }

    private async Task Report(string name, HttpClient who, string channel)
    {
        (double lon, double lat) = await PointIn(Jiangning);
        CaseDetail c = await (await who.PostJson("/api/cases", new { channel, description = $"指标测试案件 {name}", lon, lat, categoryCode = "event:0102" }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);
        _cases[name] = c.Case.Id;
    }

    private async Task Act(string name, HttpClient who, string action, object? body = null) =>
        await (await who.PostJson($"/api/cases/{_cases[name]}/actions/{action}", body ?? new { })).OkJson<CaseDetail>();

    private Task Platform(string name, string action, object body) => Act(name, _platform, action, body);

    private async Task CheckIn(string name, HttpClient who)
    {
        Guid id = _cases[name];
        (double lon, double lat) = await _app.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => new ValueTuple<double, double>(c.Lon!.Value, c.Lat!.Value)).SingleAsync());
        var photo = await (await who.PostAsync($"/api/cases/{id}/evidence", Chengguan.Tests.Evidence.EvidenceApiTests.Upload(
            TestImages.JpegWithExif(new DateTime(2031, 5, 1, 9, 0, 0), lat, lon), "scene.jpg", "CheckIn"))).OkJson<Chengguan.Evidence.EvidenceDto>(HttpStatusCode.Created);
        await Act(name, who, "checkIn", new { location = new { lon, lat }, photos = new[] { photo.Id } });
    }

    private Task Reply(string name, HttpClient who) => Act(name, who, "reply", new
    {
        reply = "经核查已依法处理。",
        checklist = new { factsFound = "属实", actionTaken = "责令改正", legalBasis = "《上海市市容环境卫生管理条例》", result = "已整改", citizenContacted = true },
    });
}

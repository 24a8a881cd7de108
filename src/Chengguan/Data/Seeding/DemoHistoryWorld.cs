using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Clocks.Calendar;
using Chengguan.Evidence;
using NetTopologySuite.Geometries;

namespace Chengguan.Data.Seeding;

/// <summary>
/// A demo street as the history sees it: its grids, its team and squad, its people, how often it misses a limit, and the accounts its
/// team's people act under (name → account id), which their timeline lines carry as the actor id, as live moves do.
/// </summary>
internal sealed record DemoStreetRef(Guid Id, string Name, Guid Team, Guid Squad, string LeaderName, string[] Officers, double Lateness, string[] Roads)
{
    public List<DemoGridRef> Grids { get; } = [];
    public Dictionary<string, string> Accounts { get; } = new(StringComparer.Ordinal);
}

internal sealed record DemoGridRef(Guid Id, string Code, Guid CommunityId, Polygon Boundary);

internal sealed record DemoCategory(string Code, string Kind, string Big, string Small, string Condition, string DisposalPolicy, int Weight);

/// <summary>A case made so far and when it stops being open (merge candidates must still be open).</summary>
internal sealed record DemoHistoryCase(Case Case, DateTimeOffset OpenUntil);

/// <summary>The reference data the history draws on, and the rows it collects (evidence) besides the stories.</summary>
internal sealed class DemoHistoryWorld(
    IReadOnlyList<DemoStreetRef> streets, IReadOnlyList<DemoCategory> categories, IReadOnlyDictionary<string, ClockPolicy> policies,
    Guid calendarVersionId, WorkingCalendar calendar, IReadOnlyList<StoredFile> photos, string dispatcher, string supervisor, DemoHistoryIds ids)
{
    private readonly int _weights = categories.Sum(c => c.Weight);

    public IReadOnlyList<DemoStreetRef> Streets => streets;
    public WorkingCalendar Calendar => calendar;
    public DemoHistoryIds Ids => ids;
    public string Dispatcher => dispatcher;
    public string Supervisor => supervisor;
    public List<EvidenceItem> Evidence { get; } = [];

    public DemoCategory PickCategory(Random random)
    {
        int w = random.Next(_weights);
        foreach (DemoCategory c in categories)
        {
            if ((w -= c.Weight) < 0)
            {
                return c;
            }
        }
        return categories[^1];
    }

    public string CategoryLabel(Case c) =>
        categories.FirstOrDefault(x => x.Code == c.CategoryCode) is { } k ? $"{k.Small}：{k.Condition}" : c.CategoryCode ?? "";

    public string OfficerOf(DemoStreetRef street, Random random) => street.Officers[random.Next(street.Officers.Length)];

    public DemoHistoryClock? Clock(string code, Case c, DateTimeOffset at, string? actor) =>
        policies.TryGetValue(code, out ClockPolicy? policy) ? new DemoHistoryClock(policy, calendarVersionId, calendar, c.Id, c.UnitId, at, actor, ids) : null;

    private static readonly string[] s_results =
    [
        "已责令当事人立即整改，现场已恢复整洁", "已对占道物品进行清理，并对经营者进行教育", "已联系物业协同处置，问题已解决", "已依法予以查处，现场已整改到位",
        "经现场核实，已督促责任单位落实清运", "已约谈当事人并签署承诺书，后续加强巡查", "已拆除违规设施，现场复查无反弹", "已告知市民相关政策规定并做好解释工作",
    ];

    public string Result(Random random) => s_results[random.Next(s_results.Length)];

    /// <summary>An evidence row for the case pointing at one of the stored demo photos (content-addressed, so one file serves many rows).</summary>
    public Guid Photo(Case c, EvidencePurpose purpose, DateTimeOffset at, Random random)
    {
        if (photos.Count == 0)
        {
            return Guid.Empty;
        }
        StoredFile f = photos[random.Next(photos.Count)];
        var item = new EvidenceItem
        {
            Id = ids.Next(at), SubjectType = CaseIntake.SubjectType, SubjectId = c.Id, Kind = f.Kind, Purpose = purpose, ContentType = f.ContentType,
            Sha256 = f.Sha256, PublicSha256 = f.PublicSha256, Size = f.Size, FileName = $"现场照片{Evidence.Count % 1000:D3}.png",
            TakenAt = at, Lon = c.Lon, Lat = c.Lat, UploadedAt = at, UploadedBy = "演示数据",
        };
        Evidence.Add(item);
        return item.Id;
    }
}

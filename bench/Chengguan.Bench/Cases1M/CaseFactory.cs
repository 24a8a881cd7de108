using System.Globalization;
using Chengguan.Cases;
using Chengguan.Cases.Search;
using Chengguan.Clocks;

namespace Chengguan.Bench.Cases1M;

internal sealed record GridRef(Guid Id, string Code, Guid CommunityId, Guid StreetId, Guid UnitId, double Lon, double Lat);

internal sealed record CategoryRef(string Code, string ConditionCode, CategoryNames Names, string DisposalPolicy, int Weight);

internal sealed record Reference(IReadOnlyList<GridRef> Grids, IReadOnlyList<CategoryRef> Categories, IReadOnlyDictionary<string, Guid> Policies, Guid CalendarId);

internal sealed record Batch(List<Case> Cases, List<CaseEvent> Events, List<Clock> Clocks, List<CaseSearchDocument> Documents);

/// <summary>
/// Cases as the district would have them after a year: the demo district's grids, the category
/// dictionary weighted toward the common street problems, hotline and grid channels, most cases
/// closed with their timeline and clocks, the last weeks still open. Deterministic for a seed.
/// </summary>
internal sealed class CaseFactory(Reference reference, DateTimeOffset end, int total, int seed = 20260101)
{
    public static readonly string[] Roads =
    [
        "江宁路", "西康路", "昌平路", "武定路", "康定路", "新闸路", "北京西路", "南京西路", "延安中路", "石门二路", "泰兴路", "大田路",
        "常德路", "胶州路", "余姚路", "长寿路", "万航渡路", "愚园路", "乌鲁木齐北路", "华山路", "铜仁路", "陕西北路", "威海路", "凤阳路",
        "共和新路", "大宁路", "广中西路", "灵石路", "平型关路", "保德路", "临汾路", "汾西路", "场中路", "彭江路", "交城路", "沪太路",
        "中华新路", "天目西路", "恒丰路", "西藏北路", "宝山路", "海宁路", "芷江西路", "永和路", "阳曲路", "洛川中路", "岭南路", "三泉路",
    ];

    private static readonly string[] Openings = ["市民来电反映", "市民反映", "巡查发现", "网格监督员上报", "居民投诉", "群众举报", "现场发现", "有人反映"];

    private static readonly string[] Places = ["小区门口", "人行道上", "路口", "公交站旁", "菜场附近", "学校门口", "弄堂口", "绿化带内", "沿街商铺前", "地铁站出口"];

    private static readonly string[] Details =
    [
        "影响行人通行", "已持续多日", "夜间尤为严重", "存在安全隐患", "周边居民意见很大", "多次反映未解决", "影响市容环境", "早晚高峰时段突出",
        "请尽快处理", "要求相关部门到场核实", "气味难闻", "占用盲道", "堵塞消防通道", "噪音扰民", "有积水", "垃圾散落一地",
    ];

    private readonly Random _random = new(seed);
    private readonly int[] _sequence = new int[2200];
    private readonly int _weightTotal = reference.Categories.Sum(c => c.Weight);
    private int _made;

    public IEnumerable<(int Year, int Last)> Sequences =>
        _sequence.Select((last, i) => (Year: 2000 + i, Last: last)).Where(s => s.Last > 0);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private CategoryRef PickCategory()
    {
        int w = _random.Next(_weightTotal);
        foreach (CategoryRef c in reference.Categories)
        {
            if ((w -= c.Weight) < 0)
            {
                return c;
            }
        }
        return reference.Categories[^1];
    }

    private static readonly (CaseChannel Channel, int Weight)[] Channels =
    [
        (CaseChannel.Hotline12345, 40), (CaseChannel.Hotline12319, 5), (CaseChannel.Patrol, 20), (CaseChannel.GridInspector, 25),
        (CaseChannel.ResidentsCommittee, 5), (CaseChannel.Open311, 2), (CaseChannel.Media, 1), (CaseChannel.LeadershipInstruction, 1), (CaseChannel.Other, 1),
    ];

    public Batch Next(int count)
    {
        var batch = new Batch(new(count), new(count * 6), new(count * 2), new(count));
        for (int i = 0; i < count && _made < total; i++, _made++)
        {
            Make(batch);
        }
        return batch;
    }

    private void Make(Batch b)
    {
        // Report times spread evenly over the year before `end`, in arrival order with jitter.
        double position = (_made + _random.NextDouble()) / total;
        DateTimeOffset reported = end.AddDays(-365 + 365 * position).AddSeconds(-_random.Next(3600));
        int w = _random.Next(100);
        CaseChannel channel = Channels.First(c => (w -= c.Weight) < 0).Channel;
        bool hotline = channel is CaseChannel.Hotline12345 or CaseChannel.Hotline12319;
        GridRef grid = Pick(reference.Grids);
        CategoryRef category = PickCategory();
        string road = Pick(Roads);
        int houseNumber = _random.Next(1, 1500);
        int year = reported.ToOffset(TimeSpan.FromHours(8)).Year;
        int seq = ++_sequence[year - 2000];
        var c = new Case
        {
            Id = Guid.CreateVersion7(reported),
            Number = string.Create(CultureInfo.InvariantCulture, $"JA-{year:D4}-{seq:D6}"),
            Route = hotline ? CaseRoute.Hotline : CaseRoute.Grid,
            Channel = channel,
            ExternalNumber = hotline ? string.Create(CultureInfo.InvariantCulture, $"GD{reported:yyyyMMdd}{_made:D7}") : null,
            RequestType = hotline ? (RequestType)(_random.Next(20) switch { < 10 => 2, < 14 => 1, < 17 => 0, < 19 => 4, _ => 3 }) : null,
            Urgency = _random.Next(100) switch { < 90 => Urgency.Normal, < 99 => Urgency.Urgent, _ => Urgency.Critical },
            CategoryCode = category.Code,
            ConditionCode = category.ConditionCode,
            Description = $"{Pick(Openings)}{road}{houseNumber}号{Pick(Places)}{category.Names.Small}，{Pick(Details)}，{Pick(Details)}",
            Address = string.Create(CultureInfo.InvariantCulture, $"{road}{houseNumber}号"),
            Lon = grid.Lon + (_random.NextDouble() - 0.5) * 0.001,
            Lat = grid.Lat + (_random.NextDouble() - 0.5) * 0.001,
            GridId = grid.Id, GridCode = grid.Code, CommunityId = grid.CommunityId, StreetId = grid.StreetId, UnitId = grid.UnitId,
            Tags = _random.Next(10) == 0 ? "重复投诉" : "",
            ReportedAt = reported,
            UpdatedAt = reported,
            Version = 1,
        };
        c.HandlingPolicy = hotline ? (c.RequestType is RequestType.Consultation or RequestType.Suggestion ? ClockPolicies.HotlineHandlingConsult : ClockPolicies.HotlineHandlingGeneral) : null;
        c.DisposalPolicy = category.DisposalPolicy;
        // About one hotline order in 31 was returned as outside city management, naming the department that answers for it
        // (the district report counts them per department). Chosen by the running count, not the shared random draw,
        // so everything else is generated as before.
        if (hotline && _made % 31 == 0)
        {
            (c.DepartmentCode, c.DepartmentAt) = (CaseDepartments.Defaults[_made / 31 % CaseDepartments.Defaults.Length].Code, reported.AddMinutes(30));
        }
        b.Cases.Add(c);
        b.Documents.Add(new CaseSearchDocument { CaseId = c.Id, Text = CaseSearchIndexer.DocumentFor(c, category.Names) });
        Timeline.Write(c, hotline, end, _random, b, reference);
    }
}

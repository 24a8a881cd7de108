using System.Net;
using Chengguan.Cases;
using Chengguan.Cases.Search;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Tests.Cases;

/// <summary>Free-text case search over HTTP on each engine's full-text index, with filters, scope and paging.</summary>
public abstract class CaseSearchApiTests(ChengguanApp app)
{
    private const string Jiangning = "310106006";
    private const string Shimen = "310106011";

    private static readonly HashSet<char> s_used = [];

    /// <summary>
    /// Four rarely used ideographs (CJK Extension A), none used by an earlier marker of this run, so
    /// that no other test's case shares a character with them.
    /// </summary>
    private static string Marker()
    {
        lock (s_used)
        {
            var chars = new List<char>();
            while (chars.Count < 4)
            {
                char c = (char)Random.Shared.Next(0x3400, 0x4DB5);
                if (s_used.Add(c))
                {
                    chars.Add(c);
                }
            }
            return new string([.. chars]);
        }
    }

    private Task<(double Lon, double Lat)> PointInAsync(string street) => app.WithDbAsync(db =>
        db.Grids.Where(g => g.Code.StartsWith(street)).OrderBy(g => g.Code).Select(g => new ValueTuple<double, double>(g.CentroidLon, g.CentroidLat)).FirstAsync());

    private async Task<CaseSummary> ReportAsync(HttpClient supervisor, string street, string description, string? address = null, string? categoryCode = null, string channel = "GridInspector")
    {
        (double lon, double lat) = await PointInAsync(street);
        CaseDetail detail = await (await supervisor.PostJson("/api/cases", new { channel, description, address, lon, lat, categoryCode, tags = new[] { "巡查" } }))
            .OkJson<CaseDetail>(HttpStatusCode.Created);
        return detail.Case;
    }

    private static async Task<List<string>> FindAsync(HttpClient client, string query) =>
        [.. (await (await client.GetAsync("/api/cases?" + query)).OkJson<Page<CaseSummary>>()).Items.Select(c => c.Description)];

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Fact]
    public async Task Text_search_finds_every_term_in_any_order_across_number_category_description_and_address()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        string m = Marker();
        CaseSummary cover = await ReportAsync(supervisor, Jiangning, m + "井盖缺失，行人易跌落", "江宁路100号", "component:0101");
        await ReportAsync(supervisor, Jiangning, m + "门口占道经营", "西康路8弄");
        await ReportAsync(supervisor, Shimen, "夜间施工噪音" + m, null, null, "Patrol");

        Assert.Equal(3, (await FindAsync(dispatcher, Q(m))).Count);
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q(m + "井盖")));
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q("缺失 井盖 " + m)));
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q("江宁路 " + m)));
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q(m + " 上水井盖 公用设施")));
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q(cover.Number)));
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q(cover.Number.ToLowerInvariant() + " " + m)));
        Assert.Equal([cover.Description], await FindAsync(dispatcher, Q(m + " 巡查 井盖")));
        Assert.Empty(await FindAsync(dispatcher, Q(m + "井盖占道")));
        Assert.Empty(await FindAsync(dispatcher, Q(m + " 不存在")));
        Assert.Empty(await FindAsync(dispatcher, Q(m[..2] + "张三")));
    }

    [Fact]
    public async Task A_single_character_matches_wherever_it_stands_and_words_match_as_prefixes()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        string m = Marker();
        string first = m[..1], last = m[^1..];
        CaseSummary one = await ReportAsync(supervisor, Jiangning, "路面破损 " + m + " 编号XK2025A17");
        Assert.Equal([one.Description], await FindAsync(dispatcher, Q(first)));
        Assert.Equal([one.Description], await FindAsync(dispatcher, Q(last)));
        Assert.Equal([one.Description], await FindAsync(dispatcher, Q(last + " xk2025")));
        Assert.Equal([one.Description], await FindAsync(dispatcher, Q(first + " ＸＫ２０２５Ａ１７")));
        Assert.Empty(await FindAsync(dispatcher, Q(first + " 2025a17")));
        Assert.Empty(await FindAsync(dispatcher, Q(last + first)));
    }

    [Fact]
    public async Task Text_search_combines_with_filters_scope_and_the_cursor()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        string m = Marker();
        for (int i = 0; i < 3; i++)
        {
            await ReportAsync(supervisor, Jiangning, $"{m}乱堆物料 第{i}处");
        }
        await ReportAsync(supervisor, Shimen, m + "乱堆物料 石门", null, null, "Patrol");
        Guid jiangning = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).SingleAsync());

        Assert.Single(await FindAsync(dispatcher, Q(m) + "&channel=Patrol"));
        Assert.Equal(3, (await FindAsync(dispatcher, Q(m) + "&street=" + jiangning)).Count);
        Assert.Equal(4, (await FindAsync(dispatcher, Q(m) + "&state=Reported&from=2000-01-01T00:00:00Z")).Count);
        Assert.Empty(await FindAsync(dispatcher, Q(m) + "&state=Closed"));

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await (await dispatcher.GetAsync($"/api/cases?{Q(m)}&limit=1{(after is null ? "" : "&after=" + after)}")).OkJson<Page<CaseSummary>>();
            seen.AddRange(page.Items.Select(c => c.Id));
            after = page.Next;
        }
        while (after is not null && seen.Count < 10);
        Assert.Equal(4, seen.Distinct().Count());

        // An officer of 石门二路 sees only his street's case; the others are outside his scope.
        Assert.Equal([m + "乱堆物料 石门"], await FindAsync(await app.ClientFor("smel.officer"), Q(m)));
        Assert.Equal(3, (await FindAsync(await app.ClientFor("jnl.officer"), Q(m))).Count);
    }

    [Fact]
    public async Task Filing_under_a_category_makes_its_name_searchable()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor");
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        string m = Marker();
        CaseSummary c = await ReportAsync(supervisor, Jiangning, m + "屋顶加盖");
        Assert.Empty(await FindAsync(dispatcher, Q(m + " 私搭乱建")));
        await (await supervisor.PostJson($"/api/cases/{c.Id}/actions/verify", new { result = "现场核实属实" })).OkJson<CaseDetail>();
        await (await dispatcher.PostJson($"/api/cases/{c.Id}/actions/file", new { categoryCode = "event:0101", conditionCode = "01" })).OkJson<CaseDetail>();
        Assert.Equal([c.Description], await FindAsync(dispatcher, Q(m + " 私搭乱建")));
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseSearchDocuments.CountAsync(d => d.CaseId == c.Id)));
    }

    [Fact]
    public async Task A_query_without_letters_or_digits_is_a_field_error()
    {
        app.RequireAvailable();
        HttpClient dispatcher = await app.ClientFor("dispatcher");
        var problem = await (await dispatcher.GetAsync("/api/cases?" + Q("！？ ——"))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("q"));
        problem = await (await dispatcher.GetAsync("/api/cases?" + Q(new string('路', 101)))).Problem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("q"));
    }

    [Fact]
    public async Task The_index_list_plan_and_the_newest_first_walk_return_the_same_rows()
    {
        app.RequireAvailable();
        HttpClient supervisor = await app.ClientFor("supervisor");
        string m = Marker();
        for (int i = 0; i < 5; i++)
        {
            await ReportAsync(supervisor, i % 2 == 0 ? Jiangning : Shimen, $"{m}第{i}号 " + (i < 3 ? "共享单车乱停" : "垃圾满溢"));
        }
        foreach (string query in new[] { m, m + " 单车", "共享单车 " + m[..1], m[^1..] + " 垃圾" })
        {
            IReadOnlyList<SearchTerm> terms = SearchText.Query(query);
            async Task<List<Guid>> Run(int listLimit) => await app.WithDbAsync(async db =>
            {
                IQueryable<Case> q = await CaseTextSearch.ApplyAsync(db.Cases.AsNoTracking(), terms, db, listLimit, CancellationToken.None);
                return await q.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToListAsync();
            });
            List<Guid> listed = await Run(CaseTextSearch.ListLimit), walked = await Run(0);
            Assert.NotEmpty(listed);
            Assert.Equal(listed, walked);
        }
    }
}

public sealed class CaseSearchApiTestsOnSqlite(SqliteApp app) : CaseSearchApiTests(app);

public sealed class CaseSearchApiTestsOnPostgres(PostgresApp app) : CaseSearchApiTests(app);

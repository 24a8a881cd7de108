using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Demolition;
using Chengguan.Demolition.Briefings;
using Chengguan.Hotline;
using Chengguan.Notifications;
using Chengguan.Tests.Demolition;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chengguan.Tests.Notifications;

/// <summary>
/// The subject types the code starts clocks on, read from the source: every call
/// <c>….StartAsync(subjectType, subjectId, …)</c> in src/Chengguan, its first argument a string
/// literal or a constant (<c>CaseIntake.SubjectType</c>, or a constant of the file's own class).
/// </summary>
public static partial class ClockedSubjects
{
    public static IReadOnlyDictionary<string, string> FromSource()
    {
        string root = Path.Combine(Repository.Root(), "src", "Chengguan");
        Type[] types = typeof(ClockService).Assembly.GetTypes();
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var unresolved = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}")
            && !f.Contains($"{Path.DirectorySeparatorChar}CompiledModels{Path.DirectorySeparatorChar}")))
        {
            string text = File.ReadAllText(file);
            string[] declared = [.. Declarations().Matches(text).Select(m => m.Groups[1].Value)];
            foreach (Match call in Starts().Matches(text))
            {
                string argument = call.Groups[1].Value;
                string where = $"{Path.GetRelativePath(root, file)}: {argument}";
                string? subject = argument.StartsWith('"') ? argument.Trim('"') : Constant(types, declared, argument);
                if (subject is null)
                {
                    unresolved.Add(where);
                }
                else
                {
                    found.TryAdd(subject, where);
                }
            }
        }
        Assert.True(unresolved.Count == 0, "a clock's subject type that is neither a literal nor a constant: " + string.Join("; ", unresolved));
        return found;
    }

    private static string? Constant(Type[] types, string[] declaredInFile, string expression)
    {
        int dot = expression.LastIndexOf('.');
        string field = expression[(dot + 1)..];
        string[] owners = dot < 0 ? declaredInFile : [expression[..dot].Split('.')[^1]];
        return types.Where(t => owners.Contains(t.Name))
            .Select(t => t.GetField(field, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .FirstOrDefault(f => f is { IsLiteral: true } && f.FieldType == typeof(string))?.GetRawConstantValue() as string;
    }

    // Any StartAsync with at least two arguments; in src/Chengguan only ClockService.StartAsync(subjectType, subjectId, …) takes more than one.
    [GeneratedRegex(@"\.StartAsync\(\s*([A-Za-z_][\w.]*|""[^""]*"")\s*,")]
    private static partial Regex Starts();

    [GeneratedRegex(@"\b(?:class|record|struct)\s+(\w+)")]
    private static partial Regex Declarations();
}

/// <summary>
/// Every subject type a clock runs on has a console link from its owner, and a clock notification
/// about each of them opens, for every person it was sent to, the page that shows the subject.
/// </summary>
public abstract class SubjectLinkTests<TApp>(TApp app) where TApp : DemolitionApp
{
    private const string Jiangning = "310106006";

    /// <summary>For each subject type, a real subject with a running clock, and the markup its page shows of it.</summary>
    private Dictionary<string, Func<Task<(Guid Id, string Shows)>>> Scenarios => new()
    {
        [CaseIntake.SubjectType] = NewHotlineCaseAsync,
        [DemolitionProcedure.SubjectType] = NewOrderedLedgerItemAsync,
        [Interviews.CommitmentSubject] = NewCommitmentAsync,
        [Chengguan.Rectification.RectificationProcedure.SubjectType] = NewRectificationItemAsync,
        [Chengguan.Directives.DirectiveProcedure.SubjectType] = NewDirectiveAsync,
    };

    private static readonly string[] s_subjectTypes = [CaseIntake.SubjectType, DemolitionProcedure.SubjectType, Interviews.CommitmentSubject, Chengguan.Rectification.RectificationProcedure.SubjectType,
        Chengguan.Directives.DirectiveProcedure.SubjectType];

    public static TheoryData<string> SubjectTypes => new(s_subjectTypes);

    [Fact]
    public void Every_subject_type_that_runs_a_clock_has_a_console_link_and_a_scenario_here()
    {
        app.RequireAvailable();
        IReadOnlyDictionary<string, string> used = ClockedSubjects.FromSource();
        // The scan itself must find what is known to be there, or it proves nothing.
        Assert.Superset(new HashSet<string> { CaseIntake.SubjectType, DemolitionProcedure.SubjectType, Interviews.CommitmentSubject }, used.Keys.ToHashSet());
        SubjectLinks links = app.Services.GetRequiredService<SubjectLinks>();
        Assert.All(used, u => Assert.True(links.SubjectTypes.Contains(u.Key), $"no console link is registered for subject type '{u.Key}' ({u.Value})"));
        Assert.All(used, u => Assert.True(Scenarios.ContainsKey(u.Key) && s_subjectTypes.Contains(u.Key), $"subject type '{u.Key}' ({u.Value}) has no scenario here"));
    }

    [Theory]
    [MemberData(nameof(SubjectTypes))]
    public async Task A_clock_notification_opens_the_subjects_page_for_everyone_it_was_sent_to(string subjectType)
    {
        app.RequireAvailable();
        (Guid id, string shows) = await Scenarios[subjectType]();
        string link = app.Services.GetRequiredService<SubjectLinks>().For(subjectType, id)!;
        Assert.NotNull(link);

        app.Clock.Advance(TimeSpan.FromDays(4));
        await app.Services.GetRequiredService<ClockSweeper>().SweepAsync(default);
        OutboxDispatcher dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchAsync(default) > 0)
        {
        }

        var sent = await app.WithDbAsync(db => db.Notifications.Where(n => n.Link == link)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { n.Topic, u.UserName, SignsIn = u.PasswordHash != null }).ToListAsync());
        Assert.Contains(sent, n => n.Topic == ClockSweeper.TopicPrefix + ClockService.Breach);
        // The demo's street-team officers' handset accounts have no password (nobody can sign in as them here); every
        // recipient who can sign in must reach the page.
        Assert.Contains(sent, n => n.SignsIn);
        foreach (string user in sent.Where(n => n.SignsIn).Select(n => n.UserName!).Distinct())
        {
            HttpClient console = await app.SignInWithCookieAsync(user);
            HttpResponseMessage page = await console.GetAsync(link);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{user} opening {link}: {(int)page.StatusCode}");
            string html = await page.Content.ReadAsStringAsync();
            Assert.True(html.Contains(shows, StringComparison.Ordinal),
                $"{user} opening {link} does not see {shows}; sent: {string.Join(", ", sent.Select(n => $"{n.UserName} {n.Topic}"))}");
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private Task<(double Lon, double Lat)> PointInJiangningAsync() => app.WithDbAsync(async db =>
    {
        var g = await db.Grids.Where(x => x.Street!.Code == Jiangning).OrderBy(x => x.Code).Select(x => x.Boundary).FirstAsync();
        return (g.InteriorPoint.X, g.InteriorPoint.Y);
    });

    private async Task<(Guid, string)> NewHotlineCaseAsync()
    {
        (double lon, double lat) = await PointInJiangningAsync();
        HttpClient platform = await app.HotlinePlatformAsync();
        HotlineOrderReceipt order = await (await platform.PostJson("/api/hotline/orders", new
        {
            channel = "12345", orderNumber = "GD" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), requestType = "Complaint",
            description = "江宁路某小区门口占道经营，影响通行", address = "江宁路 100 号", lon, lat,
        })).OkJson<HotlineOrderReceipt>(HttpStatusCode.Created);
        return (order.CaseId, $"data-case=\"{order.CaseNumber}\"");
    }

    // Filed by street, without a point: the street team then owns the clocks. Filed at a point, the item's unit is the grid's
    // first responsible unit, in the seeded district a district squad, whose members are notified but cannot see the item
    // (the ledger is scoped by street): a Demolition routing question this test does not settle.
    private async Task<(Guid, string)> NewOrderedLedgerItemAsync()
    {
        Guid street = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).SingleAsync());
        HttpClient officer = await app.ClientFor("jnl.officer"), leader = await app.ClientFor("jnl.leader");
        LedgerItemDetail item = await (await officer.PostJson("/api/demolition/items", new
        {
            address = "昌平路 9 号屋顶", kind = "Rooftop", area = 20.5, source = "Patrol", streetId = street, builtOn = "2019-06-01", storeys = 1, party = "链接测试当事人",
        })).OkJson<LedgerItemDetail>(HttpStatusCode.Created);
        await (await leader.PostJson($"/api/demolition/items/{item.Item.Id}/actions/IssueOrder", new { days = 1 })).OkJson<LedgerItemDetail>();
        return (item.Item.Id, $"data-item=\"{item.Item.Number}\"");
    }

    // A plan item drafted for 江宁路 with a one-day deadline: the street team owns its clock.
    private async Task<(Guid, string)> NewRectificationItemAsync()
    {
        HttpClient leader = await app.ClientFor("leader");
        Guid street = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).SingleAsync());
        var plan = await (await leader.PostJson("/api/rectification/plans", new { period = $"{Random.Shared.Next(3000, 9999)}H1", title = "链接测试整改方案" }))
            .OkJson<Chengguan.Rectification.PlanSummary>(HttpStatusCode.Created);
        var board = await (await leader.PostJson($"/api/rectification/plans/{plan.Id}/draft",
            new { cells = new[] { new { indicatorCode = "TD", indicatorName = "执法态度", streetId = street } }, days = 1 })).OkJson<Chengguan.Rectification.PlanBoard>();
        Guid id = Assert.Single(board.Items).Id;
        return (id, $"data-id=\"{id}\"");
    }

    private async Task<(Guid, string)> NewDirectiveAsync()
    {
        HttpClient supervisor = await app.ClientFor("supervisor");
        Guid team = await app.WithDbAsync(db => db.Units
            .Where(u => u.Kind == Chengguan.Organisation.UnitKind.StreetTeam && db.Units.Any(s => s.Id == u.ParentId && s.Code == Jiangning)).Select(u => u.Id).FirstAsync());
        Guid director = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.PersonId!.Value).FirstAsync());
        Guid source = (await (await supervisor.GetAsync("/api/directives/sources")).OkJson<List<Chengguan.Directives.SourceDto>>())
            .Single(s => s.Code == Chengguan.Directives.DirectiveSources.DistrictCommittee).Id;
        var d = await (await supervisor.PostJson("/api/directives", new
        {
            sourceId = source, text = $"链接测试督办事项 {Guid.NewGuid():N}", ownerUnitId = team, leaderPersonId = director, deadline = Today().AddDays(1),
        })).OkJson<Chengguan.Directives.DirectiveDetail>(HttpStatusCode.Created);
        return (d.Directive.Id, $"data-id=\"{d.Directive.Id}\"");
    }

    private async Task<(Guid, string)> NewCommitmentAsync()
    {
        HttpClient chief = await app.ClientFor("chief");
        Guid street = await app.WithDbAsync(db => db.Units.Where(u => u.Code == Jiangning).Select(u => u.Id).SingleAsync());
        InterviewDto interview = await (await chief.PostJson("/api/demolition/interviews", new { streetId = street, reason = "链接测试：拆违进度滞后" }))
            .OkJson<InterviewDto>(HttpStatusCode.Created);
        DateOnly today = Today();
        interview = await (await chief.PostJson($"/api/demolition/interviews/{interview.Id}/record", new
        {
            heldOn = today, participants = new[] { "王科长" }, commitments = new[] { new { text = "次日内报送整改方案", deadline = today.AddDays(1) } },
        })).OkJson<InterviewDto>();
        Guid commitment = Assert.Single(interview.Commitments).Id;
        return (commitment, $"id=\"commitment-{commitment}\"");
    }
}

public sealed class SubjectLinkTestsOnSqlite(DemolitionSqliteApp app) : SubjectLinkTests<DemolitionSqliteApp>(app), IClassFixture<DemolitionSqliteApp>;

public sealed class SubjectLinkTestsOnPostgres(DemolitionPostgresApp app) : SubjectLinkTests<DemolitionPostgresApp>(app), IClassFixture<DemolitionPostgresApp>;

using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Data.Seeding;

public sealed record DemoAccount(string UserName, string Role, string Description);

/// <summary>Reference data every installation needs (roles, posts), and the demo district on request.</summary>
public sealed class Seeder(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock,
    ILogger<Seeder> logger, IConfiguration config,
    Chengguan.Clocks.CalendarStore calendars, Chengguan.Evidence.EvidenceStore evidence,
    Chengguan.Cases.CaseIntake intake, GridDirectory grids, IServiceScopeFactory scopes)
{
    public async Task SeedReferenceDataAsync(CancellationToken ct)
    {
        List<string> roleNames = await db.Roles.Select(r => r.Name!).ToListAsync(ct);
        foreach (string role in Roles.All.Except(roleNames))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = roles.NormalizeKey(role), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }
        var existing = await db.Posts.Select(p => p.Code).ToListAsync(ct);
        int order = 0;
        foreach ((string code, string name) in DemoDistrict.Posts)
        {
            order++;
            if (!existing.Contains(code))
            {
                db.Posts.Add(new Post { Code = code, Name = name, SortOrder = order });
            }
        }
        if (!await db.CalendarVersions.AnyAsync(c => c.Name == Chengguan.Clocks.CalendarVersion.DefaultName, ct))
        {
            db.CalendarVersions.Add(Chengguan.Clocks.CalendarStore.Seed(clock));
        }
        List<string> kinds = await db.Set<Chengguan.Surveys.SurveyKind>().Select(k => k.Code).ToListAsync(ct);
        db.Set<Chengguan.Surveys.SurveyKind>().AddRange(Chengguan.Surveys.SurveyKinds.Missing(kinds));
        List<string> sources = await db.DirectiveSources.Select(k => k.Code).ToListAsync(ct);
        db.DirectiveSources.AddRange(Chengguan.Directives.DirectiveSources.Missing(sources));
        List<string> departments = await db.CaseDepartments.Select(d => d.Code).ToListAsync(ct);
        db.CaseDepartments.AddRange(Chengguan.Cases.CaseDepartments.Missing(departments));
        if (!await db.DistrictReportTemplates.AnyAsync(ct))
        {
            db.DistrictReportTemplates.Add(Chengguan.DistrictReports.DistrictReportTemplates.Default(clock.GetUtcNow()));
        }
        List<string> policies = await db.ClockPolicies.Select(p => p.Code).ToListAsync(ct);
        db.ClockPolicies.AddRange(Chengguan.Clocks.ClockPolicies.Seed(clock.GetUtcNow()).Where(p => !policies.Contains(p.Code)));
        if (!await db.CategoryConditions.AnyAsync(ct))
        {
            // The shipped dictionary is checked like any import; a broken file must not start quietly.
            var (rows, errors) = Chengguan.Cases.Categories.Parse(Chengguan.Cases.Categories.LoadEmbedded(), version: 1);
            if (errors.Any)
            {
                throw new InvalidOperationException("The shipped category dictionary is invalid: " + string.Join("; ", errors.ToDictionary().Select(e => e.Key + " " + string.Join(",", e.Value))));
            }
            db.CategoryConditions.AddRange(rows);
            await Chengguan.Cases.Categories.EnsureDisposalPoliciesAsync(db, rows, clock.GetUtcNow(), ct);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> HasDemoDistrictAsync(CancellationToken ct) => await db.Units.AnyAsync(u => u.Code == DemoDistrict.DistrictCode, ct);

    public async Task<IReadOnlyList<DemoAccount>> SeedDemoDistrictAsync(CancellationToken ct)
    {
        Dictionary<string, Guid> posts = await db.Posts.ToDictionaryAsync(p => p.Name, p => p.Id, ct);
        int sort = 0;
        Unit Add(Unit? parent, string code, string name, UnitKind kind)
        {
            var u = new Unit { ParentId = parent?.Id, Code = code, Name = name, Kind = kind, SortOrder = ++sort, IsDemo = true };
            u.Path = Unit.PathOf(parent, u.Id);
            db.Units.Add(u);
            return u;
        }
        int personIndex = 0;
        Person Hire(Unit unit, string post, bool badge = true)
        {
            int i = ++personIndex;
            var p = new Person
            {
                Name = DemoDistrict.PersonName(i), BadgeNumber = badge ? DemoDistrict.Badge(i) : null, UnitId = unit.Id,
                PostId = posts[post], Phone = DemoDistrict.Phone(i), IsDemo = true,
            };
            db.People.Add(p);
            return p;
        }

        Unit district = Add(null, DemoDistrict.DistrictCode, DemoDistrict.DistrictName, UnitKind.District);
        Unit bureau = Add(district, "JA-CGJ", "静安区城市管理行政执法局", UnitKind.Bureau);
        var sections = DemoDistrict.Sections.Select(s => Add(bureau, s.Code, s.Name, UnitKind.Section)).ToArray();
        var squads = DemoDistrict.Squads.Select(s => Add(bureau, s.Code, s.Name, UnitKind.Squad)).ToArray();
        Unit demolition = Add(bureau, "JA-CWB", "拆违办", UnitKind.DemolitionOffice);

        Person director = Hire(bureau, "局长");
        Hire(bureau, "副局长");
        Hire(bureau, "副局长");
        Person chief = Hire(sections[0], "科长");
        foreach (Unit s in sections.Skip(1))
        {
            Hire(s, "科长");
        }
        Person dispatcher = Hire(sections[2], "派遣员", badge: false);
        Hire(sections[2], "派遣员", badge: false);
        Hire(sections[2], "派遣员", badge: false);
        Person supervisor = Hire(sections[3], "督查员");
        Hire(sections[3], "督查员");
        Hire(demolition, "科员");
        Person squadLeader = null!, squadOfficer = null!;
        foreach (Unit squad in squads)
        {
            Person leader = Hire(squad, "中队长");
            Person first = Hire(squad, "执法队员");
            for (int i = 0; i < 3; i++)
            {
                Hire(squad, "执法队员");
            }
            if (squad == squads[0])
            {
                (squadLeader, squadOfficer) = (leader, first);
            }
        }

        var communities = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var streetUnits = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var teams = new Dictionary<string, (Unit Team, Person Leader, Person[] Officers)>(StringComparer.Ordinal);
        foreach ((string code, string name, bool town) in DemoDistrict.Streets)
        {
            Unit street = Add(district, code, name, town ? UnitKind.Town : UnitKind.Street);
            streetUnits[code] = street;
            Unit team = Add(street, code + "-ZD", name.Replace("街道", "", StringComparison.Ordinal) + (town ? "城管中队" : "街道城管中队"), UnitKind.StreetTeam);
            Person leader = Hire(team, "中队长");
            Person[] officers = [Hire(team, "执法队员"), Hire(team, "执法队员")];
            teams[code] = (team, leader, officers);
            for (int n = 1; n <= DemoDistrict.CommitteesPerStreet; n++)
            {
                string cc = JinganGeography.CommunityCode(code, n);
                communities[cc] = Add(street, cc, DemoDistrict.CommitteeName(name, n), UnitKind.Committee);
            }
        }

        // The grids tile approximate outlines of Jing'an's streets (JinganGeography); the layer is computed once per process.
        int squadTurn = 0;
        foreach (var cell in JinganGeography.Demo.Grids)
        {
            string streetCode = cell.CommunityCode[..9];
            (Unit team, _, Person[] officers) = teams[streetCode];
            var grid = GridFactory.Create(cell.GridCode, null, communities[cell.CommunityCode], streetUnits[streetCode], cell.Boundary);
            grid.IsDemo = true;
            grid.ResponsibleUnits.Add(new GridResponsibleUnit { GridId = grid.Id, UnitId = team.Id });
            grid.ResponsibleUnits.Add(new GridResponsibleUnit { GridId = grid.Id, UnitId = squads[squadTurn++ % squads.Length].Id });
            grid.Officers.Add(new GridOfficer { GridId = grid.Id, PersonId = officers[squadTurn % officers.Length].Id });
            db.Grids.Add(grid);
        }
        await GridDirectory.BumpVersionAsync(db, clock, ct);
        await db.SaveChangesAsync(ct);

        (string StreetCode, string Name) jiangning = ("310106006", "江宁路街道");
        (string StreetCode, string Name) shimen = ("310106011", "石门二路街道");
        var accounts = new (string User, string Display, Person? Person, string Role, string Description)[]
        {
            ("admin", "系统管理员", null, Roles.Admin, "系统管理员（全区）"),
            ("leader", director.Name, director, Roles.BureauLeader, "局领导（全区）"),
            ("chief", chief.Name, chief, Roles.SectionChief, "科长（全区）"),
            ("dispatcher", dispatcher.Name, dispatcher, Roles.Dispatcher, "派遣员，勤务指挥中心（全区）"),
            ("supervisor", supervisor.Name, supervisor, Roles.Supervisor, "督查员（全区）"),
            ("squad", squadLeader.Name, squadLeader, Roles.SquadLeader, "中队长，机动执法中队"),
            ("officer", squadOfficer.Name, squadOfficer, Roles.Officer, "执法队员，机动执法中队"),
            ("jnl.leader", teams[jiangning.StreetCode].Leader.Name, teams[jiangning.StreetCode].Leader, Roles.StreetTeamLeader, "街镇中队长，" + jiangning.Name),
            ("jnl.officer", teams[jiangning.StreetCode].Officers[0].Name, teams[jiangning.StreetCode].Officers[0], Roles.StreetTeamOfficer, "街镇执法队员，" + jiangning.Name),
            ("smel.officer", teams[shimen.StreetCode].Officers[0].Name, teams[shimen.StreetCode].Officers[0], Roles.StreetTeamOfficer, "街镇执法队员，" + shimen.Name),
        };
        // One precomputed hash for the one printed demo password, and one save for all accounts:
        // hashing and committing per account made the first start several seconds slower.
        string hash = DemoDistrict.DemoPasswordHash;
        Dictionary<string, string> roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var created = new List<DemoAccount>();
        foreach (var a in accounts)
        {
            var user = new AppUser
            {
                UserName = a.User, NormalizedUserName = users.NormalizeName(a.User), DisplayName = a.Display, PersonId = a.Person?.Id,
                LockoutEnabled = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[a.Role] });
            created.Add(new DemoAccount(a.User, a.Role, a.Description));
        }
        // Every street-team officer handles cases under an account of their own (the mobile terminal's), so that the 处置 lines of the
        // demo history name the account and the individual assessment finds each officer's own cases. Only the accounts above have the
        // printed password; these have none and cannot sign in until an administrator resets one.
        HashSet<Guid> linked = [.. accounts.Where(a => a.Person is not null).Select(a => a.Person!.Id)];
        foreach (Person officer in teams.Values.SelectMany(t => t.Officers).Where(p => !linked.Contains(p.Id)))
        {
            string login = "zf" + officer.BadgeNumber;
            var user = new AppUser
            {
                UserName = login, NormalizedUserName = users.NormalizeName(login), DisplayName = officer.Name, PersonId = officer.Id,
                LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[Roles.StreetTeamOfficer] });
        }
        await db.SaveChangesAsync(ct);
        await SeedDemoWorkAsync(ct);
        return created;
    }

    /// <summary>
    /// The district's work, in three lanes that run at once, each on its own scope and connection: the history (generated on a
    /// pool thread, then written in one transaction), the demolition ledger with its areas and rivers (the notices are rendered
    /// as PDFs), and the other capabilities' demo records. SQLite serialises only the commits (EF opens IMMEDIATE transactions,
    /// which also keeps the audit chain in one line); the reading, query compilation and rendering of one lane overlap the
    /// others' on the second core. After the three: what needs the history (the supervision draw of closed cases, and the
    /// committees' cases, whose numbers follow the history's).
    /// </summary>
    private async Task SeedDemoWorkAsync(CancellationToken ct)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        string prefix = config["Cases:NumberPrefix"] ?? "JA";
        Task demolition = LaneAsync("demolition", async (sp, lane) =>
        {
            await StepAsync("demolition", () => DemoDemolition.SeedAsync(lane, sp.GetRequiredService<Chengguan.Demolition.DemolitionProcedure>(), clock, logger, ct));
            await StepAsync("areas and rivers", () => DemoAreasRivers.SeedAsync(lane, clock, ct));
            await StepAsync("people files", () => DemoPersonnel.SeedAsync(lane, clock, ct));
            await StepAsync("training and guidance", () => DemoTraining.SeedAsync(lane, clock, ct));
        }, ct);
        Task capabilities = LaneAsync("capabilities", async (sp, lane) =>
        {
            await StepAsync("surveys", () => DemoSurveys.SeedAsync(lane, clock, ct));
            await StepAsync("rectification plan", () => DemoRectification.SeedAsync(lane, calendars, evidence, clock, ct));
            await StepAsync("selection round", () => DemoSelection.SeedAsync(lane, clock, ct));
            await StepAsync("cadre evaluation", () => DemoEvaluation.SeedAsync(lane, clock, ct));
            await StepAsync("directives", () => DemoDirectives.SeedAsync(lane, calendars, evidence, clock, ct));
            await StepAsync("assessment", () => DemoAssessment.SeedAsync(lane, clock, ct));
        }, ct);
        async Task HistoryThenSupervision()
        {
            if (config.GetValue("Demo:History:Enabled", true))
            {
                await StepAsync("history", async () =>
                {
                    Task<DemoHistory.Rows>? history = await DemoHistory.LoadAndGenerateAsync(db, clock, calendars, evidence, prefix, ct);
                    if (history is not null)
                    {
                        DemoHistory.Result written = await DemoHistory.WriteAsync(db, clock, history, prefix, ct);
                        logger.LogInformation("Demo history: {History}", written);
                    }
                });
            }
            await StepAsync("supervision plan", () => DemoSupervision.SeedAsync(db, clock, ct));
        }
        LongWaits(db);
        // A lane that fails fails the start, once the other lanes have stopped using the database.
        await Task.WhenAll(HistoryThenSupervision(), demolition, capabilities);
        // After the history, which sets the case numbers' sequence; the grid index first, so that the committees' cases are routed.
        await grids.RefreshIfStaleAsync(ct);
        int visits = 0;
        await StepAsync("liaison register and visits", async () =>
            visits = await DemoCommunities.SeedAsync(db, intake, calendars, clock, logger, ct, config.GetValue("Demo:Visits:Enabled", true)));
        logger.LogInformation("Demo work seeded in {Ms} ms, process CPU {Cpu} ms meanwhile ({Visits} visits)",
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, (long)(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds, visits);
    }

    /// <summary>One lane of seeding on a pool thread with a scope (and so a connection) of its own.</summary>
    private Task LaneAsync(string name, Func<IServiceProvider, AppDbContext, Task> work, CancellationToken ct) => Task.Run(async () =>
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        AppDbContext lane = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        LongWaits(lane);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        await work(scope.ServiceProvider, lane);
        logger.LogInformation("Demo lane {Lane} done in {Ms} ms", name, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }, ct);

    /// <summary>
    /// A lane's commit may wait for the history's (one transaction of ≈ 230,000 rows, seconds on a loaded machine): SQLite's busy
    /// wait gets as long as the seeding may take, instead of the app's 10 s for requests.
    /// </summary>
    private static void LongWaits(AppDbContext lane)
    {
        if (lane.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            sqlite.DefaultTimeout = 300;
            lane.Database.SetCommandTimeout(300);
        }
    }

    /// <summary>Runs one seeding step and logs its wall time and the process's CPU time meanwhile (other lanes' included).</summary>
    private async Task StepAsync(string step, Func<Task> run)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        await run();
        logger.LogInformation("Demo {Step} seeded in {Ms} ms (process CPU meanwhile {Cpu} ms)", step,
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, (long)(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }
}

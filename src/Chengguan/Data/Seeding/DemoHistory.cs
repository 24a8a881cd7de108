using System.Globalization;
using Chengguan.Cases;
using Chengguan.Cases.Search;
using Chengguan.Clocks;
using Chengguan.Evidence;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;

namespace Chengguan.Data.Seeding;

/// <summary>
/// Ninety days of the demo district's work up to now, so that a first start shows a bureau at work:
/// about 150 cases a working day (fewer on rest days, by the working calendar), hotline and grid,
/// each told move by move through the case workflow table (<see cref="DemoHistoryStory"/>) with its
/// clocks and ledgers, search document, check-in and after photos. Deterministic: each day draws
/// from its own seeded generator, so the same date gives the same cases and numbers. Written in
/// one transaction through <see cref="BulkWrite"/> (one audit entry for the lot), never row by row.
/// Switched off with <c>Demo:History:Enabled=false</c> (the shared test apps do).
/// </summary>
internal static class DemoHistory
{
    public const int Seed = 20_261_207;
    public const int Days = 90;
    public const int WorkingDayCases = 150;
    public const int RestDayCases = 45;

    // Roads of each street (the demo layer's order), for believable addresses.
    private static readonly string[][] s_roads =
    [
        ["场中路", "共和新路", "沪太路", "彭江路"], ["临汾路", "汾西路", "阳曲路"], ["平型关路", "闻喜路", "西藏北路"], ["大宁路", "广中西路", "灵石路"],
        ["共和新路", "中华新路", "延长中路"], ["芷江西路", "永和路", "光复路"], ["宝山路", "宝昌路", "青云路"], ["天目东路", "海宁路", "浙江北路"],
        ["天目西路", "恒丰路", "长安路"], ["江宁路", "西康路", "昌平路", "武定路"], ["石门二路", "新闸路", "康定路", "泰兴路"], ["长寿路", "万航渡路", "曹家渡路"],
        ["愚园路", "华山路", "常德路", "乌鲁木齐北路"], ["南京西路", "北京西路", "吴江路", "威海路"],
    ];

    private static readonly string[] s_openings = ["市民来电反映", "市民反映", "居民投诉", "群众举报", "有人反映"];
    private static readonly string[] s_found = ["巡查发现", "网格监督员上报", "现场发现", "居委会反映"];
    private static readonly string[] s_places = ["小区门口", "人行道上", "路口", "公交站旁", "菜场附近", "学校门口", "弄堂口", "绿化带内", "沿街商铺前", "地铁站出口"];
    private static readonly string[] s_details =
    [
        "影响行人通行", "已持续多日", "夜间尤为严重", "存在安全隐患", "周边居民意见很大", "多次反映未解决", "影响市容环境", "早晚高峰时段突出",
        "请尽快处理", "要求相关部门到场核实", "占用盲道", "堵塞消防通道", "噪音扰民", "垃圾散落一地",
    ];

    // The street problems a district sees most (the 1M bench's weights); every other small class weighs 1.
    private static readonly Dictionary<string, int> s_weights = new()
    {
        ["event:0503"] = 30, ["event:0505"] = 25, ["event:0502"] = 20, ["event:0107"] = 20, ["event:0504"] = 15, ["event:0102"] = 15,
        ["event:0201"] = 12, ["event:0110"] = 10, ["event:0115"] = 8, ["event:0301"] = 6, ["event:0114"] = 5, ["event:0104"] = 5,
    };

    private static readonly (CaseChannel Channel, int Weight)[] s_channels =
    [
        (CaseChannel.Hotline12345, 52), (CaseChannel.Hotline12319, 6), (CaseChannel.Patrol, 16), (CaseChannel.GridInspector, 20), (CaseChannel.ResidentsCommittee, 6),
    ];

    /// <summary>What was written; <c>WaitedMs</c> is how long the write waited for the generation still running beside the other seeding.</summary>
    public sealed record Result(int Cases, int Events, int Clocks, int Ledger, int ClockEvents, int Evidence, long WaitedMs = 0, long WrittenMs = 0);

    /// <summary>The rows of the history, before they are written.</summary>
    internal sealed record Rows(List<Case> Cases, List<CaseEvent> Events, List<Clock> Clocks, List<ClockLedgerEntry> Ledger, List<ClockEvent> ClockEvents,
        List<CaseSearchDocument> Documents, List<EvidenceItem> Evidence, SortedDictionary<int, int> Sequences);

    /// <summary>
    /// Loads the district and starts generating its history on a pool thread, so that the generation
    /// (CPU only) runs beside the seeding steps that follow it on the database; <see cref="WriteAsync"/> then
    /// waits for the rows and writes them. Null when there is no demo district to tell a history of.
    /// </summary>
    public static async Task<Task<Rows>?> LoadAndGenerateAsync(AppDbContext db, TimeProvider time, CalendarStore calendars, EvidenceStore store, string prefix, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        DemoHistoryWorld? world = await LoadAsync(db, calendars, store, ct);
        if (world is null)
        {
            return null;
        }
        long searchId = (await db.CaseSearchDocuments.MaxAsync(d => (long?)d.Id, ct) ?? 0) + 1;
        return Task.Run(() => Generate(world, now, prefix, searchId), ct);
    }

    public static async Task<Result> WriteAsync(AppDbContext db, TimeProvider time, Task<Rows> generation, string prefix, CancellationToken ct)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (cases, events, clocks, ledger, clockEvents, documents, evidence, sequences) = await generation;
        long waited = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // A page cache large enough for the whole load (≈ 80 MB of pages): with the default 2 MB the
            // transaction spills pages to the WAL and re-reads them, and the full-text index merges
            // its segments again and again. Set back to the default after.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        }
        // Secondary indexes are built once after the load (a sort) instead of row by row (a B-tree insert each).
        List<string> indexes = db.Provider == DatabaseProvider.Sqlite ? await DropIndexesAsync(db, ct) : [];
        await new BulkWrite(db, time)
            .Insert(cases).Insert(events).Insert(clocks).Insert(ledger).Insert(clockEvents).Insert(documents).Insert(evidence)
            .ExecuteAsync($"demo-history: {cases.Count} cases over {Days} days", "演示数据", ct);
        foreach (string create in indexes)
        {
            await db.Database.ExecuteSqlRawAsync(create, ct);
        }
        foreach ((int year, int last) in sequences)
        {
            // Intake after the history continues each year's numbering.
            await db.Database.ExecuteSqlAsync($"""INSERT INTO case_sequences ("Prefix", "Year", "Next") VALUES ({prefix}, {year}, {last + 1}) ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Next" = excluded."Next" """, ct);
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // Search documents were written with their keys: the identity sequence must continue after them.
            await db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('case_search', 'Id'), (SELECT MAX("Id") FROM case_search))""", ct);
        }
        await tx.CommitAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", ct);
        }
        else
        {
            // The planner's statistics of the tables just filled, at once rather than when autovacuum comes round: without them
            // PostgreSQL guesses one row per filter and joins the timeline to itself by nested loop (the KPIs of each officer's
            // own cases took over 30 s on the demo's 100,000 lines; with them, a hash join of a tenth of a second).
            await db.Database.ExecuteSqlRawAsync("ANALYZE cases, case_events, clocks, clock_ledger, clock_events, evidence", ct);
        }
        return new Result(cases.Count, events.Count, clocks.Count, ledger.Count, clockEvents.Count, evidence.Count, waited,
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds - waited);
    }

    private static readonly string[] s_loadedTables = ["cases", "case_events", "clocks", "clock_ledger", "clock_events", "evidence"];

    /// <summary>Drops the SQLite secondary indexes of the tables the history fills and answers their CREATE statements.</summary>
    private static async Task<List<string>> DropIndexesAsync(AppDbContext db, CancellationToken ct)
    {
        var found = new List<(string Name, string Sql)>();
        System.Data.Common.DbConnection connection = db.Database.GetDbConnection();
        await using (System.Data.Common.DbCommand command = connection.CreateCommand())
        {
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ("
                + string.Join(", ", s_loadedTables.Select(t => "'" + t + "'")) + ")";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach ((string name, _) in found)
        {
            // Names read from sqlite_master a moment ago, quoted; no outside input reaches this statement.
            await using System.Data.Common.DbCommand drop = connection.CreateCommand();
            drop.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            drop.CommandText = "DROP INDEX \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await drop.ExecuteNonQueryAsync(ct);
        }
        return [.. found.Select(f => f.Sql)];
    }

    /// <summary>Loads, generates and writes in one go (tests and tools; first start overlaps the steps).</summary>
    public static async Task<Result> SeedAsync(AppDbContext db, TimeProvider time, CalendarStore calendars, EvidenceStore store, string prefix, CancellationToken ct) =>
        await LoadAndGenerateAsync(db, time, calendars, store, prefix, ct) is { } generation
            ? await WriteAsync(db, time, generation, prefix, ct)
            : new Result(0, 0, 0, 0, 0, 0);

    /// <summary>The history up to <paramref name="now"/>: the same world and the same now give the same rows, key for key.</summary>
    internal static Rows Generate(DemoHistoryWorld world, DateTimeOffset now, string prefix, long searchId)
    {
        world.Evidence.Clear();
        world.Ids.Reset();
        var cases = new List<Case>(16_000);
        var events = new List<CaseEvent>(120_000);
        var clocks = new List<Clock>(40_000);
        var ledger = new List<ClockLedgerEntry>(80_000);
        var clockEvents = new List<ClockEvent>(40_000);
        var documents = new List<CaseSearchDocument>(16_000);
        var sequences = new SortedDictionary<int, int>();
        DateOnly today = ShanghaiTime.DateOf(now);
        for (DateOnly day = today.AddDays(-Days); day <= today; day = day.AddDays(1))
        {
            // One generator a day: a day's cases do not depend on how far "now" has come on another day.
            var random = new Random(HashCode.Combine(Seed, day.DayNumber) & int.MaxValue);
            var story = new DemoHistoryStory(world, random, now);
            var sameDay = new List<DemoHistoryCase>();
            bool working = world.Calendar.IsWorkingDay(day);
            int count = (working ? WorkingDayCases : RestDayCases) + random.Next(-15, 16);
            DateTimeOffset midnight = ShanghaiTime.StartOf(day);
            var times = Enumerable.Range(0, count).Select(_ => DemoHistoryStory.Seconds(midnight.AddMinutes(420 + random.NextDouble() * 900))).Order().ToList();
            foreach (DateTimeOffset reported in times)
            {
                if (reported > now)
                {
                    break;
                }
                int year = ShanghaiTime.DateOf(reported).Year;
                int seq = sequences[year] = sequences.GetValueOrDefault(year) + 1;
                (Case c, DemoStreetRef street, DemoCategory category) = NewCase(world, random, reported, CaseNumber.For(prefix, reported, ShanghaiTime.Zone, seq).ToString());
                // A duplicate: the same category reported again in the same grid while the first is still open.
                DemoHistoryCase? parent = random.Next(100) < 3
                    ? sameDay.LastOrDefault(p => p.Case.CategoryCode == c.CategoryCode && p.Case.ParentId is null && p.OpenUntil > reported.AddHours(1) && p.Case.Route == c.Route)
                    : null;
                if (parent is not null)
                {
                    (c.GridId, c.GridCode, c.CommunityId, c.StreetId, c.Lon, c.Lat, c.Address) =
                        (parent.Case.GridId, parent.Case.GridCode, parent.Case.CommunityId, parent.Case.StreetId, parent.Case.Lon, parent.Case.Lat, parent.Case.Address);
                    street = world.Streets.First(s => s.Id == parent.Case.StreetId);
                }
                story.Tell(c, street, parent);
                cases.Add(c);
                events.AddRange(story.Events);
                foreach (DemoHistoryClock k in story.Clocks)
                {
                    k.Finish(now, ledger, clockEvents);
                    clocks.Add(k.Row);
                }
                documents.Add(new CaseSearchDocument { Id = searchId++, CaseId = c.Id, Text = CaseSearchIndexer.DocumentFor(c, new CategoryNames(category.Big, category.Small)) });
                sameDay.Add(new DemoHistoryCase(c, CaseWorkflow.IsOpen(c.Route, c.State) ? DateTimeOffset.MaxValue : c.UpdatedAt));
            }
        }
        return new Rows(cases, events, clocks, ledger, clockEvents, documents, [.. world.Evidence], sequences);
    }

    private static (Case, DemoStreetRef, DemoCategory) NewCase(DemoHistoryWorld world, Random random, DateTimeOffset reported, string number)
    {
        int w = random.Next(s_channels.Sum(c => c.Weight));
        CaseChannel channel = s_channels.First(c => (w -= c.Weight) < 0).Channel;
        bool hotline = channel is CaseChannel.Hotline12345 or CaseChannel.Hotline12319;
        // Busier streets in the south (offices, shops, night-time economy) report more.
        DemoStreetRef street = world.Streets[Math.Min(world.Streets.Count - 1, (int)(Math.Sqrt(random.NextDouble()) * world.Streets.Count))];
        DemoGridRef grid = street.Grids[random.Next(street.Grids.Count)];
        (double lon, double lat) = PointIn(grid.Boundary, random);
        DemoCategory category = world.PickCategory(random);
        string road = street.Roads[random.Next(street.Roads.Length)];
        int house = random.Next(1, 1200);
        RequestType? type = hotline ? random.Next(20) switch { < 11 => RequestType.Complaint, < 14 => RequestType.Help, < 17 => RequestType.Consultation, < 19 => RequestType.Report, _ => RequestType.Suggestion } : null;
        var c = new Case
        {
            Id = world.Ids.Next(reported),
            Number = number,
            Route = hotline ? CaseRoute.Hotline : CaseRoute.Grid,
            Channel = channel,
            ExternalNumber = hotline ? string.Create(CultureInfo.InvariantCulture, $"{(channel == CaseChannel.Hotline12345 ? "GD" : "JS")}{ShanghaiTime.DateOf(reported):yyyyMMdd}{number[^6..]}") : null,
            Integration = hotline ? Identity.Integrations.OwnerOf(channel)?.Code : null,
            RequestType = type,
            Urgency = random.Next(100) switch { < 92 => Urgency.Normal, < 99 => Urgency.Urgent, _ => Urgency.Critical },
            CategoryCode = category.Code,
            ConditionCode = "01",
            Description = $"{(hotline ? s_openings : s_found)[random.Next(hotline ? s_openings.Length : s_found.Length)]}{road}{house}号{s_places[random.Next(s_places.Length)]}{category.Small}，{s_details[random.Next(s_details.Length)]}",
            Address = string.Create(CultureInfo.InvariantCulture, $"上海市静安区{road}{house}号"),
            Lon = lon, Lat = lat, GridId = grid.Id, GridCode = grid.Code, CommunityId = grid.CommunityId, StreetId = street.Id,
            // As intake routes it: the grid's answerable unit (the street's team); grid cases get it at 派遣.
            UnitId = street.Team,
            ReporterName = hotline ? DemoDistrict.PersonName(random.Next(1000, 9000)).Substring(0, 1) + "先生" : null,
            ReporterPhone = hotline ? DemoDistrict.Phone(random.Next(1000, 90_000)) : null,
            State = hotline ? CaseState.Received : CaseState.Reported,
            ReportedAt = reported, UpdatedAt = reported, Version = 1,
            DisposalPolicy = category.DisposalPolicy,
            HandlingPolicy = hotline ? (type is RequestType.Consultation or RequestType.Suggestion ? ClockPolicies.HotlineHandlingConsult : ClockPolicies.HotlineHandlingGeneral) : null,
        };
        return (c, street, category);
    }

    /// <summary>A point inside the grid's outline (whatever shape the layer draws), so the map and the grid agree.</summary>
    private static (double Lon, double Lat) PointIn(Polygon boundary, Random random)
    {
        Envelope e = boundary.EnvelopeInternal;
        for (int i = 0; i < 12; i++)
        {
            double lon = Math.Round(e.MinX + random.NextDouble() * e.Width, 7), lat = Math.Round(e.MinY + random.NextDouble() * e.Height, 7);
            if (boundary.Contains(boundary.Factory.CreatePoint(new Coordinate(lon, lat))))
            {
                return (lon, lat);
            }
        }
        Point inside = boundary.InteriorPoint;
        return (Math.Round(inside.X, 7), Math.Round(inside.Y, 7));
    }

    /// <summary>
    /// The district as the stories see it. Without a <paramref name="store"/> there are no photos (a story then records none);
    /// <paramref name="seed"/> seeds the row ids, so a second world beside the history's draws other ids.
    /// </summary>
    internal static async Task<DemoHistoryWorld?> LoadAsync(AppDbContext db, CalendarStore calendars, EvidenceStore? store, CancellationToken ct, int seed = Seed)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.IsDemo).Select(u => new { u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.SortOrder }).ToListAsync(ct);
        var people = (await db.People.AsNoTracking().Where(p => p.IsDemo).Select(p => new { p.Id, p.UnitId, p.Name, Post = p.Post!.Name }).ToListAsync(ct)).ToLookup(p => p.UnitId);
        // Person → the account they act under (the first by id when there are several), so the lines carry the actor id live moves carry.
        Dictionary<Guid, string> accountOf = (await db.Users.AsNoTracking().Where(u => u.PersonId != null).Select(u => new { u.Id, u.PersonId }).ToListAsync(ct))
            .GroupBy(u => u.PersonId!.Value).ToDictionary(g => g.Key, g => g.Select(u => u.Id).Min(StringComparer.Ordinal)!);
        var squads = units.Where(u => u.Kind == UnitKind.Squad).OrderBy(u => u.SortOrder).ToList();
        var grids = (await db.Grids.AsNoTracking().Where(g => g.IsDemo).OrderBy(g => g.Code)
            .Select(g => new { g.Id, g.Code, g.CommunityId, g.StreetId, g.Boundary }).ToListAsync(ct)).ToLookup(g => g.StreetId);
        var streets = new List<DemoStreetRef>();
        foreach (var s in units.Where(u => u.Kind is UnitKind.Street or UnitKind.Town).OrderBy(u => u.SortOrder))
        {
            int i = streets.Count;
            var team = units.FirstOrDefault(u => u.ParentId == s.Id && u.Kind == UnitKind.StreetTeam);
            if (team is null || !grids[s.Id].Any())
            {
                continue;
            }
            string leader = people[team.Id].FirstOrDefault(p => p.Post == "中队长")?.Name ?? team.Name;
            string[] officers = [.. people[team.Id].Where(p => p.Post == "执法队员").Select(p => p.Name).DefaultIfEmpty(leader)];
            // Lateness differs by street (2 %–14 % of limits missed), fixed by the street's place in the list.
            double lateness = 0.02 + 0.12 * (i * 5 % 14) / 13.0;
            int index = Array.FindIndex(DemoDistrict.Streets, x => x.Code == s.Code);
            var street = new DemoStreetRef(s.Id, s.Name, team.Id, squads.Count > 0 ? squads[i % squads.Count].Id : team.Id, leader, officers, lateness,
                s_roads[(index < 0 ? i : index) % s_roads.Length]);
            street.Grids.AddRange(grids[s.Id].Select(g => new DemoGridRef(g.Id, g.Code, g.CommunityId, g.Boundary)));
            foreach (var p in people[team.Id].Where(p => accountOf.ContainsKey(p.Id)))
            {
                street.Accounts.TryAdd(p.Name, accountOf[p.Id]);
            }
            streets.Add(street);
        }
        if (streets.Count == 0)
        {
            return null;
        }
        int version = await db.CategoryConditions.MaxAsync(c => c.Version, ct);
        var categories = (await db.CategoryConditions.AsNoTracking().Where(c => c.Version == version && c.ConditionCode == "01").ToListAsync(ct))
            .OrderBy(c => c.CategoryCode, StringComparer.Ordinal)
            .Select(c => new DemoCategory(c.CategoryCode, c.Kind, c.BigName, c.SmallName, c.Condition, Categories.DisposalPolicyCode(c.LimitAmount, c.LimitKind), s_weights.GetValueOrDefault(c.CategoryCode, 1)))
            .ToList();
        Dictionary<string, ClockPolicy> policies = (await db.ClockPolicies.AsNoTracking().Where(p => p.Active).ToListAsync(ct))
            .GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Version)!);
        var calendar = await calendars.GetCurrentAsync(db, CalendarVersion.DefaultName, ct) ?? throw new InvalidOperationException("No working calendar.");
        string dispatcher = people.SelectMany(g => g).FirstOrDefault(p => p.Post == "派遣员")?.Name ?? "派遣员";
        string supervisor = people.SelectMany(g => g).FirstOrDefault(p => p.Post == "督查员")?.Name ?? "督查员";
        var photos = new List<StoredFile>();
        for (int i = 0; store is not null && i < DemoHistoryPhotos.Count; i++)
        {
            byte[] png = DemoHistoryPhotos.Make(i);
            using var stream = new MemoryStream(png);
            (StoredFile? file, _) = await store.SaveAsync(stream, png.Length, ct);
            if (file is not null)
            {
                photos.Add(file);
            }
        }
        return new DemoHistoryWorld(streets, categories, policies, calendar.Version.Id, calendar.Calendar, photos, dispatcher, supervisor, new DemoHistoryIds(seed));
    }
}

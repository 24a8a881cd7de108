using System.Text.Json;
using Chengguan.Cases;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Evidence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Open311;

/// <summary>
/// The reading calls: requests (with every GeoReport filter), one request, token lookup and the
/// FixMyStreet service-request-updates extension. Anonymous by the spec, so nothing of the
/// reporter (name, phone, email) and no free text of the staff ever leaves here; only cases of the
/// published channels are seen, through their public view (<see cref="Open311Publication"/>).
/// </summary>
public static class Open311Queries
{
    public const int MaxRows = 1000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    internal static async Task<Open311Result> Requests(
        string format, HttpRequest request, AppDbContext db, Open311Publication publication, TimeProvider time, IConfiguration config, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        IQueryCollection q = request.Query;
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(q, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        var errors = new List<string>();
        IQueryable<Case> cases = publication.Cases(db.Cases.AsNoTracking());
        string[] numbers = GeoReport.List(GeoReport.Arg(q, "service_request_id"));
        if (numbers.Length > 0)
        {
            // A list of ids overrides every other filter, the date window included.
            if (numbers.Length > MaxRows)
            {
                errors.Add($"service_request_id 一次最多 {MaxRows} 个");
            }
            cases = cases.Where(c => numbers.Contains(c.Number));
        }
        else
        {
            string[] codes = GeoReport.List(GeoReport.Arg(q, "service_code"));
            if (codes.Length > 0)
            {
                string[] categories = [.. codes.Select(Open311Services.CategoryCode).OfType<string>()];
                cases = cases.Where(c => categories.Contains(c.CategoryCode));
            }
            string[] statuses = GeoReport.List(GeoReport.Arg(q, "status"));
            if (statuses.Any(s => s is not (Open311Status.Open or Open311Status.Closed)))
            {
                errors.Add("status 只能是 open、closed 或二者以逗号分隔");
            }
            else if (statuses.Length == 1)
            {
                CaseState[] closed = Open311Status.ClosedStates;
                cases = statuses[0] == Open311Status.Closed ? cases.Where(c => closed.Contains(c.State)) : cases.Where(c => !closed.Contains(c.State));
            }
            if (Window(q, time.GetUtcNow(), errors) is ({ } from, { } to))
            {
                cases = cases.Where(c => c.ReportedAt >= from && c.ReportedAt <= to);
            }
        }
        if (errors.Count > 0)
        {
            return GeoReport.BadRequest(f, errors);
        }
        List<Case> rows = await cases.OrderByDescending(c => c.ReportedAt).ThenByDescending(c => c.Id).Take(MaxRows).ToListAsync(ct);
        return new Open311Result(new Open311Document("service_requests", new Open311List("request", await RequestsAsync(db, publication, rows, MediaBase(request), ct))), f);
    }

    internal static async Task<Open311Result> Request(
        string id, string format, HttpRequest request, AppDbContext db, Open311Publication publication, IConfiguration config, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(request.Query, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        Case? c = await publication.Cases(db.Cases.AsNoTracking()).FirstOrDefaultAsync(x => x.Number == id, ct);
        return c is null
            ? GeoReport.NotFound(f, $"服务请求 {id} 不存在")
            : new Open311Result(new Open311Document("service_requests", new Open311List("request", await RequestsAsync(db, publication, [c], MediaBase(request), ct))), f);
    }

    internal static async Task<Open311Result> Token(
        string token, string format, HttpRequest request, AppDbContext db, Open311Publication publication, IConfiguration config, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(request.Query, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        string? number = Guid.TryParse(token, out Guid id)
            ? await publication.Cases(db.Cases.AsNoTracking()).Where(c => c.Id == id).Select(c => c.Number).FirstOrDefaultAsync(ct)
            : null;
        return number is null
            ? GeoReport.NotFound(f, $"令牌 {token} 不存在")
            : new Open311Result(new Open311Document("service_requests", new Open311List("request",
                [new Open311Object { { "service_request_id", number }, { "token", id.ToString() } }])), f);
    }

    /// <summary>
    /// Every timeline line in the window, oldest first (at most <see cref="MaxRows"/>; a client that
    /// gets that many asks again from the last <c>updated_datetime</c>).
    /// </summary>
    internal static async Task<Open311Result> Updates(
        string format, HttpRequest request, AppDbContext db, Open311Publication publication, TimeProvider time, IConfiguration config, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(request.Query, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        var errors = new List<string>();
        if (Window(request.Query, time.GetUtcNow(), errors) is not ({ } start, { } end))
        {
            return GeoReport.BadRequest(f, errors);
        }
        var rows = await (
            from e in db.CaseEvents.AsNoTracking()
            join c in publication.Cases(db.Cases.AsNoTracking()) on e.CaseId equals c.Id
            where e.At >= start && e.At <= end
            orderby e.At, e.CaseId, e.Seq
            select new { Event = e, c.Number }).Take(MaxRows).ToListAsync(ct);
        List<object?> updates = [.. rows.Select(r => new Open311Object
        {
            { "update_id", r.Event.Id.ToString() },
            { "service_request_id", r.Number },
            { "status", Open311Status.OfUpdate(r.Event) },
            { "updated_datetime", r.Event.At },
            { "description", Describe(r.Event) },
            { "media_url", null },
            { "external_status_code", r.Event.Action },
        })];
        return new Open311Result(new Open311Document("service_request_updates", new Open311List("request_update", updates)), f);
    }

    /// <summary>The label of the line, and the state it reached if it moved the case: public wording only, never the staff's notes.</summary>
    private static string Describe(CaseEvent e) =>
        e.ToState is { } state && (e.FromState != state || e.Action == "Open") ? $"{e.Label}：{Open311Status.Notes(state)}" : e.Label;

    /// <summary>
    /// start_date/end_date (W3C with a zone), at most 90 days apart. One alone spans 90 days from
    /// it; neither is the last 90 days. Null (with the errors added) when the arguments are wrong.
    /// </summary>
    internal static (DateTimeOffset? From, DateTimeOffset? To) Window(IQueryCollection q, DateTimeOffset now, List<string> errors)
    {
        int before = errors.Count;
        DateTimeOffset? start = Date(q, "start_date", errors), end = Date(q, "end_date", errors);
        if (errors.Count > before)
        {
            return (null, null);
        }
        if (start > DateTimeOffset.MaxValue - MaxWindow || end < DateTimeOffset.MinValue + MaxWindow)
        {
            errors.Add("start_date 或 end_date 超出范围");
            return (null, null);
        }
        DateTimeOffset from = start ?? (end ?? now) - MaxWindow;
        DateTimeOffset to = end ?? (start is { } s ? s + MaxWindow : now);
        if (to < from)
        {
            errors.Add("end_date 不能早于 start_date");
        }
        else if (to - from > MaxWindow)
        {
            errors.Add("start_date 与 end_date 相隔不能超过 90 天");
        }
        return errors.Count > before ? (null, null) : (from, to);
    }

    private static DateTimeOffset? Date(IQueryCollection q, string name, List<string> errors)
    {
        if (GeoReport.Arg(q, name) is not { } text)
        {
            return null;
        }
        if (GeoReport.TryW3c(text, out DateTimeOffset at))
        {
            return at;
        }
        errors.Add($"{name} 须为带时区的 W3C 日期时间，如 2026-03-02T10:00:00+08:00");
        return null;
    }

    /// <summary>The <c>&lt;request&gt;</c> of each case (GeoReport v2 §1.3d), in the order given.</summary>
    internal static async Task<List<object?>> RequestsAsync(AppDbContext db, Open311Publication publication, IReadOnlyList<Case> cases, string mediaBase, CancellationToken ct)
    {
        Guid[] ids = [.. cases.Select(c => c.Id)];
        Guid[] unitIds = [.. cases.Select(c => c.UnitId).OfType<Guid>().Distinct()];
        Dictionary<Guid, string> units = unitIds.Length == 0 ? []
            : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Dictionary<string, string> services = await Open311Services.NamesAsync(db, cases.Select(c => c.CategoryCode), ct);
        // The SLA due time: the earliest due of the clocks still counting (an overdue one included).
        var dues = await db.Clocks.AsNoTracking()
            .Where(k => k.SubjectType == CaseIntake.SubjectType && ids.Contains(k.SubjectId) && k.StoppedAt == null && k.DueAt != null
                && (k.State == ClockState.Running || k.State == ClockState.Breached))
            .Select(k => new { k.SubjectId, k.DueAt }).ToListAsync(ct);
        Dictionary<Guid, DateTimeOffset> expected = dues.GroupBy(d => d.SubjectId).ToDictionary(g => g.Key, g => g.Min(d => d.DueAt!.Value));
        Dictionary<Guid, string> media = await MediaAsync(db, publication, [.. cases.Where(c => c.Channel == CaseChannel.Open311).Select(c => c.Id)], mediaBase, ct);
        return [.. cases.Select(c => Request(c, units, services, expected, media))];
    }

    private static Open311Object Request(Case c, Dictionary<Guid, string> units, Dictionary<string, string> services, Dictionary<Guid, DateTimeOffset> expected, Dictionary<Guid, string> media)
    {
        bool closed = Open311Status.Of(c.State) == Open311Status.Closed;
        var request = new Open311Object
        {
            { "service_request_id", c.Number },
            { "status", Open311Status.Of(c.State) },
            { "status_notes", Open311Status.Notes(c.State) },
            { "service_name", c.CategoryCode is { } cat ? services.GetValueOrDefault(cat) : null },
            { "service_code", Open311Services.FromCategoryCode(c.CategoryCode) },
            { "description", Open311Publication.Description(c) },
            { "agency_responsible", c.UnitId is { } unit ? units.GetValueOrDefault(unit) : null },
            { "service_notice", null },
            { "requested_datetime", c.ReportedAt },
            { "updated_datetime", closed ? c.ClosedAt ?? c.UpdatedAt : c.UpdatedAt },
        };
        if (expected.TryGetValue(c.Id, out DateTimeOffset due))
        {
            request.Add("expected_datetime", due);
        }
        request.Add("address", Open311Publication.Address(c));
        request.Add("address_id", null);
        request.Add("zipcode", null);
        request.Add("lat", Open311Publication.Lat(c));
        request.Add("long", Open311Publication.Lon(c));
        request.Add("media_url", media.GetValueOrDefault(c.Id));
        return request;
    }

    /// <summary>Where published photos are served, absolute as the spec's media_url is (behind a proxy, from the forwarded scheme and host).</summary>
    internal static string MediaBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{Open311Endpoints.BasePath}/media/";

    /// <summary>
    /// A request's media_url: the address the reporter sent, kept on the opening line of the
    /// timeline, or else the public copy (EXIF and GPS removed) of the first photo the reporter
    /// attached. Photos taken by staff are never published: they may show bystanders, number
    /// plates or the inside of premises (see the README).
    /// </summary>
    private static async Task<Dictionary<Guid, string>> MediaAsync(AppDbContext db, Open311Publication publication, Guid[] ids, string mediaBase, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return [];
        }
        var opening = await db.CaseEvents.AsNoTracking().Where(e => ids.Contains(e.CaseId) && e.Seq == 1 && e.DataJson != null)
            .Select(e => new { e.CaseId, e.DataJson }).ToListAsync(ct);
        var media = new Dictionary<Guid, string>();
        foreach (var o in opening)
        {
            if (Open311Submissions.MediaUrlOf(o.DataJson!) is { } url)
            {
                media[o.CaseId] = url;
            }
        }
        Guid[] without = [.. ids.Where(id => !media.ContainsKey(id))];
        if (without.Length > 0)
        {
            var photos = await PublishedPhotos(db, publication).Where(e => without.Contains(e.SubjectId))
                .OrderBy(e => e.UploadedAt).Select(e => new { e.SubjectId, e.Id }).ToListAsync(ct);
            foreach (var p in photos)
            {
                media.TryAdd(p.SubjectId, mediaBase + p.Id.ToString());
            }
        }
        return media;
    }

    /// <summary>
    /// Photos an Open311 reporter attached to a report, current versions only: the only evidence the
    /// public interface shows, and none at all while Open311 reports are not published. Only JPEG
    /// and PNG, whose public copy has its EXIF removed, and of those only a copy that was stripped
    /// or never carried a time or position: a HEIC or WebP file, or a JPEG too damaged to rewrite,
    /// would go out with the GPS position it was taken at.
    /// </summary>
    internal static IQueryable<EvidenceItem> PublishedPhotos(AppDbContext db, Open311Publication publication)
    {
        IQueryable<Case> reports = publication.Cases(db.Cases).Where(c => c.Channel == CaseChannel.Open311);
        string[] strippable = ["image/jpeg", "image/png"];
        return db.Evidence.AsNoTracking().Where(e => e.SubjectType == CaseIntake.SubjectType && e.Kind == EvidenceKind.Photo && e.Purpose == EvidencePurpose.Before
            && e.UploadedBy != null && e.UploadedBy.StartsWith("apikey:")
            && strippable.Contains(e.ContentType) && (e.PublicSha256 != e.Sha256 || (e.TakenAt == null && e.Lon == null && e.Lat == null))
            && reports.Any(c => c.Id == e.SubjectId)
            && !db.Evidence.Any(n => n.SupersedesId == e.Id));
    }

    /// <summary>GET media/{id}: the public copy of a published photo; anything else is 404.</summary>
    internal static async Task<Results<PhysicalFileHttpResult, NotFound>> Media(Guid id, AppDbContext db, Open311Publication publication, EvidenceStore store, CancellationToken ct)
    {
        EvidenceItem? item = await PublishedPhotos(db, publication).FirstOrDefaultAsync(e => e.Id == id, ct);
        string? path = item is null ? null : store.PathOf(item.PublicSha256);
        return path is null || !File.Exists(path)
            ? TypedResults.NotFound()
            : TypedResults.PhysicalFile(path, item!.ContentType, enableRangeProcessing: true);
    }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Clocks;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Grids.Spatial;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

/// <summary>
/// What any channel sends to open a case (<c>POST /api/cases</c>). Required: channel and description, and an address
/// or a point. <see cref="CaseIntake.ValidateAsync"/> is the validator; the attributes only document it (OpenAPI).
/// </summary>
public sealed record CaseInput(
    [property: Required(ErrorMessage = "来源渠道不能为空"), Description("来源渠道（CaseChannel 枚举名），如 Patrol 巡查、GridInspector 网格员、ResidentsCommittee 居委会；热线渠道（Hotline12345、Hotline12319）须经 /api/hotline/orders 接入")] CaseChannel? Channel,
    [property: MaxLength(64), Description("来源系统的编号（≤ 64 字符）")] string? ExternalNumber,
    [property: Description("诉求类型（热线工单必填，其他渠道可省略）")] RequestType? RequestType,
    [property: Description("紧急程度，缺省为一般")] Urgency? Urgency,
    [property: Description("事部件小类编码，如 \"event:0503\"；须在现行字典中（GET /api/categories）。可省略，由派遣员立案时确定")] string? CategoryCode,
    [property: Description("立案条件编码，缺省 \"01\"；与类别一起须在现行字典中")] string? ConditionCode,
    [property: Required(ErrorMessage = "诉求内容不能为空"), MaxLength(4000), Description("诉求内容或问题描述（≤ 4000 字）")] string? Description,
    [property: MaxLength(300), Description("地址（≤ 300 字）；与经纬度至少提供其一")] string? Address,
    [property: Range(-180, 180), Description("经度；与纬度同时提供")] double? Lon,
    [property: Range(-90, 90), Description("纬度；与经度同时提供")] double? Lat,
    [property: Description("坐标系：wgs84（缺省）、gcj02 或 bd09")] string? Crs,
    [property: MaxLength(100), Description("诉求人或上报人姓名（≤ 100 字；界面上脱敏显示）")] string? ReporterName,
    [property: MaxLength(40), Description("联系电话：数字、空格、+ 和 -")] string? ReporterPhone,
    [property: Description("标签：最多 20 个，每个 1–20 字且不含逗号")] string[]? Tags);

/// <summary>
/// Opens a case from any channel: validates, converts the point to WGS 84, routes it to grid →
/// community → street → responsible unit, numbers it, starts the clocks of its route and writes
/// the first timeline line. The caller saves once.
/// </summary>
public sealed class CaseIntake(AppDbContext db, ClockService clocks, GridDirectory grids, TimeProvider time, IConfiguration config)
{
    public const string SubjectType = "case";

    /// <summary>Deactivated units, read once per scope (a request, or a hotline batch of many orders).</summary>
    private IReadOnlySet<Guid>? _inactiveUnits;
    public string Prefix => config["Cases:NumberPrefix"] ?? "JA";

    public static CaseRoute RouteOf(CaseChannel channel) =>
        channel is CaseChannel.Hotline12345 or CaseChannel.Hotline12319 ? CaseRoute.Hotline : CaseRoute.Grid;

    public async Task<FieldErrors> ValidateAsync(CaseInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Channel is null)
        {
            errors.Add("channel", "来源渠道不能为空");
        }
        errors.Required("description", input.Description, "诉求内容");
        errors.MaxLength("description", input.Description, 4000, "诉求内容");
        errors.MaxLength("address", input.Address, 300, "地址");
        errors.MaxLength("externalNumber", input.ExternalNumber, 64, "外部编号");
        errors.MaxLength("reporterName", input.ReporterName, 100, "诉求人");
        if (input.ReporterPhone is { } phone && (phone.Length > 40 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
        {
            errors.Add("reporterPhone", "联系电话只能包含数字、空格、+ 和 -");
        }
        if (input.Tags is { } tags && (tags.Length > 20 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 20 || t.Contains(','))))
        {
            errors.Add("tags", "标签最多 20 个，每个 1–20 个字符且不含逗号");
        }
        if (input.Lon is null != input.Lat is null)
        {
            errors.Add(input.Lon is null ? "lon" : "lat", "经度和纬度须同时提供");
        }
        if (input.Lon is { } lon && (!double.IsFinite(lon) || lon is < -180 or > 180))
        {
            errors.Add("lon", "经度须为 -180 到 180 之间的数");
        }
        if (input.Lat is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
        {
            errors.Add("lat", "纬度须为 -90 到 90 之间的数");
        }
        if (input.Crs is not null && !ChinaCoordinates.TryParseCrs(input.Crs, out _))
        {
            errors.Add("crs", "坐标系须为 wgs84、gcj02 或 bd09");
        }
        if (input.Lon is null && string.IsNullOrWhiteSpace(input.Address))
        {
            errors.Add("address", "须提供地址或经纬度");
        }
        if (input.Channel is { } channel && RouteOf(channel) == CaseRoute.Hotline)
        {
            if (string.IsNullOrWhiteSpace(input.ExternalNumber))
            {
                errors.Add("externalNumber", "热线工单须有工单编号");
            }
            if (input.RequestType is null)
            {
                errors.Add("requestType", "热线工单须有诉求类型（咨询、求助、投诉、建议、举报）");
            }
        }
        if (input.CategoryCode is not null)
        {
            bool known = await Categories.FindAsync(db, input.CategoryCode, input.ConditionCode ?? "01", ct) is not null;
            if (!known)
            {
                errors.Add(input.ConditionCode is null ? "categoryCode" : "conditionCode", "案件类别或立案条件不在现行事部件字典中");
            }
        }
        return errors;
    }

    /// <summary>Creates the case (call <see cref="ValidateAsync"/> first); the caller saves.</summary>
    public Task<Case> OpenAsync(CaseInput input, string? actorId, string? actorName, CancellationToken ct) =>
        OpenAsync(input, actorId, actorName, null, null, ct);

    /// <summary>
    /// Creates the case filed by an integration (the key's, e.g. "open311:client-id"); a channel an
    /// integration owns (the hotline's) makes the case that integration's whoever files it.
    /// <paramref name="openingData"/> is what the channel sent besides the case fields (Open311's
    /// service code, attributes and media URLs), kept as JSON on the opening line of the timeline.
    /// </summary>
    public async Task<Case> OpenAsync(CaseInput input, string? actorId, string? actorName, string? integration, object? openingData, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        CaseChannel channel = input.Channel!.Value;
        CaseRoute route = RouteOf(channel);
        var c = new Case
        {
            Number = await NextNumberAsync(now, ct),
            Route = route,
            Channel = channel,
            ExternalNumber = string.IsNullOrWhiteSpace(input.ExternalNumber) ? null : input.ExternalNumber.Trim(),
            Integration = Identity.Integrations.OwnerOf(channel)?.Code ?? integration,
            RequestType = input.RequestType,
            Urgency = input.Urgency ?? Urgency.Normal,
            CategoryCode = input.CategoryCode,
            ConditionCode = input.CategoryCode is null ? null : input.ConditionCode ?? "01",
            Description = input.Description!.Trim(),
            Address = input.Address?.Trim(),
            ReporterName = input.ReporterName?.Trim(),
            ReporterPhone = input.ReporterPhone?.Trim(),
            Tags = string.Join(',', input.Tags ?? []),
            State = route == CaseRoute.Hotline ? CaseState.Received : CaseState.Reported,
            ReportedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        if (input.Lon is { } lon && input.Lat is { } lat)
        {
            ChinaCoordinates.TryParseCrs(input.Crs ?? "wgs84", out Crs crs);
            (double wLon, double wLat) = ChinaCoordinates.ToWgs84(lon, lat, crs);
            (c.Lon, c.Lat) = (Math.Round(wLon, 7), Math.Round(wLat, 7));
            if (grids.Locate(wLon, wLat) is { } grid)
            {
                (c.GridId, c.GridCode, c.CommunityId, c.StreetId) = (grid.Id, grid.Code, grid.Community.Id, grid.Street.Id);
                c.UnitId = CaseRouting.UnitFor(grid, _inactiveUnits ??= await CaseRouting.InactiveUnitsAsync(db, ct));
            }
        }
        if (c.CategoryCode is not null && await Categories.FindAsync(db, c.CategoryCode, c.ConditionCode!, ct) is { } condition)
        {
            c.DisposalPolicy = Categories.DisposalPolicyCode(condition.LimitAmount, condition.LimitKind);
        }
        db.Cases.Add(c);
        if (route == CaseRoute.Hotline)
        {
            c.HandlingPolicy = c.RequestType is Cases.RequestType.Consultation or Cases.RequestType.Suggestion
                ? ClockPolicies.HotlineHandlingConsult : ClockPolicies.HotlineHandlingGeneral;
            await clocks.StartAsync(SubjectType, c.Id, ClockPolicies.HotlineAccept, c.UnitId, actorName, ct, subjectIsNew: true);
            await clocks.StartAsync(SubjectType, c.Id, c.HandlingPolicy, c.UnitId, actorName, ct, subjectIsNew: true);
        }
        db.CaseEvents.Add(new CaseEvent
        {
            CaseId = c.Id, Seq = 1, Action = "Open", Label = route == CaseRoute.Hotline ? "派单接收" : "上报",
            ToState = c.State, At = now, ActorId = actorId, ActorName = actorName,
            Note = c.GridCode is null ? "未能定位到单元网格，待人工指定" : $"定位网格 {c.GridCode}",
            DataJson = openingData is null ? null : JsonSerializer.Serialize(openingData, JsonSerializerOptions.Web),
        });
        return c;
    }

    /// <summary>
    /// Open cases of the same category within 50 m and 24 hours of this one (合并 candidates), nearest
    /// first. A box on the indexed columns narrows the rows; the exact distance decides.
    /// </summary>
    public async Task<List<Case>> SimilarAsync(Case c, CancellationToken ct)
    {
        if (c.CategoryCode is null || c.Lon is not { } lon || c.Lat is not { } lat)
        {
            return [];
        }
        const double radius = 50;
        double dLat = radius / 111_320.0, dLon = radius / (111_320.0 * Math.Cos(double.DegreesToRadians(lat)));
        DateTimeOffset since = c.ReportedAt.AddHours(-24), until = c.ReportedAt.AddHours(24);
        CaseState[] closed = [CaseState.Closed, CaseState.Evaluated, CaseState.Voided, CaseState.Withdrawn, CaseState.Merged];
        List<Case> near = await db.Cases.AsNoTracking()
            .Where(x => x.Id != c.Id && x.CategoryCode == c.CategoryCode && x.ParentId == null && !closed.Contains(x.State)
                && x.ReportedAt >= since && x.ReportedAt <= until
                && x.Lat >= lat - dLat && x.Lat <= lat + dLat && x.Lon >= lon - dLon && x.Lon <= lon + dLon)
            .OrderBy(x => x.ReportedAt).Take(50).ToListAsync(ct);
        return [.. near.Select(x => (Case: x, D: GeoMeasure.DistanceMeters(lon, lat, x.Lon!.Value, x.Lat!.Value)))
            .Where(x => x.D <= radius).OrderBy(x => x.D).Select(x => x.Case)];
    }

    // Numbers taken in one statement for a group-committed batch, handed out in order.
    private (string Prefix, int Year, int Next, int End) _reserved;

    /// <summary>
    /// Takes <paramref name="count"/> consecutive numbers of the current year in one statement, for
    /// a batch of intakes in one transaction; <see cref="OpenAsync"/> uses them before asking again.
    /// </summary>
    public async Task ReserveNumbersAsync(int count, CancellationToken ct)
    {
        CaseNumber probe = CaseNumber.For(Prefix, time.GetUtcNow(), ShanghaiTime.Zone, 1);
        int first = await TakeAsync(probe.Prefix, probe.Year, count, ct);
        _reserved = (probe.Prefix, probe.Year, first, first + count);
    }

    /// <summary>Takes the next number of the district and year; the row lock serialises concurrent intakes.</summary>
    private async Task<string> NextNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        CaseNumber probe = CaseNumber.For(Prefix, now, ShanghaiTime.Zone, 1);
        // A batch that straddles midnight on 31 December falls back to one number at a time.
        if (_reserved.Prefix == probe.Prefix && _reserved.Year == probe.Year && _reserved.Next < _reserved.End)
        {
            return CaseNumber.For(probe.Prefix, now, ShanghaiTime.Zone, _reserved.Next++).ToString();
        }
        return CaseNumber.For(probe.Prefix, now, ShanghaiTime.Zone, await TakeAsync(probe.Prefix, probe.Year, 1, ct)).ToString();
    }

    private async Task<int> TakeAsync(string prefix, int year, int count, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""INSERT INTO case_sequences ("Prefix", "Year", "Next") VALUES ({prefix}, {year}, 1) ON CONFLICT DO NOTHING""", ct);
        List<int> taken = await db.Database.SqlQuery<int>(
            $"""UPDATE case_sequences SET "Next" = "Next" + {count} WHERE "Prefix" = {prefix} AND "Year" = {year} RETURNING "Next" - {count} AS "Value" """).ToListAsync(ct);
        return taken.Single();
    }
}

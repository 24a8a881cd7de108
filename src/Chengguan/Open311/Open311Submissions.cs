using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chengguan.Cases;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace Chengguan.Open311;

/// <summary>
/// POST requests.{fmt}: a citizen report from an Open311 client becomes a case through the same
/// intake as every other channel (validate, open, one save in a transaction). The form may be
/// url-encoded or multipart; files sent along become the case's Before evidence, saved with the case.
/// </summary>
public static partial class Open311Submissions
{
    /// <summary>Room for a few photos in a multipart post.</summary>
    public const long BodyLimit = 16 * 1024 * 1024;

    private const int MaxMediaUrl = 1000;

    [GeneratedRegex(@"^attribute\[([^\[\]]+)\](\[\])?$")]
    private static partial Regex AttributeKey();

    [GeneratedRegex("[()./]")]
    private static partial Regex PhonePunctuation();

    internal static async Task<Open311Result> Submit(
        string format, HttpRequest request, CaseIntake intake, AppDbContext db, CurrentUser user, IConfiguration config,
        Evidence.Attachments attachments, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        if (!request.HasFormContentType)
        {
            return GeoReport.BadRequest(f, ["请求体须为表单：application/x-www-form-urlencoded 或 multipart/form-data"]);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return GeoReport.BadRequest(f, ["表单无法解析"]);
        }
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(form, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        if (GeoReport.Arg(form, "service_code") is not { } code)
        {
            return GeoReport.BadRequest(f, ["service_code 不能为空"]);
        }
        if (await Open311Services.FindAsync(db, code, ct) is not { } service)
        {
            return GeoReport.NotFound(f, $"服务 {code} 不存在");
        }

        var errors = new List<string>();
        (double? lat, double? lon) = Point(form, errors);
        string? address = GeoReport.Arg(form, "address_string");
        if (lat is null && address is null && errors.Count == 0)
        {
            errors.Add("须提供位置：lat 与 long，或 address_string（不支持 address_id）");
        }
        bool located = errors.Count == 0;
        string? condition = Condition(service, Attributes(form), errors);
        string[] mediaUrls = [.. form["media_url"].Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim())];
        if (mediaUrls.Any(u => u.Length > MaxMediaUrl || !Uri.TryCreate(u, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"media_url 须为 http 或 https 的绝对地址，且不超过 {MaxMediaUrl} 个字符");
        }

        // The reporter's name and phone are kept on the case for call-backs and never published;
        // email has no place on a case yet and is not kept.
        string[] names = [.. new[] { GeoReport.Arg(form, "first_name"), GeoReport.Arg(form, "last_name") }.OfType<string>().Where(n => n != "-")];
        var input = new CaseInput(
            CaseChannel.Open311, null, null, null, service.CategoryCode, condition,
            GeoReport.Arg(form, "description") ?? service.Name, address, lon, lat, "wgs84",
            names.Length == 0 ? null : string.Join(' ', names), Phone(GeoReport.Arg(form, "phone")), null);
        // Every problem is listed at once; a location already refused above is not refused twice.
        FieldErrors invalid = await intake.ValidateAsync(input, ct);
        errors.AddRange(invalid.ToDictionary()
            .Where(kv => located || kv.Key is not ("lon" or "lat" or "address"))
            .SelectMany(kv => kv.Value.Select(m => $"{ParameterOf(kv.Key)}：{m}")));
        if (errors.Count > 0)
        {
            return GeoReport.BadRequest(f, errors);
        }

        // Photos sent along are kept as evidence when their content is a known type; the others are named in the notice.
        // Their bytes are stored before the transaction, their rows staged with the case and saved with it.
        Evidence.StoredFiles photos = await attachments.StoreAsync([.. form.Files.Select(f => Evidence.IncomingFile.From(f))], ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The case is the client's: its key reads and follows it, no other client's does. What the
        // client sent besides the case fields stays on the opening line of the timeline.
        var sent = new
        {
            serviceCode = service.Code,
            attributes = new Dictionary<string, string?> { [Open311Service.ConditionAttribute] = condition },
            mediaUrls,
        };
        Case c = await intake.OpenAsync(input, user.UserId, user.Name, user.Integration, sent, ct);
        attachments.StageOnNewCase(c.Id, photos);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        string notice = "已受理，值班人员核实后立案处置";
        if (photos.Count > 0)
        {
            notice += $"；附带的 {photos.Count} 个文件已作为处置前材料保存";
        }
        if (photos.Skipped > 0)
        {
            notice += $"；{photos.Skipped} 个文件无法识别为照片、视频或文件（或过大），未保存";
        }
        // A realtime service answers with the id at once, never with a token as well.
        return new Open311Result(new Open311Document("service_requests", new Open311List("request",
            [new Open311Object { { "service_request_id", c.Number }, { "service_notice", notice }, { "account_id", null } }])), f);
    }

    internal static string? MediaUrlOf(string dataJson)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(dataJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("mediaUrls", out JsonElement urls) && urls.ValueKind == JsonValueKind.Array
                && urls.GetArrayLength() > 0 && urls[0].ValueKind == JsonValueKind.String
                ? urls[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (double? Lat, double? Lon) Point(IFormCollection form, List<string> errors)
    {
        string? lat = GeoReport.Arg(form, "lat"), lon = GeoReport.Arg(form, "long");
        if (lat is null && lon is null)
        {
            return (null, null);
        }
        if (lat is null || lon is null)
        {
            errors.Add("lat 与 long 须同时提供");
            return (null, null);
        }
        bool okLat = double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out double y);
        bool okLon = double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out double x);
        if (!okLat || !okLon)
        {
            errors.Add("lat 与 long 须为 WGS84 十进制度数");
            return (null, null);
        }
        return (y, x);
    }

    /// <summary>attribute[code]=v, and attribute[code][]=v1&amp;attribute[code][]=v2 for multi-value lists.</summary>
    private static Dictionary<string, string[]> Attributes(IFormCollection form)
    {
        var attributes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach ((string key, StringValues values) in form)
        {
            if (AttributeKey().Match(key) is { Success: true } m)
            {
                string[] given = [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];
                attributes[m.Groups[1].Value] = [.. (attributes.GetValueOrDefault(m.Groups[1].Value) ?? []).Concat(given)];
            }
        }
        return attributes;
    }

    /// <summary>The filing condition chosen; attributes the service does not define (FixMyStreet always sends uprn) are ignored.</summary>
    private static string? Condition(Open311Service service, Dictionary<string, string[]> attributes, List<string> errors)
    {
        string[] chosen = attributes.GetValueOrDefault(Open311Service.ConditionAttribute) ?? [];
        string keys = string.Join("、", service.Conditions.Select(c => c.ConditionCode));
        if (chosen.Length == 0)
        {
            if (service.ConditionRequired)
            {
                errors.Add($"attribute[{Open311Service.ConditionAttribute}] 为必填项，取值为 {keys} 之一");
            }
            return service.Conditions[0].ConditionCode;
        }
        if (chosen.Length > 1 || !service.Conditions.Any(c => c.ConditionCode == chosen[0]))
        {
            errors.Add($"attribute[{Open311Service.ConditionAttribute}] 只能取一个值：{keys} 之一");
            return null;
        }
        return chosen[0];
    }

    /// <summary>Brackets, dots and slashes that people type into phone numbers become spaces.</summary>
    private static string? Phone(string? phone) =>
        phone is null ? null : PhonePunctuation().Replace(phone, " ").Trim();

    private static string ParameterOf(string field) => field switch
    {
        "lon" => "long",
        "address" => "address_string",
        "reporterName" => "first_name/last_name",
        "reporterPhone" => "phone",
        "categoryCode" => "service_code",
        "conditionCode" => $"attribute[{Open311Service.ConditionAttribute}]",
        _ => field,
    };
}

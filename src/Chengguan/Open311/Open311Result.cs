using System.Text.RegularExpressions;
using Chengguan.Identity;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Chengguan.Open311;

/// <summary>An Open311 answer: the document in the format of the path suffix, with its exact content type.</summary>
public sealed class Open311Result(Open311Document document, Open311Format format, int statusCode = StatusCodes.Status200OK)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string XmlType = "text/xml; charset=utf-8";
    public const string JsonType = "application/json; charset=utf-8";

    public int? StatusCode => statusCode;
    public string ContentType => format == Open311Format.Xml ? XmlType : JsonType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        byte[] body = document.ToBytes(format);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

/// <summary>Format suffixes, error lists and the arguments every call shares (GeoReport v2 §1.1, §1.3e).</summary>
public static partial class GeoReport
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>XML is mandatory in GeoReport v2, so a call with a suffix we do not serve is answered in XML.</summary>
    public static bool TryFormat(string? suffix, out Open311Format format)
    {
        (bool known, format) = suffix switch
        {
            "xml" => (true, Open311Format.Xml),
            "json" => (true, Open311Format.Json),
            _ => (false, Open311Format.Xml),
        };
        return known;
    }

    public static Open311Result UnknownFormat(string? suffix) =>
        Error(Open311Format.Xml, StatusCodes.Status404NotFound, $"不支持的格式 .{suffix}：请使用 .xml 或 .json");

    public static Open311Result Error(Open311Format format, int status, params string[] descriptions) =>
        new(new Open311Document("errors", new Open311List("error", [.. descriptions.Select(d => new Open311Object { { "code", status }, { "description", d } })])), format, status);

    public static Open311Result BadRequest(Open311Format format, IEnumerable<string> descriptions) =>
        Error(format, StatusCodes.Status400BadRequest, [.. descriptions]);

    public static Open311Result NotFound(Open311Format format, string description) => Error(format, StatusCodes.Status404NotFound, description);

    /// <summary>
    /// An empty parameter behaves exactly like an absent one; a repeated one reads as a comma list.
    /// NUL characters (a query string may carry %00) are dropped: PostgreSQL text cannot hold them.
    /// </summary>
    public static string? Arg(IQueryCollection query, string name) => Trimmed(query[name].ToString());

    public static string? Arg(IFormCollection form, string name) => Trimmed(form[name].ToString());

    private static string? Trimmed(string value)
    {
        string text = value.Replace("\0", "", StringComparison.Ordinal);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>
    /// One jurisdiction is served. When <c>Open311:JurisdictionId</c> is configured, another
    /// non-empty value is unknown (404); otherwise the argument is ignored, as the spec allows.
    /// </summary>
    public static Open311Result? CheckJurisdiction(string? jurisdiction, Open311Format format, IConfiguration config)
    {
        string? ours = config["Open311:JurisdictionId"];
        return string.IsNullOrWhiteSpace(ours) || jurisdiction is null || string.Equals(jurisdiction, ours, StringComparison.OrdinalIgnoreCase)
            ? null
            : NotFound(format, $"未知的 jurisdiction_id：{jurisdiction}（本接口服务 {ours}）");
    }

    /// <summary>A comma list, trimmed, empty items dropped.</summary>
    public static string[] List(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex W3cPattern();

    /// <summary>
    /// A W3C date-time with a mandatory zone; a zone-less value is refused. A '+' that arrived as a
    /// space (an unencoded query string) is read as the '+' it was.
    /// </summary>
    public static bool TryW3c(string text, out DateTimeOffset at)
    {
        at = default;
        string value = text.Replace(' ', '+');
        return W3cPattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at);
    }
}

/// <summary>
/// A missing or invalid API key on an Open311 call is 403 with an Open311 error list in the
/// requested format (an unknown format is 404 whatever the key), not the API's problem document.
/// </summary>
internal sealed class Open311KeyRequired : IAuthorizationFailureResponse
{
    public Task WriteAsync(HttpContext context, PolicyAuthorizationResult result)
    {
        string? suffix = context.GetRouteValue("format") as string;
        Open311Result answer = GeoReport.TryFormat(suffix, out Open311Format format)
            ? GeoReport.Error(format, StatusCodes.Status403Forbidden, "api_key 缺失或无效：请以表单字段 api_key 或请求头 X-Api-Key 提供有效的 API 密钥")
            : GeoReport.UnknownFormat(suffix);
        return answer.ExecuteAsync(context);
    }
}

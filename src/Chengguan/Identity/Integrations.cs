using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Chengguan.Cases;

namespace Chengguan.Identity;

/// <summary>
/// What an endpoint does for machine clients. Every endpoint that admits API keys names one
/// (<see cref="IntegrationAccess.ForIntegrations{TBuilder}"/>); a key reaches it only when its
/// integration's row in <see cref="Integrations"/> lists it, and gets 404 everywhere else.
/// </summary>
public enum IntegrationOperation
{
    /// <summary>POST /api/hotline/orders, and the urge and withdrawal of an order.</summary>
    HotlineOrders,

    /// <summary>POST /open311/v2/requests.{format}.</summary>
    Open311Requests,

    /// <summary>GET /api/cases/{id}, for the integration's own cases.</summary>
    ReadCases,

    /// <summary>POST /api/cases/{id}/actions/{action}, for its own cases, with the actions the transition table gives the Integration role.</summary>
    ActOnCases,

    /// <summary>GET /api/categories: the event/component dictionary.</summary>
    Categories,

    /// <summary>GET /api/clocks/preview: the deadline calculator.</summary>
    ClockPreview,

    /// <summary>GET /api/grids/locate: point → grid, community, street, responsible units.</summary>
    LocateGrid,
}

/// <summary>
/// One row of the catalogue. With <see cref="TakesClientId"/> every client is an integration of
/// its own, stored as <c>code:client-id</c>. Cases of <see cref="Channels"/> belong to this
/// integration whoever opened them (the hotline's orders, also when imported).
/// </summary>
public sealed record IntegrationKind(
    string Code, string Name, bool TakesClientId, IReadOnlyList<CaseChannel> Channels, IReadOnlySet<IntegrationOperation> Operations);

/// <summary>
/// The integrations an API key can act for, and what each may do. A key names one (its
/// <see cref="ApiKey.Integration"/>); a key whose value no row knows (made before this catalogue
/// existed, or of a row since removed) authenticates nothing. A new integration is a new row.
/// </summary>
public static partial class Integrations
{
    /// <summary>The 12345/12319 platform: delivers, urges and withdraws orders and calls citizens back.</summary>
    public static readonly IntegrationKind Hotline = new("hotline", "12345/12319 热线平台", false,
        [CaseChannel.Hotline12345, CaseChannel.Hotline12319],
        new HashSet<IntegrationOperation>
        {
            IntegrationOperation.HotlineOrders, IntegrationOperation.ReadCases, IntegrationOperation.ActOnCases,
            // The platform classifies orders with our dictionary, shows citizens the deadline and routes points.
            IntegrationOperation.Categories, IntegrationOperation.ClockPreview, IntegrationOperation.LocateGrid,
        });

    /// <summary>
    /// An Open311 GeoReport v2 client (FixMyStreet, a district app…): files reports and follows its own.
    /// Its services list (/open311/v2/services) is anonymous and takes the place of the dictionary;
    /// GeoReport has no deadlines, so the clock preview is not its business.
    /// </summary>
    public static readonly IntegrationKind Open311 = new("open311", "Open311 客户端", true, [],
        new HashSet<IntegrationOperation>
        {
            IntegrationOperation.Open311Requests, IntegrationOperation.ReadCases, IntegrationOperation.ActOnCases,
            // Lets a client tell a reporter before submitting that a point lies outside the district.
            IntegrationOperation.LocateGrid,
        });

    public static readonly IReadOnlyList<IntegrationKind> All = [Hotline, Open311];

    /// <summary>The longest stored value (api_keys and cases columns): a code, a colon and a client id.</summary>
    public const int MaxLength = 50;

    private const string ClientIdRule = "2–40 位小写字母、数字或连字符，以字母或数字开头";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex ClientIdPattern();

    public static IntegrationKind? Find(string? code) => All.FirstOrDefault(k => k.Code == code);

    /// <summary>The integration that owns cases of this channel, if any (the hotline's two channels).</summary>
    public static IntegrationKind? OwnerOf(CaseChannel channel) => All.FirstOrDefault(k => k.Channels.Contains(channel));

    /// <summary>The stored value of an integration: its code, or <c>code:client-id</c>.</summary>
    public static string ValueOf(IntegrationKind kind, string? clientId) => kind.TakesClientId ? $"{kind.Code}:{clientId}" : kind.Code;

    /// <summary>The row a stored value names, or null when the catalogue does not know it.</summary>
    public static IntegrationKind? Resolve(string? value)
    {
        if (value is null)
        {
            return null;
        }
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        IntegrationKind? kind = Find(colon < 0 ? value : value[..colon]);
        bool shaped = kind is not null && (kind.TakesClientId ? colon > 0 && ClientIdPattern().IsMatch(value[(colon + 1)..]) : colon < 0);
        return shaped ? kind : null;
    }

    /// <summary>How the console names a stored value ("Open311 客户端 fixmystreet"), or null when the catalogue does not know it.</summary>
    public static string? Describe(string value) => Resolve(value) is { } kind
        ? kind.TakesClientId ? $"{kind.Name} {value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..]}" : kind.Name
        : null;

    /// <summary>The refusal of a new key's integration and client id, or null when they name a row of the catalogue.</summary>
    public static (string Field, string Message)? Check(string? code, string? clientId)
    {
        if (Find(code) is not { } kind)
        {
            return ("integration", $"未知接口：{code}；可选 {string.Join("、", All.Select(k => $"{k.Code}（{k.Name}）"))}");
        }
        if (kind.TakesClientId && (clientId is null || !ClientIdPattern().IsMatch(clientId)))
        {
            return ("clientId", $"{kind.Name}须有客户端标识：{ClientIdRule}");
        }
        if (!kind.TakesClientId && !string.IsNullOrEmpty(clientId))
        {
            return ("clientId", $"{kind.Name}不设客户端标识");
        }
        return null;
    }
}

/// <summary>
/// On a request's integration code: it must be a row of <see cref="Integrations"/>, with a client id
/// (the named sibling property) exactly when the row takes one. Runs with the other field checks, so
/// that the console and the API list every problem at once.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownIntegrationAttribute(string clientIdProperty) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        string? clientId = context.ObjectType.GetProperty(clientIdProperty)?.GetValue(context.ObjectInstance) as string;
        return Integrations.Check(value as string, clientId) is { } refusal
            ? new ValidationResult(refusal.Message, [refusal.Field == "clientId" ? clientIdProperty : context.MemberName!])
            : ValidationResult.Success;
    }
}

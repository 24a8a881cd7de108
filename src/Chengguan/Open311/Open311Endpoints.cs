using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Open311;

/// <summary>
/// Open311 GeoReport v2 at /open311/v2 (shared/docs/open311.md §1), with the FixMyStreet
/// service-request-updates extension. The format is the path suffix (.xml or .json); reading is
/// anonymous, as the spec has it; a report needs an API key, sent as the <c>api_key</c> form field
/// or the <c>X-Api-Key</c> header.
/// </summary>
public static class Open311Endpoints
{
    public const string BasePath = "/open311/v2";

    /// <summary>When this interface last changed (discovery's changeset).</summary>
    public const string Changeset = "2026-11-28T00:00:00+08:00";

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        // Read the published channels now, so that a misspelt or forbidden channel stops the start
        // instead of failing every reading call.
        _ = app.ServiceProvider.GetRequiredService<Open311Publication>();
        var read = app.MapGroup(BasePath).WithTags("Open311").AllowAnonymous();
        read.MapGet("/discovery.{format}", Discovery).WithSummary("Open311 服务发现")
            .WithDescription("GeoReport v2 服务发现：接口地址、版本和格式（format 为 json 或 xml）。");
        read.MapGet("/services.{format}", Services).WithSummary("Open311 服务列表（事部件小类）")
            .WithDescription("可受理的服务列表，每个服务对应一个事部件小类。");
        read.MapGet("/services/{code}.{format}", Definition).WithSummary("Open311 服务定义（立案条件）")
            .WithDescription("服务定义：该类别的立案条件作为属性供客户端选择。");
        read.MapGet("/requests.{format}", Open311Queries.Requests).WithSummary("Open311 服务请求查询")
            .WithDescription("按编号、服务、状态和时间查询已公开的服务请求。");
        read.MapGet("/requests/{id}.{format}", Open311Queries.Request).WithSummary("Open311 单个服务请求")
            .WithDescription("按编号返回一个已公开的服务请求。");
        read.MapGet("/tokens/{token}.{format}", Open311Queries.Token).WithSummary("Open311 令牌查询")
            .WithDescription("以提交时返回的令牌查询服务请求编号。");
        read.MapGet("/media/{id:guid}", Open311Queries.Media).WithSummary("Open311 公开照片（报告人上传，已去除 EXIF/GPS）")
            .WithDescription("下载报告人上传的公开照片（已去除 EXIF/GPS）。");
        read.MapGet("/servicerequestupdates.{format}", Open311Queries.Updates).WithSummary("Open311 服务请求进展（FixMyStreet 扩展）")
            .WithDescription("FixMyStreet 扩展：按时间列出服务请求的进展更新。");

        app.MapGroup(BasePath).WithTags("Open311").RequireAuthorization(Policies.Integration)
            .MapPost("/requests.{format}", Open311Submissions.Submit)
            .WithMetadata(new ApiKeyFormField("api_key"), new Open311KeyRequired())
            .ForIntegrations(IntegrationOperation.Open311Requests)
            .WithBodyLimit(Open311Submissions.BodyLimit)
            // The key is no ambient credential (no cookie authenticates here), so there is no cross-site request to forge.
            .DisableAntiforgery()
            .WithSummary("Open311 提交服务请求（登记为案件）")
            .WithDescription("Open311 客户端以 API 密钥（open311 接入系统）提交服务请求，登记为案件；返回请求编号或令牌。");
    }

    private static Open311Result Discovery(string format, HttpRequest request, IConfiguration config)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        string url = config["Open311:BaseUrl"] ?? $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";
        var discovery = new Open311Object
        {
            { "changeset", Changeset },
            { "contact", config["Open311:Contact"] ?? "区城市管理行政执法局数字城管监督指挥中心" },
            { "key_service", config["Open311:KeyService"] ?? "提交服务请求须有 API 密钥，请向数字城管监督指挥中心申请（由系统管理员签发）" },
            {
                "endpoints", new Open311List("endpoint",
                [
                    new Open311Object
                    {
                        { "specification", GeoReport.Specification },
                        { "url", url },
                        { "changeset", Changeset },
                        { "type", config["Open311:EndpointType"] ?? "production" },
                        { "formats", new Open311List("format", [Open311Result.XmlType.Split(';')[0], Open311Result.JsonType.Split(';')[0]]) },
                    },
                ])
            },
        };
        return new Open311Result(new Open311Document("discovery", discovery), f);
    }

    private static async Task<Open311Result> Services(string format, HttpRequest request, AppDbContext db, IConfiguration config, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(request.Query, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        List<Open311Service> services = await Open311Services.LoadAsync(db, ct);
        return new Open311Result(new Open311Document("services", new Open311List("service", [.. services.Select(Open311Services.Service)])), f);
    }

    private static async Task<Open311Result> Definition(string code, string format, HttpRequest request, AppDbContext db, IConfiguration config, CancellationToken ct)
    {
        if (!GeoReport.TryFormat(format, out Open311Format f))
        {
            return GeoReport.UnknownFormat(format);
        }
        if (GeoReport.CheckJurisdiction(GeoReport.Arg(request.Query, "jurisdiction_id"), f, config) is { } unknown)
        {
            return unknown;
        }
        return await Open311Services.FindAsync(db, code, ct) is { } service
            ? new Open311Result(new Open311Document("service_definition", Open311Services.Definition(service)), f)
            : GeoReport.NotFound(f, $"服务 {code} 不存在");
    }
}

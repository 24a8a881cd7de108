using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Demolition.Rivers;

/// <summary>Rivers (中小河道) over HTTP: adapters over <see cref="RiverRegister"/>.</summary>
public static class RiversEndpoints
{
    public static void MapRivers(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/rivers").WithTags("Rivers").RequireAuthorization(Policies.Staff).AddEndpointFilter<ValidationFilter>();
        g.MapPost("/", (RiverInput input, RiverRegister rivers, CancellationToken ct) => rivers.CreateAsync(input, ct).ToCreated(r => $"/api/rivers/{r.River.Id}"))
            .WithSummary("登记河道（编码、名称、级别、中心线 GeoJSON、河长、完成年度）")
            .WithDescription("登记一条河道：编码、名称、级别、中心线（GeoJSON）、河长和整治完成年度。");
        g.MapGet("/", async (RiverRegister rivers, CancellationToken ct) => TypedResults.Ok(await rivers.ListAsync(ct)))
            .WithSummary("河道列表：长度、河长、年底期限、沿河违建整治进度")
            .WithDescription("列出河道及其长度、河长、年底期限和沿河违建整治进度。");
        g.MapGet("/map", async (RiverRegister rivers, CancellationToken ct) => TypedResults.Text(await rivers.MapAsync(ct), "application/geo+json; charset=utf-8"))
            .WithSummary("河道图层（GeoJSON，WGS84）：中心线、名称、整治进度")
            .WithDescription("河道中心线的 GeoJSON 要素集合（WGS84），带名称和整治进度。");
        g.MapGet("/{id:guid}", (Guid id, RiverRegister rivers, CancellationToken ct) => rivers.GetAsync(id, ct).ToHttp()).WithSummary("河道详情：河段与河长")
            .WithDescription("返回河道及其各河段和河长。");
        g.MapPost("/{id:guid}/reaches", (Guid id, ReachInput input, RiverRegister rivers, CancellationToken ct) => rivers.AddReachAsync(id, input, ct).ToCreated(_ => $"/api/rivers/{id}"))
            .WithSummary("登记河段（所属街镇、河段河长、中心线）")
            .WithDescription("登记河道的一个河段：所属街镇、河段河长和中心线。");
        g.MapGet("/{id:guid}/census", (Guid id, RiverRegister rivers, CancellationToken ct) => rivers.CensusAsync(id, ct).ToHttp())
            .WithSummary("沿河违建普查：台账中距中心线一定距离内的违法建筑（按空间查找）")
            .WithDescription("在台账中按空间查找距中心线一定距离内的违法建筑，作为普查结果。");
        g.MapPost("/{id:guid}/census", (Guid id, CensusAttachInput input, RiverRegister rivers, CancellationToken ct) => rivers.AttachAsync(id, input, ct).ToHttp())
            .WithSummary("将普查发现的违法建筑纳入该河道整治")
            .WithDescription("把普查找到的违法建筑纳入该河道的整治范围。");
        g.MapGet("/{id:guid}/progress", (Guid id, RiverRegister rivers, CancellationToken ct) => rivers.ProgressAsync(id, ct).ToHttp())
            .WithSummary("河道整治进度：各街镇完成情况、年底期限、先难后易攻坚顺序")
            .WithDescription("各街镇在该河道的整治完成情况、年底期限和攻坚顺序（先难后易）。");
    }
}

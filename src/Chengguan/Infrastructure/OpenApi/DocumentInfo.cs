using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Chengguan.Infrastructure.OpenApi;

/// <summary>The document's title and the one paragraph an integrator reads first.</summary>
internal sealed class DocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "城管综合执法平台 API",
            Version = "v1",
            Description = """
                静安区城市管理行政执法局综合执法平台的接口。外部系统（12345/12319 热线平台、Open311 客户端）以管理员在控制台
                “接口密钥”页签发的 API 密钥调用（请求头 `X-Api-Key`）；工作人员的客户端以 `POST /api/auth/token` 换取的
                Bearer 令牌调用。所有错误以 RFC 9457 问题文档（`application/problem+json`）答复，标题与字段错误为中文。
                平台的答复（签收、初步结果、办结、答复、退单）以签名的 Webhook 推送，见 `webhooks`。
                接入指南：仓库中的 docs/integration.md。
                """,
        };
        return Task.CompletedTask;
    }
}

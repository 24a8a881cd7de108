using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Notifications;

/// <summary>An outside system that receives events whose topic starts with one of its prefixes.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Url { get; set; }

    /// <summary>The HMAC key; kept because every delivery is signed with it.</summary>
    public required string Secret { get; set; }

    /// <summary>Comma-separated topic prefixes, e.g. "clock.breach,clock.escalate".</summary>
    public required string Topics { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public bool Wants(string topic) => Topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Any(p => topic.StartsWith(p, StringComparison.Ordinal));
}

public sealed record WebhookDelivery(Guid SubscriptionId, string Topic, Guid EventId, string Body);

/// <summary>
/// Signs and posts one delivery. The receiver checks
/// <c>X-Chengguan-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))</c> and
/// de-duplicates on <c>X-Chengguan-Delivery</c>, since delivery is at least once.
/// </summary>
public static class WebhookSigner
{
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    public static async Task SendAsync(HttpClient http, WebhookSubscription subscription, WebhookDelivery delivery, Guid messageId, DateTimeOffset now, CancellationToken ct)
    {
        string timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Chengguan-Topic", delivery.Topic);
        request.Headers.Add("X-Chengguan-Delivery", messageId.ToString());
        request.Headers.Add("X-Chengguan-Timestamp", timestamp);
        request.Headers.Add("X-Chengguan-Signature", Sign(subscription.Secret, timestamp, delivery.Body));
        using HttpResponseMessage response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}

[RequestModel]
public sealed record WebhookRequest(
    [property: Required(ErrorMessage = "名称不能为空"), MaxLength(100, ErrorMessage = "名称不能超过 100 个字符")] string Name,
    [property: Required(ErrorMessage = "地址不能为空"), Url(ErrorMessage = "地址须为 http(s) URL"), MaxLength(500, ErrorMessage = "地址过长")] string Url,
    [property: Required(ErrorMessage = "主题不能为空"), MaxLength(500, ErrorMessage = "主题过长")] string Topics);

public sealed record WebhookDto(Guid Id, string Name, string Url, string Topics, bool Active, DateTimeOffset CreatedAt);
public sealed record CreatedWebhook(WebhookDto Webhook, string Secret);
public sealed record OutboxDto(Guid Id, string Topic, OutboxState State, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset AvailableAt, DateTimeOffset? DeliveredAt);

public static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/webhooks").WithTags("Notifications").RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>();
        hooks.MapGet("/", async (AppDbContext db, CancellationToken ct) => TypedResults.Ok(await db.WebhookSubscriptions.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new WebhookDto(w.Id, w.Name, w.Url, w.Topics, w.Active, w.CreatedAt)).ToListAsync(ct))).WithSummary("Webhook 订阅列表")
            .WithDescription("列出 Webhook 订阅：名称、接收地址、主题前缀、是否停用。不返回签名密钥。");
        hooks.MapPost("/", Create).WithSummary("登记 Webhook 订阅")
            .WithDescription("登记接收地址和主题前缀（逗号分隔，如 \"hotline.\"）。响应中的 secret 只显示这一次，用于校验每次投递的 X-Chengguan-Signature；投递方式见文档的 webhooks 部分。");
        hooks.MapPost("/{id:guid}/deactivate", Deactivate).WithSummary("停用 Webhook 订阅")
            .WithDescription("停用订阅：尚未投递的消息不再发送给它。");

        var outbox = app.MapGroup("/api/outbox").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        outbox.MapGet("/", async (AppDbContext db, OutboxState? state, CancellationToken ct) => TypedResults.Ok(await db.OutboxMessages.AsNoTracking()
            .Where(m => state == null || m.State == state).OrderByDescending(m => m.CreatedAt).Take(200)
            .Select(m => new OutboxDto(m.Id, m.Topic, m.State, m.Attempts, m.LastError, m.CreatedAt, m.AvailableAt, m.DeliveredAt)).ToListAsync(ct)))
            .WithSummary("发件箱（含死信）")
            .WithDescription("最近 200 条发件箱消息及其状态（Pending、Delivered、Dead）、尝试次数和最后的错误；可按 state 筛选。");
        outbox.MapPost("/{id:guid}/retry", Retry).WithSummary("重新投递死信")
            .WithDescription("把一条死信重新放回待投递（尝试次数清零）。不是死信答 409。");
    }

    private static async Task<Created<CreatedWebhook>> Create(WebhookRequest req, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var hook = new WebhookSubscription { Name = req.Name, Url = req.Url, Topics = req.Topics, Secret = secret, CreatedAt = time.GetUtcNow() };
        db.WebhookSubscriptions.Add(hook);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{hook.Id}", new CreatedWebhook(new WebhookDto(hook.Id, hook.Name, hook.Url, hook.Topics, true, hook.CreatedAt), secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid id, AppDbContext db, CancellationToken ct)
    {
        WebhookSubscription? hook = await db.WebhookSubscriptions.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (hook is null)
        {
            return Problems.NotFound("订阅不存在");
        }
        hook.Active = false;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Retry(Guid id, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        OutboxMessage? m = await db.OutboxMessages.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return Problems.NotFound("消息不存在");
        }
        if (m.State != OutboxState.Dead)
        {
            return Problems.Conflict($"只能重新投递死信（当前状态 {m.State}）");
        }
        (m.State, m.Attempts, m.AvailableAt) = (OutboxState.Pending, 0, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("webhook_subscriptions");
        b.Property(w => w.Name).HasMaxLength(100);
        b.Property(w => w.Url).HasMaxLength(500);
        b.Property(w => w.Secret).HasMaxLength(100);
        b.Property(w => w.Topics).HasMaxLength(500);
    }
}

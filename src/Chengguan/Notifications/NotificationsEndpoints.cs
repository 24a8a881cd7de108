using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Notifications;

/// <summary>The signed-in person's inbox over HTTP: adapters over <see cref="Inbox"/>.</summary>
public static class NotificationsEndpoints
{
    public static void MapInbox(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Staff);
        inbox.MapGet("/", (bool? unreadOnly, int? limit, Inbox inbox, CancellationToken ct) => inbox.ListAsync(unreadOnly == true, limit, ct).ToHttp())
            .WithSummary("我的消息（最新在前；limit 1–200，默认 50）");
        inbox.MapGet("/unread-count", (Inbox inbox, CancellationToken ct) => inbox.UnreadAsync(ct).ToHttp()).WithSummary("未读消息数");
        inbox.MapPost("/{id:guid}/read", (Guid id, Inbox inbox, CancellationToken ct) => inbox.MarkReadAsync(id, ct).ToHttp(_ => TypedResults.NoContent()))
            .WithSummary("标记一条消息为已读");
        inbox.MapPost("/read-all", (Inbox inbox, CancellationToken ct) => inbox.MarkAllReadAsync(ct).ToHttp(_ => TypedResults.NoContent()))
            .WithSummary("全部标记为已读");
    }
}

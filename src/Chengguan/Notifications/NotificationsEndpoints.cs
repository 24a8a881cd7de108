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
            .WithSummary("我的消息（最新在前；limit 1–200，默认 50）")
            .WithDescription("调用者的站内消息（如计时预警、升级、催办），最新在前。");
        inbox.MapGet("/unread-count", (Inbox inbox, CancellationToken ct) => inbox.UnreadAsync(ct).ToHttp()).WithSummary("未读消息数")
            .WithDescription("调用者未读消息的数量。");
        inbox.MapPost("/{id:guid}/read", (Guid id, Inbox inbox, CancellationToken ct) => inbox.MarkReadAsync(id, ct).ToHttp(_ => TypedResults.NoContent()))
            .WithSummary("标记一条消息为已读")
            .WithDescription("把调用者的一条消息标记为已读；别人的消息答 404。");
        inbox.MapPost("/read-all", (Inbox inbox, CancellationToken ct) => inbox.MarkAllReadAsync(ct).ToHttp(_ => TypedResults.NoContent()))
            .WithSummary("全部标记为已读")
            .WithDescription("把调用者的全部消息标记为已读。");
    }
}

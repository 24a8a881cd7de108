using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Notifications;

public sealed record NotificationDto(Guid Id, string Title, string Body, string? Link, string? Topic, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
public sealed record UnreadCount(int Unread);

/// <summary>The signed-in person's inbox.</summary>
public static class NotificationsEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Staff);
        inbox.MapGet("/", List);
        inbox.MapGet("/unread-count", Unread);
        inbox.MapPost("/{id:guid}/read", MarkRead);
        inbox.MapPost("/read-all", MarkAllRead);
    }

    private static async Task<Ok<List<NotificationDto>>> List(AppDbContext db, CurrentUser user, bool? unreadOnly, int? limit, CancellationToken ct)
    {
        IQueryable<Notification> q = db.Notifications.AsNoTracking().Where(n => n.UserId == user.UserId);
        if (unreadOnly == true)
        {
            q = q.Where(n => n.ReadAt == null);
        }
        return TypedResults.Ok(await q.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(limit ?? 50, 1, 200))
            .Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, n.Topic, n.CreatedAt, n.ReadAt)).ToListAsync(ct));
    }

    private static async Task<Ok<UnreadCount>> Unread(AppDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await db.Notifications.CountAsync(n => n.UserId == user.UserId && n.ReadAt == null, ct)));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        Notification? n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == user.UserId, ct);
        if (n is null)
        {
            return Problems.NotFound("消息不存在");
        }
        n.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MarkAllRead(AppDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == user.UserId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.NoContent();
    }
}

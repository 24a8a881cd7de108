using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Notifications;

public sealed record NotificationDto(Guid Id, string Title, string Body, string? Link, string? Topic, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record UnreadCount(int Unread);

/// <summary>
/// The signed-in person's inbox: the door the API (/api/notifications) and the console's bell both use.
/// A person sees and marks only their own messages; someone else's message is not found.
/// </summary>
public sealed class Inbox(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Newest first; <paramref name="limit"/> is clamped to 1–200 (50 when absent).</summary>
    public async Task<Outcome<List<NotificationDto>>> ListAsync(bool unreadOnly, int? limit, CancellationToken ct)
    {
        IQueryable<Notification> q = Mine().AsNoTracking();
        if (unreadOnly)
        {
            q = q.Where(n => n.ReadAt == null);
        }
        return await q.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit))
            .Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, n.Topic, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
    }

    public async Task<Outcome<UnreadCount>> UnreadAsync(CancellationToken ct) =>
        new UnreadCount(await Mine().CountAsync(n => n.ReadAt == null, ct));

    /// <summary>Marks one message read; reading it again keeps the first time.</summary>
    public async Task<Outcome<bool>> MarkReadAsync(Guid id, CancellationToken ct)
    {
        if (await Mine().FirstOrDefaultAsync(x => x.Id == id, ct) is not { } n)
        {
            return new Outcome<bool>.NotFound("消息不存在");
        }
        n.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Marks every unread message read; answers how many were.</summary>
    public async Task<Outcome<int>> MarkAllReadAsync(CancellationToken ct)
    {
        DateTimeOffset now = time.GetUtcNow();
        return await Mine().Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private IQueryable<Notification> Mine()
    {
        string id = user.UserId ?? "";
        return db.Notifications.Where(n => n.UserId == id);
    }
}

/// <summary>
/// Notifications' door for the topic handlers of other capabilities (a clock step, a proposal): they decide who is
/// told what; the rows are built here, in the handler's unit of work, so the message and the outbox row commit together.
/// </summary>
public static class InboxWrites
{
    /// <summary>Whether the outbox message <paramref name="sourceId"/> has already been delivered to anyone (a redelivery is skipped).</summary>
    public static Task<bool> DeliveredAsync(AppDbContext db, Guid sourceId, CancellationToken ct) =>
        db.Notifications.AnyAsync(n => n.SourceId == sourceId, ct);

    public static void Deliver(AppDbContext db, IEnumerable<string> userIds, string title, string body, string? link, string? topic, Guid? sourceId, DateTimeOffset now)
    {
        foreach (string user in userIds)
        {
            db.Notifications.Add(new Notification { UserId = user, Title = title, Body = body, Topic = topic, SourceId = sourceId, CreatedAt = now, Link = link });
        }
    }
}

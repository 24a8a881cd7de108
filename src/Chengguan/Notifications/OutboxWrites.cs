using System.Text.Json;
using Chengguan.Data;

namespace Chengguan.Notifications;

/// <summary>
/// The outbox's front door for the capabilities that have something to send. The message is added to the
/// caller's own unit of work, so it commits (or not) with the change it reports; Notifications alone
/// builds the row, and its dispatcher alone changes it afterwards.
/// </summary>
public static class OutboxWrites
{
    /// <summary>A message available at once, for a caller that inserts many in one bulk write (the clock sweep).</summary>
    public static OutboxMessage Message(string topic, string payload, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        return new OutboxMessage { Topic = topic, Payload = payload, CreatedAt = now, AvailableAt = now };
    }

    /// <summary>Adds a message to <paramref name="db"/>'s pending changes; the payload is serialised with <paramref name="json"/> (web defaults when null).</summary>
    public static OutboxMessage EnqueueOutbox<T>(this AppDbContext db, string topic, T payload, DateTimeOffset now, JsonSerializerOptions? json = null)
    {
        OutboxMessage message = Message(topic, JsonSerializer.Serialize(payload, json ?? JsonSerializerOptions.Web), now);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Adds many messages to a bulk write (the clock sweep's thousands of steps), in the writer's transaction.</summary>
    public static BulkWrite InsertOutbox(this BulkWrite bulk, IReadOnlyList<OutboxMessage> messages) => bulk.Insert(messages);
}

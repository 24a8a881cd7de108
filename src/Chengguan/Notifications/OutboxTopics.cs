namespace Chengguan.Notifications;

/// <summary>
/// The capability that owns a family of outbox topics handles their messages: the dispatcher hands it
/// each message whose topic starts with its prefix, before the message is fanned out to webhooks.
/// Registered by the owner's own setup with <see cref="OutboxTopicRegistration.AddOutboxTopicHandler{THandler}"/>.
/// </summary>
public interface IOutboxTopicHandler
{
    /// <summary>
    /// Delivers one message inside the dispatcher's unit of work: the handler adds rows to its scope's
    /// <see cref="Data.AppDbContext"/> and does not save; the dispatcher saves them with the message's new state.
    /// Delivery is at least once, so a handler is idempotent (notifications: unique on source and person).
    /// To have the message retried with back-off (and dead-lettered in the end) it throws
    /// <see cref="InvalidOperationException"/>, <see cref="System.Text.Json.JsonException"/> or
    /// <see cref="HttpRequestException"/>; whatever it added before throwing is then discarded.
    /// </summary>
    Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct);
}

/// <summary>Which handler owns the topics that start with <paramref name="Prefix"/>.</summary>
public sealed record OutboxTopicOwner(string Prefix, Type Handler);

/// <summary>
/// The owners of outbox topics as the capabilities registered them. A topic goes to the owner with the
/// longest prefix it starts with; a topic nobody owns is only fanned out to webhooks.
/// </summary>
public sealed class OutboxTopics
{
    private readonly List<OutboxTopicOwner> _owners;

    public OutboxTopics(IEnumerable<OutboxTopicOwner> owners)
    {
        _owners = [.. owners.OrderByDescending(o => o.Prefix.Length)];
        // Two owners of one prefix, or an owner of the dispatcher's own webhook deliveries, is a wiring mistake: fail at start.
        if (_owners.GroupBy(o => o.Prefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Outbox topic prefix '{twice.Key}' is registered by {string.Join(" and ", twice.Select(o => o.Handler.Name))}.");
        }
        if (_owners.FirstOrDefault(o => OutboxDispatcher.WebhookTopic.StartsWith(o.Prefix, StringComparison.Ordinal)) is { } webhook)
        {
            throw new InvalidOperationException($"Outbox topic prefix '{webhook.Prefix}' of {webhook.Handler.Name} would take the dispatcher's own webhook deliveries.");
        }
    }

    public IReadOnlyList<OutboxTopicOwner> Owners => _owners;

    public OutboxTopicOwner? OwnerOf(string topic) => _owners.FirstOrDefault(o => topic.StartsWith(o.Prefix, StringComparison.Ordinal));
}

public static class OutboxTopicRegistration
{
    /// <summary>Registers <typeparamref name="THandler"/> (scoped, so it shares the dispatcher's DbContext) as the owner of the topics starting with <paramref name="topicPrefix"/>.</summary>
    public static IServiceCollection AddOutboxTopicHandler<THandler>(this IServiceCollection services, string topicPrefix)
        where THandler : class, IOutboxTopicHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPrefix);
        services.AddScoped<THandler>();
        services.AddSingleton(new OutboxTopicOwner(topicPrefix, typeof(THandler)));
        return services;
    }
}

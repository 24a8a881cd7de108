using System.Net;
using Chengguan.Data;
using Chengguan.Notifications;
using Chengguan.Tests.Clocks;
using Chengguan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chengguan.Tests.Notifications;

/// <summary>The owners and links registries on their own: who gets a topic, and what is refused at start.</summary>
public sealed class OutboxTopicsTests
{
    private sealed class A : IOutboxTopicHandler
    {
        public Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class B : IOutboxTopicHandler
    {
        public Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void A_topic_goes_to_the_owner_of_its_longest_prefix_and_an_unowned_topic_to_nobody()
    {
        var topics = new OutboxTopics([new OutboxTopicOwner("clock.", typeof(A)), new OutboxTopicOwner("clock.escalate:", typeof(B))]);
        Assert.Equal(typeof(A), topics.OwnerOf("clock.breach")?.Handler);
        Assert.Equal(typeof(B), topics.OwnerOf("clock.escalate:section_chief")?.Handler);
        Assert.Null(topics.OwnerOf("case.urged"));
        Assert.Null(topics.OwnerOf("clock"));
    }

    [Fact]
    public void Two_owners_of_one_prefix_or_an_owner_of_the_webhook_deliveries_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new OutboxTopics([new OutboxTopicOwner("clock.", typeof(A)), new OutboxTopicOwner("clock.", typeof(B))]));
        Assert.Throws<InvalidOperationException>(() => new OutboxTopics([new OutboxTopicOwner("web", typeof(A))]));
    }

    [Fact]
    public void A_subject_type_has_one_link_and_an_unknown_one_none()
    {
        var links = new SubjectLinks([new SubjectLink("case", id => $"/cases/{id}")]);
        Guid id = Guid.NewGuid();
        Assert.Equal($"/cases/{id}", links.For("case", id));
        Assert.Null(links.For("cases", id));
        Assert.Throws<InvalidOperationException>(() => new SubjectLinks([new SubjectLink("case", _ => "/a"), new SubjectLink("case", _ => "/b")]));
    }
}

/// <summary>The dispatcher's mechanics over a real database: unowned topics, and a failing owner whose rows are not saved.</summary>
public abstract class OutboxDispatcherTests<TApp>(TApp app) where TApp : ChengguanApp, IClockApp
{
    private async Task<Guid> WriteAsync(string topic, string payload = "{}")
    {
        DateTimeOffset now = app.Clock.GetUtcNow();
        var message = new OutboxMessage { Topic = topic, Payload = payload, CreatedAt = now, AvailableAt = now };
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(message);
            return await db.SaveChangesAsync();
        });
        return message.Id;
    }

    private Task<OutboxMessage> StoredAsync(Guid id) => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task A_topic_nobody_owns_is_fanned_out_to_its_subscribers_and_marked_delivered()
    {
        app.RequireAvailable();
        using var receiver = new FlakyReceiver(failFirst: 0);
        HttpClient admin = await app.ClientFor("admin");
        await (await admin.PostJson("/api/webhooks", new { name = "12345 平台", url = receiver.Url, topics = "case.urged" })).OkJson<CreatedWebhook>(HttpStatusCode.Created);
        string marker = Guid.NewGuid().ToString("N");
        Guid urged = await WriteAsync("case.urged", $$"""{"caseNumber":"{{marker}}"}""");
        Guid unheard = await WriteAsync("nobody.listens");

        OutboxDispatcher dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchAsync(default);
        await dispatcher.DispatchAsync(default);

        Assert.Contains(receiver.Received, r => r.Topic == "case.urged" && r.Body.Contains(marker) && r.Status == 200);
        Assert.Equal(OutboxState.Delivered, (await StoredAsync(urged)).State);
        Assert.Equal(OutboxState.Delivered, (await StoredAsync(unheard)).State);
        Assert.False(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SourceId == urged || n.SourceId == unheard)));
    }

    [Fact]
    public async Task A_failing_owner_is_retried_with_back_off_and_what_it_added_before_failing_is_not_saved()
    {
        app.RequireAvailable();
        string admin = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        var owner = new FailingOwner(admin, failures: 1);
        var dispatcher = new OutboxDispatcher(new WithOwner(app.Services.GetRequiredService<IServiceScopeFactory>(), owner),
            new OutboxTopics([new OutboxTopicOwner(FailingOwner.Prefix, typeof(FailingOwner))]), app.Clock,
            app.Services.GetRequiredService<IHttpClientFactory>(), NullLogger<OutboxDispatcher>.Instance);
        Guid id = await WriteAsync(FailingOwner.Prefix + "step");

        await dispatcher.DispatchAsync(default);
        OutboxMessage failed = await StoredAsync(id);
        Assert.Equal((OutboxState.Pending, 1, "receiver down"), (failed.State, failed.Attempts, failed.LastError));
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(10), failed.AvailableAt);
        Assert.False(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.SourceId == id)));

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        await dispatcher.DispatchAsync(default);
        Assert.Equal(OutboxState.Delivered, (await StoredAsync(id)).State);
        Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.SourceId == id)));
    }

    /// <summary>Adds a notification, then fails the first <c>failures</c> times.</summary>
    private sealed class FailingOwner(string userId, int failures) : IOutboxTopicHandler
    {
        public const string Prefix = "test.failing.";
        private int _failuresLeft = failures;

        public AppDbContext? Db { get; set; }

        public Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
        {
            Db!.Notifications.Add(new Notification { UserId = userId, Title = "测试", Body = "测试", Topic = message.Topic, SourceId = message.Id, CreatedAt = now });
            if (--_failuresLeft >= 0)
            {
                throw new InvalidOperationException("receiver down");
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>The app's scopes, in which the failing owner is resolved with the scope's own DbContext.</summary>
    private sealed class WithOwner(IServiceScopeFactory inner, FailingOwner owner) : IServiceScopeFactory
    {
        public IServiceScope CreateScope() => new Scope(inner.CreateAsyncScope(), owner);

        private sealed class Scope(AsyncServiceScope inner, FailingOwner owner) : IServiceScope, IServiceProvider, IAsyncDisposable
        {
            public IServiceProvider ServiceProvider => this;

            public object? GetService(Type serviceType)
            {
                if (serviceType != typeof(FailingOwner))
                {
                    return inner.ServiceProvider.GetService(serviceType);
                }
                owner.Db = inner.ServiceProvider.GetRequiredService<AppDbContext>();
                return owner;
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}

public sealed class OutboxDispatcherTestsOnSqlite(SqliteClockApp app) : OutboxDispatcherTests<SqliteClockApp>(app), IClassFixture<SqliteClockApp>;

public sealed class OutboxDispatcherTestsOnPostgres(PostgresClockApp app) : OutboxDispatcherTests<PostgresClockApp>(app), IClassFixture<PostgresClockApp>;

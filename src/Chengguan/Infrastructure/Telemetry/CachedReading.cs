namespace Chengguan.Infrastructure.Telemetry;

/// <summary>
/// A value an observable gauge reads from the database at scrape time, kept for a short while so that frequent or
/// concurrent scrapes cost one query. Nothing is read before the database is migrated, and a failed read (database
/// down) reports nothing rather than a stale or made-up value; /readyz says why.
/// </summary>
public sealed class CachedReading<T>(Func<T> read, Func<bool> ready, TimeProvider time, TimeSpan ttl) where T : struct
{
    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public T? Value
    {
        get
        {
            if (!ready())
            {
                return null;
            }
            lock (_gate)
            {
                DateTimeOffset now = time.GetUtcNow();
                if (now - _readAt < ttl)
                {
                    return _value;
                }
                try
                {
                    _value = read();
                }
                catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
                {
                    _value = null;
                }
                _readAt = now;
                return _value;
            }
        }
    }
}

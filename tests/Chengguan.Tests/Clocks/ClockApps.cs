using Chengguan.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Chengguan.Tests.Clocks;

/// <summary>An application whose clock the tests move: Monday 2 March 2026, 10:00 in Shanghai.</summary>
public interface IClockApp
{
    FakeTimeProvider Clock { get; }
}

public sealed class SqliteClockApp : ChengguanApp, IClockApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    public override Engine Engine => Engine.Sqlite;
    protected override TimeProvider? Time => Clock;
}

public sealed class PostgresClockApp : ChengguanApp, IClockApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    public override Engine Engine => Engine.Postgres;
    protected override TimeProvider? Time => Clock;
}

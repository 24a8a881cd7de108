using Chengguan.Tests.Infrastructure;

namespace Chengguan.Tests.Api;

/// <summary>An application of its own, for tests that tamper with data or count every write.</summary>
public sealed class IsolatedSqliteApp : ChengguanApp
{
    public override Engine Engine => Engine.Sqlite;
}

public sealed class IsolatedPostgresApp : ChengguanApp
{
    public override Engine Engine => Engine.Postgres;
}

/// <summary>An empty application with a tight sign-in budget, to watch the throttle act.</summary>
public sealed class ThrottledApp : ChengguanApp
{
    public override Engine Engine => Engine.Sqlite;
    protected override bool SeedDemo => false;
    protected override int SignInPermitsPerMinute => 3;
}

using Chengguan.Data;
using Chengguan.Grids.Spatial;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Grids;

/// <summary>A unit as grids name it; <see cref="Kind"/> where the reader needs it (a responsible unit's, for routing).</summary>
public sealed record UnitRef(Guid Id, string Code, string Name, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Organisation.UnitKind? Kind = null);
public sealed record PersonRef(Guid Id, string Name, string? BadgeNumber);
public sealed record LocatedGrid(Guid Id, string Code, string? Name, UnitRef Community, UnitRef Street, IReadOnlyList<UnitRef> ResponsibleUnits, IReadOnlyList<PersonRef> Officers);

/// <summary>
/// The in-memory grid layer every point lookup uses. It is an immutable snapshot swapped whole on
/// change, so lookups never lock; each node rebuilds when the layer's version row moves.
/// </summary>
public sealed class GridDirectory(IServiceScopeFactory scopes, ILogger<GridDirectory> logger)
{
    private sealed record Snapshot(long Version, GridIndex Index, LocatedGrid[] Grids);

    private volatile Snapshot _current = new(-1, new GridIndex([]), []);

    public long Version => _current.Version;
    public int Count => _current.Grids.Length;

    public LocatedGrid? Locate(double lon, double lat)
    {
        Snapshot s = _current;
        int i = s.Index.Locate(lon, lat);
        return i < 0 ? null : s.Grids[i];
    }

    public async Task RefreshIfStaleAsync(CancellationToken ct)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        AppDbContext db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        long version = await db.GridLayerStates.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Version).FirstOrDefaultAsync(ct);
        if (version != _current.Version)
        {
            await RebuildAsync(db, version, ct);
        }
    }

    private async Task RebuildAsync(AppDbContext db, long version, CancellationToken ct)
    {
        var grids = await db.Grids.AsNoTracking()
            .OrderBy(g => g.Code)
            .Select(g => new
            {
                g.Id, g.Code, g.Name, g.Boundary,
                Community = new UnitRef(g.Community!.Id, g.Community.Code, g.Community.Name),
                Street = new UnitRef(g.Street!.Id, g.Street.Code, g.Street.Name),
                Units = g.ResponsibleUnits.Select(r => new UnitRef(r.Unit!.Id, r.Unit.Code, r.Unit.Name, r.Unit.Kind)).ToList(),
                Officers = g.Officers.Select(o => new PersonRef(o.Person!.Id, o.Person.Name, o.Person.BadgeNumber)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        var shapes = grids.Select(g => new GridShape(g.Id, g.Code, g.Boundary)).ToList();
        var located = grids.Select(g => new LocatedGrid(g.Id, g.Code, g.Name, g.Community, g.Street, g.Units, g.Officers)).ToArray();
        _current = new Snapshot(version, new GridIndex(shapes), located);
        logger.LogInformation("Grid index rebuilt: {Count} grids, layer version {Version}", located.Length, version);
    }

    /// <summary>Marks the layer changed in the caller's unit of work; every node rebuilds when it sees the new version.</summary>
    public static async Task BumpVersionAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        GridLayerState? state = await db.GridLayerStates.FirstOrDefaultAsync(s => s.Id == 1, ct);
        if (state is null)
        {
            db.GridLayerStates.Add(new GridLayerState { Id = 1, Version = 1, ChangedAt = clock.GetUtcNow() });
        }
        else
        {
            state.Version++;
            state.ChangedAt = clock.GetUtcNow();
        }
    }
}

/// <summary>Polls the layer version so that a change made on another node reaches this one within seconds.</summary>
internal sealed class GridDirectoryRefresher(GridDirectory directory, TimeProvider clock, ILogger<GridDirectoryRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan s_period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A clock moved forward by days fires every missed tick at once, running this loop inline; yielding lets the
            // ticks coalesce into one, as a real clock's would (a test's FakeTimeProvider.Advance otherwise runs the body per tick).
            await Task.Yield();
            try
            {
                await directory.RefreshIfStaleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Grid index refresh failed; keeping the current snapshot");
            }
        }
    }
}

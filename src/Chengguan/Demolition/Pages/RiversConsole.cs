using Chengguan.Demolition.Rivers;
using Chengguan.Identity;
using Chengguan.Ui.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Demolition.Pages;

/// <summary>Everything the river page shows, read as GET /api/rivers/{id}, …/census and …/progress answer it.</summary>
public sealed record RiverView(RiverDetail Detail, CensusReport Census, RiverProgress Progress);

/// <summary>The console's rivers (中小河道), through the endpoints' own methods in the circuit user's scope.</summary>
public static class RiversConsole
{
    public static async Task<List<RiverSummary>> ListAsync(IServiceProvider sp, CancellationToken ct) =>
        (await RiversEndpoints.List(sp.GetRequiredService<RiverQueries>(), sp.GetRequiredService<CurrentUser>(), ct)).Value!;

    /// <summary>The river with its census and progress if it is in the user's scope; null otherwise (404 over HTTP).</summary>
    public static async Task<RiverView?> LoadAsync(IServiceProvider sp, Guid id, CancellationToken ct)
    {
        RiverQueries rivers = sp.GetRequiredService<RiverQueries>();
        CurrentUser user = sp.GetRequiredService<CurrentUser>();
        if (await RiversEndpoints.Get(id, rivers, user, ct) is not { Result: Ok<RiverDetail> detail })
        {
            return null;
        }
        return (await RiversEndpoints.Census(id, rivers, user, ct)).Result is Ok<CensusReport> census
            && (await RiversEndpoints.Progress(id, rivers, user, ct)).Result is Ok<RiverProgress> progress
            ? new RiverView(detail.Value!, census.Value!, progress.Value!)
            : null;
    }

    public static async Task<DemolitionFormResult> AttachAsync(IServiceProvider sp, Guid id, IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        var input = new CensusAttachInput(itemIds.Count == 0 ? null : [.. itemIds]);
        return await DemolitionConsole.SubmitAsync(input, async () => (await RiversEndpoints.Attach(id, input, sp.GetRequiredService<Data.AppDbContext>(), sp.GetRequiredService<RiverQueries>(),
                sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result, summarise: true);
    }

    public static bool MayRegister(IServiceProvider sp) => TasksEndpoints.Issues(sp.GetRequiredService<CurrentUser>());

    public static async Task<DemolitionFormResult> CreateAsync(IServiceProvider sp, RiverInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(input, async () => (await RiversEndpoints.Create(input, sp.GetRequiredService<Data.AppDbContext>(), sp.GetRequiredService<RiverQueries>(),
                sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public static async Task<DemolitionFormResult> AddReachAsync(IServiceProvider sp, Guid riverId, ReachInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(input, async () => (await RiversEndpoints.AddReach(riverId, input, sp.GetRequiredService<Data.AppDbContext>(), sp.GetRequiredService<RiverQueries>(),
                sp.GetRequiredService<CurrentUser>(), ct)).Result);
    }
}

using Chengguan.Demolition.Areas;
using Chengguan.Identity;
using Chengguan.Ui.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chengguan.Demolition.Pages;

/// <summary>The console's 五违四必 areas, through the endpoints' own methods in the circuit user's scope.</summary>
public static class AreasConsole
{
    public static async Task<List<AreaSummary>> ListAsync(IServiceProvider sp, AreaStatus? status, CancellationToken ct) =>
        (await AreasEndpoints.List(status, sp.GetRequiredService<AreaQueries>(), sp.GetRequiredService<CurrentUser>(), ct)).Value!;

    /// <summary>The area if it is in the user's scope; null otherwise (404 over HTTP).</summary>
    public static async Task<AreaDetail?> LoadAsync(IServiceProvider sp, Guid id, CancellationToken ct) =>
        await AreasEndpoints.Get(id, sp.GetRequiredService<AreaQueries>(), sp.GetRequiredService<CurrentUser>(), ct) is { Result: Ok<AreaDetail> ok } ? ok.Value : null;

    public static async Task<DemolitionFormResult> ActAsync(IServiceProvider sp, Guid areaId, Guid problemId, ProblemAction action, string? note, CancellationToken ct)
    {
        var input = new ProblemActionInput(string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        return await DemolitionConsole.SubmitAsync(input, async () => (await AreasEndpoints.Act(areaId, problemId, action.ToString(), input, sp.GetRequiredService<Data.AppDbContext>(),
                sp.GetRequiredService<AreaQueries>(), sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public static async Task<DemolitionFormResult> AddProblemAsync(IServiceProvider sp, Guid areaId, ProblemInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(input, async () => (await AreasEndpoints.AddProblem(areaId, input, sp.GetRequiredService<Data.AppDbContext>(), sp.GetRequiredService<AreaQueries>(),
                sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public static bool MayCreate(IServiceProvider sp) => TasksEndpoints.Issues(sp.GetRequiredService<CurrentUser>());

    public static async Task<DemolitionFormResult> CreateAsync(IServiceProvider sp, AreaInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(input, async () => (await AreasEndpoints.Create(input, sp.GetRequiredService<Data.AppDbContext>(), sp.GetRequiredService<AreaQueries>(),
                sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }
}

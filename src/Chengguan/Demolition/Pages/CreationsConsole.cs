using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Organisation;
using Chengguan.Ui.Admin;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Demolition.Pages;

/// <summary>
/// 无违建居村（街镇）创建 in the console: declare (POST /creations), the criteria counted now (GET
/// /creations/{id}) and the assessment (POST …/assess), through the endpoints' own methods.
/// </summary>
public static class CreationsConsole
{
    private static AppDbContext Db(IServiceProvider sp) => sp.GetRequiredService<AppDbContext>();

    private static CurrentUser User(IServiceProvider sp) => sp.GetRequiredService<CurrentUser>();

    public static bool MayAssess(IServiceProvider sp) => TasksEndpoints.Issues(User(sp));

    /// <summary>The units a creation may be declared for (streets, towns, committees in the user's scope), each street followed by its committees.</summary>
    public static async Task<List<(Guid Id, string Name)>> UnitsAsync(IServiceProvider sp, CancellationToken ct)
    {
        DataScope scope = await User(sp).GetScopeAsync(ct);
        var units = await Db(sp).Units.AsNoTracking().InScope(scope)
            .Where(u => u.Active && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town || u.Kind == UnitKind.Committee))
            .Select(u => new { u.Id, u.Name, u.Kind, u.ParentId, u.SortOrder, u.Code }).ToListAsync(ct);
        var streets = units.Where(u => u.Kind != UnitKind.Committee).OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToList();
        var list = new List<(Guid, string)>();
        foreach (var s in streets)
        {
            list.Add((s.Id, s.Name));
            list.AddRange(units.Where(u => u.Kind == UnitKind.Committee && u.ParentId == s.Id).OrderBy(u => u.Code).Select(u => (u.Id, $"{s.Name} · {u.Name}")));
        }
        // A committee user's scope is the committee alone: it has no street above it in the list.
        list.AddRange(units.Where(u => u.Kind == UnitKind.Committee && !streets.Any(s => s.Id == u.ParentId)).OrderBy(u => u.Code).Select(u => (u.Id, u.Name)));
        return list;
    }

    /// <summary>Every declaration of a unit in the user's scope, as GET /creations lists them.</summary>
    public static Task<List<CreationDto>> ListAsync(IServiceProvider sp, CancellationToken ct) =>
        TasksEndpoints.ListCreationsAsync(Db(sp), User(sp), null, ct);

    public static async Task<DemolitionFormResult> DeclareAsync(IServiceProvider sp, CreationInput input, CancellationToken ct)
    {
        return await DemolitionConsole.SubmitAsync(input, async () => (await TasksEndpoints.Declare(input, Db(sp), User(sp), sp.GetRequiredService<TimeProvider>(), ct)).Result);
    }

    public static async Task<DemolitionFormResult> AssessAsync(IServiceProvider sp, Guid id, CancellationToken ct) =>
        DemolitionConsole.Outcome((await TasksEndpoints.Assess(id, Db(sp), User(sp), sp.GetRequiredService<TimeProvider>(), ct)).Result);
}

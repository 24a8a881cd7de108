using System.Security.Claims;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Identity;

/// <summary>
/// What a user may see: the whole district, or the subtree under one unit path. A street team's
/// members get their street (the team, its residents' committees and grids); everyone else gets
/// their own unit's subtree. A machine client (API key) gets no unit at all, and of the cases only
/// those of its <see cref="Integration"/> (see <see cref="Integrations"/>). The one place where
/// scope is decided; queries filter with <see cref="ScopeQueries"/> (cases with Cases.CaseScope.InScope).
/// </summary>
public sealed record DataScope(bool DistrictWide, string? RootPath, string? Integration = null)
{
    public static readonly DataScope District = new(true, null);
    public static readonly DataScope Nothing = new(false, "/none/");

    /// <summary>
    /// A key's scope: units, people, grids and every other unit-scoped table come out empty (as for
    /// <see cref="Nothing"/>), so that an endpoint opened to keys later shows them nothing by default.
    /// </summary>
    public static DataScope OfIntegration(string integration) => Nothing with { Integration = integration };

    public bool Covers(string path) => DistrictWide || (RootPath is not null && path.StartsWith(RootPath, StringComparison.Ordinal));
}

public sealed class CurrentUser(IHttpContextAccessor http, AppDbContext db)
{
    private DataScope? _scope;
    private string? _unitPath;
    private ClaimsPrincipal? _circuitUser;

    /// <summary>A console circuit has no HttpContext after its first request; it names its user here.</summary>
    public void UseCircuitUser(ClaimsPrincipal user) => (_circuitUser, _scope, _unitPath) = (user, null, null);

    public ClaimsPrincipal Principal => _circuitUser ?? http.HttpContext?.User ?? new ClaimsPrincipal();
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? Name => Principal.Identity?.Name;

    /// <summary>The integration a machine client's key acts for ("hotline", "open311:client-id"); null for staff.</summary>
    public string? Integration => IntegrationAccess.IntegrationOf(Principal);

    public async Task<DataScope> GetScopeAsync(CancellationToken ct = default)
    {
        if (_scope is not null)
        {
            return _scope;
        }
        // Checked first: a request that carries a key besides a staff credential sees no more than the key's cases.
        if (IntegrationAccess.IsMachine(Principal))
        {
            // A key of an unknown integration never authenticates; "" would match no case anyway.
            return _scope = DataScope.OfIntegration(Integration ?? "");
        }
        if (Roles.DistrictWide.Any(Principal.IsInRole))
        {
            return _scope = DataScope.District;
        }
        string? id = UserId;
        var unit = id is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.Person != null)
            .Select(u => new { u.Person!.Unit!.Kind, u.Person.Unit.Path, ParentPath = u.Person.Unit.Parent != null ? u.Person.Unit.Parent.Path : null })
            .FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return _scope = DataScope.Nothing;
        }
        string root = unit.Kind == UnitKind.StreetTeam && unit.ParentPath is not null ? unit.ParentPath : unit.Path;
        return _scope = new DataScope(false, root);
    }

    /// <summary>
    /// The path of the user's own unit (a street team's, not its street's as in the scope); "" when the user
    /// belongs to no unit (an API key, an account without a person). For rules about what the user's unit holds.
    /// </summary>
    public async Task<string> GetUnitPathAsync(CancellationToken ct = default)
    {
        if (_unitPath is not null)
        {
            return _unitPath;
        }
        string? id = UserId;
        string? path = id is null || IntegrationAccess.IsMachine(Principal) ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.Person != null).Select(u => u.Person!.Unit!.Path).FirstOrDefaultAsync(ct);
        return _unitPath = path ?? "";
    }
}

public static class ScopeQueries
{
    public static IQueryable<Unit> InScope(this IQueryable<Unit> q, DataScope s) =>
        s.DistrictWide ? q : q.Where(u => u.Path.StartsWith(s.RootPath!));

    public static IQueryable<Person> InScope(this IQueryable<Person> q, DataScope s) =>
        s.DistrictWide ? q : q.Where(p => p.Unit!.Path.StartsWith(s.RootPath!));

    /// <summary>A grid is in scope through its street or through any unit responsible for it.</summary>
    public static IQueryable<Grid> InScope(this IQueryable<Grid> q, DataScope s) =>
        s.DistrictWide ? q : q.Where(g => g.Street!.Path.StartsWith(s.RootPath!) || g.ResponsibleUnits.Any(r => r.Unit!.Path.StartsWith(s.RootPath!)));
}

using System.ComponentModel.DataAnnotations;
using Chengguan.Data;
using Chengguan.Grids.Spatial;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;

namespace Chengguan.Grids;

public sealed record GridSummary(Guid Id, string Code, string? Name, UnitRef Community, UnitRef Street, double AreaM2, double CentroidLon, double CentroidLat);
public sealed record PointDto(double Lon, double Lat);
public sealed record LocateResponse(PointDto Wgs84, string Crs, LocatedGrid Grid);

[RequestModel]
public sealed record ResponsibilityRequest(
    [property: Required(ErrorMessage = "责任单位不能为空"), MaxLength(20, ErrorMessage = "责任单位最多 20 个")] Guid[] UnitIds,
    [property: Required(ErrorMessage = "责任队员不能为空"), MaxLength(50, ErrorMessage = "责任队员最多 50 人")] Guid[] OfficerIds);

/// <summary>
/// The one way into the grid layer, for the API and the console alike: grids in the caller's scope (list, one
/// grid, export), the point → grid lookup, who answers for a grid (the form's reads and the save) and the layer
/// import. Writes validate their request (<see cref="RequestValidation"/>) and the layer's rules, and answer with
/// an <see cref="Outcome{T}"/>; the HTTP answers are <see cref="GridsEndpoints"/>' one-line adapters.
/// </summary>
public sealed class GridRegister(AppDbContext db, CurrentUser current, GridDirectory directory, TimeProvider clock)
{
    /// <summary>Grids in scope by code, keyset-paged on the code.</summary>
    public async Task<Page<GridSummary>> ListAsync(Guid? streetId, Guid? communityId, string? after, int? limit, CancellationToken ct)
    {
        int take = Math.Clamp(limit ?? 100, 1, 1000);
        IQueryable<Grid> q = db.Grids.AsNoTracking().InScope(await current.GetScopeAsync(ct));
        if (streetId is { } s)
        {
            q = q.Where(g => g.StreetId == s);
        }
        if (communityId is { } c)
        {
            q = q.Where(g => g.CommunityId == c);
        }
        if (!string.IsNullOrEmpty(after))
        {
            q = q.Where(g => g.Code.CompareTo(after) > 0);
        }
        List<GridSummary> items = await q.OrderBy(g => g.Code).Take(take + 1)
            .Select(g => new GridSummary(g.Id, g.Code, g.Name, new UnitRef(g.Community!.Id, g.Community.Code, g.Community.Name),
                new UnitRef(g.Street!.Id, g.Street.Code, g.Street.Name), g.AreaM2, g.CentroidLon, g.CentroidLat))
            .ToListAsync(ct);
        string? next = items.Count > take ? items[take - 1].Code : null;
        return new Page<GridSummary>(items.Take(take).ToList(), next);
    }

    /// <summary>One grid in scope as a GeoJSON Feature; out of scope answers like missing.</summary>
    public async Task<Outcome<Feature>> GetAsync(string code, CancellationToken ct)
    {
        Grid? grid = await GridQuery().InScope(await current.GetScopeAsync(ct)).FirstOrDefaultAsync(g => g.Code == code, ct);
        return grid is null ? new Outcome<Feature>.NotFound("网格不存在") : GridGeoJson.ToFeature(grid);
    }

    /// <summary>Every grid in scope (of one street, if given), by code, as a FeatureCollection (RFC 7946).</summary>
    public async Task<FeatureCollection> ExportAsync(Guid? streetId, CancellationToken ct)
    {
        IQueryable<Grid> q = GridQuery().InScope(await current.GetScopeAsync(ct));
        if (streetId is { } s)
        {
            q = q.Where(g => g.StreetId == s);
        }
        var collection = new FeatureCollection();
        foreach (Grid g in await q.OrderBy(g => g.Code).ToListAsync(ct))
        {
            collection.Add(GridGeoJson.ToFeature(g));
        }
        return collection;
    }

    /// <summary>The grid of a point given in WGS 84, GCJ-02 or BD-09 (answered from the in-memory layer, never the database).</summary>
    public Outcome<LocateResponse> Locate(double? lon, double? lat, string? crs)
    {
        var errors = new FieldErrors();
        if (lon is not { } x || !double.IsFinite(x) || x is < -180 or > 180)
        {
            errors.Add("lon", "经度须为 -180 到 180 之间的数");
        }
        if (lat is not { } y || !double.IsFinite(y) || y is < -90 or > 90)
        {
            errors.Add("lat", "纬度须为 -90 到 90 之间的数");
        }
        Crs system = Crs.Wgs84;
        if (crs is not null && !ChinaCoordinates.TryParseCrs(crs, out system))
        {
            errors.Add("crs", "坐标系须为 wgs84、gcj02 或 bd09");
        }
        if (errors.Any)
        {
            return new Outcome<LocateResponse>.Invalid(errors);
        }
        (double wLon, double wLat) = ChinaCoordinates.ToWgs84(lon!.Value, lat!.Value, system);
        LocatedGrid? grid = directory.Locate(wLon, wLat);
        return grid is null
            ? new Outcome<LocateResponse>.NotFound("该位置不在任何单元网格内")
            : new LocateResponse(new PointDto(Math.Round(wLon, 7), Math.Round(wLat, 7)), system.ToString().ToLowerInvariant(), grid);
    }

    /// <summary>
    /// The grid, its current units and officers (inactive ones too, so that the form shows them and the
    /// save refuses them), every active squad and street team, and the active people of those units.
    /// The form is for administrators, who see the whole district, so no data scope applies.
    /// </summary>
    public async Task<Outcome<GridResponsibilityForm>> ResponsibilityFormAsync(string code, CancellationToken ct)
    {
        var grid = await db.Grids.AsNoTracking().Where(g => g.Code == code).Select(g => new
        {
            g.Id, g.Code, g.Name, Street = g.Street!.Name, StreetPath = g.Street.Path, Community = g.Community!.Name,
            Units = g.ResponsibleUnits.Select(r => r.UnitId).ToList(),
            Officers = g.Officers.Select(o => o.PersonId).ToList(),
        }).FirstOrDefaultAsync(ct);
        if (grid is null)
        {
            return new Outcome<GridResponsibilityForm>.NotFound("网格不存在");
        }
        List<Guid> currentUnits = grid.Units, currentOfficers = grid.Officers;
        List<UnitChoice> units = await db.Units.AsNoTracking()
            .Where(u => (u.Active && (u.Kind == UnitKind.StreetTeam || u.Kind == UnitKind.Squad)) || currentUnits.Contains(u.Id))
            .OrderBy(u => u.Kind).ThenBy(u => u.Code)
            .Select(u => new UnitChoice(u.Id, u.Code, u.Name, u.Kind, u.Path.StartsWith(grid.StreetPath), u.Active))
            .ToListAsync(ct);
        // The people of the grid's street and of every unit that may be chosen; the form narrows them to the street and the ticked units.
        List<OfficerChoice> officers = await db.People.AsNoTracking()
            .Where(p => (p.Active && (p.Unit!.Path.StartsWith(grid.StreetPath) || p.Unit.Kind == UnitKind.StreetTeam || p.Unit.Kind == UnitKind.Squad))
                || currentOfficers.Contains(p.Id))
            .OrderBy(p => p.Unit!.Code).ThenBy(p => p.Name)
            .Select(p => new OfficerChoice(p.Id, p.Name, p.BadgeNumber, p.UnitId, p.Unit!.Name, p.Unit.Path.StartsWith(grid.StreetPath), p.Active))
            .ToListAsync(ct);
        return new GridResponsibilityForm(grid.Id, grid.Code, grid.Name, grid.Street, grid.Community, units, officers,
            currentUnits.ToHashSet(), currentOfficers.ToHashSet());
    }

    /// <summary>The responsible units and officers of the listed grids, by name, for the grid list's columns.</summary>
    public async Task<Dictionary<Guid, GridResponsibles>> ResponsiblesAsync(IReadOnlyCollection<Guid> gridIds, CancellationToken ct)
    {
        var units = await db.Set<GridResponsibleUnit>().AsNoTracking().Where(r => gridIds.Contains(r.GridId))
            .OrderBy(r => r.Unit!.Kind).ThenBy(r => r.Unit!.Code).Select(r => new { r.GridId, r.Unit!.Name }).ToListAsync(ct);
        var officers = await db.Set<GridOfficer>().AsNoTracking().Where(o => gridIds.Contains(o.GridId))
            .OrderBy(o => o.Person!.Name).Select(o => new { o.GridId, o.Person!.Name }).ToListAsync(ct);
        ILookup<Guid, string> u = units.ToLookup(x => x.GridId, x => x.Name), o = officers.ToLookup(x => x.GridId, x => x.Name);
        return gridIds.ToDictionary(id => id, id => new GridResponsibles([.. u[id]], [.. o[id]]));
    }

    /// <summary>Replaces a grid's responsible units (active squads or street teams) and officers (active people).</summary>
    public async Task<Outcome<LocatedGrid>> SetResponsibilityAsync(string code, ResponsibilityRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<LocatedGrid>.Invalid(errors);
        }
        Grid? grid = await db.Grids.Include(g => g.ResponsibleUnits).Include(g => g.Officers).AsSplitQuery().FirstOrDefaultAsync(g => g.Code == code, ct);
        if (grid is null)
        {
            return new Outcome<LocatedGrid>.NotFound("网格不存在");
        }
        Guid[] unitIds = [.. req.UnitIds.Distinct()];
        Guid[] officerIds = [.. req.OfficerIds.Distinct()];
        int units = await db.Units.CountAsync(u => unitIds.Contains(u.Id) && u.Active && (u.Kind == UnitKind.Squad || u.Kind == UnitKind.StreetTeam), ct);
        if (units != unitIds.Length)
        {
            errors.Add("unitIds", "责任单位须为在用的中队或街镇城管中队");
        }
        int officers = await db.People.CountAsync(p => officerIds.Contains(p.Id) && p.Active, ct);
        if (officers != officerIds.Length)
        {
            errors.Add("officerIds", "责任队员不存在或已离岗");
        }
        if (errors.Any)
        {
            return new Outcome<LocatedGrid>.Invalid(errors);
        }
        grid.ResponsibleUnits.RemoveAll(r => !unitIds.Contains(r.UnitId));
        grid.ResponsibleUnits.AddRange(unitIds.Where(id => grid.ResponsibleUnits.All(r => r.UnitId != id)).Select(id => new GridResponsibleUnit { GridId = grid.Id, UnitId = id }));
        grid.Officers.RemoveAll(o => !officerIds.Contains(o.PersonId));
        grid.Officers.AddRange(officerIds.Where(id => grid.Officers.All(o => o.PersonId != id)).Select(id => new GridOfficer { GridId = grid.Id, PersonId = id }));
        await GridDirectory.BumpVersionAsync(db, clock, ct);
        await db.SaveChangesAsync(ct);
        await directory.RefreshIfStaleAsync(ct);
        return GridGeoJson.ToLocated(await GridQuery().FirstAsync(g => g.Id == grid.Id, ct));
    }

    /// <summary>Imports a GeoJSON layer (the UTF-8 bytes of the file): see <see cref="GridImport"/>.</summary>
    public Task<GridImportOutcome> ImportAsync(ReadOnlyMemory<byte> body, bool dryRun, double? overlapToleranceM2, double? gapToleranceM2, CancellationToken ct) =>
        GridImport.ImportAsync(body, dryRun, overlapToleranceM2, gapToleranceM2, db, directory, clock, ct);

    private IQueryable<Grid> GridQuery() => db.Grids.AsNoTracking()
        .Include(g => g.Community).Include(g => g.Street)
        .Include(g => g.ResponsibleUnits).ThenInclude(r => r.Unit)
        .Include(g => g.Officers).ThenInclude(o => o.Person)
        .AsSplitQuery();
}

using System.Text.Json;
using Chengguan.Data;
using Chengguan.Grids;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Demolition.Rivers;

/// <summary>Everything the river page shows, read as GET /api/rivers/{id}, …/census and …/progress answer it.</summary>
public sealed record RiverView(RiverDetail Detail, CensusReport Census, RiverProgress Progress);

/// <summary>
/// The one way into rivers (中小河道), for the API and the console alike: register rivers and reaches, read them, census the
/// ledger items along them and attach those, and read progress. Each method validates its input (<see cref="RequestValidation"/>
/// and the rivers' rules) and answers with an <see cref="Outcome{T}"/>; a river outside the user's scope is not found.
/// </summary>
public sealed class RiverRegister(AppDbContext db, RiverQueries rivers, CurrentUser user, TimeProvider time)
{
    private const string IssuersOnly = "只有局领导、科长可以登记河道和河段";

    private static Outcome<T> NotFound<T>() => new Outcome<T>.NotFound("河道不存在");

    /// <summary>A river's or a reach's centre line, or a field error saying what a line must be.</summary>
    private static MultiLineString? CentreLine(JsonElement geometry, FieldErrors errors)
    {
        MultiLineString? line = DemolitionGeometry.Lines(geometry);
        if (line is null)
        {
            errors.Add("geometry", "中心线须为 GeoJSON LineString 或 MultiLineString（WGS84 经纬度，每段至少 2 个不同的点）");
        }
        return line;
    }

    public async Task<Outcome<RiverDetail>> CreateAsync(RiverInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<RiverDetail>.Invalid(errors);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<RiverDetail>.Forbidden(IssuersOnly);
        }
        MultiLineString? line = CentreLine(input.Geometry!.Value, errors);
        if (!Enum.IsDefined(input.Level!.Value))
        {
            errors.Add("level", "级别须为 City、District、Town、Village 或 Other");
        }
        string code = input.Code!.Trim();
        if (await db.Rivers.AnyAsync(r => r.Code == code, ct))
        {
            errors.Add("code", "河道编码已存在");
        }
        if (errors.Any)
        {
            return new Outcome<RiverDetail>.Invalid(errors);
        }
        var river = new River
        {
            Code = code, Name = input.Name!.Trim(), Level = input.Level!.Value, Line = line!, LengthM = DemolitionGeometry.LengthMetres(line!),
            ChiefName = input.ChiefName?.Trim(), ChiefPhone = input.ChiefPhone?.Trim(), TargetYear = input.TargetYear!.Value, CreatedAt = time.GetUtcNow(), CreatedBy = user.Name,
        };
        db.Rivers.Add(river);
        await db.SaveChangesAsync(ct);
        return await rivers.DetailAsync(river, await user.GetScopeAsync(ct), ct);
    }

    public async Task<List<RiverSummary>> ListAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var list = new List<RiverSummary>();
        foreach (River r in await rivers.InScope(scope).AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct))
        {
            list.Add(await rivers.SummaryAsync(r, scope, ct));
        }
        return list;
    }

    /// <summary>The rivers in the user's scope as a GeoJSON layer (WGS 84): centre line, name, progress.</summary>
    public async Task<string> MapAsync(CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        var collection = new FeatureCollection();
        foreach (River r in await rivers.InScope(scope).AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct))
        {
            ProgressRow p = (await rivers.SummaryAsync(r, scope, ct)).Progress;
            collection.Add(new Feature(r.Line, new AttributesTable
            {
                { "id", r.Id }, { "code", r.Code }, { "name", r.Name }, { "level", r.Level.ToString() }, { "lengthM", r.LengthM }, { "chief", r.ChiefName },
                { "targetYear", r.TargetYear }, { "targetArea", p.TargetArea }, { "targetCount", p.TargetCount }, { "doneArea", p.DoneArea },
                { "doneCount", p.DoneCount }, { "areaRate", p.AreaRate }, { "lagging", p.Lagging },
            }));
        }
        return GridGeoJson.Serialize(collection);
    }

    public async Task<Outcome<RiverDetail>> GetAsync(Guid id, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await FindAsync(id, scope, ct) is { } river ? await rivers.DetailAsync(river, scope, ct) : NotFound<RiverDetail>();
    }

    /// <summary>The river with its census and progress, as the river page shows it.</summary>
    public async Task<Outcome<RiverView>> ViewAsync(Guid id, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await FindAsync(id, scope, ct) is { } river
            ? new RiverView(await rivers.DetailAsync(river, scope, ct), await rivers.CensusAsync(river, scope, ct), await rivers.ProgressAsync(river, scope, ct))
            : NotFound<RiverView>();
    }

    private async Task<River?> FindAsync(Guid id, DataScope scope, CancellationToken ct) =>
        await rivers.InScope(scope).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Adds a reach (its street, chief and centre line) to a river; names are unique per river.</summary>
    public async Task<Outcome<RiverDetail>> AddReachAsync(Guid id, ReachInput input, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(input);
        if (errors.Any)
        {
            return new Outcome<RiverDetail>.Invalid(errors);
        }
        if (!DemolitionRoles.Issues(user.Principal))
        {
            return new Outcome<RiverDetail>.Forbidden(IssuersOnly);
        }
        MultiLineString? line = CentreLine(input.Geometry!.Value, errors);
        if (!await db.Units.AnyAsync(u => u.Id == input.StreetId && (u.Kind == UnitKind.Street || u.Kind == UnitKind.Town), ct))
        {
            errors.Add("streetId", "不是街道或镇");
        }
        if (errors.Any)
        {
            return new Outcome<RiverDetail>.Invalid(errors);
        }
        River? river = await db.Rivers.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (river is null)
        {
            return NotFound<RiverDetail>();
        }
        string name = input.Name!.Trim();
        if (await db.RiverReaches.AnyAsync(r => r.RiverId == id && r.Name == name, ct))
        {
            return new Outcome<RiverDetail>.Invalid(new FieldErrors().Add("name", "该河道已有同名河段"));
        }
        db.RiverReaches.Add(new RiverReach
        {
            RiverId = id, Name = name, StreetId = input.StreetId!.Value, Line = line!, LengthM = DemolitionGeometry.LengthMetres(line!),
            ChiefName = input.ChiefName?.Trim(), ChiefPhone = input.ChiefPhone?.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return await rivers.DetailAsync(river, await user.GetScopeAsync(ct), ct);
    }

    /// <summary>The ledger items within the census distance of the river's centre line.</summary>
    public async Task<Outcome<CensusReport>> CensusAsync(Guid id, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await FindAsync(id, scope, ct) is { } river ? await rivers.CensusAsync(river, scope, ct) : NotFound<CensusReport>();
    }

    /// <summary>Attaches items the census found to the river. The body is judged before the river: unknown items are a bad request whatever the river.</summary>
    public async Task<Outcome<CensusReport>> AttachAsync(Guid id, CensusAttachInput input, CancellationToken ct)
    {
        FieldErrors invalid = RequestValidation.Validate(input);
        if (invalid.Any)
        {
            return new Outcome<CensusReport>.Invalid(invalid);
        }
        DataScope scope = await user.GetScopeAsync(ct);
        List<Guid> ids = [.. input.ItemIds!.Distinct()];
        if (await db.IllegalBuildings.InScope(scope, db).CountAsync(i => ids.Contains(i.Id), ct) != ids.Count)
        {
            return new Outcome<CensusReport>.Invalid(new FieldErrors().Add("itemIds", "违法建筑不存在"));
        }
        River? river = await FindAsync(id, scope, ct);
        if (river is null)
        {
            return NotFound<CensusReport>();
        }
        CensusReport census = await rivers.CensusAsync(river, scope, ct);
        Dictionary<Guid, CensusItem> near = census.Items.ToDictionary(i => i.Id);
        var errors = new FieldErrors();
        for (int k = 0; k < input.ItemIds!.Length; k++)
        {
            if (!near.ContainsKey(input.ItemIds[k]))
            {
                errors.Add($"itemIds[{k}]", $"不在河道中心线 {census.Metres:0.#} 米范围内");
            }
        }
        if (errors.Any)
        {
            return new Outcome<CensusReport>.Invalid(errors);
        }
        DateTimeOffset now = time.GetUtcNow();
        foreach (Guid itemId in ids.Where(i => !near[i].Attached))
        {
            db.RiverItems.Add(new RiverItem { RiverId = id, ItemId = itemId, DistanceM = near[itemId].DistanceM, AttachedAt = now, AttachedBy = user.Name });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<CensusReport>.Conflict("普查结果已被他人更新，请刷新后重试");
        }
        return await rivers.CensusAsync(river, scope, ct);
    }

    /// <summary>Progress per street, the year-end deadline and the hardest-first order.</summary>
    public async Task<Outcome<RiverProgress>> ProgressAsync(Guid id, CancellationToken ct)
    {
        DataScope scope = await user.GetScopeAsync(ct);
        return await FindAsync(id, scope, ct) is { } river ? await rivers.ProgressAsync(river, scope, ct) : NotFound<RiverProgress>();
    }
}

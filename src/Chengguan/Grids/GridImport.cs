using System.Text.Json;
using Chengguan.Data;
using Chengguan.Grids.Spatial;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Chengguan.Grids;

public sealed record GridImportReport(bool DryRun, int Features, int Created, int Updated, IReadOnlyList<GridLayerProblem> Problems);

/// <summary>
/// What an import came to: the report, or the field errors. A layer that was read and refused also carries the
/// problems found in it (<see cref="LayerProblems"/>, kind, codes and area of each), which the API lists beside the
/// field errors under the title <see cref="RefusedTitle"/>; an unreadable file has none and is an ordinary 400.
/// </summary>
public sealed record GridImportOutcome(Outcome<GridImportReport> Outcome, IReadOnlyList<GridLayerProblem>? LayerProblems = null)
{
    public const string RefusedTitle = "网格图层校验未通过";

    /// <summary>The title a person reads over the field errors; null when the import was done.</summary>
    public string? Title => Outcome is Outcome<GridImportReport>.Invalid ? LayerProblems is null ? "请求参数有误" : RefusedTitle : null;

    internal static GridImportOutcome Unreadable(string message) => new(new Outcome<GridImportReport>.Invalid(new FieldErrors().Add("body", message)));

    /// <summary>200 with the report, or 400: the layer's refusal with its problems, an unreadable file as any other bad request.</summary>
    public Results<Ok<GridImportReport>, ValidationProblem> ToHttp() => Outcome switch
    {
        Outcome<GridImportReport>.Done done => TypedResults.Ok(done.Value),
        Outcome<GridImportReport>.Invalid { Errors: var errors } when LayerProblems is { } problems =>
            TypedResults.ValidationProblem(errors.ToDictionary(), title: RefusedTitle, extensions: new Dictionary<string, object?> { ["problems"] = problems }),
        Outcome<GridImportReport>.Invalid invalid => Problems.Validation(invalid.Errors),
        _ => throw new InvalidOperationException(Outcome.GetType().Name),
    };
}

/// <summary>
/// Imports a GeoJSON FeatureCollection of grids (upsert by code). The merged layer (existing grids
/// plus the file) is validated as a whole: codes against the unit tree, rings, overlaps and gaps.
/// Any problem is reported per feature and nothing is written.
/// </summary>
public static class GridImport
{
    public const long MaxUpload = 20 * 1024 * 1024;

    /// <summary>
    /// What a layer may ask of memory before it is parsed: a district's grids are about 1,500
    /// polygons of a few hundred vertices (under 1 million numbers); nesting past a MultiPolygon's
    /// 7 levels or strings past a long remark are not a grid layer.
    /// </summary>
    public static readonly JsonLimits Limits = new(MaxDepth: 32, MaxValues: 3_000_000, MaxStringBytes: 64 * 1024);

    /// <summary>Features per import (checked once parsed; <see cref="Limits"/> has already bounded the parse).</summary>
    public const int MaxFeatures = 20_000;

    /// <summary>The import itself (the UTF-8 bytes of the file); callers go through <see cref="GridRegister.ImportAsync"/>.</summary>
    internal static async Task<GridImportOutcome> ImportAsync(
        ReadOnlyMemory<byte> body, bool dryRun, double? overlapToleranceM2, double? gapToleranceM2,
        AppDbContext db, GridDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        if (Limits.Check(body.Span) is { } refused)
        {
            return GridImportOutcome.Unreadable(refused);
        }
        FeatureCollection? collection;
        try
        {
            collection = GridGeoJson.Parse(body.Span);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return GridImportOutcome.Unreadable("不是有效的 GeoJSON FeatureCollection：" + e.Message);
        }
        if (collection is null || collection.Count == 0)
        {
            return GridImportOutcome.Unreadable("GeoJSON 中没有要素");
        }
        if (collection.Count > MaxFeatures)
        {
            return GridImportOutcome.Unreadable($"一次最多导入 {MaxFeatures} 个网格");
        }

        var errors = new FieldErrors();
        var units = await db.Units.AsNoTracking().Where(u => u.Active).Select(u => new { u.Id, u.Code, u.Kind, u.ParentId }).ToListAsync(ct);
        var unitByCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var officerByBadge = await db.People.AsNoTracking().Where(p => p.Active && p.BadgeNumber != null).ToDictionaryAsync(p => p.BadgeNumber!, p => p.Id, ct);
        Dictionary<string, Grid> existing = await db.Grids.Include(g => g.ResponsibleUnits).Include(g => g.Officers).AsSplitQuery().ToDictionaryAsync(g => g.Code, StringComparer.Ordinal, ct);

        var incoming = new List<(int Index, string Code, IFeature Feature)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < collection.Count; i++)
        {
            IFeature f = collection[i];
            string at = $"features[{i}].";
            string? code = Attr(f, "code") ?? f.Attributes?.GetOptionalValue("id")?.ToString();
            if (!GridCode.TryParse(code, out GridCode gridCode, out string? codeError))
            {
                errors.Add(at + "code", codeError);
                continue;
            }
            if (!seen.Add(gridCode.Value))
            {
                errors.Add(at + "code", "文件中网格编码重复");
                continue;
            }
            var street = unitByCode.GetValueOrDefault(gridCode.StreetCode);
            var community = unitByCode.GetValueOrDefault(gridCode.CommunityCode);
            if (street is null || street.Kind is not (UnitKind.Street or UnitKind.Town))
            {
                errors.Add(at + "code", $"编码中的街镇 {gridCode.StreetCode} 不在单位树中");
            }
            else if (community is null || community.Kind != UnitKind.Committee || community.ParentId != street.Id)
            {
                errors.Add(at + "code", $"编码中的社区 {gridCode.CommunityCode} 不是该街镇下的居委会");
            }
            foreach (string unitCode in Strings(f, "responsibleUnits"))
            {
                if (!unitByCode.TryGetValue(unitCode, out var u) || u.Kind is not (UnitKind.Squad or UnitKind.StreetTeam))
                {
                    errors.Add(at + "responsibleUnits", $"责任单位 {unitCode} 不存在或不是中队");
                }
            }
            foreach (string badge in Strings(f, "officers"))
            {
                if (!officerByBadge.ContainsKey(badge))
                {
                    errors.Add(at + "officers", $"执法证号 {badge} 的队员不存在或已离岗");
                }
            }
            string? name = Attr(f, "name");
            if (name is { Length: > 100 })
            {
                errors.Add(at + "name", "网格名称不能超过 100 个字符");
            }
            incoming.Add((i, gridCode.Value, f));
        }

        // The layer after the import: existing grids not in the file, plus every feature of the file.
        var layer = existing.Values.Where(g => !seen.Contains(g.Code)).Select(g => new GridFeature(g.Code, g.Boundary))
            .Concat(incoming.Select(x => new GridFeature(x.Code, x.Feature.Geometry)))
            .ToList();
        var options = new GridLayerValidationOptions
        {
            OverlapToleranceM2 = Math.Max(0, overlapToleranceM2 ?? GridLayerValidationOptions.Default.OverlapToleranceM2),
            GapToleranceM2 = Math.Max(0, gapToleranceM2 ?? GridLayerValidationOptions.Default.GapToleranceM2),
        };
        IReadOnlyList<GridLayerProblem> problems = GridLayerValidator.Validate(layer, options);
        var indexByCode = incoming.ToDictionary(x => x.Code, x => x.Index, StringComparer.Ordinal);
        foreach (GridLayerProblem p in problems)
        {
            string field = indexByCode.TryGetValue(p.Key, out int idx) ? $"features[{idx}].geometry" : $"existing[{p.Key}].geometry";
            errors.Add(field, p.Message);
        }
        if (errors.Any)
        {
            return new GridImportOutcome(new Outcome<GridImportReport>.Invalid(errors), problems);
        }

        int created = 0, updated = 0;
        foreach ((_, string code, IFeature f) in incoming)
        {
            var gc = GridCode.Parse(code);
            Polygon polygon = GridLayerValidator.AsPolygon(f.Geometry)!;
            Guid communityId = unitByCode[gc.CommunityCode].Id;
            Guid streetId = unitByCode[gc.StreetCode].Id;
            if (!existing.TryGetValue(code, out Grid? grid))
            {
                grid = new Grid { Code = code, Boundary = polygon, CommunityId = communityId, StreetId = streetId };
                db.Grids.Add(grid);
                created++;
            }
            else
            {
                updated++;
            }
            grid.Name = Attr(f, "name");
            grid.CommunityId = communityId;
            grid.StreetId = streetId;
            GridFactory.SetShape(grid, polygon);
            if (f.Attributes?.Exists("responsibleUnits") == true)
            {
                grid.ResponsibleUnits.Clear();
                grid.ResponsibleUnits.AddRange(Strings(f, "responsibleUnits").Distinct().Select(c => new GridResponsibleUnit { GridId = grid.Id, UnitId = unitByCode[c].Id }));
            }
            if (f.Attributes?.Exists("officers") == true)
            {
                grid.Officers.Clear();
                grid.Officers.AddRange(Strings(f, "officers").Distinct().Select(b => new GridOfficer { GridId = grid.Id, PersonId = officerByBadge[b] }));
            }
        }
        if (!dryRun)
        {
            await GridDirectory.BumpVersionAsync(db, clock, ct);
            await db.SaveChangesAsync(ct);
            await directory.RefreshIfStaleAsync(ct);
        }
        return new GridImportOutcome(new GridImportReport(dryRun, collection.Count, created, updated, problems));
    }

    private static string? Attr(IFeature f, string name) =>
        f.Attributes?.GetOptionalValue(name) switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            var v => v.ToString(),
        };

    private static IEnumerable<string> Strings(IFeature f, string name) =>
        f.Attributes?.GetOptionalValue(name) switch
        {
            null => [],
            string s => [s],
            IEnumerable<object> items => items.Select(o => o?.ToString()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!),
            JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => x.ToString()).Where(s => s.Length > 0),
            var v => [v.ToString()!],
        };
}

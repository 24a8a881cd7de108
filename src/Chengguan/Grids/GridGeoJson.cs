using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace Chengguan.Grids;

/// <summary>GeoJSON (RFC 7946) for the grid layer: WGS84 lon/lat, one Feature per grid, its code as the id.</summary>
public static class GridGeoJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new GeoJsonConverterFactory() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64,
    };

    public static Feature ToFeature(Grid g)
    {
        var attributes = new AttributesTable
        {
            { "code", g.Code },
            { "name", g.Name },
            { "community", g.Community?.Code },
            { "communityName", g.Community?.Name },
            { "street", g.Street?.Code },
            { "streetName", g.Street?.Name },
            { "responsibleUnits", g.ResponsibleUnits.Select(r => r.Unit?.Code).Where(c => c is not null).ToArray() },
            { "officers", g.Officers.Select(o => o.Person?.BadgeNumber).Where(b => b is not null).ToArray() },
            { "areaM2", g.AreaM2 },
        };
        return new Feature(g.Boundary, attributes);
    }

    public static LocatedGrid ToLocated(Grid g) => new(
        g.Id, g.Code, g.Name,
        new UnitRef(g.CommunityId, g.Community?.Code ?? "", g.Community?.Name ?? ""),
        new UnitRef(g.StreetId, g.Street?.Code ?? "", g.Street?.Name ?? ""),
        [.. g.ResponsibleUnits.Where(r => r.Unit is not null).Select(r => new UnitRef(r.UnitId, r.Unit!.Code, r.Unit.Name, r.Unit.Kind))],
        [.. g.Officers.Where(o => o.Person is not null).Select(o => new PersonRef(o.PersonId, o.Person!.Name, o.Person.BadgeNumber))]);

    public static string Serialize(FeatureCollection collection) => JsonSerializer.Serialize(collection, Options);

    public static FeatureCollection? Parse(string json) => JsonSerializer.Deserialize<FeatureCollection>(json, Options);

    public static FeatureCollection? Parse(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<FeatureCollection>(utf8, Options);
}

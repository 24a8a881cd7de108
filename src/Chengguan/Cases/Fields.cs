using System.Globalization;
using System.Text.Json;
using Chengguan.Grids.Spatial;

namespace Chengguan.Cases;

/// <summary>
/// The fields of an action's JSON body. A field is present when it is a non-empty string, a
/// number, true, a non-empty array or an object; "checklist.x" names a member of an object.
/// </summary>
internal readonly struct Fields(JsonElement body)
{
    private JsonElement? Get(string path)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        JsonElement current = body;
        foreach (string part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !TryGetCaseInsensitive(current, part, out current))
            {
                return null;
            }
        }
        return current;
    }

    private static bool TryGetCaseInsensitive(JsonElement o, string name, out JsonElement value)
    {
        foreach (JsonProperty p in o.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public bool Has(string path) => Get(path) is { } v && v.ValueKind switch
    {
        JsonValueKind.String => !string.IsNullOrWhiteSpace(v.GetString()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.Object => true,
        // "resolved": false is an answer; a checklist item answered false is not done.
        JsonValueKind.False => !path.StartsWith("checklist.", StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Array => v.GetArrayLength() > 0,
        _ => false,
    };

    public string? Text(string path) => Get(path) is { } v ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null,
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    } : null;

    public int? Int(string path) => Get(path) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i) ? i
        : int.TryParse(Text(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out int j) ? j : null;

    public bool? Bool(string path) => Get(path) is { } v ? v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    } : null;

    public string[] Strings(string path) => Get(path) is { ValueKind: JsonValueKind.Array } v
        ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Take(50)]
        : [];

    public object? Raw(string path) => Get(path) is { } v ? JsonSerializer.Deserialize<object>(v.GetRawText()) : null;

    /// <summary>{ lon, lat, crs? } converted to WGS 84.</summary>
    public (double Lon, double Lat)? Point(string path)
    {
        if (Get(path) is not { ValueKind: JsonValueKind.Object } o
            || !TryGetCaseInsensitive(o, "lon", out JsonElement lonE) || lonE.ValueKind != JsonValueKind.Number
            || !TryGetCaseInsensitive(o, "lat", out JsonElement latE) || latE.ValueKind != JsonValueKind.Number)
        {
            return null;
        }
        double lon = lonE.GetDouble(), lat = latE.GetDouble();
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            return null;
        }
        Crs crs = Crs.Wgs84;
        if (TryGetCaseInsensitive(o, "crs", out JsonElement crsE) && (crsE.ValueKind != JsonValueKind.String || !ChinaCoordinates.TryParseCrs(crsE.GetString()!, out crs)))
        {
            return null;
        }
        return ChinaCoordinates.ToWgs84(lon, lat, crs);
    }
}

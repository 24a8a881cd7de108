using System.Text.Json;

namespace Chengguan.Demolition.Pages;

/// <summary>
/// Geometry typed or uploaded into a console form, turned into what the endpoints take. The form
/// judges nothing itself: text that is not JSON, or not the right geometry, still reaches the
/// endpoint, whose own Chinese message then says what the geometry must be.
/// </summary>
public static class GeoJsonText
{
    /// <summary>Blank is null (the request's "…不能为空"); text that is not JSON goes as a JSON string, which no geometry check accepts.</summary>
    public static JsonElement? Element(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            return Unwrap(doc.RootElement).Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    /// <summary>
    /// The outline ring POST /api/areas takes, from a GeoJSON Polygon (its outer ring) or a MultiPolygon
    /// of one polygon. Anything else becomes an empty ring, which the endpoint refuses with its own message;
    /// a MultiPolygon of several parts is refused so, as an area has one outline.
    /// </summary>
    public static double[][]? Ring(string? text)
    {
        if (Element(text) is not { } e)
        {
            return null;
        }
        try
        {
            JsonElement? rings = e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("type", out JsonElement type) || !e.TryGetProperty("coordinates", out JsonElement c) ? null
                : type.GetString() == "Polygon" ? c
                : type.GetString() == "MultiPolygon" && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 1 ? c[0]
                : null;
            if (rings is not { ValueKind: JsonValueKind.Array } r || r.GetArrayLength() == 0)
            {
                return [];
            }
            return [.. r[0].EnumerateArray().Select(p => p.EnumerateArray().Take(3).Select(x => x.GetDouble()).ToArray())];
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return [];
        }
    }

    // A file saved by a GIS tool is often a Feature or a one-feature collection: the geometry inside is what was meant.
    private static JsonElement Unwrap(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out JsonElement type))
        {
            if (type.ValueEquals("Feature") && e.TryGetProperty("geometry", out JsonElement g))
            {
                return Unwrap(g);
            }
            if (type.ValueEquals("FeatureCollection") && e.TryGetProperty("features", out JsonElement fs) && fs.ValueKind == JsonValueKind.Array && fs.GetArrayLength() == 1)
            {
                return Unwrap(fs[0]);
            }
        }
        return e;
    }
}

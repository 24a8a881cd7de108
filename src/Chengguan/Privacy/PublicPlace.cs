using System.Text.RegularExpressions;

namespace Chengguan.Privacy;

/// <summary>
/// Where a case is, as precisely as the public may know it: the address cut back to the road (or
/// street, community, district) and the point snapped to a 0.001° grid. A flat's address and a
/// point to a few metres say who lives there; a road and a ~100 m square do not.
/// </summary>
public static partial class PublicPlace
{
    /// <summary>
    /// Coordinates are rounded to this many decimals: 0.001° is about 111 m north–south and 95 m
    /// east–west at Shanghai's latitude (31°N), so a published point is within about 75 m of the real one.
    /// </summary>
    public const int CoordinateDecimals = 3;

    // Names that end a place no finer than a road: administrative areas, communities, roads,
    // streets, lanes, parks, squares. 小区 (a housing estate) and 新村 (an estate, in Shanghai) are
    // finer and are not kept; 路口/街口/村口 name the road they belong to.
    [GeneratedRegex(@"街道|社区|居委会|居委|村委会|大道|公路|大街|胡同|公园|广场|(?<!路)路|街(?![边头角面坊口])|巷|(?<![新村])村|镇|乡|(?<!小)区|县|(?<!超)市(?![场民])|省")]
    private static partial Regex PlaceEnd();

    /// <summary>
    /// The address up to its last road or area name, before any number or bracket: 南京西路1234号5号楼1203室
    /// → 南京西路, 静安区江宁路街道康定路100弄 → 静安区江宁路街道康定路. Null when no such name comes
    /// first (5号楼1203室, 某小区门口): then nothing of the address is published.
    /// </summary>
    public static string? Address(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        // Numbers (house, lane, building, room) and brackets (近康定路, a shop's name) start what is finer than the road.
        int cut = 0;
        while (cut < address.Length && !char.IsDigit(address[cut]) && address[cut] is not ('(' or '（' or '[' or '【' or '#'))
        {
            cut++;
        }
        string head = address[..cut];
        Match last = Match.Empty;
        for (Match m = PlaceEnd().Match(head); m.Success; m = m.NextMatch())
        {
            last = m;
        }
        if (!last.Success)
        {
            return null;
        }
        string place = string.Join(' ', head[..(last.Index + last.Length)].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return PublicText.Redact(place);
    }

    /// <summary>A latitude or longitude snapped to the public grid (<see cref="CoordinateDecimals"/>).</summary>
    public static double? Coordinate(double? degrees) =>
        degrees is { } d && double.IsFinite(d) ? Math.Round(d, CoordinateDecimals, MidpointRounding.AwayFromZero) : null;
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Chengguan.Cases;

/// <summary>
/// A case number: district prefix, year and a six-digit sequence per district and year
/// (<c>JA-2026-000123</c>). The year is the year of intake in the district's time zone.
/// </summary>
public readonly record struct CaseNumber(string Prefix, int Year, int Sequence)
{
    public const int MaxSequence = 999_999;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D6}");

    public static CaseNumber For(string prefix, DateTimeOffset intakeUtc, TimeZoneInfo zone, int sequence)
    {
        if (sequence is < 1 or > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "A case sequence runs from 1 to 999,999 a year.");
        }
        if (prefix.Length is < 1 or > 8 || !prefix.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A district prefix is 1–8 capital letters.", nameof(prefix));
        }
        return new CaseNumber(prefix, TimeZoneInfo.ConvertTime(intakeUtc, zone).Year, sequence);
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CaseNumber? number)
    {
        number = null;
        string[] parts = text?.Trim().Split('-') ?? [];
        if (parts.Length != 3 || parts[0].Length is < 1 or > 8 || !parts[0].All(char.IsAsciiLetterUpper)
            || parts[1].Length != 4 || parts[2].Length != 6
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int sequence) || sequence < 1)
        {
            return false;
        }
        number = new CaseNumber(parts[0], year, sequence);
        return true;
    }
}

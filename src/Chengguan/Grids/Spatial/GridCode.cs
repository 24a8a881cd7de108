using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Chengguan.Grids.Spatial;

/// <summary>
/// A 15-digit unit-grid code: 6-digit district (GB/T 2260) + 3-digit street + 3-digit community +
/// 3-digit sequence, the sequence numbered west→east, north→south inside the community from 001.
/// </summary>
/// <remarks>
/// Only the shape of the code is checked here (digits, a GB/T 2260 province prefix, a district-level
/// district code, no all-zero parts); whether the street and community exist is the unit tree's business.
/// </remarks>
public readonly record struct GridCode : IComparable<GridCode>
{
    public const int Length = 15;
    public const int StreetCodeLength = 9;
    public const int CommunityCodeLength = 12;
    public const int MaxSequence = 999;

    // GB/T 2260 province-level prefixes (including Taiwan, Hong Kong and Macao).
    private static readonly HashSet<int> s_provinces =
    [
        11, 12, 13, 14, 15,
        21, 22, 23,
        31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54,
        61, 62, 63, 64, 65,
        71, 81, 82,
    ];

    private readonly string? _value;

    private GridCode(string value)
    {
        _value = value;
    }

    /// <summary>The full 15-digit code; empty for <c>default(GridCode)</c>.</summary>
    public string Value => _value ?? string.Empty;

    public string District => Value.Length == Length ? Value[..6] : string.Empty;

    public string Street => Value.Length == Length ? Value[6..9] : string.Empty;

    public string Community => Value.Length == Length ? Value[9..12] : string.Empty;

    public string Sequence => Value.Length == Length ? Value[12..15] : string.Empty;

    /// <summary>District + street (9 digits), the street's code in the unit tree.</summary>
    public string StreetCode => Value.Length == Length ? Value[..StreetCodeLength] : string.Empty;

    /// <summary>District + street + community (12 digits), the community's code in the unit tree.</summary>
    public string CommunityCode => Value.Length == Length ? Value[..CommunityCodeLength] : string.Empty;

    public int SequenceNumber => Value.Length == Length ? int.Parse(Sequence, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    public static bool TryParse([NotNullWhen(true)] string? s, out GridCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        error = Validate(s, Length, "网格编码");
        if (error is not null || s is null)
        {
            error ??= "网格编码不能为空";
            return false;
        }

        if (s[12..15] == "000")
        {
            error = "网格编码的序号（第13–15位）不能为000";
            return false;
        }

        code = new GridCode(s);
        return true;
    }

    public static GridCode Parse(string s)
    {
        if (!TryParse(s, out GridCode code, out string? error))
        {
            throw new FormatException(error);
        }

        return code;
    }

    /// <summary>
    /// Builds the code of the <paramref name="sequence"/>-th grid (1–999) of a community.
    /// </summary>
    public static GridCode Create(string communityCode, int sequence)
    {
        string? error = ValidateCommunityCode(communityCode);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(communityCode));
        }

        if (sequence is < 1 or > MaxSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "网格序号必须在1到999之间");
        }

        return new GridCode(communityCode + sequence.ToString("D3", CultureInfo.InvariantCulture));
    }

    /// <summary>Checks a 9-digit street code; returns a Chinese message, or null when it is well formed.</summary>
    public static string? ValidateStreetCode(string? s)
    {
        return Validate(s, StreetCodeLength, "街道编码");
    }

    /// <summary>Checks a 12-digit community code; returns a Chinese message, or null when it is well formed.</summary>
    public static string? ValidateCommunityCode(string? s)
    {
        return Validate(s, CommunityCodeLength, "社区编码");
    }

    public int CompareTo(GridCode other)
    {
        return string.CompareOrdinal(Value, other.Value);
    }

    public override string ToString()
    {
        return Value;
    }

    // Shared by the grid, community and street codes because each is a prefix of the next.
    private static string? Validate(string? s, int length, string what)
    {
        if (string.IsNullOrEmpty(s))
        {
            return $"{what}不能为空";
        }

        if (s.Length != length || s.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return $"{what}必须为{length}位数字";
        }

        int province = (s[0] - '0') * 10 + (s[1] - '0');
        if (!s_provinces.Contains(province))
        {
            return $"{what}的前两位“{s[..2]}”不是有效的省级行政区划代码（GB/T 2260）";
        }

        if (s[4] == '0' && s[5] == '0')
        {
            return $"{what}的前六位“{s[..6]}”不是县级行政区划代码（GB/T 2260，末两位不能为00）";
        }

        if (length >= StreetCodeLength && s[6..9] == "000")
        {
            return $"{what}的街道代码（第7–9位）不能为000";
        }

        if (length >= CommunityCodeLength && s[9..12] == "000")
        {
            return $"{what}的社区代码（第10–12位）不能为000";
        }

        return null;
    }
}

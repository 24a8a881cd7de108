namespace Chengguan.Data.Seeding;

/// <summary>
/// The demo Jing'an district. Streets and the town are real (GB/T 2260 district 310106; the
/// 3-digit street codes follow the statistical division codes); residents' committees, people,
/// phones and grids are synthetic and flagged IsDemo; the streets' outlines are approximations of the real ones.
/// </summary>
internal static class DemoDistrict
{
    public const string DistrictCode = "310106";
    public const string DistrictName = "静安区";
    public const string DemoPassword = "Chengguan@2026";

    /// <summary>
    /// Identity's PBKDF2 hash of <see cref="DemoPassword"/>, computed once ahead of time: hashing it at
    /// first start cost a noticeable share of the start-up budget. A test proves it verifies.
    /// </summary>
    public const string DemoPasswordHash = "AQAAAAIAAYagAAAAEFn8JFNju+GPFbO30PDWt2mDhcA1KWbVapXp7FdpdJQBV9Z2CKGlkA+osIL9eeRGfQ==";

    /// <summary>Ordered roughly north to south; where each lies is in <see cref="JinganGeography"/>.</summary>
    public static readonly (string Code, string Name, bool Town)[] Streets =
    [
        ("310106101", "彭浦镇", true),
        ("310106021", "临汾路街道", false),
        ("310106020", "彭浦新村街道", false),
        ("310106019", "大宁路街道", false),
        ("310106018", "共和新路街道", false),
        ("310106022", "芷江西路街道", false),
        ("310106017", "宝山路街道", false),
        ("310106016", "北站街道", false),
        ("310106015", "天目西路街道", false),
        ("310106006", "江宁路街道", false),
        ("310106011", "石门二路街道", false),
        ("310106014", "曹家渡街道", false),
        ("310106013", "静安寺街道", false),
        ("310106012", "南京西路街道", false),
    ];

    public static readonly (string Code, string Name)[] Sections =
    [
        ("JA-BGS", "办公室"),
        ("JA-FZK", "法制科"),
        ("JA-QWZH", "勤务指挥中心"),
        ("JA-DCK", "执法督察科"),
        ("JA-ZGK", "综合管理科"),
    ];

    public static readonly (string Code, string Name)[] Squads =
    [
        ("JA-JDZD", "机动执法中队"),
        ("JA-ZS1", "直属一中队"),
        ("JA-ZS2", "直属二中队"),
    ];

    public static readonly (string Code, string Name)[] Posts =
    [
        ("JZ", "局长"), ("FJZ", "副局长"), ("KZ", "科长"), ("ZDZ", "中队长"), ("FZDZ", "副中队长"),
        ("ZFDY", "执法队员"), ("PQY", "派遣员"), ("DCY", "督查员"), ("KY", "科员"),
    ];

    public const int CommitteesPerStreet = 3;
    public const int GridsPerCommittee = 8;

    private static readonly string[] s_surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
    private static readonly string[] s_given = ["伟", "芳", "军", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "玉兰", "国平", "春梅", "立新"];
    private static readonly string[] s_committeeWords = ["新", "和", "安", "康", "华", "平", "兴", "乐", "阳", "光", "苑", "园"];

    public static string PersonName(int i) => s_surnames[i * 7 % s_surnames.Length] + s_given[i * 11 % s_given.Length];

    public static string Phone(int i) => $"139{(10_000_000 + i * 7919 % 90_000_000):D8}";

    public static string Badge(int i) => $"3106{i:D5}";

    public static string CommitteeName(string street, int n) =>
        $"{street.Replace("街道", "", StringComparison.Ordinal).Replace("镇", "", StringComparison.Ordinal)}{s_committeeWords[(street.Length * 3 + n) % s_committeeWords.Length]}{s_committeeWords[(street.Length + n * 5) % s_committeeWords.Length]}居委会";
}

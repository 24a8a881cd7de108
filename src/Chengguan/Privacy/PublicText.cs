using System.Text;
using System.Text.RegularExpressions;

namespace Chengguan.Privacy;

/// <summary>
/// Masks personal information (PIPL 个人信息) in free text before it leaves through a public
/// channel: precise coordinates (snapped like <see cref="PublicPlace"/>), e-mail addresses, ID and
/// passport numbers, mobile and landline numbers, WeChat/QQ accounts, licence plates, flat and room
/// numbers, and people named by an honorific (张先生, 王阿姨) or after a label (联系人张三丰). Each
/// is replaced by a readable placeholder ("[电话]", "某先生") so the text still says what happened.
/// </summary>
/// <remarks>
/// Pure and deterministic, no framework. What it cannot see is documented in Privacy/README.md: a
/// bare full name with neither honorific nor label (张三丰反映…) is not recognisable without a name
/// dictionary, which is why the channels that carry callers' words (hotline, residents' committee)
/// are not published at all. Full-width digits and letters (１３８…, ＡＢ) are matched like ASCII
/// ones; the text that is kept is returned as written.
/// </remarks>
public static partial class PublicText
{
    public const string Phone = "[电话]";
    public const string Email = "[邮箱]";
    public const string IdNumber = "[证件号]";
    public const string Plate = "[车牌]";
    public const string Room = "[房号]";
    public const string Account = "[账号]";

    /// <summary>Stands for a surname (某先生) or a whole name (联系人某某).</summary>
    public const string Someone = "某";

    // Common single-character surnames. Characters that more often end an ordinary word placed
    // before an honorific (区 of 小区, 路, 门, 楼, 海, 花…) are left out: 小区阿姨 is not a person named 区.
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝谈匡鞠惠荆乐冀郁胥储栗燕楚鄢劳谌奚皮粟冼蔺闻厉仝郜阚权帅屠朴练廉禹井祖漆巴支卿狄计索宣晋";

    private const string CompoundSurnames = "欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|端木|独孤|南宫|西门|申屠|轩辕";

    // Forms of address that follow a surname. Longer forms first, so that 老太太 is not read as 老太.
    private const string Honorifics =
        "老先生|老太太|老伯伯|老人家|先生|女士|小姐|太太|夫人|阿姨|师傅|老伯|伯伯|大爷|大妈|大娘|大婶|阿婆|婆婆|阿公|爷爷|奶奶|叔叔|阿叔|大叔|大姐|大哥|阿姐|阿哥|老太|同志|主任|书记|队长|科长|经理|老板|警官";

    // Words that introduce a person: a name after them is masked whole (联系人某某).
    private const string NameLabels =
        "来电人|联系人|报告人|举报人|反映人|诉求人|投诉人|申请人|当事人|户主|业主|住户|租户|房东|姓名|市民|居民|执法队员|队员|民警|网格员|社工|楼组长|协管员";

    // What may follow a labelled name: punctuation, a digit or Latin letter, the end, or a word that
    // usually comes next (反映, 电话…). Without one of these the name's end is unknown, and nothing is masked.
    private const string AfterName =
        @"[^\p{IsCJKUnifiedIdeographs}]|$|反映|来电|称|说|表示|投诉|举报|电话|手机|联系|住|家|的|在|于|报|诉|请|要求|希望|同志|先生|女士|小姐|等|和|与|及|已|也|向|对|发现|上报|到场|现场|处理|负责";

    private const string Extension = @"(?:\s?(?:转|分机|ext\.?|x|#|-)\s?\d{1,6})?";

    // A decimal with four or more places, such as a coordinate pasted into the text (121.427321).
    [GeneratedRegex(@"(?<![\d.])-?\d{1,3}\.\d{4,}(?![\d.])")]
    private static partial Regex PreciseDecimalPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])")]
    private static partial Regex EmailPattern();

    // After a word that says so, any ID-like run: old 15-digit numbers and mistyped 18-digit ones.
    [GeneratedRegex(@"(?<=(?:身份证|证件|身份号|证号)(?:号码|号)?\s*[:：]?\s*)\d{15,17}[\dXx]?(?![\dA-Za-z])")]
    private static partial Regex LabelledIdPattern();

    // An 18-digit resident ID by its shape: area, birth date, sequence, check digit (spaces or dashes between the parts allowed).
    [GeneratedRegex(@"(?<![\dA-Za-z])[1-9]\d{5}[\s\-]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[\s\-]?\d{3}[\dXx](?![\dA-Za-z])")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?<=护照(?:号码|号)?\s*[:：]?\s*)[A-Za-z]{1,2}\d{7,8}(?![\dA-Za-z])")]
    private static partial Regex PassportPattern();

    // 138 1234 5678, 138-1234-5678, +86 13812345678, 0086-138…: eleven digits from 13–19, single spaces or dashes allowed between them.
    [GeneratedRegex(@"(?<![\dA-Za-z])(?:(?:\+|00)\s?86[\s\-]?|86[\s\-]?)?1[3-9](?:[\s\-]?\d){9}(?!\d)")]
    private static partial Regex MobilePattern();

    // +86 21 6248 1234, 0086-21-62481234: the country code, then the area code without its 0.
    [GeneratedRegex(@"(?<![\dA-Za-z])(?:\+|00)\s?86[\s\-]?(?:\(0?[1-9]\d{1,2}\)|0?[1-9]\d{1,2})[\s\-]?[2-9]\d{2,3}[\s\-]?\d{4}" + Extension + @"(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex InternationalLandlinePattern();

    // 021-62481234, (021)6248 1234, （0571）8765432, 021-62481234转8012.
    [GeneratedRegex(@"(?<![\dA-Za-z])(?:[(（]0\d{2,3}[)）]|0\d{2,3})[\s\-]?[2-9]\d{2,3}[\s\-]?\d{4}" + Extension + @"(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex LandlinePattern();

    // A Shanghai local number (6248 1234) without area code. Not a compact date (20261207), not a
    // span of years (2025-2026), not part of a longer number or decimal, not an amount or quantity (12345678元).
    [GeneratedRegex(@"(?<![\dA-Za-z.,:/\-])(?!(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d))(?!(?:19|20)\d{2}[\s\-](?:19|20)\d{2}(?!\d))[2-9]\d{3}[\s\-]?\d{4}"
        + Extension + @"(?!\d)(?![.,:/]\d)(?!\s*(?:元|块|角|万|亿|千|百|米|公里|km|平|㎡|m|号|弄|室|年|月|日|天|个|人|次|件|辆|吨|斤|公斤|kg|%|％|余|多))", RegexOptions.IgnoreCase)]
    private static partial Regex LocalNumberPattern();

    [GeneratedRegex(@"(?<=(?:微信号|微信|wechat|QQ号|QQ)\s*[:：]?\s*)(?:[A-Za-z][A-Za-z0-9_\-]{5,19}|\d{5,11})(?![A-Za-z0-9_\-])", RegexOptions.IgnoreCase)]
    private static partial Regex AccountPattern();

    // 沪A12345, 沪AD12345 (new energy), 沪A·12345, 沪A 12345, 沪A1234学: a province, a letter, five
    // or six letters and digits with at least one digit (or four and a special suffix).
    [GeneratedRegex(@"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Za-z]\s?[·•・.\-]?\s?(?=[A-Za-z]{0,5}\d)(?:[A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[挂学警港澳领试超])(?![A-Za-z0-9])")]
    private static partial Regex PlatePattern();

    // A flat: a run of building, unit, floor and room parts with at least one that is not a floor
    // (5号楼1203室, 3单元502, 12楼B座, 502房, 12-3-502室). A house number on a road (南京西路1234号) is not a flat.
    private const string Building = @"[0-9A-Za-z]{1,4}(?:号楼|号栋|号幢|栋|幢|座(?![位客车城谈机椅])|单元)";
    private const string RoomNumber = @"\d{2,5}(?:室|房间|号房|房(?![租东产屋价贷款源主子]))|\d{1,3}(?:[\-－]\d{1,4}){1,2}(?:室|号房)";
    private const string Floor = @"\d{1,3}(?:楼|层)";
    private const string FlatPart = "(?:" + Building + "|" + RoomNumber + ")";

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:" + Floor + @"[\s\-]?)*" + FlatPart + @"(?:[\s\-]?(?:" + FlatPart + "|" + Floor + @")|\-?\d{2,5}(?![\d.年月日元万号]))*")]
    private static partial Regex FlatPattern();

    // 张三丰先生 in a context that shows where the name starts: surname, one or two given-name
    // characters, then a formal honorific. The surname becomes 某 below with the given name.
    [GeneratedRegex(@"(?:" + CompoundSurnames + "|[" + Surnames + @"])\p{IsCJKUnifiedIdeographs}{1,2}?(?=先生|女士|小姐)")]
    private static partial Regex FullNameWithHonorificPattern();

    [GeneratedRegex(@"(?:" + CompoundSurnames + "|[" + Surnames + "])(?=" + Honorifics + ")")]
    private static partial Regex SurnameWithHonorificPattern();

    [GeneratedRegex(@"(?<=(?:" + NameLabels + @")\s*[:：]?\s*)(?:" + CompoundSurnames + "|[" + Surnames + @"])\p{IsCJKUnifiedIdeographs}{1,2}?(?=" + AfterName + ")")]
    private static partial Regex LabelledNamePattern();

    // Two-character words whose second character is also a surname: 保安师傅 is a guard, not Mr 安.
    private static readonly HashSet<string> s_notSurname = new(StringComparer.Ordinal)
    {
        "保安", "公安", "治安", "平安", "环卫", "门卫", "保卫", "护卫", "汽车", "货车", "卡车", "租车", "轿车", "电车", "轮车", "吊车", "铲车", "渣车", "班车",
        "对于", "关于", "由于", "位于", "属于", "至于", "等于", "基于", "终于", "处于", "在于", "出于", "鉴于", "用于", "宿管", "物管", "城管", "主管",
        "社工", "民警", "房东", "小区", "游客", "中队", "大队",
    };

    private static readonly HashSet<string> s_compoundSurnames = new(CompoundSurnames.Split('|'), StringComparer.Ordinal);

    // Ordinary words that begin with a surname character and often follow 市民/居民/业主 (居民车辆, 市民陈述).
    private static readonly HashSet<string> s_commonWords = new(StringComparer.Ordinal)
    {
        "陈述", "安全", "安置", "方面", "方便", "高兴", "权益", "车辆", "车位", "常住", "谈话", "关心", "关注", "向来", "于是", "任何", "余下", "金额", "高度",
    };

    // Characters that end a preceding word rather than start a given name (关于王先生 is about Mr Wang).
    private static readonly System.Buffers.SearchValues<char> s_notGivenName = System.Buffers.SearchValues.Create("于的了在和与及是为向对给被把让请找到有位个名等跟同将或从自由其这那该此每各");

    // Whole matches of surname + title that are ordinary words.
    private static readonly HashSet<string> s_titleWords = new(StringComparer.Ordinal) { "班主任", "党书记", "车队长", "车老板" };

    /// <summary>The text with personal information masked; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        string s = text;
        s = Replace(s, PreciseDecimalPattern(), m => Coarse(m.Value));
        s = Replace(s, EmailPattern(), _ => Email);
        s = Replace(s, LabelledIdPattern(), _ => IdNumber);
        s = Replace(s, IdPattern(), _ => IdNumber);
        s = Replace(s, PassportPattern(), _ => IdNumber);
        s = Replace(s, MobilePattern(), _ => Phone);
        s = Replace(s, InternationalLandlinePattern(), _ => Phone);
        s = Replace(s, LandlinePattern(), _ => Phone);
        s = Replace(s, LocalNumberPattern(), _ => Phone);
        s = Replace(s, AccountPattern(), _ => Account);
        s = Replace(s, PlatePattern(), _ => Plate);
        s = Replace(s, FlatPattern(), _ => Room);
        s = Replace(s, FullNameWithHonorificPattern(), (m, all) => IsFullName(all, m) ? Someone : null);
        s = Replace(s, SurnameWithHonorificPattern(), (m, all) => IsSurname(all, m) ? Someone : null);
        s = Replace(s, LabelledNamePattern(), (m, _) => IsLabelledName(m.Value) ? Someone + Someone : null);
        return s;
    }

    /// <summary>A coordinate in the text is snapped to the same grid as the published point; other such decimals lose their last places.</summary>
    private static string Coarse(string number)
    {
        double value = double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        return PublicPlace.Coordinate(value)!.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsFullName(string all, Match m)
    {
        // Where the name starts must be clear: the text starts there, or the character before is no
        // surname (江宁路张女士 is not a lady named 宁路张).
        if (m.Index > 0 && Surnames.Contains(all[m.Index - 1], StringComparison.Ordinal))
        {
            return false;
        }
        if (m.Index > 0 && s_notSurname.Contains(string.Concat(all[m.Index - 1], m.Value[0])))
        {
            return false;
        }
        return GivenNameIsPlausible(m.Value);
    }

    private static bool IsLabelledName(string name) => GivenNameIsPlausible(name) && !s_commonWords.Contains(name[..2]);

    /// <summary>The characters after the surname could be a given name: none of them is a particle or preposition.</summary>
    private static bool GivenNameIsPlausible(string name)
    {
        int surname = name.Length > 2 && s_compoundSurnames.Contains(name[..2]) ? 2 : 1;
        return !name.AsSpan(surname).ContainsAny(s_notGivenName);
    }

    private static bool IsSurname(string all, Match m)
    {
        if (m.Index > 0 && m.Length == 1 && s_notSurname.Contains(string.Concat(all[m.Index - 1], m.Value)))
        {
            return false;
        }
        return !s_titleWords.Any(w => all.AsSpan(m.Index).StartsWith(w, StringComparison.Ordinal));
    }

    private static string Replace(string text, Regex pattern, Func<Match, string> replacement) =>
        Replace(text, pattern, (m, _) => replacement(m));

    /// <summary>
    /// Matches on a copy with full-width digits, letters and ＠ made ASCII (one character for one,
    /// so positions agree) and copies the kept text from the original. A null replacement keeps the match.
    /// </summary>
    private static string Replace(string text, Regex pattern, Func<Match, string, string?> replacement)
    {
        string folded = FoldWidth(text);
        StringBuilder? sb = null;
        int copied = 0;
        for (Match m = pattern.Match(folded); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0 || replacement(m, folded) is not { } masked)
            {
                continue;
            }
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copied, m.Index - copied).Append(masked);
            copied = m.Index + m.Length;
        }
        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static string FoldWidth(string text)
    {
        if (!text.Any(IsFullWidthAlphanumeric))
        {
            return text;
        }
        return string.Create(text.Length, text, (span, t) =>
        {
            for (int i = 0; i < t.Length; i++)
            {
                span[i] = IsFullWidthAlphanumeric(t[i]) ? (char)(t[i] - 0xFEE0) : t[i];
            }
        });
    }

    private static bool IsFullWidthAlphanumeric(char c) => c is (>= '０' and <= '９') or (>= 'Ａ' and <= 'Ｚ') or (>= 'ａ' and <= 'ｚ') or '＠';
}

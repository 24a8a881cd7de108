using Chengguan.Privacy;

namespace Chengguan.Tests.Privacy;

public sealed class PublicTextTests
{
    private static readonly (string Text, string Masked)[] s_masked =
    [
        // Coordinates pasted into the text, snapped like the published point.
        ("坐标121.427321,31.245531", "坐标121.427,31.246"),
        ("位置 31.24553, 121.42732", "位置 31.246, 121.427"),
        ("-33.86881970", "-33.869"),
        // Mobile numbers: bare, grouped, with a country code, full-width.
        ("电话13812345678", "电话[电话]"),
        ("138 1234 5678", "[电话]"),
        ("138-1234-5678", "[电话]"),
        ("+86 138 1234 5678", "[电话]"),
        ("+8613812345678", "[电话]"),
        ("+86-138-1234-5678", "[电话]"),
        ("86-13812345678", "[电话]"),
        ("0086 13812345678", "[电话]"),
        ("手机：１３８１２３４５６７８。", "手机：[电话]。"),
        ("19912345678和17012345678", "[电话]和[电话]"),
        ("tel:15900001111", "tel:[电话]"),
        // Landlines: area code with dash, space or brackets, extensions, country code; Shanghai local numbers.
        ("021-62481234", "[电话]"),
        ("(021)62481234", "[电话]"),
        ("（021）6248 1234", "[电话]"),
        ("021 6248 1234", "[电话]"),
        ("021-6248-1234", "[电话]"),
        ("0571-8765432", "[电话]"),
        ("021-62481234转8012", "[电话]"),
        ("021-62481234-8012", "[电话]"),
        ("021-62481234 ext. 12", "[电话]"),
        ("+86 21 6248 1234", "[电话]"),
        ("+86-21-62481234", "[电话]"),
        ("0086 (21) 62481234", "[电话]"),
        ("座机62481234，", "座机[电话]，"),
        ("座机 6248 1234", "座机 [电话]"),
        ("家里电话6248-1234", "家里电话[电话]"),
        ("62481234转12", "[电话]"),
        // E-mail.
        ("邮箱zhang.san@example.com。", "邮箱[邮箱]。"),
        ("ZHANG_San+tag@mail.example.com.cn", "[邮箱]"),
        ("zhang＠example.com", "[邮箱]"),
        ("请发至a-b@x-y.org.cn谢谢", "请发至[邮箱]谢谢"),
        // Identity numbers: 18 digits by shape, 15 (old) or malformed ones after a word that says so; passports.
        ("身份证310101198001011234", "身份证[证件号]"),
        ("身份证号31010119800101123X。", "身份证号[证件号]。"),
        ("310101 19800101 123x", "[证件号]"),
        ("证件 310101-19800101-1234", "证件 [证件号]"),
        ("身份证号：310101800101123", "身份证号：[证件号]"),
        ("证件号码 310101198013011234", "证件号码 [证件号]"),
        ("护照号E12345678", "护照号[证件号]"),
        // WeChat and QQ accounts.
        ("微信号zhangsan_88", "微信号[账号]"),
        ("微信: zhang-san2026", "微信: [账号]"),
        ("QQ 12345678", "QQ [账号]"),
        ("qq:987654321", "qq:[账号]"),
        // Licence plates, with or without a dot or space; new-energy; learner plates.
        ("沪A12345", "[车牌]"),
        ("沪AD12345", "[车牌]"),
        ("沪A·12345", "[车牌]"),
        ("沪A 12345", "[车牌]"),
        ("沪A.12345", "[车牌]"),
        ("车牌沪AD12345的小车", "车牌[车牌]的小车"),
        ("苏E1234学", "[车牌]"),
        ("沪a12345", "[车牌]"),
        ("浙B·F12345长期停放", "[车牌]长期停放"),
        // Flats and rooms; a house number on a road stays.
        ("1203室", "[房号]"),
        ("5号楼1203室", "[房号]"),
        ("南京西路1234号5号楼1203室", "南京西路1234号[房号]"),
        ("3单元502", "[房号]"),
        ("3单元502室", "[房号]"),
        ("12楼B座", "[房号]"),
        ("502房", "[房号]"),
        ("12-3-502室", "[房号]"),
        ("7栋2单元301室漏水", "[房号]漏水"),
        ("住在5号楼1203", "住在[房号]"),
        ("A座1502", "[房号]"),
        ("江宁路100弄5号1203室", "江宁路100弄5号[房号]"),
        // People named by an honorific, the surname dropped.
        ("张先生", "某先生"),
        ("李女士", "某女士"),
        ("王阿姨", "某阿姨"),
        ("刘师傅", "某师傅"),
        ("陈老伯", "某老伯"),
        ("欧阳女士", "某女士"),
        ("赵大爷和孙阿姨", "某大爷和某阿姨"),
        ("居委王主任", "居委某主任"),
        ("民警张警官", "民警某警官"),
        ("关于王先生的投诉", "关于某先生的投诉"),
        ("市民张三丰先生反映", "市民某先生反映"),
        ("收到李文华女士来信", "收到某女士来信"),
        ("江宁路张女士家门口", "江宁路某女士家门口"),
        ("黄老太太", "某老太太"),
        // People named after a word that introduces them.
        ("联系人：张三丰，电话13812345678", "联系人：某某，电话[电话]"),
        ("来电人王五反映", "来电人某某反映"),
        ("执法队员李强到场处理", "执法队员某某到场处理"),
        ("网格员周明上报", "网格员某某上报"),
        ("姓名：欧阳修。", "姓名：某某。"),
        ("市民李某某来电", "市民某某来电"),
        // Everything at once, as a hotline order may read.
        (
            "来电人张三丰（13812345678，zhang@example.com）反映静安区江宁路100弄5号楼1203室楼下有车辆沪AD12345长期占道，楼上王阿姨座机021-62481234，身份证310101198001011234。",
            "来电人某某（[电话]，[邮箱]）反映静安区江宁路100弄[房号]楼下有车辆[车牌]长期占道，楼上某阿姨座机[电话]，身份证[证件号]。"
        ),
    ];

    public static TheoryData<string, string> Masked
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach ((string text, string masked) in s_masked)
            {
                data.Add(text, masked);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Masked))]
    public void Personal_information_is_masked_with_a_readable_placeholder(string text, string expected) =>
        Assert.Equal(expected, PublicText.Redact(text));

    public static TheoryData<string> Kept => new()
    {
        "JA-2026-000012",
        "案件JA-2026-000012已派遣",
        "2026-12-07",
        "2026-12-07T10:01:00+08:00",
        "2026-12-07 10:30",
        "2026年12月7日上午10时",
        "20261207",
        "19991231",
        "10:30-11:45",
        "上午8:30至9:00",
        "罚款5000元",
        "罚款12345678元",
        "金额1,234.56元",
        "12.5万元",
        "约30平方米，2000房租",
        "南京西路1234号",
        "江宁路100弄",
        "江宁路 100 号 弄口",
        "网格310106006001003",
        "网格编码310106011001005",
        "定位网格 310106011001005",
        "event-0102",
        "event:0102",
        "component-0301",
        "12345热线",
        "12319",
        "拨打110和962121",
        "3房2厅",
        "2025-2026年度",
        "2025-2026 年度",
        "10号线",
        "5号门",
        "12层高楼",
        "10座客车",
        "共有12户",
        "占道经营2处",
        "人行道上有一堆暴露垃圾，影响通行",
        "title: 人行道暴露垃圾\n\ndetail: 江宁路人行道上有一堆暴露垃圾，影响通行",
        "保安师傅",
        "环卫师傅",
        "小区阿姨",
        "宿管阿姨",
        "城管师傅",
        "各位女士",
        "对于女士们的意见",
        "班主任",
        "市民热线",
        "居民反映",
        "居民车辆",
        "市民陈述",
        "最新A股",
        "iPhone 13 Pro",
        "GB/T 2260",
        "北京西路",
        "编号13812",
        "310106",
        "第2-3页",
        "ABC-12345678",
        "v1.2.3",
        "pH 7.2，3.14，1.005",
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void Case_numbers_dates_times_amounts_road_numbers_and_codes_are_kept(string text) =>
        Assert.Equal(text, PublicText.Redact(text));

    [Fact]
    public void Null_and_empty_text_stay_as_they_are()
    {
        Assert.Null(PublicText.Redact(null));
        Assert.Equal("", PublicText.Redact(""));
    }

    [Fact]
    public void Text_that_is_kept_keeps_its_full_width_characters()
    {
        Assert.Equal("[电话]，第１２页", PublicText.Redact("１３８１２３４５６７８，第１２页"));
    }

    [Fact]
    public void Masking_twice_changes_nothing_more()
    {
        foreach ((_, string once) in s_masked)
        {
            Assert.Equal(once, PublicText.Redact(once));
        }
    }
}

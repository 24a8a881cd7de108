using System.Globalization;

namespace Chengguan.Demolition.Documents;

/// <summary>What a notice says about its item; dates are Shanghai calendar dates.</summary>
public sealed record NoticeContext(
    IllegalBuilding Item,
    string StreetName,
    string Number,
    DateOnly IssuedOn,
    DateOnly? Deadline,
    string? RelatedNumber,
    string? Actor,
    int? Photos,
    double? ConfirmedArea);

/// <summary>
/// The documents of the procedure (责令限期拆除通知书, 陈述申辩告知书, 催告书, 强制拆除决定书, 公告,
/// 复核确认单), rendered to PDF. The wording follows the articles cited in domain-research.md §3.2.
/// </summary>
public static class NoticeTemplates
{
    public const string Issuer = "上海市静安区城市管理行政执法局";

    public static string Title(DocumentKind kind) => kind switch
    {
        DocumentKind.OrderNotice => "责令限期拆除通知书",
        DocumentKind.HearingNotice => "陈述申辩（听证）权利告知书",
        DocumentKind.DemandNotice => "催告书",
        DocumentKind.ForcedDecision => "强制拆除决定书",
        DocumentKind.PublicNotice => "强制拆除公告",
        _ => "违法建筑拆除复核确认单",
    };

    public static string Abbreviation(DocumentKind kind) => kind switch
    {
        DocumentKind.OrderNotice => "责拆",
        DocumentKind.HearingNotice => "告知",
        DocumentKind.DemandNotice => "催告",
        DocumentKind.ForcedDecision => "强拆决",
        DocumentKind.PublicNotice => "公告",
        _ => "复核",
    };

    public static string Date(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public static string Area(double m2) => m2.ToString("0.##", CultureInfo.InvariantCulture);

    public static byte[] Render(DocumentKind kind, NoticeContext c, DateTimeOffset now)
    {
        IllegalBuilding i = c.Item;
        string party = string.IsNullOrWhiteSpace(i.Party) ? "当事人" : i.Party;
        string deadline = c.Deadline is { } d ? Date(d) : "";
        string where = $"{c.StreetName}{i.Address}";
        string size = $"面积约{Area(i.Area)}平方米，共{i.Storeys}层";
        string appeal = "如不服本决定，可在收到本文书之日起六十日内向上海市静安区人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。";
        string[] body = kind switch
        {
            DocumentKind.OrderNotice =>
            [
                $"经查，你（单位）在{where}搭建的建筑物（构筑物），{size}，未取得建设工程规划许可证，违反了《中华人民共和国城乡规划法》第四十条第一款的规定，属违法建筑。",
                $"依据《中华人民共和国城乡规划法》第六十四条、第六十八条及《上海市拆除违法建筑若干规定》，现责令你（单位）于{deadline}前自行拆除。逾期不拆除的，本机关将依法强制拆除。",
                appeal,
            ],
            DocumentKind.HearingNotice =>
            [
                $"你（单位）在{where}的违法建筑（{size}），逾期未按本机关《责令限期拆除通知书》（{c.RelatedNumber}）的要求自行拆除。本机关拟依法作出强制拆除决定。",
                $"根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条和《中华人民共和国行政强制法》第八条的规定，你（单位）有权进行陈述和申辩，并有权要求举行听证。请于{deadline}前向本机关提出，逾期视为放弃上述权利。",
            ],
            DocumentKind.DemandNotice =>
            [
                $"根据《中华人民共和国行政强制法》第三十五条的规定，现催告你（单位）于{deadline}前自行拆除位于{where}的违法建筑（{size}）。",
                "你（单位）收到本催告书后有权进行陈述和申辩，本机关将充分听取你（单位）的意见。逾期仍不履行的，本机关将依法作出强制拆除决定。",
            ],
            DocumentKind.ForcedDecision =>
            [
                $"你（单位）在{where}的违法建筑（{size}），经本机关责令限期拆除、告知陈述申辩权利并催告（{c.RelatedNumber}）后，逾期仍未自行拆除。",
                "依据《中华人民共和国行政强制法》第三十七条、第四十四条和《中华人民共和国城乡规划法》第六十八条的规定，本机关决定对上述违法建筑实施强制拆除。",
                $"本决定同时予以公告，限你（单位）于{deadline}前自行拆除。{appeal}在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，本机关将依法强制拆除。",
            ],
            DocumentKind.PublicNotice =>
            [
                $"位于{where}的违法建筑（{size}，当事人：{party}），本机关已依法作出强制拆除决定（{c.RelatedNumber}）。",
                $"根据《中华人民共和国行政强制法》第四十四条的规定，现予公告，限当事人于{deadline}前自行拆除。当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，本机关将依法强制拆除。",
                "特此公告。",
            ],
            _ =>
            [
                $"违法建筑编号：{i.Number}",
                $"地址：{where}",
                $"台账登记面积：{Area(i.Area)} 平方米（{i.Storeys} 层）",
                $"拆除方式：{(i.Mode == DemolitionMode.Forced ? "强制拆除" : "当事人自行拆除")}",
                $"复核确认拆除面积：{Area(c.ConfirmedArea ?? 0)} 平方米",
                $"复核照片：{c.Photos ?? 0} 张",
                $"复核人：{c.Actor}",
                "经现场复核，上述违法建筑已拆除，拆除面积经确认，予以销项。",
            ],
        };
        string title = Title(kind);
        using var pdf = new PdfComposer(title, now);
        pdf.Title(Issuer, 16);
        pdf.Title(title, 22);
        pdf.Right(c.Number);
        bool record = kind == DocumentKind.RecheckRecord;
        if (kind is not (DocumentKind.PublicNotice or DocumentKind.RecheckRecord))
        {
            pdf.Paragraph($"{party}：", 13, indent: false);
        }
        foreach (string p in body)
        {
            pdf.Paragraph(p, 13, indent: !record);
        }
        pdf.Space(30);
        pdf.Right(Issuer, 13);
        pdf.Right(Date(c.IssuedOn), 13);
        return pdf.Save();
    }
}

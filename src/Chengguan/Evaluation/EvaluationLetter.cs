using System.Globalization;
using Chengguan.Demolition.Documents;
using Chengguan.Infrastructure;

namespace Chengguan.Evaluation;

/// <summary>个人评价结果通知书: one cadre's result of one round, per group and item, with the trend — as a Chinese PDF.</summary>
public static class EvaluationLetter
{
    public static byte[] Pdf(EvaluationRoundSummary round, IReadOnlyList<QuestionItem> items, CadreResultDto c, IReadOnlyList<TrendPoint> trend, DateTimeOffset at)
    {
        string title = "中层干部双月评价个人结果通知书";
        using var pdf = new PdfComposer(title, at);
        pdf.Title(NoticeTemplates.Issuer, 14);
        pdf.Title(title, 18);
        pdf.Paragraph($"{c.Name}同志（{c.UnitName}{(c.PostName is null ? "" : "，" + c.PostName)}）：", 12, indent: false);
        string total = c.Total is { } t
            ? $"综合得分 {N(t)} 分，在本期 {c.Ranked} 名被评价干部中排名第 {c.Rank} 位。"
            : "因各评价组评价人数均不足三人，本期不计算综合得分。";
        pdf.Paragraph($"{round.Name}（{round.PeriodLabel}）已结束，现将您的评价结果通知如下：{total}" +
            $"各组权重为局领导 {round.WeightLeaders}%、中层干部互评 {round.WeightPeers}%、所在单位干部职工 {round.WeightSubordinates}%；" +
            "评价人数不足三人的组别不显示结果，其权重按比例分配给其余组别；五人及以上的组别去掉一个最高分和一个最低分。评价以无记名方式进行。");
        pdf.Space(6);
        string[] headers = ["评价组别", "权重", "评价人数", "得分", .. items.Select(i => i.Name), "说明"];
        pdf.Table(headers, c.Groups.Select(g => (string[])[g.GroupText, $"{g.Weight}%", g.Raters.ToString(CultureInfo.InvariantCulture),
            g.Score is { } s ? N(s) : "—", .. items.Select((_, i) => g.ItemMeans is { } m && i < m.Count ? N(m[i]) : "—"), g.Note]),
            [2.2, 0.8, 0.9, 0.9, .. items.Select(_ => 0.7), 3.2]);
        if (trend.Count > 0)
        {
            pdf.Space(10);
            pdf.Title("历期评价结果", 13);
            pdf.Table(["期次", "综合得分", "排名"], trend.Select(p => new[] { p.PeriodLabel, p.Total is { } v ? N(v) : "—", p.Rank is { } r ? $"{r}/{p.Ranked}" : "—" }), [3, 1.5, 1.5]);
        }
        pdf.Space(16);
        pdf.Right("组织人事科");
        pdf.Right(ShanghaiTime.DateOf(at).ToString("yyyy年M月d日", CultureInfo.InvariantCulture));
        return pdf.Save();
    }

    private static string N(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}

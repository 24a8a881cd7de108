using Chengguan.Infrastructure;

namespace Chengguan.Supervision;

/// <summary>A deduction rule of a checklist item: what is wrong and how many points it costs.</summary>
public sealed record Deduction(string Code, string Text, int Points);

/// <summary>A checklist item (主体合法, 事实清楚…): its points and its deduction rules.</summary>
public sealed record ChecklistItem(string Code, string Name, int Points, IReadOnlyList<Deduction> Deductions);

/// <summary>A version of the case-file review checklist (案卷评查标准), as data.</summary>
public sealed record ChecklistDefinition(int Version, string Name, IReadOnlyList<ChecklistItem> Items)
{
    public int Total => Items.Sum(i => i.Points);
}

/// <summary>A reviewer's marks on one item: the deduction rules that apply and an optional note.</summary>
public sealed record ItemMark(string? Item, string[]? Deductions, string? Note);

/// <summary>One item's result: its points, what it scored, the deductions taken and the reviewer's note.</summary>
public sealed record ItemScore(string Code, string Name, int Points, int Score, IReadOnlyList<Deduction> Deductions, string? Note)
{
    public bool Failed => Deductions.Count > 0;
}

/// <summary>A finding of a failed item, to be rectified by the street team.</summary>
public sealed record FindingDraft(string ItemCode, string Text);

public sealed record ScoreResult(int Score, int Max, IReadOnlyList<ItemScore> Items, IReadOnlyList<FindingDraft> Findings);

/// <summary>
/// Checklist scoring (pure): a file's score is the sum over the items of the item's points less its
/// deductions, floored at 0 per item; every item with a deduction becomes a finding.
/// </summary>
public static class ChecklistScoring
{
    /// <summary>The bureau's first checklist (100 points), used until a newer version is added.</summary>
    public static readonly ChecklistDefinition Default = new(1, "行政执法案卷评查标准（2026 版）",
    [
        new("ZT", "主体合法", 10, [new("ZT1", "执法主体不适格", 10), new("ZT2", "执法人员未持证或少于两人", 5)]),
        new("SS", "事实清楚", 15, [new("SS1", "违法事实认定不清", 10), new("SS2", "当事人身份信息不全", 5)]),
        new("ZJ", "证据确凿", 20, [new("ZJ1", "缺少现场照片或勘验笔录", 10), new("ZJ2", "证据不能相互印证", 10), new("ZJ3", "证据来源不合法", 20)]),
        new("CX", "程序合法", 20, [new("CX1", "未告知陈述、申辩权利", 10), new("CX2", "未按规定立案审批", 10), new("CX3", "送达不符合规定", 5)]),
        new("FL", "适用法律正确", 15, [new("FL1", "适用法律条款错误", 15), new("FL2", "自由裁量不当", 5)]),
        new("WS", "文书规范", 10, [new("WS1", "文书填写不完整", 5), new("WS2", "文书用语不规范", 3), new("WS3", "缺少签字或盖章", 5)]),
        new("SX", "时限", 10, [new("SX1", "超过办理时限", 10), new("SX2", "超过答复时限", 5)]),
    ]);

    /// <summary>Scores the marks; unknown items or deductions, and an item marked twice, are field errors.</summary>
    public static Outcome<ScoreResult> Score(ChecklistDefinition list, IReadOnlyList<ItemMark> marks)
    {
        var errors = new FieldErrors();
        var byItem = new Dictionary<string, ItemMark>(StringComparer.Ordinal);
        for (int i = 0; i < marks.Count; i++)
        {
            ItemMark m = marks[i];
            ChecklistItem? item = list.Items.FirstOrDefault(x => x.Code == m.Item);
            if (item is null)
            {
                errors.Add($"marks[{i}].item", $"评查项目“{m.Item}”不在第 {list.Version} 版评查标准中");
                continue;
            }
            if (!byItem.TryAdd(item.Code, m))
            {
                errors.Add($"marks[{i}].item", $"评查项目“{item.Name}”重复评分");
            }
            foreach (string d in m.Deductions ?? [])
            {
                if (item.Deductions.All(x => x.Code != d))
                {
                    errors.Add($"marks[{i}].deductions", $"扣分项“{d}”不属于评查项目“{item.Name}”");
                }
            }
            if (m.Note is { Length: > 500 })
            {
                errors.Add($"marks[{i}].note", "评查意见不能超过 500 个字符");
            }
        }
        if (errors.Any)
        {
            return new Outcome<ScoreResult>.Invalid(errors);
        }
        List<ItemScore> items = [.. list.Items.Select(item =>
        {
            ItemMark? m = byItem.GetValueOrDefault(item.Code);
            List<Deduction> taken = [.. item.Deductions.Where(d => m?.Deductions?.Contains(d.Code) == true)];
            return new ItemScore(item.Code, item.Name, item.Points, Math.Max(0, item.Points - taken.Sum(d => d.Points)), taken,
                string.IsNullOrWhiteSpace(m?.Note) ? null : m.Note.Trim());
        })];
        List<FindingDraft> findings = [.. items.Where(i => i.Failed).Select(i =>
            new FindingDraft(i.Code, $"{i.Name}：{string.Join("；", i.Deductions.Select(d => d.Text))}" + (i.Note is null ? "" : $"（{i.Note}）")))];
        return new ScoreResult(items.Sum(i => i.Score), list.Total, items, findings);
    }

    /// <summary>A new version's own rules: at least one item, unique codes, positive points, deductions within 1..the item's points.</summary>
    public static FieldErrors Validate(IReadOnlyList<ChecklistItem>? items)
    {
        var errors = new FieldErrors();
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "评查标准须至少有一个评查项目");
            return errors;
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            ChecklistItem item = items[i];
            if (string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > 16 || !codes.Add(item.Code))
            {
                errors.Add($"items[{i}].code", "项目编码须为 1–16 个字符且不重复");
            }
            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 40)
            {
                errors.Add($"items[{i}].name", "项目名称须为 1–40 个字符");
            }
            if (item.Points is < 1 or > 100)
            {
                errors.Add($"items[{i}].points", "项目分值须为 1–100");
            }
            var dcodes = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < (item.Deductions?.Count ?? 0); j++)
            {
                Deduction d = item.Deductions![j];
                if (string.IsNullOrWhiteSpace(d.Code) || d.Code.Length > 16 || !dcodes.Add(d.Code))
                {
                    errors.Add($"items[{i}].deductions[{j}].code", "扣分项编码须为 1–16 个字符且在本项目内不重复");
                }
                if (string.IsNullOrWhiteSpace(d.Text) || d.Text.Length > 100)
                {
                    errors.Add($"items[{i}].deductions[{j}].text", "扣分情形须为 1–100 个字符");
                }
                if (d.Points < 1 || d.Points > item.Points)
                {
                    errors.Add($"items[{i}].deductions[{j}].points", "扣分须为 1 至该项目分值");
                }
            }
        }
        return errors;
    }
}

namespace Chengguan.BrowserTests;

/// <summary>
/// Two-way competitive selection in the console: a small round set up (two posts), three applications,
/// scores, the match with its explanations, publication and an appeal decided — names on screen, not ids.
/// </summary>
public sealed class SelectionTests(ConsoleApp app)
{
    /// <summary>Picks the n-th option of a MudSelect (the register's people and units are the demo's; which ones does not matter).</summary>
    private static async Task ChooseNthAsync(IPage page, string select, int n)
    {
        ILocator field = page.Locator(select);
        await (await field.IsVisibleAsync() ? field : page.Locator($".mud-select:has({select})").First).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Nth(n).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task ApplyAsync(IPage page, int person, params string[] posts)
    {
        await ChooseNthAsync(page, "#se-app-person", person);
        await page.FillAsync("#se-app-years", "5");
        for (int k = 0; k < posts.Length; k++)
        {
            await page.ChooseAsync($"#se-app-choice-{k + 1}", posts[k]);
        }
        int before = await page.Locator("#se-candidates tr[data-candidate]").CountAsync();
        await page.ClickAsync("#se-apply");
        await Expect(page.Locator("#se-candidates tr[data-candidate]")).ToHaveCountAsync(before + 1);
    }

    private static async Task ScoreAsync(IPage page, string name, int score)
    {
        await page.ChooseAsync("#se-score-candidate", name);
        foreach (string part in new[] { "written", "interview", "assessment", "evaluation" })
        {
            await page.FillAsync($"#se-score-{part}", score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await page.ClickAsync("#se-save-scores");
        await Expect(page.Locator($"#se-candidates td[data-composite='{name}']")).ToHaveTextAsync(score.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_small_round_is_set_up_applied_to_scored_matched_explained_published_and_appealed()
    {
        IPage page = await app.NewPageAsync();
        await page.SignInAsync("leader", path: "/selection");
        await Expect(page.Locator("h1")).ToContainTextAsync("机关双向选择竞争上岗");
        await Expect(page.Locator("#se-rounds[data-loaded=yes]")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        // A round without a name is refused with the field's message.
        await page.ClickAsync("#se-create");
        await Expect(page.Locator("#se-error")).ToContainTextAsync("名称不能为空");
        string name = $"浏览器竞争上岗{Guid.NewGuid():N}"[..16];
        await page.FillAsync("#se-name", name);
        await page.ClickAsync("#se-create");
        await Expect(page.Locator("#se-round-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#se-round-state")).ToHaveTextAsync("报名中");
        await page.WaitForCircuitAsync();

        foreach ((int unit, string title) in new[] { (0, "综合岗科员"), (1, "法制岗科员") })
        {
            await ChooseNthAsync(page, "#se-post-unit", unit);
            await page.FillAsync("#se-post-title", title);
            await page.FillAsync("#se-post-seats", "1");
            await page.ClickAsync("#se-add-post");
            await Expect(page.Locator($"#se-posts tr[data-post='{title}']")).ToBeVisibleAsync();
        }

        await ApplyAsync(page, 0, "综合岗科员", "法制岗科员");
        await ApplyAsync(page, 1, "综合岗科员");
        await ApplyAsync(page, 2, "综合岗科员");
        string[] names = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(i => page.Locator("#se-candidates tr[data-candidate]").Nth(i).GetAttributeAsync("data-candidate")))
            .ContinueWith(t => t.Result.Select(n => n!))];
        await Expect(page.Locator("#se-candidates")).ToContainTextAsync("1. ");
        await ScoreAsync(page, names[0], 80);
        await ScoreAsync(page, names[1], 90);
        await ScoreAsync(page, names[2], 70);

        await page.Locator("#se-posts [data-rank='综合岗科员']").ClickAsync();
        await Expect(page.Locator("#se-ranking tr[data-ranked]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#se-ranking tr[data-ranked]").First).ToHaveAttributeAsync("data-ranked", names[1]);

        await page.ClickAsync("#se-run-match");
        await Expect(page.Locator("#se-results tr[data-result]")).ToHaveCountAsync(3);
        await Expect(page.Locator($"#se-results tr[data-result='{names[1]}']")).ToContainTextAsync("综合岗科员");
        await Expect(page.Locator($"#se-results tr[data-result='{names[0]}']")).ToContainTextAsync("法制岗科员");
        await Expect(page.Locator($"#se-results tr[data-result='{names[2]}']")).ToContainTextAsync("未匹配");
        await Expect(page.Locator($"#se-explanations [data-explanation='{names[0]}']")).ToContainTextAsync("末位录取名次 1，本人名次 2");
        await Expect(page.Locator($"#se-explanations [data-explanation='{names[2]}']")).ToContainTextAsync("本人名次 3");
        await Expect(page.Locator($"#se-unmatched tr[data-unmatched='{names[2]}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#se-round-state")).ToHaveTextAsync("已匹配");

        await page.ClickAsync("#se-publish");
        await Expect(page.Locator("#se-round-state")).ToHaveTextAsync("公示中");
        await Expect(page.Locator("#se-appeal-until")).ToContainTextAsync("公示期至");
        await page.ChooseAsync("#se-appeal-candidate", names[2]);
        await page.FillAsync("#se-appeal-text", "对面试成绩有异议");
        await page.ClickAsync("#se-file-appeal");
        await Expect(page.Locator($"#se-appeals tr[data-appeal='{names[2]}']")).ToContainTextAsync("待处理");
        await page.FillAsync("#se-decision-note", "经复核，评分无误");
        await page.Locator($"#se-appeals [data-reject='{names[2]}']").ClickAsync();
        await Expect(page.Locator($"#se-appeals tr[data-appeal='{names[2]}']")).ToContainTextAsync("不支持：经复核，评分无误");
        // The window is still open: confirming is refused with the date it ends.
        await page.ClickAsync("#se-confirm");
        await Expect(page.Locator("#se-match-message")).ToContainTextAsync("届满后才能定岗");
        await page.ScreenshotAsync("selection-round");
    }
}

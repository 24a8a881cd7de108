using Chengguan.Cases.Search;

namespace Chengguan.Tests.Cases;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("人民路", "人民 民路 路")]
    [InlineData("路", "路")]
    [InlineData("江宁路100号", "江宁 宁路 路 100 号")]
    [InlineData("A栋3单元", "a 栋 3 单元 元")]
    [InlineData("CG-2025-000123", "cg 2025 000123")]
    [InlineData("ＣＧ１２３　占道", "cg123 占道 道")]
    [InlineData("占道，经营！", "占道 道 经营 营")]
    [InlineData("占道占道", "占道 道占 道")]
    [InlineData("Hello World hello", "hello world")]
    [InlineData("Ärger straße", "ärger straße")]
    [InlineData("二〇二五年", "二〇 〇二 二五 五年 年")]
    [InlineData("𠀀𠀁", "𠀀𠀁 𠀁")]
    [InlineData("カタカナ・テスト", "カタ タカ カナ ナ テス スト ト")]
    [InlineData("서울시", "서울 울시 시")]
    [InlineData("   ", "")]
    [InlineData("！？。，、 --- ###", "")]
    [InlineData("a_b", "a b")]
    [InlineData("x²", "x2")]
    public void A_document_is_cjk_bigrams_with_each_runs_last_character_and_lower_cased_words(string text, string expected) =>
        Assert.Equal(expected, SearchText.Document(text));

    [Fact]
    public void A_document_joins_its_fields_skips_nulls_and_keeps_each_token_once()
    {
        Assert.Equal("ja 2025 000001 市容 容环 环境 境 占道 道经 经营 营 门口 口占 江宁 宁路 路 夜间 间 道",
            SearchText.Document("JA-2025-000001", null, "市容环境", "占道经营", "门口占道经营", "江宁路", "夜间,占道"));
        Assert.Equal("", SearchText.Document());
        Assert.Equal("", SearchText.Document(null, ""));
    }

    [Fact]
    public void Words_longer_than_the_limit_are_cut_the_same_way_on_both_sides()
    {
        string word = new('a', 50);
        Assert.Equal(new string('a', SearchText.MaxWordLength), SearchText.Document(word));
        Assert.Equal([new SearchTerm(new string('a', SearchText.MaxWordLength), true)], SearchText.Query(word));
    }

    public static TheoryData<string, string[]> Queries => new()
    {
        { "人民路", ["人民", "民路"] },
        { "路", ["路*"] },
        { " 路 ", ["路*"] },
        { "CG2025", ["cg2025*"] },
        { "JA-2025-000123", ["ja*", "2025*", "000123*"] },
        { "占道 经营", ["占道", "经营"] },
        { "路口 路", ["路口"] },
        { "路 路口", ["路口"] },
        { "路口 口", ["路口"] },
        { "人民路 人民", ["人民", "民路"] },
        { "江宁路A栋", ["江宁", "宁路", "a*", "栋*"] },
        { "cg cg2025", ["cg2025*"] },
        { "ＡＢＣ", ["abc*"] },
        { "！？", [] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void A_query_is_bigrams_exact_and_single_characters_and_words_as_prefixes(string text, string[] expected) =>
        Assert.Equal(expected, SearchText.Query(text).Select(t => t.Text + (t.Prefix ? "*" : "")));

    [Fact]
    public void A_null_query_has_no_terms() => Assert.Empty(SearchText.Query(null));

    /// <summary>Every piece of a text, searched for, finds the text: the property users rely on.</summary>
    [Theory]
    [InlineData("江宁路100号门口有人占道经营，夜间噪音扰民（编号JA-2025-000123）")]
    [InlineData("Ａ栋3单元楼道堆物，二〇二五年已报修过一次")]
    [InlineData("路")]
    [InlineData("𠀀𠀁x")]
    public void Every_substring_of_a_text_matches_its_document(string text)
    {
        HashSet<string> tokens = [.. SearchText.Document(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        for (int start = 0; start < runes.Length; start++)
        {
            // Words match from their start (prefixes), not from inside: "A-20" need not find "JA-2025".
            if (start > 0 && IsWordCharacter(runes[start - 1]) && IsWordCharacter(runes[start]))
            {
                continue;
            }
            for (int end = start + 1; end <= runes.Length; end++)
            {
                string piece = string.Concat(runes[start..end]);
                foreach (SearchTerm term in SearchText.Query(piece))
                {
                    bool found = term.Prefix ? tokens.Any(t => t.StartsWith(term.Text, StringComparison.Ordinal)) : tokens.Contains(term.Text);
                    Assert.True(found, $"“{piece}” → {term} not in “{SearchText.Document(text)}”");
                }
            }
        }
    }

    private static bool IsWordCharacter(string rune) => rune.Normalize(System.Text.NormalizationForm.FormKC).All(char.IsAsciiLetterOrDigit);

    [Theory]
    [InlineData("JA-2026-012347", "012347*")]
    [InlineData("西康路128号", "西康 康路 128*")]
    [InlineData("江宁路 占道经营", "江宁 宁路 占道 道经 经营")]
    [InlineData("路", "路*")]
    [InlineData("ja 2026", "2026*")]
    [InlineData("ja 路", "ja* 路*")]
    public void The_index_is_asked_for_bigrams_and_the_longest_word_and_the_rest_is_checked_on_the_tokens(string query, string expected) =>
        Assert.Equal(expected, string.Join(' ', CaseTextSearch.IndexTerms(SearchText.Query(query)).Select(t => t.Text + (t.Prefix ? "*" : ""))));

    [Fact]
    public void Query_syntax_for_each_engine_quotes_every_term()
    {
        IReadOnlyList<SearchTerm> terms = SearchText.Query("占道经营 路 cg2025");
        Assert.Equal("\"占道\" \"道经\" \"经营\" \"路\"* \"cg2025\"*", CaseTextSearch.Fts5Query(terms));
        Assert.Equal("'占道' & '道经' & '经营' & '路':* & 'cg2025':*", CaseTextSearch.TsQuery(terms));
    }
}

using Chengguan.Cases;

namespace Chengguan.Tests.Cases;

/// <summary>What counts as a patrol report's own words: not the filled-in sentence, not the category's name.</summary>
public sealed class PatrolWordsTests
{
    [Theory]
    [InlineData("巡查发现问题，详见现场照片", null)]
    [InlineData("  Problem found on patrol, see the photos ", null)]
    [InlineData("占道经营：", "占道经营")]
    [InlineData("占道经营。见照片！", "占道经营")]
    public void Filled_in_text_says_nothing(string description, string? category) => Assert.False(PatrolWords.SaysMore(description, category));

    [Theory]
    [InlineData("占道经营：水果摊占人行道约 3 米", "占道经营")]
    [InlineData("巡查发现问题，详见现场照片。另有三轮车停在盲道", null)]
    [InlineData("门口堆物", null)]
    public void Anything_said_besides_counts(string description, string? category) => Assert.True(PatrolWords.SaysMore(description, category));
}

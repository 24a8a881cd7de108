using Chengguan.Demolition;
using Chengguan.Overview;

namespace Chengguan.Tests.Overview;

public sealed class MapOverlayQueriesTests
{
    [Theory]
    [InlineData(DemolitionState.Identified, LedgerStage.Pending)]
    [InlineData(DemolitionState.Ordered, LedgerStage.Pending)]
    [InlineData(DemolitionState.Hearing, LedgerStage.Pending)]
    [InlineData(DemolitionState.Demanded, LedgerStage.Enforcing)]
    [InlineData(DemolitionState.Decided, LedgerStage.Enforcing)]
    [InlineData(DemolitionState.AppealWindow, LedgerStage.Enforcing)]
    [InlineData(DemolitionState.Demolished, LedgerStage.Demolished)]
    [InlineData(DemolitionState.Rechecked, LedgerStage.Rechecked)]
    [InlineData(DemolitionState.Closed, LedgerStage.Rechecked)]
    [InlineData(DemolitionState.Withdrawn, LedgerStage.Withdrawn)]
    public void Each_legal_state_has_its_map_stage(DemolitionState state, LedgerStage stage) => Assert.Equal(stage, MapOverlayQueries.StageOf(state));

    [Fact]
    public void The_stages_partition_the_states()
    {
        DemolitionState[] all = Enum.GetValues<DemolitionState>();
        DemolitionState[] covered = [.. Enum.GetValues<LedgerStage>().SelectMany(MapOverlayQueries.StatesOf)];

        Assert.Equal(all.Length, covered.Length);
        Assert.Equal(all.Order(), covered.Order());
    }
}

using Chengguan.Supervision;
using static Chengguan.Supervision.StratifiedSampler;

namespace Chengguan.Tests.Supervision;

/// <summary>The draw: size per stratum, without replacement, reproducible by seed, independent of row order, roughly uniform.</summary>
public sealed class StratifiedSamplerTests
{
    private static readonly Guid[] Streets = [.. Enumerable.Range(1, 3).Select(i => new Guid(i, 0, 0, new byte[8]))];

    /// <summary>Deterministic ids (a counter in the last bytes) so the population is the same in every run.</summary>
    private static Guid IdOf(int n)
    {
        byte[] b = new byte[16];
        BitConverter.GetBytes(n).CopyTo(b, 12);
        b[0] = 0x42;
        return new Guid(b);
    }

    private static List<Member> Population(params int[] sizes) =>
        [.. sizes.SelectMany((size, s) => Enumerable.Range(0, size).Select(i => new Member(IdOf(s * 100_000 + i), Streets[s])))];

    [Fact]
    public void Each_stratum_gives_its_size_or_all_of_a_smaller_stratum_without_repeats()
    {
        Dictionary<Guid, List<Pick>> drawn = Draw(Population(500, 20, 3), 20, seed: 7);
        Assert.Equal(20, drawn[Streets[0]].Count);
        Assert.Equal(20, drawn[Streets[1]].Count);
        Assert.Equal(3, drawn[Streets[2]].Count);
        Assert.All(drawn, kv => Assert.All(kv.Value, p => Assert.Equal(kv.Key, p.Stratum)));
        List<Guid> all = [.. drawn.Values.SelectMany(v => v).Select(p => p.Id)];
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void The_same_seed_over_the_same_population_gives_the_same_sample_in_any_row_order()
    {
        List<Member> population = Population(1000, 300);
        List<Member> shuffled = [.. population.OrderBy(m => m.Id.GetHashCode() ^ 0x5bd1e995)];
        List<Member> reversed = [.. Enumerable.Reverse(population)];
        string Ids(List<Member> p) => string.Join(",", Draw(p, 15, 123456789).OrderBy(kv => kv.Key).SelectMany(kv => kv.Value).Select(x => x.Id));
        Assert.Equal(Ids(population), Ids(shuffled));
        Assert.Equal(Ids(population), Ids(reversed));
    }

    [Fact]
    public void Another_seed_gives_another_sample()
    {
        List<Member> population = Population(1000);
        HashSet<Guid> a = [.. Draw(population, 20, 1)[Streets[0]].Select(p => p.Id)];
        HashSet<Guid> b = [.. Draw(population, 20, 2)[Streets[0]].Select(p => p.Id)];
        Assert.NotEqual(a, b);
        Assert.True(a.Intersect(b).Count() < 10, "two seeds should share few of 20 picks out of 1,000");
    }

    [Fact]
    public void A_repeated_id_in_the_population_is_taken_once()
    {
        List<Member> population = [.. Population(5), .. Population(5)];
        Assert.Equal(5, Draw(population, 10, 3)[Streets[0]].Select(p => p.Id).Distinct().Count());
        Assert.Equal(5, Draw(population, 10, 3)[Streets[0]].Count);
    }

    [Fact]
    public void Picks_are_ordered_by_key_and_are_the_smallest_keys_of_the_stratum()
    {
        List<Member> population = Population(400);
        List<Pick> picks = Draw(population, 12, 99)[Streets[0]];
        Assert.Equal(picks.OrderBy(p => p.Key).Select(p => p.Id), picks.Select(p => p.Id));
        List<Guid> smallest = [.. population.OrderBy(m => Key(99, m.Id)).Take(12).Select(m => m.Id)];
        Assert.Equal(smallest, picks.Select(p => p.Id));
        Assert.All(picks, p => Assert.Equal(Key(99, p.Id), p.Key));
    }

    [Fact]
    public void Every_member_has_about_the_same_chance()
    {
        // 200 members, 10 drawn, 4,000 seeds: each member is expected 200 times; none far off.
        List<Member> population = Population(200);
        var counts = new Dictionary<Guid, int>();
        for (long seed = 1; seed <= 4000; seed++)
        {
            foreach (Pick p in Draw(population, 10, seed)[Streets[0]])
            {
                counts[p.Id] = counts.GetValueOrDefault(p.Id) + 1;
            }
        }
        Assert.Equal(200, counts.Count);
        Assert.InRange(counts.Values.Min(), 140, 200);
        Assert.InRange(counts.Values.Max(), 200, 260);
    }

    [Fact]
    public void An_empty_population_gives_nothing_and_a_size_of_zero_is_refused()
    {
        Assert.Empty(Draw([], 5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Draw(Population(3), 0, 1));
    }

    [Fact]
    public void New_seeds_are_positive()
    {
        for (int i = 0; i < 100; i++)
        {
            Assert.True(NewSeed() > 0);
        }
    }
}

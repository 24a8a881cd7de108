using System.Buffers.Binary;

namespace Chengguan.Supervision;

/// <summary>
/// The draw of a supervision plan (pure): per stratum (street) the <c>size</c> members with the smallest
/// keys, where a member's key is a seeded hash of its id (bottom-k keyed hashing). Each key depends only
/// on the seed and the id, so the same seed over the same population gives the same sample whatever
/// order the database returns the rows in; one pass over the population with a heap of <c>size</c> per
/// stratum, O(population × log size). Without replacement: an id is taken at most once.
/// </summary>
public static class StratifiedSampler
{
    /// <summary>A member of the population: its stable id and its stratum.</summary>
    public readonly record struct Member(Guid Id, Guid Stratum);

    /// <summary>A chosen member with its key; within a stratum the sample is ordered by (key, id).</summary>
    public readonly record struct Pick(Guid Id, Guid Stratum, ulong Key);

    /// <summary>The member's key under <paramref name="seed"/>: SplitMix64's finaliser over the seed and the id's two halves.</summary>
    public static ulong Key(long seed, Guid id)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b, bigEndian: true, out _);
        ulong h = Mix(unchecked((ulong)seed + 0x9E3779B97F4A7C15UL));
        h = Mix(h ^ BinaryPrimitives.ReadUInt64BigEndian(b));
        return Mix(h ^ BinaryPrimitives.ReadUInt64BigEndian(b[8..]));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Up to <paramref name="size"/> members per stratum (all of a smaller stratum), each stratum's picks in
    /// (key, id) order. Strata come back in no particular order; the caller orders them (by street code).
    /// </summary>
    public static Dictionary<Guid, List<Pick>> Draw(IEnumerable<Member> population, int size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        // Per stratum a max-heap of the size smallest keys seen so far: its top is the one to beat.
        var heaps = new Dictionary<Guid, PriorityQueue<Pick, (ulong, Guid)>>();
        IComparer<(ulong, Guid)> largestFirst = Comparer<(ulong, Guid)>.Create((a, b) => b.CompareTo(a));
        foreach (Member m in population)
        {
            if (!heaps.TryGetValue(m.Stratum, out PriorityQueue<Pick, (ulong, Guid)>? heap))
            {
                heaps[m.Stratum] = heap = new PriorityQueue<Pick, (ulong, Guid)>(size + 1, largestFirst);
            }
            ulong key = Key(seed, m.Id);
            if (heap.Count == size)
            {
                heap.TryPeek(out _, out (ulong Key, Guid Id) top);
                if ((key, m.Id).CompareTo(top) >= 0)
                {
                    continue;
                }
            }
            // Without replacement: a repeated id in the population is not taken twice.
            if (heap.UnorderedItems.Any(p => p.Element.Id == m.Id))
            {
                continue;
            }
            heap.Enqueue(new Pick(m.Id, m.Stratum, key), (key, m.Id));
            if (heap.Count > size)
            {
                heap.Dequeue();
            }
        }
        return heaps.ToDictionary(h => h.Key, h => h.Value.UnorderedItems.Select(p => p.Element).OrderBy(p => p.Key).ThenBy(p => p.Id).ToList());
    }

    /// <summary>A new seed for a plan that names none (stored with the plan, so its draw can be repeated).</summary>
    public static long NewSeed() => Random.Shared.NextInt64(1, long.MaxValue);
}

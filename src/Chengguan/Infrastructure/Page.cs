namespace Chengguan.Infrastructure;

/// <summary>
/// One page of a keyset-paginated list: the items and the opaque cursor of the next page, null on the
/// last one. Every list endpoint answers with it, and console pages read it back.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

using Chengguan.Identity;
using Chengguan.Organisation;

namespace Chengguan.Training;

/// <summary>
/// What the caller sees of the people register, asked once per request through Organisation's doors: the people of the
/// caller's scope (a street team its street's, the bureau's sections everyone), the units of that scope, and the caller's name.
/// </summary>
public sealed class TrainingScope(People people, Units units, Profiles profiles, CurrentUser user)
{
    private Dictionary<Guid, PersonDto>? _roster;
    private HashSet<Guid>? _units;

    public bool Is(IEnumerable<string> roles) => roles.Any(user.Principal.IsInRole);

    public async Task<Dictionary<Guid, PersonDto>> RosterAsync(CancellationToken ct) =>
        _roster ??= (await people.RosterAsync(false, ct)).ToDictionary(p => p.Id);

    public async Task<HashSet<Guid>> UnitsAsync(CancellationToken ct) =>
        _units ??= [.. (await units.ListAsync(null, null, false, ct)).Select(u => u.Id)];

    public Task<Dictionary<Guid, string>> UnitNamesAsync(IEnumerable<Guid> ids, CancellationToken ct) => units.NamesAsync(ids, ct);

    public async Task<string> MyNameAsync(CancellationToken ct) => (await profiles.MineAsync(ct)).DisplayName;
}

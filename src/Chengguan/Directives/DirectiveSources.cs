namespace Chengguan.Directives;

/// <summary>The sources every installation starts with; more are added as data (<c>POST /api/directives/sources</c>).</summary>
public static class DirectiveSources
{
    public const string DistrictCommittee = "district-committee", DistrictGovernment = "district-government",
        BureauLeaders = "bureau-leaders", BureauCommitment = "bureau-commitment";

    public static readonly (string Code, string Name)[] Defaults =
        [(DistrictCommittee, "区委"), (DistrictGovernment, "区政府"), (BureauLeaders, "局领导"), (BureauCommitment, "本局承诺")];

    /// <summary>The default sources an installation lacks (the reference-data seeding adds them).</summary>
    public static IEnumerable<DirectiveSource> Missing(IReadOnlyCollection<string> existing) =>
        Defaults.Select((s, i) => (s, i)).Where(x => !existing.Contains(x.s.Code))
            .Select(x => new DirectiveSource { Code = x.s.Code, Name = x.s.Name, SortOrder = x.i + 1 });
}

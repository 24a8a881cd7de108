namespace Chengguan.Organisation;

/// <summary>Which kinds of unit may hang under which: the tree is district → bureau → sections and squads, district → streets → team and committees.</summary>
public static class UnitRules
{
    public static string? ParentProblem(UnitKind parent, UnitKind child)
    {
        bool ok = child switch
        {
            UnitKind.District => false,
            UnitKind.Bureau or UnitKind.Street or UnitKind.Town => parent == UnitKind.District,
            UnitKind.Section or UnitKind.Squad or UnitKind.DemolitionOffice => parent is UnitKind.Bureau or UnitKind.Section,
            UnitKind.StreetTeam or UnitKind.Committee => parent is UnitKind.Street or UnitKind.Town,
            _ => false,
        };
        return ok ? null : $"{Names.Of(child)}不能设在{Names.Of(parent)}之下";
    }

    public static class Names
    {
        public static string Of(UnitKind k) => k switch
        {
            UnitKind.District => "区",
            UnitKind.Bureau => "局",
            UnitKind.Section => "科室",
            UnitKind.Squad => "中队",
            UnitKind.DemolitionOffice => "拆违办",
            UnitKind.Street => "街道",
            UnitKind.Town => "镇",
            UnitKind.StreetTeam => "街镇城管中队",
            UnitKind.Committee => "居委会",
            _ => k.ToString(),
        };
    }
}

using Microsoft.Extensions.Localization;

namespace Chengguan.Audit.Pages;

/// <summary>
/// Names what an audit row is about in the words of the person reading it: the entity type's label
/// from the resource file rather than the CLR type name the trail records. The subjects' own names
/// (a case's number instead of its GUID) come from <see cref="AuditTrail.NamesAsync"/>.
/// </summary>
public static class AuditSubjects
{
    /// <summary>The resource key of an entity type's label; Identity's generic types drop their arity (<c>IdentityUserRole`1</c>).</summary>
    public static string LabelKey(string entity)
    {
        int tick = entity.IndexOf('`', StringComparison.Ordinal);
        return "Au_E_" + (tick < 0 ? entity : entity[..tick]);
    }

    /// <summary>The entity type's label, or its recorded name when the resource file has none (a type added later).</summary>
    public static string Label(IStringLocalizer localizer, string entity) =>
        localizer[LabelKey(entity)] is { ResourceNotFound: false } label ? label.Value : entity;
}

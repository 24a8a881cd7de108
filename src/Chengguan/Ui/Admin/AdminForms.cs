using System.ComponentModel.DataAnnotations;
using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Ui.Admin;

/// <summary>
/// What the administration pages share: the role they require, and the request records' own
/// validation attributes (the API's Chinese messages), keyed by the camelCase field name as the
/// domain code's <see cref="FieldErrors"/> are, so that one dictionary feeds every field's error.
/// </summary>
public static class AdminForms
{
    public const string Role = Roles.Admin;

    public static Dictionary<string, string> Validate(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ValidationResult r in results)
        {
            foreach (string member in r.MemberNames.DefaultIfEmpty(""))
            {
                string key = member.Length > 0 ? char.ToLowerInvariant(member[0]) + member[1..] : "";
                errors[key] = errors.TryGetValue(key, out string? before) ? before + "；" + r.ErrorMessage : r.ErrorMessage ?? "";
            }
        }
        return errors;
    }

    public static Dictionary<string, string> From(FieldErrors errors) => Join(errors.ToDictionary());

    /// <summary>The field errors of a validation problem an endpoint's shared method returned, as the form shows them.</summary>
    public static Dictionary<string, string> From(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem) => Join(problem.ProblemDetails.Errors);

    private static Dictionary<string, string> Join(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => string.Join("；", e.Value), StringComparer.Ordinal);
}

using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Ui.Admin;

/// <summary>
/// What the administration pages share: the role they require, and the request records' own
/// validation (the API's path and Chinese messages), keyed by the camelCase field name as the
/// domain code's <see cref="FieldErrors"/> are, so that one dictionary feeds every field's error.
/// </summary>
public static class AdminForms
{
    public const string Role = Roles.Admin;

    /// <summary>The request's field errors by <see cref="RequestValidation"/>, the API's own validation path.</summary>
    public static Dictionary<string, string> Validate(object request) => From(RequestValidation.Validate(request));

    public static Dictionary<string, string> From(FieldErrors errors) => Join(errors.ToDictionary());

    /// <summary>
    /// What a form shows for an application service's outcome: the field errors when invalid, the message
    /// under the empty key (the form's general error) when not found or in conflict, nothing when done.
    /// </summary>
    public static Dictionary<string, string> From<T>(Outcome<T> outcome) => outcome switch
    {
        Outcome<T>.Invalid invalid => From(invalid.Errors),
        { Message: { } message } => new(StringComparer.Ordinal) { [""] = message },
        _ => new(StringComparer.Ordinal),
    };

    /// <summary>The field errors of a validation problem an endpoint's shared method returned, as the form shows them.</summary>
    public static Dictionary<string, string> From(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem) => Join(problem.ProblemDetails.Errors);

    private static Dictionary<string, string> Join(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => string.Join("；", e.Value), StringComparer.Ordinal);
}

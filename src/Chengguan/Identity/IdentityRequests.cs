using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Chengguan.Infrastructure;

namespace Chengguan.Identity;

/// <summary>
/// The request records' own DataAnnotations, checked by Identity's services themselves so that a page
/// and the API are judged alike (the API's <see cref="ValidationFilter"/> gives the same field names and
/// messages before the handler). Kept here until a shared validator lands in Infrastructure.
/// </summary>
internal static class IdentityRequests
{
    public static FieldErrors Validate(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        var errors = new FieldErrors();
        foreach (ValidationResult r in results)
        {
            foreach (string member in r.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add(JsonNamingPolicy.CamelCase.ConvertName(member), r.ErrorMessage ?? "无效");
            }
        }
        return errors;
    }
}

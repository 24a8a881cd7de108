using Chengguan.Identity;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Cases;

/// <summary>
/// The user's saved case-list filter (a query string as GET /api/cases takes it), kept with their account
/// (an authentication token) so that it follows them to any browser. Apart from <see cref="CaseQueries"/>
/// so that the API's reads do not build the account manager.
/// </summary>
public sealed class SavedCaseFilters(UserManager<AppUser> users, CurrentUser user)
{
    private const string TokenProvider = "chengguan.console";
    private const string FilterToken = "case-filter";

    /// <summary>The saved filter, or null.</summary>
    public async Task<string?> GetAsync() =>
        await users.FindByIdAsync(user.UserId ?? "") is { } account ? await users.GetAuthenticationTokenAsync(account, TokenProvider, FilterToken) : null;

    /// <summary>Keeps the filter (at most 2,000 characters); false when it is too long or the account is gone.</summary>
    public async Task<bool> SaveAsync(string query)
    {
        if (query.Length > 2000 || await users.FindByIdAsync(user.UserId ?? "") is not { } account)
        {
            return false;
        }
        return (await users.SetAuthenticationTokenAsync(account, TokenProvider, FilterToken, query)).Succeeded;
    }
}

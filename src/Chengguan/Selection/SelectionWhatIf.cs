using Chengguan.Identity;
using Chengguan.Infrastructure;

namespace Chengguan.Selection;

/// <summary>
/// The what-if door: the personnel office sends posts (seats, ranking) and candidates (choices) and
/// gets the same deferred-acceptance matching the rounds use, nothing stored. Every structural fault
/// is a field error naming where it is; the matching itself never sees a malformed input.
/// </summary>
public sealed class SelectionWhatIf(CurrentUser user)
{
    public const int MaxPosts = 2000, MaxCandidates = 20000, MaxChoices = 50, MaxIdLength = 64;

    public Outcome<WhatIfResponse> Match(WhatIfRequest req)
    {
        if (!SelectionRoles.Manages(user.Principal))
        {
            return new Outcome<WhatIfResponse>.Forbidden(SelectionRoles.ManagersOnly);
        }
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<WhatIfResponse>.Invalid(errors);
        }
        Check(req, errors);
        if (errors.Any)
        {
            return new Outcome<WhatIfResponse>.Invalid(errors);
        }
        MatchResult result = DeferredAcceptance.Run(
            [.. req.Posts!.Select(p => new MatchPost(p.Id!, p.Seats!.Value, p.Ranking ?? []))],
            [.. req.Candidates!.Select(c => new MatchCandidate(c.Id!, c.Choices ?? []))]);
        return new WhatIfResponse(result.Assignments, result.Cutoffs);
    }

    /// <summary>The structural rules (the attributes have passed): sizes, ids present and unique, seats ≥ 0, choices naming posts, no repeats.</summary>
    public static void Check(WhatIfRequest req, FieldErrors errors)
    {
        if (req.Posts is null)
        {
            errors.Add("posts", "岗位列表不能为空");
        }
        else if (req.Posts.Length > MaxPosts)
        {
            errors.Add("posts", $"岗位最多 {MaxPosts} 个");
        }
        if (req.Candidates is null)
        {
            errors.Add("candidates", "候选人列表不能为空");
        }
        else if (req.Candidates.Length > MaxCandidates)
        {
            errors.Add("candidates", $"候选人最多 {MaxCandidates} 人");
        }
        if (errors.Any)
        {
            return;
        }
        var candidateIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < req.Candidates!.Length; i++)
        {
            string? id = req.Candidates[i].Id;
            if (Id(id, $"candidates[{i}].id", "候选人", errors) && !candidateIds.Add(id!))
            {
                errors.Add($"candidates[{i}].id", $"候选人编号“{id}”重复");
            }
        }
        var postIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < req.Posts!.Length; i++)
        {
            WhatIfPost p = req.Posts[i];
            if (Id(p.Id, $"posts[{i}].id", "岗位", errors) && !postIds.Add(p.Id!))
            {
                errors.Add($"posts[{i}].id", $"岗位编号“{p.Id}”重复");
            }
            if (p.Seats is null)
            {
                errors.Add($"posts[{i}].seats", "职数不能为空");
            }
            else if (p.Seats < 0)
            {
                errors.Add($"posts[{i}].seats", "职数不能小于 0");
            }
            if (p.Ranking is { } ranking)
            {
                if (ranking.Length > MaxCandidates)
                {
                    errors.Add($"posts[{i}].ranking", $"排名最多 {MaxCandidates} 人");
                    continue;
                }
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (int r = 0; r < ranking.Length; r++)
                {
                    if (ranking[r] is not { } c)
                    {
                        continue;
                    }
                    if (!seen.Add(c))
                    {
                        errors.Add($"posts[{i}].ranking[{r}]", $"候选人“{Short(c)}”在排名中重复");
                    }
                    else if (!candidateIds.Contains(c))
                    {
                        errors.Add($"posts[{i}].ranking[{r}]", $"排名中的候选人“{Short(c)}”不在候选人列表中");
                    }
                }
            }
        }
        for (int i = 0; i < req.Candidates.Length; i++)
        {
            if (req.Candidates[i].Choices is not { } choices)
            {
                continue;
            }
            if (choices.Length > MaxChoices)
            {
                errors.Add($"candidates[{i}].choices", $"志愿最多 {MaxChoices} 个");
                continue;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int k = 0; k < choices.Length; k++)
            {
                if (choices[k] is not { } p)
                {
                    continue;
                }
                if (!seen.Add(p))
                {
                    errors.Add($"candidates[{i}].choices[{k}]", $"志愿中的岗位“{Short(p)}”重复");
                }
                else if (!postIds.Contains(p))
                {
                    errors.Add($"candidates[{i}].choices[{k}]", $"志愿中的岗位“{Short(p)}”不存在");
                }
            }
        }
    }

    private static bool Id(string? id, string field, string what, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(field, $"{what}编号不能为空");
            return false;
        }
        if (id.Length > MaxIdLength)
        {
            errors.Add(field, $"{what}编号不能超过 {MaxIdLength} 个字符");
            return false;
        }
        return true;
    }

    private static string Short(string s) => s.Length > MaxIdLength ? s[..MaxIdLength] + "…" : s;
}

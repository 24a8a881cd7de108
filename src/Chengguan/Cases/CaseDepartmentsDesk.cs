using System.ComponentModel.DataAnnotations;
using Chengguan.Data;
using Chengguan.Identity;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Cases;

[RequestModel]
public sealed record CaseDepartmentRequest(
    [property: Required(ErrorMessage = "部门编码不能为空"), RegularExpression("^[a-z][a-z0-9-]{1,31}$", ErrorMessage = "部门编码须为 2–32 位小写字母、数字或连字符")] string? Code,
    [property: Required(ErrorMessage = "部门名称不能为空"), MaxLength(50, ErrorMessage = "部门名称不能超过 50 个字符")] string? Name);

[RequestModel]
public sealed record CaseDepartmentChange(
    [property: Required(ErrorMessage = "部门名称不能为空"), MaxLength(50, ErrorMessage = "部门名称不能超过 50 个字符")] string? Name,
    bool Active = true);

/// <summary>
/// The department dictionary's door for its keepers (admins): list, add, rename or deactivate. Codes stay: a case keeps
/// its code, so a department is never deleted or recoded; each change counts up the row's <see cref="CaseDepartment.Version"/>.
/// </summary>
public sealed class CaseDepartmentsDesk(AppDbContext db, CurrentUser user, CaseQueries queries)
{
    private const string AdminsOnly = "只有管理员可以维护责任部门字典";

    public Task<List<CaseDepartmentDto>> ListAsync(CancellationToken ct) => queries.DepartmentsAsync(ct);

    public async Task<Outcome<CaseDepartmentDto>> AddAsync(CaseDepartmentRequest req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<CaseDepartmentDto>.Invalid(errors);
        }
        if (!user.Principal.IsInRole(Roles.Admin))
        {
            return new Outcome<CaseDepartmentDto>.Forbidden(AdminsOnly);
        }
        if (await db.CaseDepartments.AnyAsync(d => d.Code == req.Code, ct))
        {
            return new Outcome<CaseDepartmentDto>.Conflict($"部门编码 {req.Code} 已存在");
        }
        int order = await db.CaseDepartments.MaxAsync(d => (int?)d.SortOrder, ct) ?? 0;
        var d = new CaseDepartment { Code = req.Code!, Name = req.Name!.Trim(), SortOrder = order + 1 };
        db.CaseDepartments.Add(d);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            return new Outcome<CaseDepartmentDto>.Conflict($"部门编码 {req.Code} 已存在");
        }
        return new CaseDepartmentDto(d.Code, d.Name, d.Active);
    }

    public async Task<Outcome<CaseDepartmentDto>> ChangeAsync(string code, CaseDepartmentChange req, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (errors.Any)
        {
            return new Outcome<CaseDepartmentDto>.Invalid(errors);
        }
        if (!user.Principal.IsInRole(Roles.Admin))
        {
            return new Outcome<CaseDepartmentDto>.Forbidden(AdminsOnly);
        }
        if (await db.CaseDepartments.FirstOrDefaultAsync(d => d.Code == code, ct) is not { } d)
        {
            return new Outcome<CaseDepartmentDto>.NotFound("责任部门不存在");
        }
        (d.Name, d.Active, d.Version) = (req.Name!.Trim(), req.Active, d.Version + 1);
        await db.SaveChangesAsync(ct);
        return new CaseDepartmentDto(d.Code, d.Name, d.Active);
    }
}

using Chengguan.Data;
using Chengguan.Infrastructure;
using Chengguan.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Training;

/// <summary>
/// Training's front door for enforcement certificates (执法证): the register of the caller's scope with each certificate's
/// expiry band, registering one per person (its number defaults to the person's badge number) and renewing or changing it.
/// The bureau's sections write; a street team reads its own; another's certificate answers 404.
/// </summary>
public sealed class Certificates(AppDbContext db, TrainingScope scope, TimeProvider time)
{
    private const string ManagersOnly = "只有局领导、科室负责人或管理员可以登记执法证";
    private const string Missing = "执法证不存在";

    /// <summary>The certificates of the caller's scope, soonest expiry first; <paramref name="band"/> keeps one band (Within90 includes the closer bands).</summary>
    public async Task<List<CertificateRow>> ListAsync(ExpiryBand? band, CancellationToken ct)
    {
        Dictionary<Guid, PersonDto> roster = await scope.RosterAsync(ct);
        List<EnforcementCertificate> all = await db.EnforcementCertificates.AsNoTracking().OrderBy(c => c.ExpiresOn).ToListAsync(ct);
        DateOnly today = ShanghaiTime.Today(time);
        IEnumerable<CertificateRow> rows = all.Where(c => roster.ContainsKey(c.PersonId)).Select(c => Row(c, roster[c.PersonId], today));
        return band switch
        {
            null => [.. rows],
            ExpiryBand.None => [.. rows.Where(r => r.Band == ExpiryBand.None)],
            _ => [.. rows.Where(r => r.Band >= band)],
        };
    }

    public async Task<Outcome<CertificateRow>> GetAsync(Guid id, CancellationToken ct) =>
        await db.EnforcementCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
        && (await scope.RosterAsync(ct)).TryGetValue(c.PersonId, out PersonDto? p)
            ? Row(c, p, ShanghaiTime.Today(time))
            : new Outcome<CertificateRow>.NotFound(Missing);

    /// <summary>A person's certificate if they hold one and are in the caller's scope.</summary>
    public async Task<CertificateRow?> OfPersonAsync(Guid personId, CancellationToken ct) =>
        await db.EnforcementCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.PersonId == personId, ct) is { } c
        && (await scope.RosterAsync(ct)).TryGetValue(personId, out PersonDto? p)
            ? Row(c, p, ShanghaiTime.Today(time)) : null;

    public async Task<Outcome<CertificateRow>> CreateAsync(CertificateRequest req, CancellationToken ct)
    {
        (FieldErrors errors, PersonDto? person) = await CheckAsync(req, null, ct);
        if (errors.Any)
        {
            return new Outcome<CertificateRow>.Invalid(errors);
        }
        if (!scope.Is(TrainingRoles.Managers))
        {
            return new Outcome<CertificateRow>.Forbidden(ManagersOnly);
        }
        if (await db.EnforcementCertificates.AnyAsync(c => c.PersonId == person!.Id, ct))
        {
            return new Outcome<CertificateRow>.Conflict($"{person!.Name} 已有执法证登记，请修改原登记");
        }
        var c = new EnforcementCertificate { PersonId = person!.Id, Number = "", Authority = "" };
        await ApplyAsync(c, req, person, ct);
        db.EnforcementCertificates.Add(c);
        return await SaveAsync(c, person, ct);
    }

    /// <summary>Renews or changes a certificate; a new expiry date owes its warnings afresh.</summary>
    public async Task<Outcome<CertificateRow>> UpdateAsync(Guid id, CertificateRequest req, CancellationToken ct)
    {
        EnforcementCertificate? c = await db.EnforcementCertificates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !(await scope.RosterAsync(ct)).ContainsKey(c.PersonId))
        {
            return new Outcome<CertificateRow>.NotFound(Missing);
        }
        (FieldErrors errors, PersonDto? person) = await CheckAsync(req, c.Id, ct);
        if (req.PersonId is { } pid && pid != c.PersonId)
        {
            errors.Add("personId", "执法证的持证人不能更改");
        }
        if (errors.Any)
        {
            return new Outcome<CertificateRow>.Invalid(errors);
        }
        if (!scope.Is(TrainingRoles.Managers))
        {
            return new Outcome<CertificateRow>.Forbidden(ManagersOnly);
        }
        await ApplyAsync(c, req, person!, ct);
        return await SaveAsync(c, person!, ct);
    }

    private async Task<(FieldErrors, PersonDto?)> CheckAsync(CertificateRequest req, Guid? self, CancellationToken ct)
    {
        FieldErrors errors = RequestValidation.Validate(req);
        if (req is { IssuedOn: { } issued, ExpiresOn: { } expires } && expires <= issued)
        {
            errors.Add("expiresOn", "有效期至须晚于发证日期");
        }
        PersonDto? person = null;
        if (req.PersonId is { } pid && !(await scope.RosterAsync(ct)).TryGetValue(pid, out person))
        {
            errors.Add("personId", "人员不存在或不在本人管辖范围内");
        }
        string? number = string.IsNullOrWhiteSpace(req.Number) ? person?.BadgeNumber : req.Number.Trim();
        if (person is not null && number is null)
        {
            errors.Add("number", "执法证号不能为空（该人员未登记执法证号）");
        }
        else if (number is not null && await db.EnforcementCertificates.AnyAsync(c => c.Number == number && c.Id != self, ct))
        {
            errors.Add("number", "执法证号已被他人使用");
        }
        return (errors, person);
    }

    private async Task ApplyAsync(EnforcementCertificate c, CertificateRequest req, PersonDto person, CancellationToken ct)
    {
        DateOnly expires = req.ExpiresOn!.Value;
        if (c.ExpiresOn != expires || req.Status == CertificateStatus.Revoked)
        {
            c.WarnedBand = ExpiryBand.None;
        }
        c.Number = string.IsNullOrWhiteSpace(req.Number) ? person.BadgeNumber! : req.Number.Trim();
        (c.IssuedOn, c.ExpiresOn, c.Authority, c.Status) = (req.IssuedOn!.Value, expires, req.Authority!.Trim(), req.Status);
        (c.UpdatedAt, c.UpdatedBy) = (time.GetUtcNow(), await scope.MyNameAsync(ct));
    }

    private async Task<Outcome<CertificateRow>> SaveAsync(EnforcementCertificate c, PersonDto person, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!DatabaseFailures.IsUnavailable(e))
        {
            // Two registrations at once for one person or one number: the unique index keeps one.
            return new Outcome<CertificateRow>.Conflict("执法证号或持证人已有登记，请刷新后重试");
        }
        return Row(c, person, ShanghaiTime.Today(time));
    }

    private static CertificateRow Row(EnforcementCertificate c, PersonDto p, DateOnly today) =>
        new(c.Id, c.PersonId, p.Name, p.UnitId, p.UnitName ?? "", c.Number, c.IssuedOn, c.ExpiresOn, c.Authority, c.Status,
            TrainingRules.Band(c.ExpiresOn, today, c.Status), c.ExpiresOn.DayNumber - today.DayNumber);
}

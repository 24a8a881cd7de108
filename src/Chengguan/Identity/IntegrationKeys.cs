using Chengguan.Data;
using Chengguan.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Chengguan.Identity;

/// <summary>
/// API keys, each acting for one integration of the catalogue (<see cref="Integrations"/>): listed, made
/// and revoked by administrators (API and console). Only the SHA-256 of a secret is kept.
/// </summary>
public sealed class IntegrationKeys(AppDbContext db, ApiKeyCache cache, CurrentUser current, TimeProvider clock)
{
    public async Task<List<ApiKeyDto>> ListAsync(CancellationToken ct) =>
        [.. (await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct)).Select(ApiKeyDto.From)];

    /// <summary>Makes a key for an integration of the catalogue (with a client id where it takes one); the secret is in the answer this once.</summary>
    public async Task<Outcome<CreatedApiKey>> CreateAsync(CreateApiKeyRequest req, CancellationToken ct)
    {
        // The integration and its client id are judged by the record's KnownIntegration attribute.
        if (RequestValidation.Validate(req) is { Any: true } invalid)
        {
            return new Outcome<CreatedApiKey>.Invalid(invalid);
        }
        IntegrationKind kind = Integrations.Find(req.Integration) ?? throw new InvalidOperationException("KnownIntegration passed an integration the catalogue does not know.");
        (string secret, string prefix, string hash) = ApiKey.Generate();
        var key = new ApiKey
        {
            Name = req.Name, Integration = Integrations.ValueOf(kind, req.ClientId), Prefix = prefix, SecretHash = hash, CreatedAt = clock.GetUtcNow(), CreatedBy = current.Name,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        // The secret is shown once; only its hash is kept.
        return new CreatedApiKey(ApiKeyDto.From(key), secret);
    }

    /// <summary>Revokes a key at once: the authentication cache forgets it. Revoking a revoked key keeps its first time.</summary>
    public async Task<Outcome<ApiKeyDto>> RevokeAsync(Guid id, CancellationToken ct)
    {
        ApiKey? key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return new Outcome<ApiKeyDto>.NotFound("接口密钥不存在");
        }
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Evict(key.Prefix);
        return ApiKeyDto.From(key);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chengguan.Identity;

/// <summary>
/// A machine client's key, acting for one integration (the 12345 platform, one Open311 client). Only the SHA-256
/// of the secret is stored: the secret is high-entropy, so a slow hash would add nothing.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>The integration the key acts for, as <see cref="Integrations"/> stores it ("hotline", "open311:client-id").</summary>
    public required string Integration { get; set; }

    /// <summary>The public part of the key, used to find the row without scanning hashes.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public const string KeyPrefix = "cgk";

    public static (string Key, string Prefix, string Hash) Generate()
    {
        string prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{KeyPrefix}_{prefix}_{secret}", prefix, Hash(secret));
    }

    public static bool TrySplit(string key, out string prefix, out string secret)
    {
        prefix = secret = "";
        string[] parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != KeyPrefix || parts[1].Length != 12 || parts[2].Length < 32)
        {
            return false;
        }
        prefix = parts[1];
        secret = parts[2];
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Integration).HasMaxLength(Integrations.MaxLength);
        b.Property(k => k.Prefix).HasMaxLength(12);
        b.Property(k => k.SecretHash).HasMaxLength(64);
        b.Property(k => k.CreatedBy).HasMaxLength(100);
        b.HasIndex(k => k.Prefix).IsUnique();
    }
}

using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace BorderWatch.Data.Security;

/// <summary>API keys, stored as SHA-256 hashes. Keys are long random strings, so a fast hash is enough.</summary>
public sealed class ApiKeyRepository(SqliteDatabase database)
{
    public const string KeyPrefix = "bw_";

    /// <summary>Makes a new random key: "bw_" + 32 random bytes in base64url (256 bits of entropy).</summary>
    public static string GenerateKey() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<long> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL");
    }

    /// <summary>Stores the hash of <paramref name="key"/> under <paramref name="name"/>; the key itself is not kept.</summary>
    public async Task<ApiKeyInfo> AddAsync(string name, string key, string role, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO api_keys (name, key_hash, key_prefix, role, created_at) VALUES (@name, @hash, @prefix, @role, @now)
            RETURNING id
            """,
            new { name, hash = Hash(key), prefix = key[..Math.Min(7, key.Length)], role, now = UnixTime.ToMs(now) });
        return new ApiKeyInfo(id, name, key[..Math.Min(7, key.Length)], role, now, null);
    }

    /// <summary>Finds the active key with this value, or null.</summary>
    public async Task<ApiKeyInfo?> FindActiveAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(
            "SELECT id AS Id, name AS Name, key_prefix AS Prefix, role AS Role, created_at AS CreatedAt, revoked_at AS RevokedAt FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL",
            new { hash = Hash(key) });
        return row?.ToInfo();
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiKeyRow>(
            "SELECT id AS Id, name AS Name, key_prefix AS Prefix, role AS Role, created_at AS CreatedAt, revoked_at AS RevokedAt FROM api_keys ORDER BY id");
        return [.. rows.Select(r => r.ToInfo())];
    }

    public async Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = UnixTime.ToMs(now) }) == 1;
    }

    private sealed class ApiKeyRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Prefix { get; set; } = "";
        public string Role { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? RevokedAt { get; set; }

        public ApiKeyInfo ToInfo() => new(Id, Name, Prefix, Role, UnixTime.FromMs(CreatedAt), UnixTime.FromMs(RevokedAt));
    }
}

/// <summary>An API key as listed: never the key itself.</summary>
public sealed record ApiKeyInfo(long Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

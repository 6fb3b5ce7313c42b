using BorderWatch.Data.Security;
using Dapper;

namespace BorderWatch.Data.Tests.Security;

public sealed class ApiKeyRepositoryTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Add_Key_StoresOnlyItsHash()
    {
        var keys = new ApiKeyRepository(_db.Database);
        var key = ApiKeyRepository.GenerateKey();

        await keys.AddAsync("agent", key, "ingest", DateTimeOffset.UtcNow);

        await using var connection = await _db.Database.OpenAsync();
        var stored = await connection.QuerySingleAsync<(string Hash, string Prefix)>("SELECT key_hash, key_prefix FROM api_keys");
        Assert.NotEqual(key, stored.Hash);
        Assert.DoesNotContain(key[10..], stored.Hash + stored.Prefix, StringComparison.Ordinal);
        Assert.Equal(ApiKeyRepository.Hash(key), stored.Hash);
    }

    [Fact]
    public async Task FindActive_RevokedKey_IsNotFound()
    {
        var keys = new ApiKeyRepository(_db.Database);
        var key = ApiKeyRepository.GenerateKey();
        var info = await keys.AddAsync("agent", key, "ingest", DateTimeOffset.UtcNow);
        Assert.NotNull(await keys.FindActiveAsync(key));

        Assert.True(await keys.RevokeAsync(info.Id, DateTimeOffset.UtcNow));

        Assert.Null(await keys.FindActiveAsync(key));
        Assert.Equal(0, await keys.CountActiveAsync());
    }

    [Fact]
    public void GenerateKey_IsLongRandomAndUrlSafe()
    {
        var a = ApiKeyRepository.GenerateKey();
        var b = ApiKeyRepository.GenerateKey();

        Assert.NotEqual(a, b);
        Assert.Matches("^bw_[A-Za-z0-9_-]{43}$", a);
    }
}

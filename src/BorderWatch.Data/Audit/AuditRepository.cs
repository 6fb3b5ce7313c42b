using System.Text.Json;
using Dapper;

namespace BorderWatch.Data.Audit;

/// <summary>An append-only log of who changed what. Never holds personal data of people in reports or images.</summary>
public sealed class AuditRepository(SqliteDatabase database)
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES (@at, @actor, @action, @entity, @entityId, @detail)",
            new
            {
                at = UnixTime.ToMs(entry.At),
                actor = entry.Actor,
                action = entry.Action,
                entity = entry.Entity,
                entityId = entry.EntityId,
                detail = entry.Detail is null ? null : JsonSerializer.Serialize(entry.Detail),
            });
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string entity, string? entityId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long At, string Actor, string Action, string Entity, string? EntityId, string? Detail)>(
            """
            SELECT at, actor, action, entity, entity_id, detail FROM audit
            WHERE entity = @entity AND (@entityId IS NULL OR entity_id = @entityId)
            ORDER BY id DESC LIMIT @limit
            """,
            new { entity, entityId, limit });
        return [.. rows.Select(r => new AuditEntry(UnixTime.FromMs(r.At), r.Actor, r.Action, r.Entity, r.EntityId,
            r.Detail is null ? null : JsonSerializer.Deserialize<Dictionary<string, object?>>(r.Detail)))];
    }
}

/// <summary>One audited action.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Action,
    string Entity,
    string? EntityId,
    IReadOnlyDictionary<string, object?>? Detail = null);

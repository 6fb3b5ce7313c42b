using System.Text.Json;
using Dapper;

namespace BorderWatch.Data.Exports;

/// <summary>One run of the daily export, scheduled or started by hand.</summary>
public sealed record ExportRun(
    long Id, string Trigger, DateOnly ForDate, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status, int Attempts,
    int? Rows, IReadOnlyList<string> Files, int? WebhookStatus, string? Error)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>The history of export runs shown on the Exports page.</summary>
public sealed class ExportRunRepository(SqliteDatabase database)
{
    public async Task<long> StartAsync(string trigger, DateOnly forDate, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO export_runs (trigger, for_date, started_at, status, attempts)
            VALUES (@trigger, @forDate, @startedAt, 'running', 0)
            RETURNING id
            """,
            new { trigger, forDate = forDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), startedAt = UnixTime.ToMs(startedAt) });
    }

    /// <summary>Records a failed attempt while the run goes on retrying.</summary>
    public async Task RecordAttemptAsync(long id, int attempts, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE export_runs SET attempts = @attempts, error = @error WHERE id = @id", new { id, attempts, error });
    }

    public async Task FinishAsync(
        long id, string status, DateTimeOffset finishedAt, int attempts, int? rows, IReadOnlyList<string> files, int? webhookStatus, string? error,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE export_runs SET status = @status, finished_at = @finishedAt, attempts = @attempts, rows = @rows, files = @files,
                                   webhook_status = @webhookStatus, error = @error
            WHERE id = @id
            """,
            new { id, status, finishedAt = UnixTime.ToMs(finishedAt), attempts, rows, files = JsonSerializer.Serialize(files), webhookStatus, error });
    }

    /// <summary>Runs that a stopped process left "running" did not finish: say so.</summary>
    public async Task<int> MarkInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE export_runs SET status = 'failed', finished_at = @now, error = 'Interrupted: the server stopped during the run.' WHERE status = 'running'",
            new { now = UnixTime.ToMs(now) });
    }

    public async Task<bool> HasSucceededAsync(DateOnly forDate, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM export_runs WHERE for_date = @forDate AND status = 'succeeded')",
            new { forDate = forDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>The newest runs first.</summary>
    public async Task<IReadOnlyList<ExportRun>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            """
            SELECT id AS Id, trigger AS Trigger, for_date AS ForDate, started_at AS StartedAt, finished_at AS FinishedAt,
                   status AS Status, attempts AS Attempts, rows AS Rows, files AS Files, webhook_status AS WebhookStatus, error AS Error
            FROM export_runs ORDER BY id DESC LIMIT @limit
            """,
            new { limit });
        return [.. rows.Select(r => new ExportRun(
            r.Id, r.Trigger, DateOnly.ParseExact(r.ForDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            UnixTime.FromMs(r.StartedAt), UnixTime.FromMs(r.FinishedAt), r.Status, (int)r.Attempts, (int?)r.Rows,
            r.Files is null ? [] : JsonSerializer.Deserialize<string[]>(r.Files) ?? [], (int?)r.WebhookStatus, r.Error))];
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string Trigger { get; set; } = "";
        public string ForDate { get; set; } = "";
        public long StartedAt { get; set; }
        public long? FinishedAt { get; set; }
        public string Status { get; set; } = "";
        public long Attempts { get; set; }
        public long? Rows { get; set; }
        public string? Files { get; set; }
        public long? WebhookStatus { get; set; }
        public string? Error { get; set; }
    }
}

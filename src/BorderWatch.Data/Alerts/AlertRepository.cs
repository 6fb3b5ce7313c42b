using BorderWatch.Data.Crossings;
using Dapper;

namespace BorderWatch.Data.Alerts;

/// <summary>Alert thresholds per crossing and the alerts they raised.</summary>
public sealed class AlertRepository(SqliteDatabase database, CrossingRepository crossings)
{
    private const string SelectAlerts =
        """
        SELECT a.id AS Id, c.slug AS Crossing, a.raised_at AS RaisedAt, a.observed_at AS ObservedAt, a.quantity AS Quantity,
               a.value AS Value, a.threshold AS Threshold, a.is_demo AS IsDemo
        FROM alerts a JOIN crossings c ON c.id = a.crossing_id
        """;

    public async Task<IReadOnlyList<AlertThreshold>> ListThresholdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ThresholdRow>(
            """
            SELECT c.slug AS Crossing, t.max_wait_hours AS MaxWaitHours, t.max_queue_km AS MaxQueueKm, t.max_vehicles AS MaxVehicles,
                   t.updated_at AS UpdatedAt, t.updated_by AS UpdatedBy
            FROM alert_thresholds t JOIN crossings c ON c.id = t.crossing_id
            ORDER BY c.slug
            """);
        return [.. rows.Select(r => r.ToThreshold())];
    }

    /// <summary>Sets (inserts or replaces) the threshold of a crossing.</summary>
    public async Task SetThresholdAsync(AlertThreshold threshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var id = await CrossingIdAsync(threshold.Crossing, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO alert_thresholds (crossing_id, max_wait_hours, max_queue_km, max_vehicles, updated_at, updated_by)
            VALUES (@id, @wait, @km, @vehicles, @at, @by)
            ON CONFLICT (crossing_id) DO UPDATE SET
                max_wait_hours = excluded.max_wait_hours, max_queue_km = excluded.max_queue_km,
                max_vehicles = excluded.max_vehicles, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new
            {
                id,
                wait = threshold.MaxWaitHours,
                km = threshold.MaxQueueKm,
                vehicles = threshold.MaxVehicles,
                at = UnixTime.ToMs(threshold.UpdatedAt),
                by = threshold.UpdatedBy,
            });
    }

    /// <returns>True when the crossing had a threshold.</returns>
    public async Task<bool> RemoveThresholdAsync(string crossing, CancellationToken cancellationToken = default)
    {
        var id = await CrossingIdAsync(crossing, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM alert_thresholds WHERE crossing_id = @id", new { id }) == 1;
    }

    /// <summary>Stores a raised alert; returns it with its id.</summary>
    public async Task<Alert> AddAlertAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var crossingId = await CrossingIdAsync(alert.Crossing, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO alerts (crossing_id, raised_at, observed_at, quantity, value, threshold, is_demo)
            VALUES (@crossingId, @raised, @observed, @quantity, @value, @threshold, @demo)
            RETURNING id
            """,
            new
            {
                crossingId,
                raised = UnixTime.ToMs(alert.RaisedAt),
                observed = UnixTime.ToMs(alert.ObservedAt),
                quantity = alert.Quantity,
                value = alert.Value,
                threshold = alert.Threshold,
                demo = alert.IsDemo ? 1 : 0,
            });
        // As it reads back: times at the database's millisecond precision.
        return alert with { Id = id, RaisedAt = UnixTime.FromMs(UnixTime.ToMs(alert.RaisedAt)), ObservedAt = UnixTime.FromMs(UnixTime.ToMs(alert.ObservedAt)) };
    }

    /// <summary>The newest alerts first.</summary>
    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertRow>(SelectAlerts + " ORDER BY a.id DESC LIMIT @limit", new { limit });
        return [.. rows.Select(r => r.ToAlert())];
    }

    private async Task<long> CrossingIdAsync(string crossing, CancellationToken cancellationToken) =>
        (await crossings.GetIdsAsync(cancellationToken)).TryGetValue(crossing, out var id)
            ? id
            : throw new ArgumentException($"Unknown crossing '{crossing}'.", nameof(crossing));

    private sealed class ThresholdRow
    {
        public string Crossing { get; set; } = "";
        public double? MaxWaitHours { get; set; }
        public double? MaxQueueKm { get; set; }
        public double? MaxVehicles { get; set; }
        public long UpdatedAt { get; set; }
        public string UpdatedBy { get; set; } = "";

        public AlertThreshold ToThreshold() => new(Crossing, MaxWaitHours, MaxQueueKm, MaxVehicles, UnixTime.FromMs(UpdatedAt), UpdatedBy);
    }

    private sealed class AlertRow
    {
        public long Id { get; set; }
        public string Crossing { get; set; } = "";
        public long RaisedAt { get; set; }
        public long ObservedAt { get; set; }
        public string Quantity { get; set; } = "";
        public double Value { get; set; }
        public double Threshold { get; set; }
        public bool IsDemo { get; set; }

        public Alert ToAlert() => new(Id, Crossing, UnixTime.FromMs(RaisedAt), UnixTime.FromMs(ObservedAt), Quantity, Value, Threshold, IsDemo);
    }
}

/// <summary>Limits above which a crossing raises an alert. Null means "no limit on this quantity".</summary>
public sealed record AlertThreshold(
    string Crossing,
    double? MaxWaitHours,
    double? MaxQueueKm,
    double? MaxVehicles,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public bool HasAnyLimit => MaxWaitHours is not null || MaxQueueKm is not null || MaxVehicles is not null;
}

/// <summary>A raised alert: <see cref="Quantity"/> (waitHours | queueKm | vehicles) reached <see cref="Value"/>, above <see cref="Threshold"/>.</summary>
public sealed record Alert(
    long Id,
    string Crossing,
    DateTimeOffset RaisedAt,
    DateTimeOffset ObservedAt,
    string Quantity,
    double Value,
    double Threshold,
    bool IsDemo);

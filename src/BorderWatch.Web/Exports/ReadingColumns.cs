using BorderWatch.Core.Readings;
using BorderWatch.Data.Exports;

namespace BorderWatch.Web.Exports;

/// <summary>The raw readings table of the readings export (CSV and JSON Lines).</summary>
public static class ReadingColumns
{
    public static IReadOnlyList<ExportColumn<ExportedReading>> All { get; } =
    [
        new("id", "id", "#meta+id", CellKind.Integer, r => ExportCell.Of(r.Id)),
        new("crossing", "crossing", "#loc+code", CellKind.Text, r => ExportCell.Of(r.Crossing)),
        new("local_date", "localDate", "#date+local", CellKind.Date, r => ExportCell.Of(r.LocalDate)),
        new("observed_at", "observedAt", "#date+observed", CellKind.DateTime, r => ExportCell.Of(r.ObservedAt)),
        new("received_at", "receivedAt", "#date+received", CellKind.DateTime, r => ExportCell.Of(r.ReceivedAt)),
        new("kind", "kind", "#meta+kind", CellKind.Text, r => ExportCell.Of(r.Kind.Name())),
        new("direction", "direction", "#meta+direction", CellKind.Text, r => ExportCell.Of(r.Direction.Name())),
        new("vehicles", "vehicles", "#indicator+queue_vehicles+num", CellKind.Number, r => ExportCell.Of(r.Vehicles)),
        new("queue_km", "queueKm", "#indicator+queue_km+num", CellKind.Number, r => ExportCell.Of(r.QueueKm)),
        new("wait_hours", "waitHours", "#indicator+wait_hours+num", CellKind.Number, r => ExportCell.Of(r.WaitHours)),
        new("confidence", "confidence", "#meta+certainty+num", CellKind.Number, r => ExportCell.Of(r.Confidence)),
        new("source_type", "sourceType", "#meta+source+type", CellKind.Text, r => ExportCell.Of(r.SourceType)),
        new("source_name", "sourceName", "#meta+source+name", CellKind.Text, r => ExportCell.Of(r.SourceName)),
        new("source_url", "sourceUrl", "#meta+source+url", CellKind.Text, r => ExportCell.Of(r.SourceUrl)),
        new("version", "version", "#meta+version+num", CellKind.Integer, r => ExportCell.Of(r.Version)),
        new("supersedes_id", "supersedesId", "#meta+supersedes", CellKind.Integer, r => r.Supersedes is { } id ? ExportCell.Of(id) : ExportCell.Empty),
        new("demo", "demo", "#meta+flag+demo", CellKind.Boolean, r => ExportCell.Of(r.IsDemo)),
    ];
}

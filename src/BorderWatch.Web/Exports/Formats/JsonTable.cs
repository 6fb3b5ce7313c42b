using System.IO.Pipelines;
using System.Text.Json;
using BorderWatch.Core.Serialization;
using BorderWatch.Core.Summaries;

namespace BorderWatch.Web.Exports.Formats;

/// <summary>Writes table rows as JSON objects (camelCase names, typed values) through a pipe flushed asynchronously.</summary>
internal static class JsonTable
{
    public const int FlushBytes = 32 * 1024;

    public static Utf8JsonWriter CreateWriter(PipeWriter pipe) =>
        new(pipe, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });

    public static void WriteProperties<T>(Utf8JsonWriter json, IEnumerable<ExportColumn<T>> columns, T row)
    {
        foreach (var column in columns)
        {
            json.WritePropertyName(column.JsonName);
            WriteValue(json, column.Value(row));
        }
    }

    public static void WriteValue(Utf8JsonWriter json, ExportCell cell)
    {
        switch (cell.Kind)
        {
            case CellKind.Empty:
                json.WriteNullValue();
                break;
            case CellKind.Integer:
                json.WriteNumberValue((long)cell.Number);
                break;
            case CellKind.Number:
                json.WriteNumberValue(cell.Number);
                break;
            case CellKind.Boolean:
                json.WriteBooleanValue(cell.Number != 0);
                break;
            default:
                json.WriteStringValue(cell.Format());
                break;
        }
    }

    public static void WriteProvenance(Utf8JsonWriter json, SummaryProvenance provenance)
    {
        json.WritePropertyName("provenance");
        JsonSerializer.Serialize(json, provenance, BorderWatchJson.Options);
    }

    /// <summary>Hands what is buffered to the destination once enough has accumulated.</summary>
    public static async ValueTask FlushIfFullAsync(Utf8JsonWriter json, PipeWriter pipe, CancellationToken cancellationToken)
    {
        if (json.BytesPending >= FlushBytes)
        {
            await json.FlushAsync(cancellationToken);
            await pipe.FlushAsync(cancellationToken);
        }
    }
}

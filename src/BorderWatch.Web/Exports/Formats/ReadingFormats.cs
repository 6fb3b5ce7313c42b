using System.IO.Pipelines;
using BorderWatch.Data.Exports;

namespace BorderWatch.Web.Exports.Formats;

/// <summary>The raw readings export: CSV (RFC 4180, optional HXL row) or JSON Lines, streamed row by row.</summary>
public static class ReadingFormats
{
    public static async Task<long> WriteAsync(
        ReadingExportFormat format, IAsyncEnumerable<ExportedReading> rows, Stream destination, bool hxl, CancellationToken cancellationToken) =>
        format == ReadingExportFormat.Csv
            ? await WriteCsvAsync(rows, destination, hxl, cancellationToken)
            : await WriteJsonLinesAsync(rows, destination, cancellationToken);

    public static async Task<long> WriteCsvAsync(IAsyncEnumerable<ExportedReading> rows, Stream destination, bool hxl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long count = 0;
        await using var table = new CsvTable<ExportedReading>(destination, ReadingColumns.All);
        await table.WriteHeaderAsync(hxl, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await table.WriteRowAsync(row, cancellationToken);
            count++;
        }

        await table.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One JSON object per line (https://jsonlines.org), the same fields as the CSV in camelCase.</summary>
    public static async Task<long> WriteJsonLinesAsync(IAsyncEnumerable<ExportedReading> rows, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long count = 0;
        var pipe = PipeWriter.Create(destination, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var json = JsonTable.CreateWriter(pipe))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                json.WriteStartObject();
                JsonTable.WriteProperties(json, ReadingColumns.All, row);
                json.WriteEndObject();
                json.Flush();
                // Utf8JsonWriter writes one value per writer: reset it between lines.
                System.Buffers.BuffersExtensions.Write(pipe, "\n"u8);
                json.Reset(pipe);
                count++;
                if (pipe.UnflushedBytes >= JsonTable.FlushBytes)
                {
                    await pipe.FlushAsync(cancellationToken);
                }
            }
        }

        await pipe.CompleteAsync();
        return count;
    }
}

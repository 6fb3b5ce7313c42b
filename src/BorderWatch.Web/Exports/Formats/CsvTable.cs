using System.Globalization;
using System.Text;

namespace BorderWatch.Web.Exports.Formats;

/// <summary>
/// Writes a table as RFC 4180 CSV: UTF-8 without a byte order mark, CRLF line ends, fields quoted only when they
/// contain a comma, quote or line break, quotes doubled. Rows are encoded into a small buffer that is handed to the
/// destination asynchronously every 64 KiB, so any number of rows streams in constant memory.
/// </summary>
public sealed class CsvTable<T> : IAsyncDisposable
{
    private const int FlushBytes = 64 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _destination;
    private readonly IReadOnlyList<ExportColumn<T>> _columns;
    private readonly MemoryStream _chunk = new(FlushBytes * 2);
    private readonly StreamWriter _text;
    private readonly char[] _scratch = new char[64];

    public CsvTable(Stream destination, IReadOnlyList<ExportColumn<T>> columns)
    {
        _destination = destination;
        _columns = columns;
        _text = new StreamWriter(_chunk, Utf8, bufferSize: 4096, leaveOpen: true) { NewLine = "\r\n" };
    }

    /// <summary>The header row of column names and, when asked, the HXL hashtag row under it.</summary>
    public async Task WriteHeaderAsync(bool hxl, CancellationToken cancellationToken)
    {
        WriteLine(_columns.Select(c => c.Name));
        if (hxl)
        {
            WriteLine(_columns.Select(c => c.Hxl));
        }

        await FlushIfFullAsync(cancellationToken);
    }

    public async ValueTask WriteRowAsync(T row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (i > 0)
            {
                _text.Write(',');
            }

            WriteCell(_columns[i].Value(row));
        }

        _text.Write("\r\n");
        await FlushIfFullAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _text.FlushAsync(cancellationToken);
        await _destination.WriteAsync(_chunk.GetBuffer().AsMemory(0, (int)_chunk.Length), cancellationToken);
        _chunk.SetLength(0);
        await _destination.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _text.DisposeAsync();
        await _chunk.DisposeAsync();
    }

    private void WriteLine(IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _text.Write(',');
            }

            WriteText(field);
            first = false;
        }

        _text.Write("\r\n");
    }

    private void WriteCell(ExportCell cell)
    {
        int written;
        switch (cell.Kind)
        {
            case CellKind.Empty:
                return;
            case CellKind.Text:
                WriteText(cell.Text!);
                return;
            case CellKind.Integer:
                ((long)cell.Number).TryFormat(_scratch, out written, default, CultureInfo.InvariantCulture);
                break;
            case CellKind.Number:
                cell.Number.TryFormat(_scratch, out written, "R", CultureInfo.InvariantCulture);
                break;
            case CellKind.Date:
                cell.Date.TryFormat(_scratch, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case CellKind.DateTime:
                cell.Time.UtcDateTime.TryFormat(_scratch, out written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                break;
            default:
                _text.Write(cell.Format());
                return;
        }

        _text.Write(_scratch.AsSpan(0, written));
    }

    private void WriteText(string value)
    {
        // A spreadsheet would run text starting with = + - @ as a formula (CSV injection): make it plain text.
        var guard = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!guard && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Write(value);
            return;
        }

        _text.Write('"');
        if (guard)
        {
            _text.Write('\'');
        }

        _text.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _text.Write('"');
    }

    private async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        // The StreamWriter empties its own small buffer into the chunk by itself (memory only); the network or
        // file write is the asynchronous one, once the chunk is full.
        if (_chunk.Length >= FlushBytes)
        {
            await FlushAsync(cancellationToken);
        }
    }
}

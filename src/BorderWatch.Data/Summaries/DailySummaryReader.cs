using System.Text;
using BorderWatch.Core.Summaries;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BorderWatch.Data.Summaries;

/// <summary>
/// Turns rows of <see cref="DailySummarySql.Projection"/> into <see cref="DailySummary"/> records, for one export.
/// </summary>
/// <remarks>
/// A year's summary is ~20,000 rows of some 40 columns. Through <see cref="SqliteDataReader"/> every typed getter
/// asks SQLite for the value's type first (a null check) and then for the value: ~140 native calls a row, which took
/// ten times as long as the query itself. So the rows are stepped on SQLite's own statement, about one native call per
/// column; the crossing's columns, the same on each of its days, come from one small query per export instead of every
/// row; and the few distinct lists of source types are shared between rows.
/// </remarks>
internal sealed class DailySummaryReader : IDisposable
{
    /// <summary>Longest source type list decoded on the stack for its lookup (a list is a few short words).</summary>
    private const int MaxStackChars = 256;

    private readonly Dictionary<long, CrossingRow> _crossings;
    private readonly Dictionary<string, string[]> _sourceTypes = new(StringComparer.Ordinal);
    private sqlite3_stmt? _statement;

    private DailySummaryReader(Dictionary<long, CrossingRow> crossings) => _crossings = crossings;

    /// <summary>The columns <see cref="Read"/> reads, by name in <see cref="DailySummarySql.Projection"/>.</summary>
    private enum Column
    {
        LocalDate,
        CrossingId,
        StartsAt,
        EndsAt,
        Readings,
        ImageReadings,
        ReportReadings,
        ManualReadings,
        FeedReadings,
        AgentReadings,
        Sources,
        SourceTypes,

        // Each quantity: its count, then min, mean, median, p90 and max (see Stats).
        VehiclesN,
        VehiclesMin,
        VehiclesMean,
        VehiclesMedian,
        VehiclesP90,
        VehiclesMax,
        QueueKmN,
        QueueKmMin,
        QueueKmMean,
        QueueKmMedian,
        QueueKmP90,
        QueueKmMax,
        WaitHoursN,
        WaitHoursMin,
        WaitHoursMean,
        WaitHoursMedian,
        WaitHoursP90,
        WaitHoursMax,
        FirstObservedAt,
        LastObservedAt,
        Coverage,
        StaleHours,
        ConfidenceMean,
        ConflictingSources,
        UnverifiedOnly,
        DemoReadings,
        Complete,
    }

    /// <summary>
    /// Loads the crossings the rows may name (those of <paramref name="crossing"/>, or all), in the rows' transaction
    /// so they are the crossings of the same snapshot.
    /// </summary>
    public static async Task<DailySummaryReader> LoadAsync(SqliteConnection connection, SqliteTransaction transaction, string? crossing)
    {
        var crossings = await connection.QueryAsync<CrossingRow>(
            """
            SELECT id AS Id, slug AS Slug, name AS Name, country_a AS CountryA, country_b AS CountryB, lat AS Lat, lon AS Lon,
                   time_zone AS TimeZone
            FROM crossings
            WHERE @Crossing IS NULL OR slug = @Crossing
            """,
            new { Crossing = crossing }, transaction);
        return new DailySummaryReader(crossings.ToDictionary(c => c.Id));
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (the projection over summary rows) on <paramref name="connection"/>, inside its open
    /// transaction, and yields each row as it is stepped to. <paramref name="parameters"/> holds the values of the
    /// statement's parameters, by name without the '@'. One statement at a time per reader.
    /// </summary>
    public IEnumerable<DailySummary> Read(
        SqliteConnection connection, string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var prepared = raw.sqlite3_prepare_v2(db, sql, out var statement);
        _statement = statement;
        try
        {
            Check(db, prepared);
            Bind(db, statement, parameters);
            var ordinals = Ordinals(statement);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                {
                    yield break;
                }

                if (rc != raw.SQLITE_ROW)
                {
                    Check(db, rc);
                }

                yield return ToSummary(new Row(statement, ordinals));
            }
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Finalizes the statement of a read left unfinished, so the connection holds no read open.</summary>
    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }

    private DailySummary ToSummary(Row row)
    {
        // The query joins crossings in the same snapshot, so every row's crossing was loaded.
        var crossing = _crossings[row.Integer(Column.CrossingId)];
        return new DailySummary
        {
            Date = ParseDate(row.Bytes(Column.LocalDate)),
            Crossing = crossing.Slug,
            CrossingName = crossing.Name,
            CountryCode = crossing.CountryA,
            OtherCountryCode = crossing.CountryB,
            Latitude = crossing.Lat,
            Longitude = crossing.Lon,
            TimeZone = crossing.TimeZone,
            DayStart = UnixTime.FromMs(row.Integer(Column.StartsAt)),
            DayEnd = UnixTime.FromMs(row.Integer(Column.EndsAt)),
            Readings = (int)row.Integer(Column.Readings),
            ImageReadings = (int)row.Integer(Column.ImageReadings),
            ReportReadings = (int)row.Integer(Column.ReportReadings),
            ManualReadings = (int)row.Integer(Column.ManualReadings),
            FeedReadings = (int)row.Integer(Column.FeedReadings),
            AgentReadings = (int)row.Integer(Column.AgentReadings),
            Sources = (int)row.Integer(Column.Sources),
            SourceTypes = SourceTypes(row.Bytes(Column.SourceTypes)),
            Vehicles = Stats(row, Column.VehiclesN),
            QueueKm = Stats(row, Column.QueueKmN),
            WaitHours = Stats(row, Column.WaitHoursN),
            FirstObservedAt = UnixTime.FromMs(row.Integer(Column.FirstObservedAt)),
            LastObservedAt = UnixTime.FromMs(row.Integer(Column.LastObservedAt)),
            Coverage = row.Real(Column.Coverage),
            StaleHours = row.Real(Column.StaleHours),
            ConfidenceMean = row.Real(Column.ConfidenceMean),
            ConflictingSources = row.Integer(Column.ConflictingSources) != 0,
            UnverifiedOnly = row.Integer(Column.UnverifiedOnly) != 0,
            DemoReadings = (int)row.Integer(Column.DemoReadings),
            Complete = row.Integer(Column.Complete) != 0,
        };
    }

    /// <summary>A quantity's statistics from its count column and the five after it; none read when nothing reported it.</summary>
    private static QuantityStats Stats(Row row, Column count)
    {
        var n = row.Integer(count);
        return n == 0
            ? QuantityStats.None
            : new QuantityStats((int)n, row.NullableReal(count + 1), row.NullableReal(count + 2), row.NullableReal(count + 3),
                row.NullableReal(count + 4), row.NullableReal(count + 5));
    }

    /// <summary>"yyyy-MM-dd" parsed from its bytes; anything else goes through <see cref="LocalDayTable.Parse"/> (and fails as it does).</summary>
    private static DateOnly ParseDate(ReadOnlySpan<byte> text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text[..4], out var year) && Digits(text.Slice(5, 2), out var month) && Digits(text.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        return LocalDayTable.Parse(Encoding.UTF8.GetString(text));

        static bool Digits(ReadOnlySpan<byte> digits, out int value)
        {
            value = 0;
            foreach (var b in digits)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            return true;
        }
    }

    /// <summary>The comma-separated source types as a list, one shared list per distinct text.</summary>
    private IReadOnlyList<string> SourceTypes(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return [];
        }

        var chars = Encoding.UTF8.GetMaxCharCount(text.Length) <= MaxStackChars ? stackalloc char[MaxStackChars] : new char[Encoding.UTF8.GetMaxCharCount(text.Length)];
        chars = chars[..Encoding.UTF8.GetChars(text, chars)];
        if (_sourceTypes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var shared))
        {
            return shared;
        }

        var key = new string(chars);
        var list = key.Split(',');
        _sourceTypes.Add(key, list);
        return list;
    }

    private static void Bind(sqlite3 db, sqlite3_stmt statement, IReadOnlyDictionary<string, object?> parameters)
    {
        var count = raw.sqlite3_bind_parameter_count(statement);
        for (var i = 1; i <= count; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string();
            if (name is not { Length: > 1 } || !parameters.TryGetValue(name[1..], out var value))
            {
                throw new InvalidOperationException($"No value for the parameter '{name}'.");
            }

            // The bindings Microsoft.Data.Sqlite gives the same values.
            Check(db, value switch
            {
                null => raw.sqlite3_bind_null(statement, i),
                string text => raw.sqlite3_bind_text(statement, i, text),
                long integer => raw.sqlite3_bind_int64(statement, i, integer),
                int integer => raw.sqlite3_bind_int64(statement, i, integer),
                bool flag => raw.sqlite3_bind_int64(statement, i, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, i, real),
                _ => throw new NotSupportedException($"The parameter '{name}' is a {value.GetType()}, which this reader does not bind."),
            });
        }
    }

    /// <summary>Where each <see cref="Column"/> is in the statement's result.</summary>
    private static int[] Ordinals(sqlite3_stmt statement)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = raw.sqlite3_column_count(statement) - 1; i >= 0; i--)
        {
            byName[raw.sqlite3_column_name(statement, i).utf8_to_string()] = i;
        }

        return
        [
            .. Enum.GetValues<Column>().Select(column => byName.TryGetValue(column.ToString(), out var ordinal)
                ? ordinal
                : throw new InvalidOperationException($"The summary query returns no column '{column}'.")),
        ];
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>
    /// The current row's values, one native call each. SQLite reads NULL as 0, 0.0 or no bytes, which is what the
    /// NOT NULL columns would have been given for it anyway.
    /// </summary>
    private readonly struct Row(sqlite3_stmt statement, int[] ordinals)
    {
        public long Integer(Column column) => raw.sqlite3_column_int64(statement, ordinals[(int)column]);

        public double Real(Column column) => raw.sqlite3_column_double(statement, ordinals[(int)column]);

        /// <summary>Only a 0.0 can be a NULL, so only then is the type asked for.</summary>
        public double? NullableReal(Column column)
        {
            var value = raw.sqlite3_column_double(statement, ordinals[(int)column]);
            return value == 0 && raw.sqlite3_column_type(statement, ordinals[(int)column]) == raw.SQLITE_NULL ? null : value;
        }

        /// <summary>A TEXT value's UTF-8 bytes, valid until the next step.</summary>
        public ReadOnlySpan<byte> Bytes(Column column) => raw.sqlite3_column_blob(statement, ordinals[(int)column]);
    }

    private sealed class CrossingRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string CountryA { get; set; } = "";
        public string CountryB { get; set; } = "";
        public double Lat { get; set; }
        public double Lon { get; set; }
        public string TimeZone { get; set; } = "";
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reinhardt.Data.Sqlite;

/// <summary>
/// SQLite, with Django's storage formats so Django databases and fixtures fit: date-times as
/// UTC text <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>, UUIDs as 32 hex digits, durations as
/// microseconds, booleans as 0/1.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
        // Microsoft.Data.Sqlite would find the bundled native library by reflection, which trimming
        // and Native AOT cannot see; registering it explicitly avoids that path.
        SQLitePCL.Batteries_V2.Init();
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string PrimaryKeySql => "PRIMARY KEY AUTOINCREMENT";

    /// <inheritdoc />
    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    /// <summary>Pooling on, foreign keys enforced, a 5 second busy timeout unless the string says otherwise.</summary>
    public override string NormalizeConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, ForeignKeys = true };
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.DefaultTimeout = 5;
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = await base.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        Configure((SqliteConnection)connection);
        return connection;
    }

    /// <inheritdoc />
    public override DbConnection Open(string connectionString)
    {
        var connection = base.Open(connectionString);
        Configure((SqliteConnection)connection);
        return connection;
    }

    /// <summary>Foreign keys are switched off around a migration (SQLite only allows it outside a transaction) and checked before it commits, as Django does.</summary>
    public override (string Disable, string Enable, string Check)? MigrationForeignKeySql =>
        ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON", "PRAGMA foreign_key_check");

    /// <summary>No RETURNING: SQLite reports the new rowid on the connection, with no result set to read.</summary>
    public override string ReturningKeySql(string keyColumn) => string.Empty;

    /// <summary>
    /// Runs the INSERT to completion (so deferred constraint errors of an autocommit statement surface)
    /// and reads the connection's last inserted rowid: no reader, no second statement.
    /// </summary>
    public override async ValueTask<long> ExecuteInsertAsync(DbCommand command, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        _ = async ? await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_last_insert_rowid(((SqliteConnection)command.Connection!).Handle);
    }

    /// <summary>
    /// SQLite takes one writer at a time: the writers of a process queue in <see cref="Database"/> for up to the
    /// connection's <c>Default Timeout</c> (5 s unless the connection string says otherwise, Django's default),
    /// rather than all polling the file lock.
    /// </summary>
    public override TimeSpan? WriterQueueTimeout(string connectionString) =>
        TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(connectionString).DefaultTimeout);

    /// <summary>The error SQLite itself gives a writer that waited too long: SQLITE_BUSY, "database is locked".</summary>
    public override Exception WriterQueueTimeoutException(TimeSpan timeout) =>
        new SqliteException("SQLite Error 5: 'database is locked'.", 5);

    /// <inheritdoc />
    public override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> s_walEnabled = new(StringComparer.Ordinal);

    // Pooled connections reuse their native handle; settings made on a handle stay with it, so each
    // physical connection is configured once rather than on every open.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> s_configured = [];

    /// <summary>
    /// Installs the busy handler (<see cref="SqliteBusyHandler"/>) and sets synchronous mode once per physical connection, and switches the
    /// database file to write-ahead logging once per process, so readers never block the writer.
    /// </summary>
    private static void Configure(SqliteConnection connection)
    {
        var handle = connection.Handle;
        if (handle is null || s_configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var pragma = connection.CreateCommand();
        // synchronous=NORMAL is the recommended pairing with WAL: no corruption risk, and a commit
        // does not wait for an fsync (only a power loss can undo the last commits)
        // waiting for a lock: the millisecond busy handler, or SQLite's own (whole seconds in the bundled build)
        var timeoutMs = connection.DefaultTimeout * 1000;
        var settings = SqliteBusyHandler.TryInstall(connection, timeoutMs)
            ? "PRAGMA synchronous = NORMAL;"
            : "PRAGMA busy_timeout = " + timeoutMs.ToString(CultureInfo.InvariantCulture) + "; PRAGMA synchronous = NORMAL;";
        var wal = !s_walEnabled.ContainsKey(connection.ConnectionString) && connection.DataSource is { Length: > 0 } source && source != ":memory:";
        pragma.CommandText = wal ? settings + " PRAGMA journal_mode = WAL;" : settings;
        pragma.ExecuteNonQuery();
        if (wal)
        {
            s_walEnabled.TryAdd(connection.ConnectionString, true);
        }

        s_configured.AddOrUpdate(handle, handle);
    }

    /// <inheritdoc />
    public override object? ToDbValue<T>(T value)
    {
        // the common types first: for reference types the switch below runs as shared generic code
        if (typeof(T) == typeof(string) || typeof(T) == typeof(long) || typeof(T) == typeof(int) || typeof(T) == typeof(double))
        {
            return value;
        }

        return ToDbValueSlow(value);
    }

    private static object? ToDbValueSlow<T>(T value) => value switch
    {
        null => null,
        DateTimeOffset d => DbValue.FormatDateTime(d.UtcDateTime),
        DateTime d => DbValue.FormatDateTime(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => DbValue.FormatTime(t),
        TimeSpan t => t.Ticks / 10,
        Guid g => g.ToString("N"),
        bool b => b ? 1L : 0L,
        _ => value,
    };

    /// <inheritdoc />
    public override string ColumnTypeSql(ColumnSchema column) => column.Type switch
    {
        ColumnType.Boolean => "bool",
        ColumnType.Int32 => "integer",
        ColumnType.Int64 => column.PrimaryKey ? "integer" : "bigint",
        ColumnType.Double => "real",
        ColumnType.Decimal => "decimal",
        ColumnType.String => column.MaxLength is int n ? $"varchar({n})" : "text",
        ColumnType.Text => "text",
        ColumnType.DateTime or ColumnType.DateTimeOffset => "datetime",
        ColumnType.Date => "date",
        ColumnType.Time => "time",
        ColumnType.Duration => "bigint",
        ColumnType.Guid => "char(32)",
        ColumnType.Binary => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
    };

    /// <inheritdoc />
    public override void AppendLimitOffset(SqlWriter sql, long? limit, long? offset)
    {
        if (limit is null && offset is null)
        {
            return;
        }

        // integers from code, written as literals: one parameter fewer, and a statement per page size
        sql.Append(" LIMIT ").Append((limit ?? -1L).ToString(CultureInfo.InvariantCulture));
        if (offset is long o)
        {
            sql.Append(" OFFSET ").Append(o.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public override void AppendILike(SqlWriter sql, SqlExpression operand, int patternParameter)
    {
        // SQLite's LIKE is case-insensitive for ASCII, as Django documents for its SQLite backend
        operand.WriteTo(sql);
        sql.Append(" LIKE ").AppendPlaceholder(patternParameter).Append(" ESCAPE '\\'");
    }

    /// <inheritdoc />
    public override void AppendDatePart(SqlWriter sql, DatePart part, SqlExpression operand)
    {
        var format = part switch
        {
            DatePart.Year => "%Y",
            DatePart.Month => "%m",
            DatePart.Day => "%d",
            DatePart.Hour => "%H",
            DatePart.Minute => "%M",
            DatePart.Second => "%S",
            DatePart.WeekDay => "%w",
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        sql.Append("CAST(strftime('").Append(format).Append("', ");
        operand.WriteTo(sql);
        sql.Append(part == DatePart.WeekDay ? ") AS integer) + 1" : ") AS integer)");
    }
}

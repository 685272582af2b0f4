using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Reinhardt.Data;

/// <summary>
/// What differs between databases: quoting, placeholders, value representations, column types,
/// LIMIT/OFFSET, RETURNING, upsert and the lookups that need database functions. Generated code
/// never contains dialect-specific SQL; it goes through this class.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>A short name: <c>sqlite</c>, <c>postgresql</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Creates an unopened connection.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Adds the dialect's required settings to a connection string (pooling, foreign keys, timeouts).</summary>
    public virtual string NormalizeConnectionString(string connectionString) => connectionString;

    /// <summary>
    /// How long a writer waits for the other writers of the same database in this process, when the database
    /// takes one writer at a time (then <see cref="Database.OpenForWriteAsync"/> queues them); null (the
    /// default) when it takes concurrent writers.
    /// </summary>
    public virtual TimeSpan? WriterQueueTimeout(string connectionString) => null;

    /// <summary>The error for a writer that waited longer than <paramref name="timeout"/> for its turn.</summary>
    public virtual Exception WriterQueueTimeoutException(TimeSpan timeout) =>
        new TimeoutException("The database stayed locked by another writer for longer than " + timeout.ToString("c", CultureInfo.InvariantCulture) + ".");

    /// <summary>Opens a connection and applies per-connection settings.</summary>
    public virtual async ValueTask<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = CreateConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a connection synchronously.</summary>
    public virtual DbConnection Open(string connectionString)
    {
        var connection = CreateConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Statements run around a migration's transaction so tables can be rebuilt while other tables
    /// reference them, and the query that lists foreign keys left dangling (checked before commit).
    /// Null where the database needs none.
    /// </summary>
    public virtual (string Disable, string Enable, string Check)? MigrationForeignKeySql => null;

    /// <summary>The clause that makes an INSERT return the new key (<c> RETURNING "id"</c>); empty where the key is read another way.</summary>
    public virtual string ReturningKeySql(string keyColumn) => " RETURNING " + QuoteName(keyColumn);

    /// <summary>Runs a single-row INSERT and returns the new row's key.</summary>
    public virtual async ValueTask<long> ExecuteInsertAsync(DbCommand command, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var reader = async ? await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteReader();
        _ = async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read();
        var key = reader.GetInt64(0);

        // to the end of the statement, so the database reports errors that surface at completion
        while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
        {
        }

        return key;
    }

    /// <summary>Begins a transaction that will write (SQLite: <c>BEGIN IMMEDIATE</c>, so it never fails to upgrade a read lock).</summary>
    public virtual async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Appends a quoted identifier.</summary>
    public virtual void AppendQuotedName(StringBuilder sql, string name) =>
        sql.Append('"').Append(name.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');

    /// <summary>Quotes an identifier.</summary>
    public string QuoteName(string name)
    {
        var sql = new StringBuilder(name.Length + 2);
        AppendQuotedName(sql, name);
        return sql.ToString();
    }

    /// <summary>Appends the placeholder of parameter <paramref name="index"/> (<c>@p0</c>).</summary>
    public virtual void AppendParameterName(StringBuilder sql, int index) =>
        sql.Append("@p").Append(index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The parameter name of parameter <paramref name="index"/>, as bound on the command.</summary>
    public virtual string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends a database value as a SQL literal (for DDL only: CHECK constraints).</summary>
    public virtual void AppendLiteral(StringBuilder sql, object? value)
    {
        ArgumentNullException.ThrowIfNull(sql);
        switch (value)
        {
            case null:
                sql.Append("NULL");
                break;
            case string text:
                sql.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                break;
            case byte[] bytes:
                sql.Append("X'").Append(Convert.ToHexString(bytes)).Append('\'');
                break;
            case double d:
                sql.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f:
                sql.Append(f.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                sql.Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"A {value.GetType().Name} cannot be written as a SQL literal.");
        }
    }

    /// <summary>Converts a CLR value to the value stored in the database.</summary>
    public abstract object? ToDbValue<T>(T value);

    /// <summary>The SQL column type for a column.</summary>
    public abstract string ColumnTypeSql(ColumnSchema column);

    /// <summary>The primary-key clause after the column type (<c>PRIMARY KEY AUTOINCREMENT</c>).</summary>
    public abstract string PrimaryKeySql { get; }

    /// <summary>Appends LIMIT/OFFSET. A null limit with an offset still needs a limit on some databases.</summary>
    public abstract void AppendLimitOffset(SqlWriter sql, long? limit, long? offset);

    /// <summary>
    /// Appends a case-insensitive pattern match of <paramref name="operand"/> against
    /// the LIKE pattern in parameter <paramref name="patternParameter"/> (escaped with a backslash).
    /// </summary>
    public abstract void AppendILike(SqlWriter sql, SqlExpression operand, int patternParameter);

    /// <summary>Appends a year/month/day/... part of a date or date-time value as an integer.</summary>
    public abstract void AppendDatePart(SqlWriter sql, DatePart part, SqlExpression operand);

    /// <summary>
    /// <c>CREATE TABLE</c> for a model's table, as Django writes it: foreign keys as
    /// <c>REFERENCES ... DEFERRABLE INITIALLY DEFERRED</c> (on-delete behaviour is applied by the ORM,
    /// like Django, so the database only guarantees integrity at commit).
    /// </summary>
    public virtual string CreateTableSql(TableSchema table, bool ifNotExists = false)
    {
        var sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists)
        {
            sql.Append("IF NOT EXISTS ");
        }

        AppendQuotedName(sql, table.Name);
        sql.Append(" (");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            AppendColumnDefinition(sql, table.Columns[i]);
        }

        foreach (var constraint in table.AllConstraints)
        {
            sql.Append(", CONSTRAINT ");
            AppendQuotedName(sql, constraint.Name);
            switch (constraint)
            {
                case UniqueConstraintSchema unique:
                    sql.Append(" UNIQUE (");
                    for (var i = 0; i < unique.Columns.Count; i++)
                    {
                        if (i > 0)
                        {
                            sql.Append(", ");
                        }

                        AppendQuotedName(sql, unique.Columns[i]);
                    }

                    sql.Append(')');
                    break;
                case CheckConstraintSchema check:
                    sql.Append(" CHECK (").Append(check.Sql(this, table.Name)).Append(')');
                    break;
            }
        }

        return sql.Append(')').ToString();
    }

    /// <summary>Appends <c>"name" type NULL|NOT NULL [PRIMARY KEY] [UNIQUE] [REFERENCES ...]</c>.</summary>
    public virtual void AppendColumnDefinition(StringBuilder sql, ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(column);
        AppendQuotedName(sql, column.Name);
        sql.Append(' ').Append(ColumnTypeSql(column)).Append(column.Nullable ? " NULL" : " NOT NULL");
        if (column.PrimaryKey)
        {
            sql.Append(' ').Append(PrimaryKeySql);
        }

        if (column.Unique && !column.PrimaryKey)
        {
            sql.Append(" UNIQUE");
        }

        if (column.ForeignKey is { } fk)
        {
            sql.Append(" REFERENCES ");
            AppendQuotedName(sql, fk.Table);
            sql.Append(" (");
            AppendQuotedName(sql, fk.Column);
            sql.Append(") DEFERRABLE INITIALLY DEFERRED");
        }
    }

    /// <summary>
    /// The indexes Django creates with a table: one per non-unique foreign key column
    /// (<c>CREATE INDEX "polls_choice_question_id_c5b4b260" ON ...</c>).
    /// </summary>
    public virtual IEnumerable<string> CreateIndexesSql(TableSchema table, bool ifNotExists = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var column in table.Columns)
        {
            if (column.ForeignKey is not null && !column.Unique)
            {
                yield return CreateIndexSql(table.Name, new IndexSchema(SchemaNames.IndexName(table.Name, [column.Name]), [column.Name]), ifNotExists);
            }
        }

        foreach (var index in table.AllIndexes)
        {
            yield return CreateIndexSql(table.Name, index, ifNotExists);
        }
    }

    /// <summary><c>CREATE [UNIQUE] INDEX "name" ON "table" ("a", "b")</c>.</summary>
    public virtual string CreateIndexSql(string table, IndexSchema index, bool ifNotExists = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        var sql = new StringBuilder(index.Unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (ifNotExists)
        {
            sql.Append("IF NOT EXISTS ");
        }

        AppendQuotedName(sql, index.Name);
        sql.Append(" ON ");
        AppendQuotedName(sql, table);
        sql.Append(" (");
        for (var i = 0; i < index.Columns.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            AppendQuotedName(sql, index.Columns[i]);
        }

        return sql.Append(')').ToString();
    }
}

/// <summary>Parts of a date or time that lookups and annotations extract.</summary>
public enum DatePart
{
    /// <summary>The year.</summary>
    Year,
    /// <summary>The month, 1-12.</summary>
    Month,
    /// <summary>The day of the month.</summary>
    Day,
    /// <summary>The hour, 0-23.</summary>
    Hour,
    /// <summary>The minute.</summary>
    Minute,
    /// <summary>The second.</summary>
    Second,
    /// <summary>Django's <c>week_day</c>: 1 (Sunday) to 7 (Saturday).</summary>
    WeekDay,
}

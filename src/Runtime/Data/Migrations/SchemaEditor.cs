using System.Text;

namespace Reinhardt.Data.Migrations;

/// <summary>
/// Applies schema changes inside a migration's transaction (Django's <c>SchemaEditor</c>). What
/// SQLite cannot alter in place is done with Django's table rebuild: create the new table, copy the
/// rows, drop the old one, rename the new one, recreate its indexes.
/// </summary>
public sealed class SchemaEditor
{
    private readonly List<string>? _collected;

    internal SchemaEditor(Database database, List<string>? collected = null)
    {
        Database = database;
        _collected = collected;
    }

    /// <summary>The database being migrated (its operations run in the migration's transaction).</summary>
    public Database Database { get; }

    /// <summary>Whether statements are only collected (<c>sqlmigrate</c>), not run.</summary>
    public bool IsCollecting => _collected is not null;

    /// <summary>Notes a step that has no SQL to show (a data migration) when collecting.</summary>
    public void Comment(string text) => _collected?.Add("-- " + text);

    private async ValueTask RunAsync(SqlWriter sql, CancellationToken cancellationToken)
    {
        if (_collected is not null)
        {
            _collected.Add(sql.ToString());
            return;
        }

        await Database.NonQueryAsync(sql, async: true, cancellationToken).ConfigureAwait(false);
    }

    private SqlDialect Dialect => Database.Dialect;

    /// <summary>Runs one statement.</summary>
    public async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var writer = new SqlWriter(Dialect);
        writer.Append(sql);
        await RunAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs an interpolated statement; the holes are parameters.</summary>
    public async ValueTask ExecuteAsync(FormattableString sql, CancellationToken cancellationToken) =>
        await RunAsync(RawSql.ToWriter(Dialect, sql), cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a table and its indexes.</summary>
    public async ValueTask CreateTableAsync(TableSchema table, CancellationToken cancellationToken)
    {
        await ExecuteAsync(Dialect.CreateTableSql(table), cancellationToken).ConfigureAwait(false);
        foreach (var index in Dialect.CreateIndexesSql(table))
        {
            await ExecuteAsync(index, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops a table.</summary>
    public ValueTask DropTableAsync(string table, CancellationToken cancellationToken) =>
        ExecuteAsync("DROP TABLE " + Dialect.QuoteName(table), cancellationToken);

    /// <summary>Renames a table.</summary>
    public ValueTask RenameTableAsync(string oldName, string newName, CancellationToken cancellationToken) =>
        ExecuteAsync("ALTER TABLE " + Dialect.QuoteName(oldName) + " RENAME TO " + Dialect.QuoteName(newName), cancellationToken);

    /// <summary>Renames a column in place.</summary>
    public ValueTask RenameColumnAsync(string table, string oldName, string newName, CancellationToken cancellationToken) =>
        ExecuteAsync("ALTER TABLE " + Dialect.QuoteName(table) + " RENAME COLUMN " + Dialect.QuoteName(oldName) + " TO " + Dialect.QuoteName(newName), cancellationToken);

    /// <summary>
    /// Adds a column: in place when SQLite allows it (nullable, no key, no uniqueness), otherwise by
    /// rebuilding the table with <paramref name="default"/> for the existing rows.
    /// </summary>
    public async ValueTask AddColumnAsync(TableSchema before, TableSchema after, ColumnSchema column, object? @default, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Nullable && @default is null && column.ForeignKey is null && !column.Unique && !column.PrimaryKey)
        {
            var sql = new StringBuilder("ALTER TABLE ").Append(Dialect.QuoteName(before.Name)).Append(" ADD COLUMN ");
            Dialect.AppendColumnDefinition(sql, column);
            await ExecuteAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!column.Nullable && @default is null)
        {
            throw new InvalidOperationException($"Adding the NOT NULL column '{column.Name}' to '{before.Name}' needs a default for the existing rows.");
        }

        await RebuildAsync(before, after, renames: null, new Dictionary<string, object?> { [column.Name] = @default }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Django's SQLite table rebuild: the rows of <paramref name="before"/> are copied into a new table
    /// shaped as <paramref name="after"/>; columns missing from the old table take
    /// <paramref name="defaults"/>, renamed ones are read from their old name.
    /// </summary>
    public async ValueTask RebuildAsync(TableSchema before, TableSchema after, IReadOnlyDictionary<string, string>? renames, IReadOnlyDictionary<string, object?>? defaults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var temporary = after with { Name = "new__" + after.Name };
        await ExecuteAsync(Dialect.CreateTableSql(temporary), cancellationToken).ConfigureAwait(false);

        var copy = new SqlWriter(Dialect, inlineValues: IsCollecting);
        copy.Append("INSERT INTO ").AppendName(temporary.Name).Append(" (");
        var select = new List<Action>();
        var first = true;
        foreach (var column in after.Columns)
        {
            var source = renames is not null && renames.TryGetValue(column.Name, out var old) ? old : column.Name;
            var exists = before.Columns.Any(c => c.Name == source);
            if (!exists && defaults?.ContainsKey(column.Name) != true)
            {
                continue; // a new nullable column: NULL
            }

            copy.Append(first ? string.Empty : ", ").AppendName(column.Name);
            first = false;
            select.Add(exists ? () => copy.AppendName(source) : () => copy.AppendValue(defaults![column.Name]));
        }

        copy.Append(") SELECT ");
        for (var i = 0; i < select.Count; i++)
        {
            copy.Append(i > 0 ? ", " : string.Empty);
            select[i]();
        }

        copy.Append(" FROM ").AppendName(before.Name);
        await RunAsync(copy, cancellationToken).ConfigureAwait(false);
        await DropTableAsync(before.Name, cancellationToken).ConfigureAwait(false);
        await RenameTableAsync(temporary.Name, after.Name, cancellationToken).ConfigureAwait(false);
        foreach (var index in Dialect.CreateIndexesSql(after))
        {
            await ExecuteAsync(index, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The value a restored NOT NULL column gets for existing rows.</summary>
    public static object ZeroOf(ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type switch
        {
            ColumnType.String or ColumnType.Text => string.Empty,
            ColumnType.Double => 0.0,
            ColumnType.Decimal => 0m,
            ColumnType.Binary => Array.Empty<byte>(),
            ColumnType.DateTime or ColumnType.DateTimeOffset => DateTime.UnixEpoch,
            _ => 0L,
        };
    }
}

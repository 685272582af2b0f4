using System.Text;

namespace Reinhardt.Data.Sqlite;

/// <summary>SQL text for SQLite, with Django's column types so Django databases fit.</summary>
public static class SqliteDialect
{
    /// <summary>Quotes an identifier (<c>"name"</c>, with embedded quotes doubled).</summary>
    public static string QuoteName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The SQLite column type Django uses for a field of this type.</summary>
    public static string ColumnTypeSql(ColumnSchema column) => column.Type switch
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

    /// <summary><c>CREATE TABLE</c> for a model, in the form Django's SQLite backend writes.</summary>
    public static string CreateTableSql(TableSchema table, bool ifNotExists = false)
    {
        var sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists)
        {
            sql.Append("IF NOT EXISTS ");
        }

        sql.Append(QuoteName(table.Name)).Append(" (");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.Append(QuoteName(column.Name)).Append(' ').Append(ColumnTypeSql(column));
            sql.Append(column.Nullable ? " NULL" : " NOT NULL");
            if (column.PrimaryKey)
            {
                sql.Append(" PRIMARY KEY AUTOINCREMENT");
            }
        }

        return sql.Append(')').ToString();
    }
}

using System.Globalization;

namespace Reinhardt.Data;

/// <summary>
/// Raw SQL, safely: only <see cref="FormattableString"/> is accepted, and every interpolated value
/// becomes a parameter, never text. <c>$"... WHERE id = {id}"</c> runs as <c>WHERE id = @p0</c>.
/// </summary>
public static class RawSql
{
    /// <summary>Turns an interpolated string into SQL text with placeholders and its parameter values.</summary>
    public static SqlWriter ToWriter(SqlDialect dialect, FormattableString sql)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(sql);
        var writer = new SqlWriter(dialect);
        var placeholders = new object[sql.ArgumentCount];
        for (var i = 0; i < placeholders.Length; i++)
        {
            var index = writer.AddParameter(dialect.ToDbValue(sql.GetArgument(i)));
            placeholders[i] = dialect.ParameterName(index);
        }

        // string.Format resolves {{ and }} and puts each placeholder where its value was
        writer.Append(string.Format(CultureInfo.InvariantCulture, sql.Format, placeholders));
        return writer;
    }

    /// <summary>Runs a raw statement; returns the rows affected.</summary>
    public static Task<int> ExecuteAsync(this Database database, FormattableString sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.NonQueryAsync(ToWriter(database.Dialect, sql), async: true, cancellationToken).AsTask();
    }

    /// <summary>Runs a raw query and reads its first column.</summary>
    public static Task<List<T>> QueryAsync<T>(this Database database, FormattableString sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync(ToWriter(database.Dialect, sql), static r => DbValue.Read<T>(r, 0), async: true, cancellationToken).AsTask();
    }

    /// <summary>Runs a raw query and reads its first two columns as tuples.</summary>
    public static Task<List<(T1, T2)>> QueryAsync<T1, T2>(this Database database, FormattableString sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync(ToWriter(database.Dialect, sql), static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1)), async: true, cancellationToken).AsTask();
    }

    /// <summary>Runs a raw query and reads its first three columns as tuples.</summary>
    public static Task<List<(T1, T2, T3)>> QueryAsync<T1, T2, T3>(this Database database, FormattableString sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync(ToWriter(database.Dialect, sql), static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1), DbValue.Read<T3>(r, 2)), async: true, cancellationToken).AsTask();
    }

    /// <summary>Runs a raw query and reads its first four columns as tuples.</summary>
    public static Task<List<(T1, T2, T3, T4)>> QueryAsync<T1, T2, T3, T4>(this Database database, FormattableString sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync(ToWriter(database.Dialect, sql), static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1), DbValue.Read<T3>(r, 2), DbValue.Read<T4>(r, 3)), async: true, cancellationToken).AsTask();
    }
}

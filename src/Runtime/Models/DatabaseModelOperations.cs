using System.Collections.Concurrent;
using Reinhardt.Data;

namespace Reinhardt;

/// <summary>Saving, deleting and refreshing single model instances (Django's <c>save()</c>, <c>delete()</c>, <c>refresh_from_db()</c>).</summary>
public static class DatabaseModelOperations
{
    /// <summary>
    /// Inserts the instance when its primary key is 0 (filling the key from the database), otherwise
    /// updates its row; like Django, an update that finds no row inserts with the given key.
    /// </summary>
    public static Task SaveAsync<TModel>(this Database database, TModel model, CancellationToken cancellationToken = default)
        where TModel : class, IModel<TModel> => SaveCore(database, model, async: true, cancellationToken).AsTask();

    /// <summary>Inserts or updates the instance; see <see cref="SaveAsync"/>.</summary>
    public static void Save<TModel>(this Database database, TModel model)
        where TModel : class, IModel<TModel> => SaveCore(database, model, async: false, default).GetAwaiter().GetResult();

    /// <summary>Deletes the instance's row and resets its key to 0; returns whether a row was deleted.</summary>
    public static Task<bool> DeleteAsync<TModel>(this Database database, TModel model, CancellationToken cancellationToken = default)
        where TModel : class, IModel<TModel> => DeleteCore(database, model, async: true, cancellationToken).AsTask();

    /// <summary>Deletes the instance's row and resets its key to 0.</summary>
    public static bool Delete<TModel>(this Database database, TModel model)
        where TModel : class, IModel<TModel> => DeleteCore(database, model, async: false, default).GetAwaiter().GetResult();

    /// <summary>
    /// Reloads the instance's fields from its row (Django's <c>refresh_from_db()</c>); loaded
    /// relations are forgotten. Throws the model's <c>DoesNotExist</c> when the row is gone.
    /// </summary>
    public static async Task RefreshAsync<TModel, TColumns>(this QuerySet<TModel, TColumns> querySet, TModel model, CancellationToken cancellationToken = default)
        where TModel : class, IModel<TModel>
        where TColumns : class, IColumnSet<TColumns>
    {
        ArgumentNullException.ThrowIfNull(querySet);
        ArgumentNullException.ThrowIfNull(model);
        var key = TModel.GetKey(model);
        var fresh = await querySet.Where(new Column<long>(QuerySet<TModel, TColumns>.Columns.Table, TModel.Schema.PrimaryKey.Name) == key).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        TModel.CopyFields(fresh, model);
        TModel.Attach(model, querySet.Database);
    }

    private static async ValueTask SaveCore<TModel>(Database database, TModel model, bool async, CancellationToken cancellationToken)
        where TModel : class, IModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(model);
        var sql = ModelSql<TModel>.For(database.Dialect);
        var values = ValueList.Rent(database.Dialect);
        TModel.AddValues(model, values);
        var key = TModel.GetKey(model);
        var lease = async ? await database.OpenForWriteAsync(cancellationToken).ConfigureAwait(false) : database.OpenForWrite();
        try
        {
            if (key != 0)
            {
                values.Add(key);
                var update = database.Statement(lease, sql.Update, values.Values);
                if ((async ? await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : update.ExecuteNonQuery()) > 0)
                {
                    TModel.Attach(model, database);
                    return;
                }

                values.Clear();
                values.Add(key);
                TModel.AddValues(model, values);
                var insertWithKey = database.Statement(lease, sql.InsertWithKey, values.Values);
                _ = async ? await insertWithKey.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : insertWithKey.ExecuteNonQuery();
                TModel.Attach(model, database);
                return;
            }

            var insert = database.Statement(lease, sql.Insert, values.Values);
            var id = await database.Dialect.ExecuteInsertAsync(insert, async, cancellationToken).ConfigureAwait(false);
            TModel.SetKey(model, id);
            TModel.Attach(model, database);
        }
        finally
        {
            // the statement has bound the values, so the list can serve the next save on this thread
            values.Return();
            lease.Dispose();
        }
    }

    private static async ValueTask<bool> DeleteCore<TModel>(Database database, TModel model, bool async, CancellationToken cancellationToken)
        where TModel : class, IModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(model);
        var key = TModel.GetKey(model);
        if (key == 0)
        {
            throw new InvalidOperationException($"{typeof(TModel).Name} object can't be deleted because its primary key is not set.");
        }

        // through the collector, so foreign keys that reference this row cascade or protect
        var deleted = await database.DeleteByKeysAsync(TModel.Schema, [key], async, cancellationToken).ConfigureAwait(false) > 0;
        TModel.SetKey(model, 0);
        return deleted;
    }

    /// <summary>The single-row statements of a model, built once per dialect.</summary>
    private sealed class ModelSql<TModel>
        where TModel : class, IModel<TModel>
    {
        private static readonly ConcurrentDictionary<SqlDialect, ModelSql<TModel>> s_cache = new();

        private ModelSql(SqlDialect dialect)
        {
            var table = TModel.Schema;
            var key = dialect.QuoteName(table.Columns[0].Name);
            var columns = table.Columns.Skip(1).Select(c => dialect.QuoteName(c.Name)).ToArray();
            var name = dialect.QuoteName(table.Name);
            var p = Enumerable.Range(0, table.Columns.Count).Select(dialect.ParameterName).ToArray();
            var returning = dialect.ReturningKeySql(table.PrimaryKey.Name);
            Insert = columns.Length == 0
                ? $"INSERT INTO {name} DEFAULT VALUES{returning}"
                : $"INSERT INTO {name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", p.Take(columns.Length))}){returning}";
            InsertWithKey = $"INSERT INTO {name} ({string.Join(", ", [key, .. columns])}) VALUES ({string.Join(", ", p)})";
            Update = columns.Length == 0
                ? $"UPDATE {name} SET {key} = {key} WHERE {key} = {p[0]}"
                : $"UPDATE {name} SET {string.Join(", ", columns.Select((c, i) => c + " = " + p[i]))} WHERE {key} = {p[columns.Length]}";
        }

        public string Insert { get; }

        public string InsertWithKey { get; }

        public string Update { get; }

        public static ModelSql<TModel> For(SqlDialect dialect) => s_cache.GetOrAdd(dialect, static d => new ModelSql<TModel>(d));
    }
}

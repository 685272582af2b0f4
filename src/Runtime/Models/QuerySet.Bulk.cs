using Reinhardt.Data;

namespace Reinhardt;

/// <summary>What <c>BulkCreate</c> does when a row conflicts with a unique constraint.</summary>
/// <typeparam name="TColumns">The model's columns.</typeparam>
public sealed class OnConflict<TColumns>
{
    private OnConflict(bool ignore, Func<TColumns, IColumn[]>? uniqueFields, Func<TColumns, IColumn[]>? updateFields)
    {
        Ignore = ignore;
        UniqueFields = uniqueFields;
        UpdateFields = updateFields;
    }

    internal bool Ignore { get; }

    internal Func<TColumns, IColumn[]>? UniqueFields { get; }

    internal Func<TColumns, IColumn[]>? UpdateFields { get; }

    /// <summary>Skip conflicting rows (Django's <c>ignore_conflicts=True</c>); their keys are not set.</summary>
    public static OnConflict<TColumns> DoNothing() => new(true, null, null);

    /// <summary>
    /// Upsert (Django's <c>update_conflicts=True</c>): when a row conflicts on
    /// <paramref name="uniqueFields"/>, update <paramref name="updateFields"/> from the new row.
    /// </summary>
    public static OnConflict<TColumns> Update(Func<TColumns, IColumn[]> uniqueFields, Func<TColumns, IColumn[]> updateFields)
    {
        ArgumentNullException.ThrowIfNull(uniqueFields);
        ArgumentNullException.ThrowIfNull(updateFields);
        return new(false, uniqueFields, updateFields);
    }
}

// Operations on many rows at once: get-or-create, bulk create/update, in-bulk and chunked iteration.
public sealed partial class QuerySet<TModel, TColumns>
{
    /// <summary>
    /// The row matching <paramref name="lookup"/>, or a new one made by <paramref name="create"/> and
    /// saved (Django's <c>get_or_create</c>); <c>Created</c> tells which. A concurrent create that wins
    /// the race is read back instead of failing.
    /// </summary>
    public async Task<(TModel Model, bool Created)> GetOrCreateAsync(Func<TColumns, Q> lookup, Func<TModel> create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            return (await GetAsync(lookup, cancellationToken).ConfigureAwait(false), false);
        }
        catch (ObjectDoesNotExistException)
        {
        }

        var model = create();
        try
        {
            await _database.AtomicAsync(() => _database.SaveAsync(model, cancellationToken), cancellationToken).ConfigureAwait(false);
            return (model, true);
        }
        catch (System.Data.Common.DbException)
        {
            // a unique constraint lost the race: the row exists now (or the error was not a race, and Get says so)
            return (await GetAsync(lookup, cancellationToken).ConfigureAwait(false), false);
        }
    }

    /// <summary>
    /// Updates the row matching <paramref name="lookup"/> with <paramref name="update"/>, or creates one
    /// with <paramref name="create"/> (Django's <c>update_or_create</c>), in one write transaction.
    /// </summary>
    public Task<(TModel Model, bool Created)> UpdateOrCreateAsync(Func<TColumns, Q> lookup, Action<TModel> update, Func<TModel> create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(create);
        return _database.AtomicAsync(async () =>
        {
            var existing = await Filter(lookup).Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (existing.Count > 1)
            {
                Single(existing);
            }

            var model = existing.Count == 1 ? existing[0] : create();
            if (existing.Count == 1)
            {
                update(model);
            }

            await _database.SaveAsync(model, cancellationToken).ConfigureAwait(false);
            return (model, existing.Count == 0);
        }, cancellationToken);
    }

    /// <summary>
    /// Inserts many rows with multi-row INSERTs (Django's <c>bulk_create</c>), batched to stay under
    /// the parameter limit, in one transaction, and sets their keys from <c>RETURNING</c>.
    /// </summary>
    public async Task<int> BulkCreateAsync(IEnumerable<TModel> models, int? batchSize = null, OnConflict<TColumns>? onConflict = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        var rows = models.ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var columns = TModel.Schema.Columns;
        var perRow = columns.Count - 1;
        var maxBatch = Math.Max(1, SqlLimits.BulkParameters / Math.Max(1, perRow));
        var size = Math.Clamp(batchSize ?? maxBatch, 1, maxBatch);
        var conflict = ConflictClause(onConflict);
        return await _database.AtomicAsync(async () =>
        {
            var affected = 0;
            foreach (var batch in rows.Chunk(size))
            {
                var values = new ValueList(_database.Dialect, batch.Length * perRow);
                foreach (var model in batch)
                {
                    TModel.AddValues(model, values);
                }

                var sql = new SqlWriter(_database.Dialect);
                sql.Append("INSERT INTO ").AppendName(TModel.Schema.Name).Append(" (");
                for (var c = 1; c < columns.Count; c++)
                {
                    sql.Append(c > 1 ? ", " : string.Empty).AppendName(columns[c].Name);
                }

                sql.Append(") VALUES ");
                var index = 0;
                for (var r = 0; r < batch.Length; r++)
                {
                    sql.Append(r > 0 ? ", (" : "(");
                    for (var c = 0; c < perRow; c++)
                    {
                        sql.Append(c > 0 ? ", " : string.Empty).AppendPlaceholder(sql.AddParameter(values.Values[index++]));
                    }

                    sql.Append(')');
                }

                sql.Append(conflict).Append(" RETURNING ").AppendName(TModel.Schema.PrimaryKey.Name);
                var keys = await _database.ReadAsync(sql, static reader => reader.GetInt64(0), async: true, cancellationToken).ConfigureAwait(false);
                if (keys.Count == batch.Length)
                {
                    // like Django on SQLite 3.35+: RETURNING yields the rows in VALUES order
                    for (var r = 0; r < batch.Length; r++)
                    {
                        TModel.SetKey(batch[r], keys[r]);
                        TModel.Attach(batch[r], _database);
                    }
                }

                affected += keys.Count;
            }

            return affected;
        }, cancellationToken).ConfigureAwait(false);
    }

    private string ConflictClause(OnConflict<TColumns>? onConflict)
    {
        if (onConflict is null)
        {
            return string.Empty;
        }

        if (onConflict.Ignore)
        {
            return " ON CONFLICT DO NOTHING";
        }

        var dialect = _database.Dialect;
        var unique = onConflict.UniqueFields!(s_columns).Select(c => dialect.QuoteName(c.Name));
        var update = onConflict.UpdateFields!(s_columns).Select(c => dialect.QuoteName(c.Name) + " = EXCLUDED." + dialect.QuoteName(c.Name));
        return " ON CONFLICT(" + string.Join(", ", unique) + ") DO UPDATE SET " + string.Join(", ", update);
    }

    /// <summary>
    /// Updates the given columns of many saved rows with <c>CASE</c> statements (Django's
    /// <c>bulk_update</c>), batched, in one transaction; returns the number of rows updated.
    /// </summary>
    public async Task<int> BulkUpdateAsync(IEnumerable<TModel> models, Func<TColumns, IColumn[]> fields, int? batchSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(fields);
        var rows = models.ToList();
        var columns = TModel.Schema.Columns;
        var targets = fields(s_columns).Select(f => (Column: f, Index: IndexOfColumn(f.Name))).ToArray();
        if (rows.Count == 0 || targets.Length == 0)
        {
            return 0;
        }

        // each row costs its key once per column plus the value, and once in the IN list
        var maxBatch = Math.Max(1, SqlLimits.MaxParameters / (targets.Length * 2 + 1));
        var size = Math.Clamp(batchSize ?? maxBatch, 1, maxBatch);
        return await _database.AtomicAsync(async () =>
        {
            var updated = 0;
            foreach (var batch in rows.Chunk(size))
            {
                var values = batch.Select(model =>
                {
                    var list = new ValueList(_database.Dialect, columns.Count);
                    TModel.AddValues(model, list);
                    return list.Values;
                }).ToArray();
                var sql = new SqlWriter(_database.Dialect);
                sql.Append("UPDATE ").AppendName(TModel.Schema.Name).Append(" SET ");
                for (var t = 0; t < targets.Length; t++)
                {
                    sql.Append(t > 0 ? ", " : string.Empty).AppendName(targets[t].Column.Name).Append(" = CASE ").AppendName(TModel.Schema.PrimaryKey.Name);
                    for (var r = 0; r < batch.Length; r++)
                    {
                        sql.Append(" WHEN ").AppendValue(TModel.GetKey(batch[r])).Append(" THEN ").AppendPlaceholder(sql.AddParameter(values[r][targets[t].Index - 1]));
                    }

                    sql.Append(" END");
                }

                sql.Append(" WHERE ").AppendName(TModel.Schema.PrimaryKey.Name).Append(" IN (");
                for (var r = 0; r < batch.Length; r++)
                {
                    sql.Append(r > 0 ? ", " : string.Empty).AppendValue(TModel.GetKey(batch[r]));
                }

                sql.Append(')');
                updated += await _database.NonQueryAsync(sql, async: true, cancellationToken).ConfigureAwait(false);
            }

            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static int IndexOfColumn(string name)
    {
        var columns = TModel.Schema.Columns;
        for (var i = 1; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{name}' is not a column of {TModel.Schema.Name} that can be updated.", nameof(name));
    }

    /// <summary>The rows with the given keys, by key (Django's <c>in_bulk</c>); keys are batched under the parameter limit.</summary>
    public async Task<Dictionary<long, TModel>> InBulkAsync(IEnumerable<long> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<long, TModel>();
        foreach (var chunk in keys.Distinct().Chunk(SqlLimits.MaxParameters))
        {
            foreach (var model in await Where(s_primaryKey.In(chunk)).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                result[TModel.GetKey(model)] = model;
            }
        }

        return result;
    }

    /// <summary>
    /// Streams the rows (Django's <c>iterator(chunk_size)</c>): memory holds one chunk at a time, and
    /// prefetches run once per chunk.
    /// </summary>
    public async IAsyncEnumerable<TModel> IterateAsync(int chunkSize = 2000, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var sql = BuildSelect(_state.Order, _state.Limit);
        await using var lease = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.CreateCommand(lease, sql.ToString(), sql.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chunk = new List<TModel>(chunkSize);
        while (true)
        {
            var more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (more)
            {
                chunk.Add(ReadRow(reader));
            }

            if (chunk.Count == chunkSize || (!more && chunk.Count > 0))
            {
                foreach (var prefetch in _state.Prefetch)
                {
                    await prefetch.PrefetchAsync(_database, chunk, async: true, cancellationToken).ConfigureAwait(false);
                }

                foreach (var model in chunk)
                {
                    yield return model;
                }

                chunk.Clear();
            }

            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Models from raw SQL (Django's <c>raw()</c>): the query must return the model's columns by
    /// name; interpolated values become parameters.
    /// </summary>
    public Task<List<TModel>> RawAsync(FormattableString sql, CancellationToken cancellationToken = default)
    {
        var raw = RawSql.ToWriter(_database.Dialect, sql);
        var select = new SqlWriter(_database.Dialect);
        select.Append("SELECT ");
        var columns = TModel.Schema.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            select.Append(i > 0 ? ", " : string.Empty).AppendName(columns[i].Name);
        }

        foreach (var value in raw.Parameters)
        {
            select.AddParameter(value);
        }

        select.Append(" FROM (").Append(raw.ToString()).Append(") raw_query");
        return ReadAsync(select, async: true, cancellationToken).AsTask();
    }
}

namespace Reinhardt.Data;

/// <summary>
/// Django's deletion collector: finds every row that a delete reaches through foreign keys,
/// applies each key's <see cref="OnDelete"/> (cascade, protect, restrict, set null), and deletes
/// children before parents, all in one transaction. Works on keys, so self-references and cycles end.
/// </summary>
internal sealed class DeleteCollector
{
    private readonly Database _database;
    private readonly Dictionary<string, HashSet<long>> _delete = new(StringComparer.Ordinal);
    private readonly List<TableSchema> _order = [];
    private readonly List<(TableSchema Child, ColumnSchema Column, long[] ParentKeys)> _setNull = [];
    private readonly List<(TableSchema Child, TableSchema Parent, long[] ChildKeys)> _restricted = [];

    public DeleteCollector(Database database) => _database = database;

    /// <summary>Collects and deletes; returns the number of rows deleted across all tables.</summary>
    public async ValueTask<int> DeleteAsync(TableSchema table, IReadOnlyCollection<long> keys, bool async, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        await CollectAsync(table, [.. keys], async, cancellationToken).ConfigureAwait(false);
        foreach (var (child, parent, childKeys) in _restricted)
        {
            var deleted = _delete.GetValueOrDefault(child.Name);
            if (deleted is null || !childKeys.All(deleted.Contains))
            {
                throw new RestrictedErrorException(
                    $"Cannot delete some instances of '{parent.Name}' because they are referenced through restricted foreign keys of '{child.Name}'.");
            }
        }

        var total = 0;
        foreach (var (child, column, parentKeys) in _setNull)
        {
            foreach (var chunk in parentKeys.Chunk(SqlLimits.MaxParameters))
            {
                var sql = new SqlWriter(_database.Dialect);
                sql.Append("UPDATE ").AppendName(child.Name).Append(" SET ").AppendName(column.Name).Append(" = NULL WHERE ");
                AppendIn(sql, column.Name, chunk);
                await _database.NonQueryAsync(sql, async, cancellationToken).ConfigureAwait(false);
            }
        }

        // children were discovered after their parents: delete in reverse order of discovery
        for (var i = _order.Count - 1; i >= 0; i--)
        {
            var target = _order[i];
            foreach (var chunk in _delete[target.Name].Order().Chunk(SqlLimits.MaxParameters))
            {
                var sql = new SqlWriter(_database.Dialect);
                sql.Append("DELETE FROM ").AppendName(target.Name).Append(" WHERE ");
                AppendIn(sql, target.PrimaryKey.Name, chunk);
                total += await _database.NonQueryAsync(sql, async, cancellationToken).ConfigureAwait(false);
            }
        }

        return total;
    }

    /// <summary>
    /// Collects without deleting (the admin's delete confirmation): every table the delete reaches with its keys, in
    /// discovery order. Throws <see cref="ProtectedErrorException"/> or <see cref="RestrictedErrorException"/> as the delete would.
    /// </summary>
    public async ValueTask<IReadOnlyList<(TableSchema Table, IReadOnlyCollection<long> Keys)>> CollectOnlyAsync(TableSchema table, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        if (keys.Count > 0)
        {
            await CollectAsync(table, [.. keys], async: true, cancellationToken).ConfigureAwait(false);
            foreach (var (child, parent, childKeys) in _restricted)
            {
                var deleted = _delete.GetValueOrDefault(child.Name);
                if (deleted is null || !childKeys.All(deleted.Contains))
                {
                    throw new RestrictedErrorException(
                        $"Cannot delete some instances of '{parent.Name}' because they are referenced through restricted foreign keys of '{child.Name}'.");
                }
            }
        }

        return [.. _order.Select(t => (t, (IReadOnlyCollection<long>)_delete[t.Name].Order().ToList()))];
    }

    private async ValueTask CollectAsync(TableSchema table, long[] keys, bool async, CancellationToken cancellationToken)
    {
        var pending = new Queue<(TableSchema Table, long[] Keys)>();
        Add(table, keys, pending);
        while (pending.TryDequeue(out var item))
        {
            foreach (var (child, column) in _database.ReferencesTo(item.Table.Name))
            {
                var fk = column.ForeignKey!;
                if (fk.OnDelete == OnDelete.DoNothing)
                {
                    continue;
                }

                if (fk.OnDelete == OnDelete.SetNull)
                {
                    _setNull.Add((child, column, item.Keys));
                    continue;
                }

                var childKeys = await ChildKeysAsync(child, column, item.Keys, async, cancellationToken).ConfigureAwait(false);
                if (childKeys.Length == 0)
                {
                    continue;
                }

                switch (fk.OnDelete)
                {
                    case OnDelete.Protect:
                        throw new ProtectedErrorException(
                            $"Cannot delete some instances of '{item.Table.Name}' because they are referenced through protected foreign keys: '{child.Name}.{column.Name}' ({childKeys.Length} rows).");
                    case OnDelete.Restrict:
                        _restricted.Add((child, item.Table, childKeys));
                        break;
                    default:
                        Add(child, childKeys, pending);
                        break;
                }
            }
        }
    }

    private void Add(TableSchema table, long[] keys, Queue<(TableSchema, long[])> pending)
    {
        if (!_delete.TryGetValue(table.Name, out var set))
        {
            _delete[table.Name] = set = [];
            _order.Add(table);
        }

        var fresh = keys.Where(set.Add).ToArray();
        if (fresh.Length > 0)
        {
            pending.Enqueue((table, fresh));
        }
    }

    private async ValueTask<long[]> ChildKeysAsync(TableSchema child, ColumnSchema column, long[] parentKeys, bool async, CancellationToken cancellationToken)
    {
        var keys = new List<long>();
        foreach (var chunk in parentKeys.Chunk(SqlLimits.MaxParameters))
        {
            var sql = new SqlWriter(_database.Dialect);
            sql.Append("SELECT ").AppendName(child.PrimaryKey.Name).Append(" FROM ").AppendName(child.Name).Append(" WHERE ");
            AppendIn(sql, column.Name, chunk);
            keys.AddRange(await _database.ReadAsync(sql, static reader => reader.GetInt64(0), async, cancellationToken).ConfigureAwait(false));
        }

        return [.. keys];
    }

    private static void AppendIn(SqlWriter sql, string column, long[] keys)
    {
        sql.AppendName(column).Append(" IN (");
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.AppendValue(keys[i]);
        }

        sql.Append(')');
    }
}

/// <summary>Bounds shared by every IN list the ORM writes.</summary>
public static class SqlLimits
{
    /// <summary>SQLite's historical bound on host parameters (999); IN lists are batched under it.</summary>
    public const int MaxParameters = 999;

    /// <summary>
    /// Parameters per multi-row INSERT. Binding a named parameter costs a scan of the statement's
    /// parameter names, so very wide statements bind in quadratic time: around 100 per statement
    /// was fastest on this machine (see docs/benchmarks.md).
    /// </summary>
    public const int BulkParameters = 100;
}

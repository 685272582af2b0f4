using System.Data.Common;
using System.Runtime.CompilerServices;
using Reinhardt.Data;

namespace Reinhardt;

// Terminal operations. Each is written once with an `async` flag (Npgsql's pattern): the async
// form awaits the provider's async calls, the sync form calls the sync ones and completes
// synchronously, so the sync wrappers never block on real asynchronous work.
public sealed partial class QuerySet<TModel, TColumns>
{
    /// <summary>Django fetches at most this many rows to report <c>MultipleObjectsReturned</c>.</summary>
    private const int MaxGetResults = 21;

    /// <summary>Runs the query and returns the rows.</summary>
    public Task<List<TModel>> ToListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(BuildSelect(_state.Order, _state.Limit), async: true, cancellationToken).AsTask();

    /// <summary>Runs the query and returns the rows.</summary>
    public List<TModel> ToList() => ReadAsync(BuildSelect(_state.Order, _state.Limit), async: false, default).GetAwaiter().GetResult();

    /// <summary>The number of matching rows (Django's <c>count()</c>).</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) => CountCore(async: true, cancellationToken).AsTask();

    /// <summary>The number of matching rows.</summary>
    public long Count() => CountCore(async: false, default).GetAwaiter().GetResult();

    /// <summary>Whether any row matches (Django's <c>exists()</c>).</summary>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => ExistsCore(async: true, cancellationToken).AsTask();

    /// <summary>Whether any row matches.</summary>
    public bool Exists() => ExistsCore(async: false, default).GetAwaiter().GetResult();

    /// <summary>The first row in the ordering (by primary key when unordered), or null (Django's <c>first()</c>).</summary>
    public async Task<TModel?> FirstOrDefaultAsync(CancellationToken cancellationToken = default) =>
        FirstOf(await ReadAsync(BuildSelect(OrderOrKey(), 1), async: true, cancellationToken).ConfigureAwait(false));

    /// <summary>The first row in the ordering, or null.</summary>
    public TModel? FirstOrDefault() => FirstOf(ReadAsync(BuildSelect(OrderOrKey(), 1), async: false, default).GetAwaiter().GetResult());

    /// <summary>The last row in the ordering (by primary key when unordered), or null (Django's <c>last()</c>).</summary>
    public Task<TModel?> LastOrDefaultAsync(CancellationToken cancellationToken = default) => Reverse().FirstOrDefaultAsync(cancellationToken);

    /// <summary>The last row in the ordering, or null.</summary>
    public TModel? LastOrDefault() => Reverse().FirstOrDefault();

    /// <summary>The first row; throws the model's <c>DoesNotExist</c> when there is none.</summary>
    public async Task<TModel> FirstAsync(CancellationToken cancellationToken = default) =>
        await FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? throw NotFound();

    /// <summary>The first row; throws the model's <c>DoesNotExist</c> when there is none.</summary>
    public TModel First() => FirstOrDefault() ?? throw NotFound();

    /// <summary>
    /// The one row matching (Django's <c>get()</c>): throws the model's <c>DoesNotExist</c> when
    /// none matches and <c>MultipleObjectsReturned</c> when several do.
    /// </summary>
    public async Task<TModel> GetAsync(Func<TColumns, Q>? condition = null, CancellationToken cancellationToken = default) =>
        Single(await ReadAsync(BuildGet(condition), async: true, cancellationToken).ConfigureAwait(false));

    /// <summary>The one row matching; see <see cref="GetAsync"/>.</summary>
    public TModel Get(Func<TColumns, Q>? condition = null) =>
        Single(ReadAsync(BuildGet(condition), async: false, default).GetAwaiter().GetResult());

    /// <summary>Updates every matching row in one statement (Django's <c>update()</c>); returns the number of rows.</summary>
    /// <example><c>await db.Choices.Filter(c => c.Id == id).UpdateAsync(c => c.Votes.Set(c.Votes + 1));</c></example>
    public Task<int> UpdateAsync(Func<TColumns, Assignment> assignment, CancellationToken cancellationToken = default) =>
        UpdateCore([assignment(s_columns)], async: true, cancellationToken).AsTask();

    /// <summary>Updates several columns of every matching row in one statement.</summary>
    public Task<int> UpdateAsync(Func<TColumns, Assignment[]> assignments, CancellationToken cancellationToken = default) =>
        UpdateCore(assignments(s_columns), async: true, cancellationToken).AsTask();

    /// <summary>Updates every matching row in one statement.</summary>
    public int Update(Func<TColumns, Assignment> assignment) => UpdateCore([assignment(s_columns)], async: false, default).GetAwaiter().GetResult();

    /// <summary>Updates several columns of every matching row in one statement.</summary>
    public int Update(Func<TColumns, Assignment[]> assignments) => UpdateCore(assignments(s_columns), async: false, default).GetAwaiter().GetResult();

    /// <summary>Deletes every matching row in one statement; returns the number of rows.</summary>
    public Task<int> DeleteAsync(CancellationToken cancellationToken = default) => DeleteCore(async: true, cancellationToken).AsTask();

    /// <summary>Deletes every matching row in one statement.</summary>
    public int Delete() => DeleteCore(async: false, default).GetAwaiter().GetResult();

    /// <summary>Streams the rows one by one (the query runs when enumeration starts).</summary>
    public async IAsyncEnumerator<TModel> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_state.Prefetch.Length > 0)
        {
            // prefetching needs the whole result: read it, then stream it
            foreach (var row in await ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }

            yield break;
        }

        var sql = BuildSelect(_state.Order, _state.Limit);
        await using var lease = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.CreateCommand(lease, sql.ToString(), sql.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadRow(reader);
        }
    }

    private OrderTerm[] OrderOrKey() => _state.Order.Length > 0 ? _state.Order : [s_primaryKey.Ascending()];

    private SqlWriter BuildGet(Func<TColumns, Q>? condition)
    {
        var query = condition is null ? this : Filter(condition);
        return query.BuildSelect(query._state.Order, query._state.Limit is long limit ? Math.Min(limit, MaxGetResults) : MaxGetResults);
    }

    private static TModel? FirstOf(List<TModel> rows) => rows.Count > 0 ? rows[0] : null;

    private static TModel Single(List<TModel> rows) => rows.Count switch
    {
        1 => rows[0],
        0 => throw NotFound(),
        _ => throw TModel.MultipleObjectsReturned(
            $"get() returned more than one {typeof(TModel).Name} -- it returned {(rows.Count >= MaxGetResults ? "more than " + (MaxGetResults - 1) : rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}!"),
    };

    private static ObjectDoesNotExistException NotFound() => TModel.DoesNotExist($"{typeof(TModel).Name} matching query does not exist.");

    private static readonly Func<System.Data.Common.DbDataReader, TModel> s_readModel = static reader => TModel.ReadRow(reader, 0);

    private async ValueTask<List<TModel>> ReadAsync(SqlWriter sql, bool async, CancellationToken cancellationToken)
    {
        List<TModel> rows;
        if (_state.SelectRelated.Length == 0)
        {
            // the common case reads through a cached delegate and attaches afterwards: no closure per query
            rows = await _database.ReadAsync(sql, s_readModel, async, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                TModel.Attach(row, _database);
            }
        }
        else
        {
            rows = await _database.ReadAsync(sql, ReadRow, async, cancellationToken).ConfigureAwait(false);
        }

        foreach (var prefetch in _state.Prefetch)
        {
            await prefetch.PrefetchAsync(_database, rows, async, cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    /// <summary>Reads the model and any select-related rows that follow it in the same row.</summary>
    private TModel ReadRow(System.Data.Common.DbDataReader reader)
    {
        var model = TModel.ReadRow(reader, 0);
        TModel.Attach(model, _database);
        var related = _state.SelectRelated;
        if (related.Length == 0)
        {
            return model;
        }

        var loaded = new object?[related.Length];
        var offset = TModel.Schema.Columns.Count;
        for (var i = 0; i < related.Length; i++)
        {
            var relation = related[i].Relation!;
            var parentIndex = Array.IndexOf(related, related[i].Parent);
            var owner = parentIndex < 0 ? model : loaded[parentIndex];
            var value = owner is null || reader.IsDBNull(offset) ? null : relation.Read(reader, offset);
            if (value is not null)
            {
                relation.AttachDatabase(value, _database);
            }

            if (owner is not null)
            {
                relation.Attach(owner, value);
            }

            loaded[i] = value;
            offset += relation.Target.Columns.Count;
        }

        return model;
    }

    private async ValueTask<long> CountCore(bool async, CancellationToken cancellationToken)
    {
        var sql = new SqlWriter(_database.Dialect);
        if (_state.Limit is null && _state.Offset is null && !_state.Distinct)
        {
            sql.Append("SELECT COUNT(*) FROM ").AppendName(TModel.Schema.Name);
            var joinsAt = sql.Length;
            WriteWhere(sql);
            sql.InsertJoins(joinsAt);
        }
        else
        {
            var inner = BuildSelect(_state.Order, _state.Limit);
            sql.Append("SELECT COUNT(*) FROM (").Append(inner.ToString()).Append(") subquery");
            foreach (var value in inner.Parameters)
            {
                sql.AddParameter(value);
            }
        }

        return Convert.ToInt64(await _database.ScalarAsync(sql, async, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async ValueTask<bool> ExistsCore(bool async, CancellationToken cancellationToken)
    {
        var sql = new SqlWriter(_database.Dialect);
        sql.Append("SELECT 1 FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        sql.Dialect.AppendLimitOffset(sql, 1, _state.Offset);
        sql.InsertJoins(joinsAt);
        return await _database.ScalarAsync(sql, async, cancellationToken).ConfigureAwait(false) is not null and not DBNull;
    }

    private async ValueTask<int> UpdateCore(Assignment[] assignments, bool async, CancellationToken cancellationToken)
    {
        if (assignments.Length == 0)
        {
            return 0;
        }

        var sql = new SqlWriter(_database.Dialect);
        sql.Append("UPDATE ").AppendName(TModel.Schema.Name).Append(" SET ");
        for (var i = 0; i < assignments.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            if (!ReferenceEquals(assignments[i].Column.Table, s_columns.Table))
            {
                throw new InvalidOperationException($"update() can only set columns of {TModel.Schema.Name}, not '{assignments[i].Column.Name}' of a related table.");
            }

            sql.AppendName(assignments[i].Column.Name).Append(" = ");
            assignments[i].Value.WriteTo(sql);
        }

        if (sql.Joins.Count > 0)
        {
            throw new InvalidOperationException("update() values cannot refer to columns of related tables (Django raises FieldError here too).");
        }

        WriteWriteFilter(sql);
        return await _database.NonQueryAsync(sql, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the matching rows with Django's on-delete rules: when other models reference this
    /// one, the keys are collected first and the delete cascades (or is refused) in one transaction.
    /// </summary>
    private async ValueTask<int> DeleteCore(bool async, CancellationToken cancellationToken)
    {
        var sql = new SqlWriter(_database.Dialect);
        if (_database.ReferencesTo(TModel.Schema.Name).Count == 0)
        {
            sql.Append("DELETE FROM ").AppendName(TModel.Schema.Name);
            WriteWriteFilter(sql);
            return await _database.NonQueryAsync(sql, async, cancellationToken).ConfigureAwait(false);
        }

        sql.Append("SELECT ").AppendColumn(s_columns.Table, TModel.Schema.PrimaryKey.Name).Append(" FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        WriteOrderBy(sql, _state.Order);
        sql.Dialect.AppendLimitOffset(sql, _state.Limit, _state.Offset);
        sql.InsertJoins(joinsAt);
        var keys = await _database.ReadAsync(sql, static reader => reader.GetInt64(0), async, cancellationToken).ConfigureAwait(false);
        return await _database.DeleteByKeysAsync(TModel.Schema, keys, async, cancellationToken).ConfigureAwait(false);
    }
}

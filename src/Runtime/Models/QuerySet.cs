using Reinhardt.Data;

namespace Reinhardt;

/// <summary>
/// A lazy, immutable query over one model, with Django's vocabulary: every operation returns a new
/// query set; nothing runs until a terminal operation (<c>ToListAsync</c>, <c>CountAsync</c>,
/// <c>GetAsync</c>, enumeration...). Conditions are typed expressions over the model's generated
/// columns, so there is nothing that can fail to translate.
/// </summary>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TColumns">The model's generated columns.</typeparam>
public sealed partial class QuerySet<TModel, TColumns> : IAsyncEnumerable<TModel>
    where TModel : class, IModel<TModel>
    where TColumns : class, IColumnSet<TColumns>
{
    private static readonly TColumns s_columns = TColumns.Create(TableRef.Root(TModel.Schema.Name));
    private static readonly Column<long> s_primaryKey = new(s_columns.Table, TModel.Schema.PrimaryKey.Name);

    private readonly Database _database;
    private readonly QueryState _state;

    /// <summary>All rows of the model's table.</summary>
    public QuerySet(Database database)
        : this(database, QueryState.Empty)
    {
    }

    private QuerySet(Database database, QueryState state)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _state = state;
    }

    /// <summary>The model's columns, as used in conditions and orderings.</summary>
    public static TColumns Columns => s_columns;

    /// <summary>The database this query set reads.</summary>
    public Database Database => _database;

    /// <summary>This query set (Django's <c>all()</c>).</summary>
    public QuerySet<TModel, TColumns> All() => this;

    /// <summary>Rows matching the condition, and any earlier ones (Django's <c>filter</c>).</summary>
    public QuerySet<TModel, TColumns> Filter(Func<TColumns, Q> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Where(condition(s_columns));
    }

    /// <summary>Rows not matching the condition (Django's <c>exclude</c>, with its NULL semantics).</summary>
    public QuerySet<TModel, TColumns> Exclude(Func<TColumns, Q> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Where(!condition(s_columns));
    }

    /// <summary>Rows matching a condition built elsewhere.</summary>
    public QuerySet<TModel, TColumns> Where(Q condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        EnsureNotSliced("filter");
        return With(_state with { Where = _state.Where is null ? condition : _state.Where & condition });
    }

    /// <summary>Replaces the ordering (Django's <c>order_by</c>).</summary>
    public QuerySet<TModel, TColumns> OrderBy(params Func<TColumns, OrderTerm>[] terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        EnsureNotSliced("order");
        return With(_state with { Order = Array.ConvertAll(terms, t => t(s_columns)) });
    }

    /// <summary>Adds an ordering term after the current ones.</summary>
    public QuerySet<TModel, TColumns> ThenBy(Func<TColumns, OrderTerm> term)
    {
        ArgumentNullException.ThrowIfNull(term);
        EnsureNotSliced("order");
        return With(_state with { Order = [.. _state.Order, term(s_columns)] });
    }

    /// <summary>The reverse ordering (Django's <c>reverse()</c>); unordered sets reverse the primary key order.</summary>
    public QuerySet<TModel, TColumns> Reverse()
    {
        EnsureNotSliced("reverse");
        return With(_state with { Order = _state.Order.Length == 0 ? [s_primaryKey.Descending()] : Array.ConvertAll(_state.Order, t => t.Reverse()) });
    }

    /// <summary>Distinct rows (Django's <c>distinct()</c>).</summary>
    public QuerySet<TModel, TColumns> Distinct() => With(_state with { Distinct = true });

    /// <summary>At most <paramref name="count"/> rows (Django's <c>[:count]</c>); applied to a slice, it narrows it.</summary>
    public QuerySet<TModel, TColumns> Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(_state with { Limit = _state.Limit is long limit ? Math.Min(limit, count) : count });
    }

    /// <summary>Skips <paramref name="count"/> rows (Django's <c>[count:]</c>); applied to a slice, it narrows it.</summary>
    public QuerySet<TModel, TColumns> Skip(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(_state with { Limit = _state.Limit is long limit ? Math.Max(0, limit - count) : null, Offset = (_state.Offset ?? 0) + count });
    }

    /// <summary>
    /// Reads the related rows of foreign keys in the same query with a JOIN (Django's
    /// <c>select_related</c>): <c>db.Choices.SelectRelated(c =&gt; c.Question)</c>. Paths may go
    /// several keys deep; the intermediate rows are loaded too.
    /// </summary>
    public QuerySet<TModel, TColumns> SelectRelated(params Func<TColumns, IColumnSet>[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var selected = new List<TableRef>(_state.SelectRelated);
        foreach (var path in paths)
        {
            var chain = new Stack<TableRef>();
            for (var table = path(s_columns).Table; table.Parent is not null; table = table.Parent)
            {
                if (table.Relation is null)
                {
                    throw new InvalidOperationException($"'{table.TableName}' is not reached through a forward relation that SelectRelated can load.");
                }

                chain.Push(table);
            }

            foreach (var table in chain)
            {
                if (!selected.Contains(table))
                {
                    selected.Add(table);
                }
            }
        }

        return With(_state with { SelectRelated = [.. selected] });
    }

    /// <summary>
    /// Loads the rows of reverse relations for every result in one extra query per relation
    /// (Django's <c>prefetch_related</c>): <c>db.Questions.PrefetchRelated(q =&gt; q.Choices)</c>.
    /// </summary>
    public QuerySet<TModel, TColumns> PrefetchRelated(params Func<TColumns, IPrefetch<TModel>>[] relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        return With(_state with { Prefetch = [.. _state.Prefetch, .. relations.Select(r => r(s_columns))] });
    }

    private QuerySet<TModel, TColumns> With(QueryState state) => new(_database, state);

    private void EnsureNotSliced(string operation)
    {
        if (_state.Limit is not null || _state.Offset is not null)
        {
            throw new InvalidOperationException($"Cannot {operation} a query once a slice has been taken.");
        }
    }

    /// <summary>The SELECT this query set runs, for logging and tests.</summary>
    public (string Sql, IReadOnlyList<object?> Parameters) ToSql()
    {
        var sql = BuildSelect(_state.Order, _state.Limit);
        return (sql.ToString(), sql.Parameters);
    }

    private SqlWriter BuildSelect(OrderTerm[] order, long? limit)
    {
        var sql = new SqlWriter(_database.Dialect);
        sql.Append(_state.Distinct ? "SELECT DISTINCT " : "SELECT ").Append(ColumnList(sql.Dialect));
        foreach (var related in _state.SelectRelated)
        {
            AppendColumns(sql, related, related.Relation!.Target, first: false);
        }

        sql.Append(" FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        WriteOrderBy(sql, order);
        sql.Dialect.AppendLimitOffset(sql, limit, _state.Offset);
        sql.InsertJoins(joinsAt);
        return sql;
    }

    private static (SqlDialect Dialect, string Sql)? s_columnList;

    /// <summary>The model's qualified column list, written once per dialect.</summary>
    private static string ColumnList(SqlDialect dialect)
    {
        if (s_columnList is { } cached && ReferenceEquals(cached.Dialect, dialect))
        {
            return cached.Sql;
        }

        var sql = new SqlWriter(dialect);
        AppendColumns(sql, s_columns.Table, TModel.Schema, first: true);
        s_columnList = (dialect, sql.ToString());
        return s_columnList.Value.Sql;
    }

    private static void AppendColumns(SqlWriter sql, TableRef table, TableSchema schema, bool first)
    {
        foreach (var column in schema.Columns)
        {
            if (!first)
            {
                sql.Append(", ");
            }

            first = false;
            sql.AppendColumn(table, column.Name);
        }
    }

    private void WriteWhere(SqlWriter sql)
    {
        if (_state.Where is not null)
        {
            sql.Append(" WHERE ");
            _state.Where.WriteTo(sql);
        }
    }

    private static void WriteOrderBy(SqlWriter sql, OrderTerm[] order)
    {
        if (order.Length == 0)
        {
            return;
        }

        sql.Append(" ORDER BY ");
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            order[i].WriteTo(sql);
        }
    }

    /// <summary>
    /// The WHERE of an UPDATE. Conditions across joins, slices and DISTINCT become
    /// <c>pk IN (SELECT pk ...)</c>, which every database accepts.
    /// </summary>
    private void WriteWriteFilter(SqlWriter sql)
    {
        if (_state.Limit is null && _state.Offset is null && !_state.Distinct)
        {
            // the common case writes the WHERE once; only a condition that joined takes it back
            var mark = sql.Mark();
            WriteWhere(sql);
            if (sql.Joins.Count == 0)
            {
                return;
            }

            sql.Rewind(mark);
        }

        var key = TModel.Schema.PrimaryKey.Name;
        sql.Append(" WHERE ").AppendColumn(s_columns.Table, key)
            .Append(" IN (SELECT ").AppendColumn(s_columns.Table, key)
            .Append(" FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        WriteOrderBy(sql, _state.Order);
        sql.Dialect.AppendLimitOffset(sql, _state.Limit, _state.Offset);
        sql.InsertJoins(joinsAt);
        sql.Append(')');
    }

    /// <summary>Everything a query set is made of; immutable, changed with <c>with</c>.</summary>
    private sealed record QueryState(
        Q? Where,
        OrderTerm[] Order,
        long? Limit,
        long? Offset,
        bool Distinct,
        TableRef[] SelectRelated,
        IPrefetch<TModel>[] Prefetch)
    {
        public static readonly QueryState Empty = new(null, [], null, null, false, [], []);
    }
}

using System.Data.Common;
using Reinhardt.Data;

namespace Reinhardt;

// Projections (Django's values()/values_list()), annotations, aggregates and grouping.
public sealed partial class QuerySet<TModel, TColumns>
{
    /// <summary>
    /// One value per row (Django's <c>values_list(flat=True)</c>). A projection that mixes
    /// aggregates with other expressions groups by the others, like <c>values(...).annotate(...)</c>.
    /// </summary>
    public ValuesQuery<TModel, TColumns, T1> Values<T1>(Func<TColumns, Expr<T1>> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        return new(this, [select(s_columns)], static r => DbValue.Read<T1>(r, 0));
    }

    /// <summary>Tuples of two values per row (Django's <c>values_list</c>); see <see cref="Values{T1}"/> for grouping.</summary>
    public ValuesQuery<TModel, TColumns, (T1, T2)> Values<T1, T2>(Func<TColumns, (Expr<T1>, Expr<T2>)> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        var (a, b) = select(s_columns);
        return new(this, [a, b], static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1)));
    }

    /// <summary>Tuples of three values per row.</summary>
    public ValuesQuery<TModel, TColumns, (T1, T2, T3)> Values<T1, T2, T3>(Func<TColumns, (Expr<T1>, Expr<T2>, Expr<T3>)> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        var (a, b, c) = select(s_columns);
        return new(this, [a, b, c], static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1), DbValue.Read<T3>(r, 2)));
    }

    /// <summary>Tuples of four values per row.</summary>
    public ValuesQuery<TModel, TColumns, (T1, T2, T3, T4)> Values<T1, T2, T3, T4>(Func<TColumns, (Expr<T1>, Expr<T2>, Expr<T3>, Expr<T4>)> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        var (a, b, c, d) = select(s_columns);
        return new(this, [a, b, c, d], static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1), DbValue.Read<T3>(r, 2), DbValue.Read<T4>(r, 3)));
    }

    /// <summary>
    /// Each model with a computed value (Django's <c>annotate()</c>): an expression, a window
    /// function, or an aggregate (which groups by the model's columns).
    /// </summary>
    public ValuesQuery<TModel, TColumns, (TModel Model, T1 Value)> Annotate<T1>(Func<TColumns, Expr<T1>> annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var columns = TModel.Schema.Columns;
        var selects = columns.Select(c => (SqlExpression)new Column<object>(s_columns.Table, c.Name)).Append(annotation(s_columns)).ToArray();
        var at = columns.Count;
        return new(this, selects, r => (ReadModel(r), DbValue.Read<T1>(r, at)));
    }

    /// <summary>Each model with two computed values.</summary>
    public ValuesQuery<TModel, TColumns, (TModel Model, T1 First, T2 Second)> Annotate<T1, T2>(Func<TColumns, (Expr<T1>, Expr<T2>)> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var columns = TModel.Schema.Columns;
        var (a, b) = annotations(s_columns);
        var selects = columns.Select(c => (SqlExpression)new Column<object>(s_columns.Table, c.Name)).Append(a).Append(b).ToArray();
        var at = columns.Count;
        return new(this, selects, r => (ReadModel(r), DbValue.Read<T1>(r, at), DbValue.Read<T2>(r, at + 1)));
    }

    /// <summary>An aggregate over the whole query (Django's <c>aggregate()</c>): <c>AggregateAsync(c =&gt; c.Votes.Sum())</c>.</summary>
    public async Task<T1> AggregateAsync<T1>(Func<TColumns, Expr<T1>> aggregate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var rows = await _database.ReadAsync(BuildAggregate([aggregate(s_columns)]), static r => DbValue.Read<T1>(r, 0), async: true, cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <summary>Two aggregates over the whole query, in one statement.</summary>
    public async Task<(T1, T2)> AggregateAsync<T1, T2>(Func<TColumns, (Expr<T1>, Expr<T2>)> aggregates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var (a, b) = aggregates(s_columns);
        var rows = await _database.ReadAsync(BuildAggregate([a, b]), static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1)), async: true, cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <summary>Three aggregates over the whole query, in one statement.</summary>
    public async Task<(T1, T2, T3)> AggregateAsync<T1, T2, T3>(Func<TColumns, (Expr<T1>, Expr<T2>, Expr<T3>)> aggregates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var (a, b, c) = aggregates(s_columns);
        var rows = await _database.ReadAsync(BuildAggregate([a, b, c]), static r => (DbValue.Read<T1>(r, 0), DbValue.Read<T2>(r, 1), DbValue.Read<T3>(r, 2)), async: true, cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <summary>The model alone (annotated rows carry values, not select-related rows, after its columns).</summary>
    private TModel ReadModel(DbDataReader reader)
    {
        var model = TModel.ReadRow(reader, 0);
        TModel.Attach(model, _database);
        return model;
    }

    private SqlWriter BuildAggregate(SqlExpression[] aggregates)
    {
        if (_state.Limit is not null || _state.Offset is not null || _state.Distinct)
        {
            throw new NotSupportedException("Aggregate over a query without a slice or Distinct(); use Values(...) for per-group results.");
        }

        return BuildProjection(aggregates, having: null, order: [], limit: null, offset: null);
    }

    /// <summary>
    /// SELECT of arbitrary expressions with this query's joins, WHERE and DISTINCT; GROUP BY the
    /// non-aggregate expressions when any expression aggregates.
    /// </summary>
    internal SqlWriter BuildProjection(SqlExpression[] selects, Q? having, OrderTerm[] order, long? limit, long? offset)
    {
        var sql = new SqlWriter(_database.Dialect);
        sql.Append(_state.Distinct ? "SELECT DISTINCT " : "SELECT ");
        for (var i = 0; i < selects.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            selects[i].WriteTo(sql);
        }

        sql.Append(" FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        if (selects.Any(s => s.IsAggregate))
        {
            var groups = selects.Where(s => !s.IsAggregate).ToArray();
            if (groups.Length > 0)
            {
                sql.Append(" GROUP BY ");
                for (var i = 0; i < groups.Length; i++)
                {
                    if (i > 0)
                    {
                        sql.Append(", ");
                    }

                    groups[i].WriteTo(sql);
                }
            }
        }

        if (having is not null)
        {
            sql.Append(" HAVING ");
            having.WriteTo(sql);
        }

        WriteOrderBy(sql, order);
        sql.Dialect.AppendLimitOffset(sql, limit, offset);
        sql.InsertJoins(joinsAt);
        return sql;
    }

    internal Database DatabaseOf => _database;

    internal OrderTerm[] Ordering => _state.Order;

    internal long? Limit => _state.Limit;

    internal long? Offset => _state.Offset;
}

/// <summary>
/// A query of projected values (Django's <c>values()</c>/<c>values_list()</c> and
/// <c>annotate()</c>): lazy and immutable like a query set.
/// </summary>
public sealed class ValuesQuery<TModel, TColumns, TResult>
    where TModel : class, IModel<TModel>
    where TColumns : class, IColumnSet<TColumns>
{
    private readonly QuerySet<TModel, TColumns> _source;
    private readonly SqlExpression[] _selects;
    private readonly Func<DbDataReader, TResult> _read;
    private readonly Q? _having;
    private readonly OrderTerm[]? _order;
    private readonly long? _limit;
    private readonly long? _offset;

    internal ValuesQuery(QuerySet<TModel, TColumns> source, SqlExpression[] selects, Func<DbDataReader, TResult> read)
        : this(source, selects, read, null, null, source.Limit, source.Offset)
    {
    }

    private ValuesQuery(QuerySet<TModel, TColumns> source, SqlExpression[] selects, Func<DbDataReader, TResult> read, Q? having, OrderTerm[]? order, long? limit, long? offset)
    {
        _source = source;
        _selects = selects;
        _read = read;
        _having = having;
        _order = order;
        _limit = limit;
        _offset = offset;
    }

    /// <summary>Keeps only the groups matching a condition on aggregates (SQL <c>HAVING</c>).</summary>
    public ValuesQuery<TModel, TColumns, TResult> Having(Func<TColumns, Q> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var q = condition(QuerySet<TModel, TColumns>.Columns);
        return new(_source, _selects, _read, _having is null ? q : _having & q, _order, _limit, _offset);
    }

    /// <summary>Orders the results (aggregates and window functions allowed), replacing the query set's order.</summary>
    public ValuesQuery<TModel, TColumns, TResult> OrderBy(params Func<TColumns, OrderTerm>[] terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new(_source, _selects, _read, _having, Array.ConvertAll(terms, t => t(QuerySet<TModel, TColumns>.Columns)), _limit, _offset);
    }

    /// <summary>At most <paramref name="count"/> results.</summary>
    public ValuesQuery<TModel, TColumns, TResult> Take(long count) =>
        new(_source, _selects, _read, _having, _order, _limit is long limit ? Math.Min(limit, count) : count, _offset);

    /// <summary>Skips <paramref name="count"/> results.</summary>
    public ValuesQuery<TModel, TColumns, TResult> Skip(long count) =>
        new(_source, _selects, _read, _having, _order, _limit is long limit ? Math.Max(0, limit - count) : null, (_offset ?? 0) + count);

    /// <summary>The SELECT this query runs.</summary>
    public (string Sql, IReadOnlyList<object?> Parameters) ToSql()
    {
        var sql = Build();
        return (sql.ToString(), sql.Parameters);
    }

    /// <summary>Runs the query.</summary>
    public Task<List<TResult>> ToListAsync(CancellationToken cancellationToken = default) =>
        _source.DatabaseOf.ReadAsync(Build(), _read, async: true, cancellationToken).AsTask();

    /// <summary>Runs the query and maps each row, e.g. into a record: <c>.ToListAsync(t =&gt; new Summary(t.Item1, t.Item2))</c>.</summary>
    public async Task<List<TOut>> ToListAsync<TOut>(Func<TResult, TOut> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return (await ToListAsync(cancellationToken).ConfigureAwait(false)).ConvertAll(row => map(row));
    }

    /// <summary>The first result, or the default.</summary>
    public async Task<TResult?> FirstOrDefaultAsync(CancellationToken cancellationToken = default)
    {
        var rows = await Take(1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : default;
    }

    private SqlWriter Build() => _source.BuildProjection(_selects, _having, _order ?? _source.Ordering, _limit, _offset);
}

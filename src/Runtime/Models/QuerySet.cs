using System.Data.Common;
using System.Runtime.CompilerServices;
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
    /// <summary>Django fetches at most this many rows to report <c>MultipleObjectsReturned</c>.</summary>
    private const int MaxGetResults = 21;

    private static readonly TColumns s_columns = TColumns.Create(TableRef.Root(TModel.Schema.Name));
    private static readonly Column<long> s_primaryKey = new(s_columns.Table, TModel.Schema.Columns[0].Name);

    private readonly Database _database;
    private readonly Q? _where;
    private readonly OrderTerm[] _order;
    private readonly long? _limit;
    private readonly long? _offset;
    private readonly bool _distinct;

    /// <summary>All rows of the model's table.</summary>
    public QuerySet(Database database)
        : this(database, null, [], null, null, false)
    {
    }

    private QuerySet(Database database, Q? where, OrderTerm[] order, long? limit, long? offset, bool distinct)
    {
        _database = database;
        _where = where;
        _order = order;
        _limit = limit;
        _offset = offset;
        _distinct = distinct;
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
        EnsureNotSliced("filter");
        return new(_database, _where is null ? condition : _where & condition, _order, _limit, _offset, _distinct);
    }

    /// <summary>Replaces the ordering (Django's <c>order_by</c>).</summary>
    public QuerySet<TModel, TColumns> OrderBy(params Func<TColumns, OrderTerm>[] terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        EnsureNotSliced("order");
        return new(_database, _where, Array.ConvertAll(terms, t => t(s_columns)), _limit, _offset, _distinct);
    }

    /// <summary>Adds an ordering term after the current ones.</summary>
    public QuerySet<TModel, TColumns> ThenBy(Func<TColumns, OrderTerm> term)
    {
        ArgumentNullException.ThrowIfNull(term);
        EnsureNotSliced("order");
        return new(_database, _where, [.. _order, term(s_columns)], _limit, _offset, _distinct);
    }

    /// <summary>The reverse ordering (Django's <c>reverse()</c>); unordered sets reverse the primary key order.</summary>
    public QuerySet<TModel, TColumns> Reverse()
    {
        EnsureNotSliced("reverse");
        var order = _order.Length == 0 ? [s_primaryKey.Descending()] : Array.ConvertAll(_order, t => t.Reverse());
        return new(_database, _where, order, _limit, _offset, _distinct);
    }

    /// <summary>Distinct rows (Django's <c>distinct()</c>).</summary>
    public QuerySet<TModel, TColumns> Distinct() => new(_database, _where, _order, _limit, _offset, true);

    /// <summary>At most <paramref name="count"/> rows (Django's <c>[:count]</c>); applied to a slice, it narrows it.</summary>
    public QuerySet<TModel, TColumns> Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(_database, _where, _order, _limit is long limit ? Math.Min(limit, count) : count, _offset, _distinct);
    }

    /// <summary>Skips <paramref name="count"/> rows (Django's <c>[count:]</c>); applied to a slice, it narrows it.</summary>
    public QuerySet<TModel, TColumns> Skip(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(_database, _where, _order, _limit is long limit ? Math.Max(0, limit - count) : null, (_offset ?? 0) + count, _distinct);
    }

    private void EnsureNotSliced(string operation)
    {
        if (_limit is not null || _offset is not null)
        {
            throw new InvalidOperationException($"Cannot {operation} a query once a slice has been taken.");
        }
    }

    /// <summary>The SELECT this query set runs, for logging and tests.</summary>
    public (string Sql, IReadOnlyList<object?> Parameters) ToSql()
    {
        var sql = BuildSelect(_order, _limit);
        return (sql.ToString(), sql.Parameters);
    }

    private SqlWriter BuildSelect(OrderTerm[] order, long? limit)
    {
        var sql = new SqlWriter(_database.Dialect);
        sql.Append(_distinct ? "SELECT DISTINCT " : "SELECT ");
        var columns = TModel.Schema.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.AppendColumn(s_columns.Table, columns[i].Name);
        }

        sql.Append(" FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        WriteOrderBy(sql, order);
        sql.Dialect.AppendLimitOffset(sql, limit, _offset);
        sql.Insert(joinsAt, sql.JoinClauses());
        return sql;
    }

    private void WriteWhere(SqlWriter sql)
    {
        if (_where is not null)
        {
            sql.Append(" WHERE ");
            _where.WriteTo(sql);
        }
    }

    /// <summary>
    /// The WHERE of an UPDATE or DELETE. Conditions across joins, slices and DISTINCT become
    /// <c>pk IN (SELECT pk ...)</c>, which every database accepts.
    /// </summary>
    private void WriteWriteFilter(SqlWriter sql)
    {
        var probe = new SqlWriter(_database.Dialect);
        _where?.WriteTo(probe);
        if (probe.Joins.Count == 0 && _limit is null && _offset is null && !_distinct)
        {
            WriteWhere(sql);
            return;
        }

        var key = TModel.Schema.Columns[0].Name;
        sql.Append(" WHERE ").AppendColumn(s_columns.Table, key)
            .Append(" IN (SELECT ").AppendColumn(s_columns.Table, key)
            .Append(" FROM ").AppendName(TModel.Schema.Name);
        var joinsAt = sql.Length;
        WriteWhere(sql);
        WriteOrderBy(sql, _order);
        sql.Dialect.AppendLimitOffset(sql, _limit, _offset);
        sql.Insert(joinsAt, sql.JoinClauses());
        sql.Append(')');
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
}

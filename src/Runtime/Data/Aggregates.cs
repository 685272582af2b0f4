namespace Reinhardt.Data;

/// <summary>
/// Django's aggregates (<c>Sum</c>, <c>Avg</c>, <c>Min</c>, <c>Max</c>, <c>Count</c>) as expressions.
/// In <c>Values</c> projections they group by the other projected columns, like
/// <c>values(...).annotate(...)</c>; in <c>AggregateAsync</c> they summarize the whole query.
/// Over an empty set they are NULL (Django's <c>None</c>), except <c>Count</c>, which is 0.
/// </summary>
public static class Aggregates
{
    /// <summary><c>COUNT(*)</c>.</summary>
    public static Expr<long> Count() => new AggregateExpr<long>("COUNT", null, distinct: false);

    /// <summary><c>COUNT(expr)</c>: the non-NULL values, or the distinct ones.</summary>
    public static Expr<long> Count<T>(this Expr<T> operand, bool distinct = false) => new AggregateExpr<long>("COUNT", operand, distinct);

    /// <summary><c>SUM</c> of integers.</summary>
    public static Expr<long?> Sum(this Expr<int> operand) => new AggregateExpr<long?>("SUM", operand, false);

    /// <summary><c>SUM</c> of integers.</summary>
    public static Expr<long?> Sum(this Expr<int?> operand) => new AggregateExpr<long?>("SUM", operand, false);

    /// <summary><c>SUM</c> of integers.</summary>
    public static Expr<long?> Sum(this Expr<long> operand) => new AggregateExpr<long?>("SUM", operand, false);

    /// <summary><c>SUM</c> of integers.</summary>
    public static Expr<long?> Sum(this Expr<long?> operand) => new AggregateExpr<long?>("SUM", operand, false);

    /// <summary><c>SUM</c> of floating-point values.</summary>
    public static Expr<double?> Sum(this Expr<double> operand) => new AggregateExpr<double?>("SUM", operand, false);

    /// <summary><c>SUM</c> of decimals.</summary>
    public static Expr<decimal?> Sum(this Expr<decimal> operand) => new AggregateExpr<decimal?>("SUM", operand, false);

    /// <summary><c>AVG</c>.</summary>
    public static Expr<double?> Avg(this Expr<int> operand) => new AggregateExpr<double?>("AVG", operand, false);

    /// <summary><c>AVG</c>.</summary>
    public static Expr<double?> Avg(this Expr<int?> operand) => new AggregateExpr<double?>("AVG", operand, false);

    /// <summary><c>AVG</c>.</summary>
    public static Expr<double?> Avg(this Expr<long> operand) => new AggregateExpr<double?>("AVG", operand, false);

    /// <summary><c>AVG</c>.</summary>
    public static Expr<double?> Avg(this Expr<double> operand) => new AggregateExpr<double?>("AVG", operand, false);

    /// <summary><c>MIN</c> of values.</summary>
    public static Expr<T?> Min<T>(this Expr<T> operand)
        where T : struct => new AggregateExpr<T?>("MIN", operand, false);

    /// <summary><c>MAX</c> of values.</summary>
    public static Expr<T?> Max<T>(this Expr<T> operand)
        where T : struct => new AggregateExpr<T?>("MAX", operand, false);

    /// <summary><c>MIN</c> of strings.</summary>
    public static Expr<string?> Min(this Expr<string> operand) => new AggregateExpr<string?>("MIN", operand, false);

    /// <summary><c>MAX</c> of strings.</summary>
    public static Expr<string?> Max(this Expr<string> operand) => new AggregateExpr<string?>("MAX", operand, false);

    /// <summary>This aggregate over a window (<c>SUM(votes) OVER (PARTITION BY ... ORDER BY ...)</c>).</summary>
    public static Expr<T> Over<T>(this Expr<T> aggregate, SqlExpression[]? partitionBy = null, OrderTerm[]? orderBy = null) =>
        aggregate is AggregateExpr<T> { IsAggregate: true }
            ? new WindowExpr<T>(aggregate, partitionBy ?? [], orderBy ?? [])
            : throw new ArgumentException("Only an aggregate (Sum, Avg, Min, Max, Count) can be computed over a window.", nameof(aggregate));
}

/// <summary>Django's window functions (<c>RowNumber</c>, <c>Rank</c>, <c>DenseRank</c>, <c>Lag</c>, <c>Lead</c>).</summary>
public static class Window
{
    /// <summary><c>ROW_NUMBER() OVER (...)</c>: 1, 2, 3... in the window order.</summary>
    public static Expr<long> RowNumber(OrderTerm[] orderBy, SqlExpression[]? partitionBy = null) =>
        new WindowExpr<long>(new FunctionExpr<long>("ROW_NUMBER", []), partitionBy ?? [], orderBy);

    /// <summary><c>RANK() OVER (...)</c>: ties share a rank, with gaps after them.</summary>
    public static Expr<long> Rank(OrderTerm[] orderBy, SqlExpression[]? partitionBy = null) =>
        new WindowExpr<long>(new FunctionExpr<long>("RANK", []), partitionBy ?? [], orderBy);

    /// <summary><c>DENSE_RANK() OVER (...)</c>: ties share a rank, without gaps.</summary>
    public static Expr<long> DenseRank(OrderTerm[] orderBy, SqlExpression[]? partitionBy = null) =>
        new WindowExpr<long>(new FunctionExpr<long>("DENSE_RANK", []), partitionBy ?? [], orderBy);

    /// <summary><c>LAG(expr, offset, default) OVER (...)</c>: the value <paramref name="offset"/> rows before; NULL (or the default) before the first.</summary>
    public static Expr<T?> Lag<T>(Expr<T> expression, OrderTerm[] orderBy, SqlExpression[]? partitionBy = null, int offset = 1)
        where T : struct => Shifted<T?>("LAG", expression, orderBy, partitionBy, offset);

    /// <summary><c>LAG</c> of a string; NULL before the first row.</summary>
    public static Expr<string?> Lag(Expr<string> expression, OrderTerm[] orderBy, SqlExpression[]? partitionBy = null, int offset = 1) =>
        Shifted<string?>("LAG", expression, orderBy, partitionBy, offset);

    /// <summary><c>LEAD</c> of a string; NULL after the last row.</summary>
    public static Expr<string?> Lead(Expr<string> expression, OrderTerm[] orderBy, SqlExpression[]? partitionBy = null, int offset = 1) =>
        Shifted<string?>("LEAD", expression, orderBy, partitionBy, offset);

    private static Expr<T> Shifted<T>(string function, SqlExpression expression, OrderTerm[] orderBy, SqlExpression[]? partitionBy, int offset) =>
        new WindowExpr<T>(new FunctionExpr<T>(function, [expression, new ValueExpr<int>(offset)]), partitionBy ?? [], orderBy);

    /// <summary><c>LEAD(expr, offset) OVER (...)</c>: the value <paramref name="offset"/> rows after; NULL after the last.</summary>
    public static Expr<T?> Lead<T>(Expr<T> expression, OrderTerm[] orderBy, SqlExpression[]? partitionBy = null, int offset = 1)
        where T : struct => Shifted<T?>("LEAD", expression, orderBy, partitionBy, offset);
}

#pragma warning disable CS0660, CS0661 // == builds conditions on expressions; reference equality stays
internal sealed class AggregateExpr<T>(string function, SqlExpression? operand, bool distinct) : Expr<T>
{
    public override bool IsAggregate => true;

    public override bool IsNullable => function != "COUNT";

    public override void WriteTo(SqlWriter sql)
    {
        sql.Append(function).Append('(');
        if (operand is null)
        {
            sql.Append('*');
        }
        else
        {
            if (distinct)
            {
                sql.Append("DISTINCT ");
            }

            operand.WriteTo(sql);
        }

        sql.Append(')');
    }
}

internal sealed class FunctionExpr<T>(string function, SqlExpression[] arguments) : Expr<T>
{
    public override bool IsNullable => true;

    public override void WriteTo(SqlWriter sql)
    {
        sql.Append(function).Append('(');
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            arguments[i].WriteTo(sql);
        }

        sql.Append(')');
    }
}

internal sealed class WindowExpr<T>(SqlExpression function, SqlExpression[] partitionBy, OrderTerm[] orderBy) : Expr<T>
{
    public override bool IsNullable => function.IsNullable;

    public override void WriteTo(SqlWriter sql)
    {
        function.WriteTo(sql);
        sql.Append(" OVER (");
        if (partitionBy.Length > 0)
        {
            sql.Append("PARTITION BY ");
            for (var i = 0; i < partitionBy.Length; i++)
            {
                if (i > 0)
                {
                    sql.Append(", ");
                }

                partitionBy[i].WriteTo(sql);
            }
        }

        if (orderBy.Length > 0)
        {
            sql.Append(partitionBy.Length > 0 ? " ORDER BY " : "ORDER BY ");
            for (var i = 0; i < orderBy.Length; i++)
            {
                if (i > 0)
                {
                    sql.Append(", ");
                }

                orderBy[i].WriteTo(sql);
            }
        }

        sql.Append(')');
    }
}
#pragma warning restore CS0660, CS0661

using System.Diagnostics.CodeAnalysis;

namespace Reinhardt.Data;

/// <summary>
/// A node of a query expression: a column, a value, arithmetic, a function or a condition.
/// Queries are built from these typed nodes, never from strings, so there is nothing to translate
/// at run time and nothing to inject.
/// </summary>
public abstract class SqlExpression
{
    /// <summary>Writes the SQL of this node.</summary>
    public abstract void WriteTo(SqlWriter sql);

    /// <summary>Whether the node can be NULL (a nullable column, or arithmetic on one).</summary>
    public virtual bool IsNullable => false;

    /// <summary>Whether the node is an aggregate (<c>SUM</c>, <c>COUNT</c>...), so a projection containing it groups by the rest.</summary>
    public virtual bool IsAggregate => false;
}

/// <summary>
/// A typed expression: a column, a value, or arithmetic on them, as in Django's
/// <c>F('votes') + 1</c>. Comparison operators make conditions (<see cref="Q"/>); arithmetic
/// operators make new expressions.
/// </summary>
/// <typeparam name="T">The CLR type of the value.</typeparam>
[SuppressMessage("Design", "CA1036:Override methods on comparable types", Justification = "Comparison operators build SQL conditions; they do not compare.")]
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "The named alternates are the lookup methods (Exact, Gt, ...).")]
#pragma warning disable CS0660, CS0661 // == builds a condition; Equals/GetHashCode keep reference semantics
public abstract class Expr<T> : SqlExpression, IExpr<T>
#pragma warning restore CS0660, CS0661
{
    SqlExpression IExpr<T>.Node => this;

    /// <summary>A value as a parameter; <c>null</c> is SQL NULL.</summary>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Value(T) is the alternate.")]
    public static implicit operator Expr<T>(T value) => new ValueExpr<T>(value);

    /// <summary>Orders ascending by this expression.</summary>
    public static implicit operator OrderTerm(Expr<T> expression) => new(expression, descending: false, NullsOrder.Default);

    /// <summary>A value as a parameter.</summary>
    public static Expr<T> Value(T value) => new ValueExpr<T>(value);

    /// <summary><c>=</c>, or <c>IS NULL</c> against null (Django's <c>exact</c> lookup).</summary>
    public static Q operator ==(Expr<T> left, Expr<T>? right) => Compare(left, "=", right);

    /// <summary><c>&lt;&gt;</c>, or <c>IS NOT NULL</c> against null.</summary>
    public static Q operator !=(Expr<T> left, Expr<T>? right) => !Compare(left, "=", right);

    /// <summary><c>&lt;</c> (Django's <c>lt</c>).</summary>
    public static Q operator <(Expr<T> left, Expr<T> right) => Compare(left, "<", right);

    /// <summary><c>&lt;=</c> (Django's <c>lte</c>).</summary>
    public static Q operator <=(Expr<T> left, Expr<T> right) => Compare(left, "<=", right);

    /// <summary><c>&gt;</c> (Django's <c>gt</c>).</summary>
    public static Q operator >(Expr<T> left, Expr<T> right) => Compare(left, ">", right);

    /// <summary><c>&gt;=</c> (Django's <c>gte</c>).</summary>
    public static Q operator >=(Expr<T> left, Expr<T> right) => Compare(left, ">=", right);

    /// <summary>Addition, or concatenation for strings.</summary>
    public static Expr<T> operator +(Expr<T> left, Expr<T> right) => new BinaryExpr<T>(left, typeof(T) == typeof(string) ? " || " : " + ", right);

    /// <summary>Subtraction.</summary>
    public static Expr<T> operator -(Expr<T> left, Expr<T> right) => new BinaryExpr<T>(left, " - ", right);

    /// <summary>Multiplication.</summary>
    public static Expr<T> operator *(Expr<T> left, Expr<T> right) => new BinaryExpr<T>(left, " * ", right);

    /// <summary>Division.</summary>
    public static Expr<T> operator /(Expr<T> left, Expr<T> right) => new BinaryExpr<T>(left, " / ", right);

    /// <summary>Modulo.</summary>
    public static Expr<T> operator %(Expr<T> left, Expr<T> right) => new BinaryExpr<T>(left, " % ", right);

    /// <summary>Django's <c>exact</c>.</summary>
    public Q Exact(T value) => this == Value(value);

    /// <summary>Django's <c>in</c>: true when the value is one of <paramref name="values"/>; an empty list matches nothing.</summary>
    public Q In(IEnumerable<T> values) => new InQ<T>(this, [.. values]);

    /// <summary>Django's <c>in</c> with a list of values.</summary>
    public Q In(params T[] values) => new InQ<T>(this, values);

    /// <summary>Django's <c>range</c>: <c>BETWEEN low AND high</c>, both ends included.</summary>
    public Q Range(T low, T high) => new RangeQ(this, Value(low), Value(high));

    /// <summary>Django's <c>isnull</c>.</summary>
    public Q IsNull(bool isNull = true) => isNull ? new IsNullQ(this) : !new IsNullQ(this);

    /// <summary>Descending order.</summary>
    public OrderTerm Descending(NullsOrder nulls = NullsOrder.Default) => new(this, descending: true, nulls);

    /// <summary>Ascending order.</summary>
    public OrderTerm Ascending(NullsOrder nulls = NullsOrder.Default) => new(this, descending: false, nulls);

    /// <summary>The assignment <c>column = value</c> for updates; <c>null</c> sets SQL NULL.</summary>
    public Assignment Set(Expr<T>? value) => this is IColumn column
        ? new Assignment(column, (SqlExpression?)value ?? NullExpr.Instance)
        : throw new InvalidOperationException("Only a column can be assigned.");

    private static Q Compare(Expr<T> left, string op, Expr<T>? right)
    {
        if (right is null || right is ValueExpr<T> { Constant: null })
        {
            return new IsNullQ(left);
        }

        return new ComparisonQ(left, op, right);
    }
}

/// <summary>
/// A typed expression seen through a covariant interface, so one lookup method serves
/// <c>Expr&lt;string&gt;</c> and <c>Expr&lt;string?&gt;</c> alike.
/// </summary>
/// <typeparam name="T">The CLR type of the value.</typeparam>
public interface IExpr<out T>
{
    /// <summary>The expression node.</summary>
    SqlExpression Node { get; }
}

/// <summary>A column as the query writer sees it.</summary>
public interface IColumn
{
    /// <summary>The table it belongs to.</summary>
    TableRef Table { get; }

    /// <summary>The column name.</summary>
    string Name { get; }
}

/// <summary>A model's column in a typed query (<c>q.PubDate</c>).</summary>
/// <typeparam name="T">The property type.</typeparam>
#pragma warning disable CS0660, CS0661
public sealed class Column<T> : Expr<T>, IColumn
#pragma warning restore CS0660, CS0661
{
    private readonly bool _nullable;

    /// <summary>Creates a column of <paramref name="table"/>.</summary>
    public Column(TableRef table, string name, bool nullable = false)
    {
        Table = table;
        Name = name;
        _nullable = nullable;
    }

    /// <inheritdoc />
    public TableRef Table { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public override bool IsNullable => _nullable || Table.Nullable;

    /// <inheritdoc />
    public override void WriteTo(SqlWriter sql) => sql.AppendColumn(Table, Name);
}

/// <summary>A parameter value.</summary>
#pragma warning disable CS0660, CS0661
internal sealed class ValueExpr<T>(T value) : Expr<T>
#pragma warning restore CS0660, CS0661
{
    public T Constant { get; } = value;

    public override void WriteTo(SqlWriter sql) => sql.AppendValue(Constant);
}

/// <summary>An expression retyped without changing its SQL.</summary>
#pragma warning disable CS0660, CS0661
internal sealed class SameExpr<T>(SqlExpression inner) : Expr<T>
#pragma warning restore CS0660, CS0661
{
    public override bool IsNullable => inner.IsNullable;

    public override bool IsAggregate => inner.IsAggregate;

    public override void WriteTo(SqlWriter sql) => inner.WriteTo(sql);
}

/// <summary>SQL NULL.</summary>
internal sealed class NullExpr : SqlExpression
{
    public static readonly NullExpr Instance = new();

    public override bool IsNullable => true;

    public override void WriteTo(SqlWriter sql) => sql.Append("NULL");
}

/// <summary>Arithmetic: <c>(left op right)</c>.</summary>
#pragma warning disable CS0660, CS0661
internal sealed class BinaryExpr<T>(SqlExpression left, string op, SqlExpression right) : Expr<T>
#pragma warning restore CS0660, CS0661
{
    public override bool IsNullable => left.IsNullable || right.IsNullable;

    public override bool IsAggregate => left.IsAggregate || right.IsAggregate;

    public override void WriteTo(SqlWriter sql)
    {
        sql.Append('(');
        left.WriteTo(sql);
        sql.Append(op);
        right.WriteTo(sql);
        sql.Append(')');
    }
}

/// <summary>A date part as an integer (Django's <c>__year</c>, <c>__month</c>, ...).</summary>
#pragma warning disable CS0660, CS0661
internal sealed class DatePartExpr(DatePart part, SqlExpression operand) : Expr<int>
#pragma warning restore CS0660, CS0661
{
    public override bool IsNullable => operand.IsNullable;

    public override void WriteTo(SqlWriter sql) => sql.Dialect.AppendDatePart(sql, part, operand);
}

/// <summary>Where NULLs sort.</summary>
public enum NullsOrder
{
    /// <summary>The database's default (SQLite and PostgreSQL differ).</summary>
    Default,
    /// <summary>NULLs first (Django's <c>nulls_first=True</c>).</summary>
    First,
    /// <summary>NULLs last (Django's <c>nulls_last=True</c>).</summary>
    Last,
}

/// <summary>One ORDER BY term.</summary>
public sealed class OrderTerm
{
    internal OrderTerm(SqlExpression expression, bool descending, NullsOrder nulls)
    {
        Expression = expression;
        IsDescending = descending;
        Nulls = nulls;
    }

    /// <summary>What to order by.</summary>
    public SqlExpression Expression { get; }

    /// <summary>Whether the order is descending.</summary>
    public bool IsDescending { get; }

    /// <summary>Where NULLs go.</summary>
    public NullsOrder Nulls { get; }

    /// <summary>The reverse order (Django's <c>reverse()</c>), NULL placement reversed too.</summary>
    public OrderTerm Reverse() => new(Expression, !IsDescending, Nulls switch
    {
        NullsOrder.First => NullsOrder.Last,
        NullsOrder.Last => NullsOrder.First,
        _ => NullsOrder.Default,
    });

    /// <summary>Writes the term.</summary>
    public void WriteTo(SqlWriter sql)
    {
        Expression.WriteTo(sql);
        sql.Append(IsDescending ? " DESC" : " ASC");
        if (Nulls != NullsOrder.Default)
        {
            sql.Append(Nulls == NullsOrder.First ? " NULLS FIRST" : " NULLS LAST");
        }
    }
}

/// <summary><c>column = expression</c> in an UPDATE.</summary>
public sealed class Assignment
{
    internal Assignment(IColumn column, SqlExpression value)
    {
        Column = column;
        Value = value;
    }

    /// <summary>The column assigned.</summary>
    public IColumn Column { get; }

    /// <summary>The new value.</summary>
    public SqlExpression Value { get; }
}

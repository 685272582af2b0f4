using System.Diagnostics.CodeAnalysis;

namespace Reinhardt.Data;

/// <summary>
/// A condition, like Django's <c>Q</c>: combine with <c>&amp;</c>, <c>|</c>, <c>^</c> (XOR: an odd
/// number of the operands true) and negate with <c>!</c> or <c>~</c>. Negation keeps Django's
/// NULL semantics: <c>!(x == 1)</c> also matches rows where a nullable <c>x</c> is NULL.
/// </summary>
[SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "And/Or/Xor/Not are the alternates.")]
public abstract class Q : SqlExpression
{
    /// <summary>Both conditions.</summary>
    public static Q operator &(Q left, Q right) => And(left, right);

    /// <summary>Either condition.</summary>
    public static Q operator |(Q left, Q right) => Or(left, right);

    /// <summary>An odd number of the conditions (Django 5's XOR).</summary>
    public static Q operator ^(Q left, Q right) => Xor(left, right);

    /// <summary>Not the condition.</summary>
    public static Q operator !(Q q) => Not(q);

    /// <summary>Not the condition (Django's <c>~Q(...)</c>).</summary>
    public static Q operator ~(Q q) => Not(q);

    /// <summary>Both conditions.</summary>
    public static Q And(Q left, Q right) => new LogicalQ(LogicalOperator.And, Flatten(LogicalOperator.And, left, right));

    /// <summary>Either condition.</summary>
    public static Q Or(Q left, Q right) => new LogicalQ(LogicalOperator.Or, Flatten(LogicalOperator.Or, left, right));

    /// <summary>An odd number of the conditions.</summary>
    public static Q Xor(Q left, Q right) => new LogicalQ(LogicalOperator.Xor, Flatten(LogicalOperator.Xor, left, right));

    /// <summary>Not the condition.</summary>
    public static Q Not(Q q) => q is NotQ not ? not.Inner : new NotQ(q);

    /// <summary>Writes the negation of this condition, true where a nullable operand is NULL (Django's <c>exclude</c>).</summary>
    public virtual void WriteNegatedTo(SqlWriter sql)
    {
        sql.Append("NOT (");
        WriteTo(sql);
        sql.Append(')');
    }

    private static Q[] Flatten(LogicalOperator op, Q left, Q right)
    {
        var parts = new List<Q>();
        foreach (var q in new[] { left, right })
        {
            if (q is LogicalQ logical && logical.Operator == op)
            {
                parts.AddRange(logical.Operands);
            }
            else
            {
                parts.Add(q);
            }
        }

        return [.. parts];
    }
}

internal enum LogicalOperator
{
    And,
    Or,
    Xor,
}

internal sealed class LogicalQ(LogicalOperator op, Q[] operands) : Q
{
    public LogicalOperator Operator { get; } = op;

    public Q[] Operands { get; } = operands;

    public override void WriteTo(SqlWriter sql)
    {
        if (Operator == LogicalOperator.Xor)
        {
            // no XOR in SQLite: true when an odd number of operands is true (Django 5 semantics)
            sql.Append("((");
            for (var i = 0; i < Operands.Length; i++)
            {
                sql.Append(i == 0 ? "CASE WHEN " : " + CASE WHEN ");
                Operands[i].WriteTo(sql);
                sql.Append(" THEN 1 ELSE 0 END");
            }

            sql.Append(") % 2 = 1)");
            return;
        }

        Write(sql, Operator == LogicalOperator.And ? " AND " : " OR ", negated: false);
    }

    public override void WriteNegatedTo(SqlWriter sql)
    {
        if (Operator == LogicalOperator.Xor)
        {
            base.WriteNegatedTo(sql);
            return;
        }

        // De Morgan, so each operand negates with its own NULL semantics
        Write(sql, Operator == LogicalOperator.And ? " OR " : " AND ", negated: true);
    }

    private void Write(SqlWriter sql, string separator, bool negated)
    {
        sql.Append('(');
        for (var i = 0; i < Operands.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(separator);
            }

            if (negated)
            {
                Operands[i].WriteNegatedTo(sql);
            }
            else
            {
                Operands[i].WriteTo(sql);
            }
        }

        sql.Append(')');
    }
}

internal sealed class NotQ(Q inner) : Q
{
    public Q Inner { get; } = inner;

    public override void WriteTo(SqlWriter sql) => Inner.WriteNegatedTo(sql);

    public override void WriteNegatedTo(SqlWriter sql) => Inner.WriteTo(sql);
}

/// <summary>A condition on operands that may be NULL: negation must also match the NULL rows.</summary>
internal abstract class OperandQ(params SqlExpression[] operands) : Q
{
    public override void WriteNegatedTo(SqlWriter sql)
    {
        var nullable = Array.FindAll(operands, o => o.IsNullable);
        if (nullable.Length == 0)
        {
            base.WriteNegatedTo(sql);
            return;
        }

        sql.Append("(NOT (");
        WriteTo(sql);
        sql.Append(')');
        foreach (var operand in nullable)
        {
            sql.Append(" OR ");
            operand.WriteTo(sql);
            sql.Append(" IS NULL");
        }

        sql.Append(')');
    }
}

internal sealed class ComparisonQ(SqlExpression left, string op, SqlExpression right) : OperandQ(left, right)
{
    public override void WriteTo(SqlWriter sql)
    {
        left.WriteTo(sql);
        sql.Append(' ').Append(op).Append(' ');
        right.WriteTo(sql);
    }
}

internal sealed class IsNullQ(SqlExpression operand) : Q
{
    public override void WriteTo(SqlWriter sql)
    {
        operand.WriteTo(sql);
        sql.Append(" IS NULL");
    }

    public override void WriteNegatedTo(SqlWriter sql)
    {
        operand.WriteTo(sql);
        sql.Append(" IS NOT NULL");
    }
}

internal sealed class RangeQ(SqlExpression operand, SqlExpression low, SqlExpression high) : OperandQ(operand)
{
    public override void WriteTo(SqlWriter sql)
    {
        operand.WriteTo(sql);
        sql.Append(" BETWEEN ");
        low.WriteTo(sql);
        sql.Append(" AND ");
        high.WriteTo(sql);
    }
}

internal sealed class InQ<T>(SqlExpression operand, T[] values) : OperandQ(operand)
{
    public override void WriteTo(SqlWriter sql)
    {
        if (values.Length == 0)
        {
            sql.Append("0 = 1"); // Django: an empty __in matches nothing
            return;
        }

        operand.WriteTo(sql);
        sql.Append(" IN (");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.AppendValue(values[i]);
        }

        sql.Append(')');
    }
}

/// <summary>Case-sensitive substring tests written with functions, not LIKE, so no pattern escaping is needed.</summary>
internal sealed class SubstringQ(SqlExpression operand, SubstringMatch match, string value) : OperandQ(operand)
{
    public override void WriteTo(SqlWriter sql)
    {
        var p = sql.AddParameter(value);
        switch (match)
        {
            case SubstringMatch.Contains:
                sql.Append("instr(");
                operand.WriteTo(sql);
                sql.Append(", ").AppendPlaceholder(p).Append(") > 0");
                break;
            case SubstringMatch.StartsWith:
                sql.Append("substr(");
                operand.WriteTo(sql);
                sql.Append(", 1, length(").AppendPlaceholder(p).Append(")) = ").AppendPlaceholder(p);
                break;
            default:
                sql.Append("(length(").AppendPlaceholder(p).Append(") = 0 OR substr(");
                operand.WriteTo(sql);
                sql.Append(", -length(").AppendPlaceholder(p).Append(")) = ").AppendPlaceholder(p).Append(')');
                break;
        }
    }
}

internal enum SubstringMatch
{
    Contains,
    StartsWith,
    EndsWith,
}

/// <summary>Case-insensitive matches through LIKE, with <c>%</c>, <c>_</c> and <c>\</c> in the value escaped.</summary>
internal sealed class ILikeQ(SqlExpression operand, string pattern) : OperandQ(operand)
{
    public override void WriteTo(SqlWriter sql) => sql.Dialect.AppendILike(sql, operand, sql.AddParameter(pattern));

    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary><c>pk IN (SELECT target FROM through WHERE owner = key)</c>: the rows related to one owner through a many-to-many table.</summary>
internal sealed class RelatedThroughQ(SqlExpression key, string throughTable, string targetColumn, string ownerColumn, long ownerKey) : Q
{
    public override void WriteTo(SqlWriter sql)
    {
        key.WriteTo(sql);
        sql.Append(" IN (SELECT ").AppendName(targetColumn).Append(" FROM ").AppendName(throughTable)
            .Append(" WHERE ").AppendName(ownerColumn).Append(" = ").AppendValue(ownerKey).Append(')');
    }
}

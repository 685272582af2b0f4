namespace Reinhardt.Data;

/// <summary>Django's string lookups on text expressions.</summary>
public static class StringLookups
{
    /// <summary>Django's <c>contains</c>: case-sensitive substring.</summary>
    public static Q Contains(this IExpr<string?> operand, string value) => new SubstringQ(operand.Node, SubstringMatch.Contains, value);

    /// <summary>Django's <c>startswith</c>: case-sensitive prefix.</summary>
    public static Q StartsWith(this IExpr<string?> operand, string value) => new SubstringQ(operand.Node, SubstringMatch.StartsWith, value);

    /// <summary>Django's <c>endswith</c>: case-sensitive suffix.</summary>
    public static Q EndsWith(this IExpr<string?> operand, string value) => new SubstringQ(operand.Node, SubstringMatch.EndsWith, value);

    /// <summary>Django's <c>iexact</c>: equal ignoring case.</summary>
    public static Q IExact(this IExpr<string?> operand, string value) => new ILikeQ(operand.Node, ILikeQ.Escape(value));

    /// <summary>Django's <c>icontains</c>: substring ignoring case.</summary>
    public static Q IContains(this IExpr<string?> operand, string value) => new ILikeQ(operand.Node, "%" + ILikeQ.Escape(value) + "%");

    /// <summary>Django's <c>istartswith</c>: prefix ignoring case.</summary>
    public static Q IStartsWith(this IExpr<string?> operand, string value) => new ILikeQ(operand.Node, ILikeQ.Escape(value) + "%");

    /// <summary>Django's <c>iendswith</c>: suffix ignoring case.</summary>
    public static Q IEndsWith(this IExpr<string?> operand, string value) => new ILikeQ(operand.Node, "%" + ILikeQ.Escape(value));
}

/// <summary>Django's date-part transforms (<c>pub_date__year</c>) on date and date-time expressions.</summary>
public static class DateLookups
{
    /// <summary>The year.</summary>
    public static Expr<int> Year(this Expr<DateTimeOffset> operand) => new DatePartExpr(DatePart.Year, operand);

    /// <summary>The month, 1-12.</summary>
    public static Expr<int> Month(this Expr<DateTimeOffset> operand) => new DatePartExpr(DatePart.Month, operand);

    /// <summary>The day of the month.</summary>
    public static Expr<int> Day(this Expr<DateTimeOffset> operand) => new DatePartExpr(DatePart.Day, operand);

    /// <summary>Django's <c>week_day</c>: 1 (Sunday) to 7 (Saturday).</summary>
    public static Expr<int> WeekDay(this Expr<DateTimeOffset> operand) => new DatePartExpr(DatePart.WeekDay, operand);

    /// <summary>The hour, 0-23 (UTC).</summary>
    public static Expr<int> Hour(this Expr<DateTimeOffset> operand) => new DatePartExpr(DatePart.Hour, operand);

    /// <inheritdoc cref="Year(Expr{DateTimeOffset})"/>
    public static Expr<int> Year(this Expr<DateTime> operand) => new DatePartExpr(DatePart.Year, operand);

    /// <inheritdoc cref="Month(Expr{DateTimeOffset})"/>
    public static Expr<int> Month(this Expr<DateTime> operand) => new DatePartExpr(DatePart.Month, operand);

    /// <inheritdoc cref="Day(Expr{DateTimeOffset})"/>
    public static Expr<int> Day(this Expr<DateTime> operand) => new DatePartExpr(DatePart.Day, operand);

    /// <inheritdoc cref="Year(Expr{DateTimeOffset})"/>
    public static Expr<int> Year(this Expr<DateOnly> operand) => new DatePartExpr(DatePart.Year, operand);

    /// <inheritdoc cref="Month(Expr{DateTimeOffset})"/>
    public static Expr<int> Month(this Expr<DateOnly> operand) => new DatePartExpr(DatePart.Month, operand);

    /// <inheritdoc cref="Day(Expr{DateTimeOffset})"/>
    public static Expr<int> Day(this Expr<DateOnly> operand) => new DatePartExpr(DatePart.Day, operand);

    /// <inheritdoc cref="Year(Expr{DateTimeOffset})"/>
    public static Expr<int> Year(this Expr<DateTimeOffset?> operand) => new DatePartExpr(DatePart.Year, operand);

    /// <inheritdoc cref="Month(Expr{DateTimeOffset})"/>
    public static Expr<int> Month(this Expr<DateTimeOffset?> operand) => new DatePartExpr(DatePart.Month, operand);

    /// <inheritdoc cref="Day(Expr{DateTimeOffset})"/>
    public static Expr<int> Day(this Expr<DateTimeOffset?> operand) => new DatePartExpr(DatePart.Day, operand);
}

/// <summary>Conversions between expression types that SQL does not distinguish.</summary>
public static class ExprConversions
{
    /// <summary>The same expression typed as nullable, to compare a column with a nullable one (<c>c.Reserved &lt;= c.Stock.AsNullable()</c>).</summary>
    public static Expr<T?> AsNullable<T>(this Expr<T> operand)
        where T : struct => new SameExpr<T?>(operand);
}

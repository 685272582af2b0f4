using System.Globalization;
using System.Text.RegularExpressions;

namespace Reinhardt;

/// <summary>Django's <c>MinLengthValidator</c>.</summary>
/// <param name="length">The minimum number of characters.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class MinLengthAttribute(int length) : Attribute
{
    /// <summary>The minimum number of characters.</summary>
    public int Length { get; } = length;
}

/// <summary>Django's <c>MinValueValidator</c> and <c>MaxValueValidator</c> together.</summary>
/// <param name="minimum">The smallest allowed value.</param>
/// <param name="maximum">The largest allowed value.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class RangeAttribute(double minimum, double maximum) : Attribute
{
    /// <summary>The smallest allowed value.</summary>
    public double Minimum { get; } = minimum;

    /// <summary>The largest allowed value.</summary>
    public double Maximum { get; } = maximum;
}

/// <summary>Django's <c>RegexValidator</c>: the whole value must match (a timeout guards against runaway patterns).</summary>
/// <param name="pattern">The regular expression.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class RegularExpressionAttribute(string pattern) : Attribute
{
    /// <summary>The regular expression.</summary>
    public string Pattern { get; } = pattern;
}

/// <summary>Django's <c>unique=True</c>: a UNIQUE column, and <c>FullClean</c> reports a duplicate before the database does.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class UniqueAttribute : Attribute
{
}

/// <summary>Django's <c>blank=True</c>: an empty string is allowed (non-nullable strings must otherwise be non-empty).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class BlankAttribute : Attribute
{
}

/// <summary>Django's <c>UniqueConstraint(fields=[...])</c> / <c>unique_together</c>, by property names.</summary>
/// <param name="properties">The properties whose values must be unique together.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class UniqueTogetherAttribute(params string[] properties) : Attribute
{
    /// <summary>The property names.</summary>
    public IReadOnlyList<string> Properties { get; } = properties;
}

/// <summary>
/// Django's <c>CheckConstraint</c> as a typed predicate: a static method of the model taking its
/// <c>Columns</c> and returning a condition, e.g. <c>[Check] static Q VotesNotNegative(Columns c) =&gt; c.Votes &gt;= 0;</c>.
/// It becomes a SQL <c>CHECK</c> in the schema and is validated by <c>FullCleanAsync</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CheckAttribute : Attribute
{
    /// <summary>The constraint name; <c>&lt;table&gt;_&lt;method in snake_case&gt;</c> by default.</summary>
    public string? Name { get; set; }
}

/// <summary>Validation errors by field (Django's <c>ValidationError.message_dict</c>); <see cref="NonFieldErrors"/> holds the rest.</summary>
public sealed class ValidationErrors
{
    /// <summary>The key of errors that belong to no single field (Django's <c>__all__</c>).</summary>
    public const string NonFieldErrors = "__all__";

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether there are no errors.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The errors by field name.</summary>
    public IReadOnlyDictionary<string, List<string>> ByField => _errors;

    /// <summary>The messages for one field (empty when it has none).</summary>
    public IReadOnlyList<string> this[string field] => _errors.TryGetValue(field, out var list) ? list : [];

    /// <summary>Adds a message for a field.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", _errors.Select(kv => kv.Key + ": " + string.Join(" ", kv.Value)));
}

/// <summary>Django's <c>ValidationError</c> from <c>full_clean()</c>.</summary>
public sealed class ValidationException(ValidationErrors errors) : Exception("Validation failed: " + errors)
{
    /// <summary>The errors.</summary>
    public ValidationErrors Errors { get; } = errors;
}

/// <summary>
/// Django's field validators with Django's messages; generated <c>CleanFields</c> code calls these
/// (forms use the same ones), so the rules and texts live in one place.
/// </summary>
public static class FieldValidators
{
    /// <summary>Django's <c>blank=False</c> check.</summary>
    public static void NotBlank(ValidationErrors errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is { Length: 0 })
        {
            errors.Add(field, "This field cannot be blank.");
        }
    }

    /// <summary>Django's <c>MaxLengthValidator</c>.</summary>
    public static void MaxLength(ValidationErrors errors, string field, string? value, int limit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && Length(value) > limit)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Ensure this value has at most {limit} characters (it has {Length(value)})."));
        }
    }

    /// <summary>Django's <c>MinLengthValidator</c>.</summary>
    public static void MinLength(ValidationErrors errors, string field, string? value, int limit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && Length(value) < limit)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Ensure this value has at least {limit} characters (it has {Length(value)})."));
        }
    }

    /// <summary>Django's <c>MinValueValidator</c> and <c>MaxValueValidator</c>.</summary>
    public static void Range(ValidationErrors errors, string field, double? value, double minimum, double maximum)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value < minimum)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Ensure this value is greater than or equal to {FormatNumber(minimum)}."));
        }
        else if (value > maximum)
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture, $"Ensure this value is less than or equal to {FormatNumber(maximum)}."));
        }
    }

    /// <summary>Django's <c>RegexValidator</c> (message "Enter a valid value.").</summary>
    public static void Matches(ValidationErrors errors, string field, string? value, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(pattern);
        if (value is not null && !pattern.IsMatch(value))
        {
            errors.Add(field, "Enter a valid value.");
        }
    }

    /// <summary>Django's choices check: "Value 'x' is not a valid choice." (the value as Python's repr shows it).</summary>
    public static void Choice<T>(ValidationErrors errors, string field, T value, IReadOnlySet<T> choices)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(choices);
        if (value is not null && !choices.Contains(value))
        {
            var shown = value is string text ? "'" + text + "'" : Convert.ToString(value, CultureInfo.InvariantCulture);
            errors.Add(field, $"Value {shown} is not a valid choice.");
        }
    }

    /// <summary>Characters as Python counts them: code points, not UTF-16 units.</summary>
    private static int Length(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsLowSurrogate(value[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static string FormatNumber(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>Django's verbose name of a field: <c>question_text</c> → <c>question text</c>.</summary>
    public static string VerboseName(string column) => column.EndsWith("_id", StringComparison.Ordinal) ? column[..^3].Replace('_', ' ') : column.Replace('_', ' ');

    /// <summary>The verbose name with its first letter capitalized, as Django's messages show it.</summary>
    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>
/// Django's <c>choices</c>: the value must be one of those listed by a static member of the class,
/// named with <c>nameof</c>. The member returns the values (<c>IEnumerable&lt;T&gt;</c>) or
/// value-label pairs (<c>IEnumerable&lt;(T Value, string Label)&gt;</c>), which forms also use for their options.
/// </summary>
/// <param name="member">The static property, field or parameterless method that lists the choices.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ChoicesAttribute(string member) : Attribute
{
    /// <summary>The member's name.</summary>
    public string Member { get; } = member;
}

/// <summary>An index on the model's table (Django's <c>Meta.indexes</c>), by property names.</summary>
/// <param name="properties">The indexed properties, in order.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class IndexAttribute(params string[] properties) : Attribute
{
    /// <summary>The property names.</summary>
    public IReadOnlyList<string> Properties { get; } = properties;

    /// <summary>The index name; <c>&lt;table&gt;_&lt;columns&gt;_&lt;hash&gt;_idx</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>Whether it is a unique index.</summary>
    public bool Unique { get; set; }
}

/// <summary>Django's <c>db_index=True</c>: an index on this column.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class DbIndexAttribute : Attribute
{
}

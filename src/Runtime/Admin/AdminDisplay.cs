using System.Globalization;
using Reinhardt.Templates;

namespace Reinhardt.Admin;

/// <summary>How the admin prints values: Django's <c>display_for_value</c>.</summary>
public static class AdminDisplay
{
    /// <summary>Django's <c>empty_value_display</c>.</summary>
    public const string Empty = "-";

    /// <summary>The text of a value: dates in Django's <c>DATETIME_FORMAT</c>/<c>DATE_FORMAT</c>, numbers invariant, null as "-".</summary>
    public static string Text(object? value) => value switch
    {
        null => Empty,
        string s => s.Length == 0 ? Empty : s,
        bool b => b ? "True" : "False",
        DateTimeOffset d => TemplateFilters.Date(d, "DATETIME_FORMAT"),
        DateTime d => TemplateFilters.Date(d, "DATETIME_FORMAT"),
        DateOnly d => TemplateFilters.Date(d),
        TimeOnly t => TemplateFilters.Time(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? Empty,
    };

    /// <summary>Django's boolean icon name: <c>yes</c>, <c>no</c>, or <c>unknown</c> for null; null when the value is not a boolean.</summary>
    public static string? BooleanIcon(object? value) => value switch
    {
        bool b => b ? "yes" : "no",
        _ => null,
    };

    /// <summary>Capitalises the first letter (Django's <c>capfirst</c>).</summary>
    public static string CapFirst(string text) =>
        string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

using System.Collections;

namespace Reinhardt.Templates;

/// <summary>
/// Python's truthiness, as <c>{% if %}</c>, <c>default</c> and <c>yesno</c> test values: <see langword="null"/>,
/// <see langword="false"/>, zero, "" and empty collections are false; everything else is true.
/// </summary>
public static class TemplateTruth
{
    /// <summary>The value itself.</summary>
    public static bool IsTrue(bool value) => value;

    /// <summary>False when <see langword="null"/> or false.</summary>
    public static bool IsTrue(bool? value) => value == true;

    /// <summary>False when 0.</summary>
    public static bool IsTrue(int value) => value != 0;

    /// <summary>False when <see langword="null"/> or 0.</summary>
    public static bool IsTrue(int? value) => value is { } v && v != 0;

    /// <summary>False when 0.</summary>
    public static bool IsTrue(long value) => value != 0;

    /// <summary>False when <see langword="null"/> or 0.</summary>
    public static bool IsTrue(long? value) => value is { } v && v != 0;

    /// <summary>False when 0 (NaN is true, as in Python).</summary>
    public static bool IsTrue(double value) => value != 0 || double.IsNaN(value);

    /// <summary>False when <see langword="null"/> or 0.</summary>
    public static bool IsTrue(double? value) => value is { } v && IsTrue(v);

    /// <summary>False when 0.</summary>
    public static bool IsTrue(decimal value) => value != 0;

    /// <summary>False when <see langword="null"/> or 0.</summary>
    public static bool IsTrue(decimal? value) => value is { } v && v != 0;

    /// <summary>False when <see langword="null"/> or "".</summary>
    public static bool IsTrue(string? value) => !string.IsNullOrEmpty(value);

    /// <summary>False when "".</summary>
    public static bool IsTrue(SafeString value) => value.Value.Length > 0;

    /// <summary>False when zero (Python's <c>timedelta(0)</c>).</summary>
    public static bool IsTrue(TimeSpan value) => value != TimeSpan.Zero;

    /// <summary>Dates and times are always true.</summary>
    public static bool IsTrue(DateTime value) => true;

    /// <summary>Dates and times are always true.</summary>
    public static bool IsTrue(DateTimeOffset value) => true;

    /// <summary>False when <see langword="null"/> or empty.</summary>
    public static bool IsTrue<T>(IReadOnlyCollection<T>? value) => value is { Count: > 0 };

    /// <summary>
    /// Any other value, by its runtime type (type tests, no reflection): <see langword="null"/> false, numbers by
    /// zero, text and collections by emptiness, other sequences by whether they yield an item; the rest true.
    /// </summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        SafeString s => s.Value.Length > 0,
        int n => n != 0,
        long n => n != 0,
        short n => n != 0,
        byte n => n != 0,
        uint n => n != 0,
        ulong n => n != 0,
        double n => IsTrue(n),
        float n => n != 0 || float.IsNaN(n),
        decimal n => n != 0,
        TimeSpan t => t != TimeSpan.Zero,
        ICollection c => c.Count > 0,
        IEnumerable e => HasAny(e),
        _ => true,
    };

    private static bool HasAny(IEnumerable sequence)
    {
        var enumerator = sequence.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }
}

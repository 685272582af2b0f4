namespace Reinhardt.Templates;

/// <summary>
/// Text already safe for HTML output (Django's <c>SafeString</c> / <c>mark_safe</c>): the writer copies it without
/// escaping. Filters that Django marks safe return it; the overload chosen for a <see cref="SafeString"/> input keeps
/// the mark where Django's filter is <c>is_safe</c>.
/// </summary>
/// <remarks>A struct so marking is free; <c>default(SafeString)</c> is the empty string.</remarks>
public readonly struct SafeString : IEquatable<SafeString>
{
    private readonly string? _value;

    /// <summary>Marks <paramref name="value"/> safe (Django's <c>mark_safe</c>); <see langword="null"/> is the empty string.</summary>
    public SafeString(string? value) => _value = value;

    /// <summary>The empty safe string.</summary>
    public static SafeString Empty => default;

    /// <summary>The text (never <see langword="null"/>).</summary>
    public string Value => _value ?? "";

    /// <summary>Marks <paramref name="value"/> safe (Django's <c>mark_safe</c>).</summary>
    public static SafeString MarkSafe(string? value) => new(value);

    /// <summary>The text.</summary>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(SafeString other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SafeString other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Ordinal equality of the texts.</summary>
    public static bool operator ==(SafeString left, SafeString right) => left.Equals(right);

    /// <summary>Ordinal inequality of the texts.</summary>
    public static bool operator !=(SafeString left, SafeString right) => !left.Equals(right);
}

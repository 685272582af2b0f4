using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Reinhardt.Views;

/// <summary>
/// Formats route values for the generated reverse URLs with Django's <c>reverse()</c> escaping: UTF-8
/// percent-encoding of everything but unreserved characters and <c>!$&amp;'()*+,;=:@~</c>. A value the
/// route's converter would not match throws, like Django's <c>NoReverseMatch</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RouteValueEncoder
{
    /// <summary>An <c>int</c>/<c>long</c> value: not negative.</summary>
    public static string Digits(long value, string name) =>
        value >= 0 ? value.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(name, value, "The route value for '" + name + "' must not be negative (the int converter matches [0-9]+).");

    /// <summary>A <c>uuid</c> value, lowercase as the converter matches it.</summary>
    public static string Uuid(Guid value) => value.ToString("D");

    /// <summary>A <c>slug</c> value: <c>[-a-zA-Z0-9_]+</c>.</summary>
    public static string Slug(string value, string name) =>
        RouteSegments.IsSlug(value) ? value : throw new ArgumentException("The route value for '" + name + "' is not a slug (letters, digits, '-' and '_').", name);

    /// <summary>A <c>str</c> value: not empty, no <c>/</c>; escaped.</summary>
    public static string Str(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0 || value.Contains('/'))
        {
            throw new ArgumentException("The route value for '" + name + "' must be non-empty and contain no '/' (the str converter matches [^/]+).", name);
        }

        return Escape(value, keepSlash: false);
    }

    /// <summary>A <c>path</c> value: not empty; escaped, keeping <c>/</c>.</summary>
    public static string Path(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value.Length > 0 ? Escape(value, keepSlash: true) : throw new ArgumentException("The route value for '" + name + "' must not be empty.", name);
    }

    private static string Escape(string value, bool keepSlash)
    {
        var plain = true;
        foreach (var c in value)
        {
            if (!IsSafe(c, keepSlash))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsSafe((char)rune.Value, keepSlash))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                builder.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsSafe(char c, bool keepSlash) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@'
        || (keepSlash && c == '/');
}

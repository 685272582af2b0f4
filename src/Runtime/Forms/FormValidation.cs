using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Reinhardt.Forms;

/// <summary>The checks behind Django's validators and field conversions, with Django's rules.</summary>
internal static partial class FormValidation
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    /// <summary>Characters as Python counts them: code points, not UTF-16 units.</summary>
    public static int CodePoints(string value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Python's <c>int()</c> after Django strips a trailing <c>.0</c>: an optional sign and ASCII digits. <paramref name="overflow"/>
    /// is the sign of a well-formed number out of the type's range.
    /// </summary>
    public static bool TryParseInteger<T>(string text, out T value, out bool? overflow)
        where T : struct, IBinaryInteger<T>
    {
        overflow = null;
        value = default;
        var span = text.AsSpan();
        var dot = span.IndexOf('.');
        if (dot >= 0)
        {
            foreach (var c in span[(dot + 1)..])
            {
                if (c != '0')
                {
                    return false;
                }
            }

            span = span[..dot];
        }

        var digits = span.Length > 0 && (span[0] == '+' || span[0] == '-') ? span[1..] : span;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (T.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        overflow = span[0] != '-';
        return false;
    }

    /// <summary>Python's <c>math.isclose(math.remainder(value - offset, step), 0, abs_tol=1e-9)</c>.</summary>
    public static bool IsStep(double value, double step, double offset) => step == 0 || Math.Abs(Math.IEEERemainder(value - offset, step)) <= 1e-9;

    /// <summary>A checkbox's state as Django's <c>CheckboxInput</c> reads it: absent, empty or <c>false</c> is unticked.</summary>
    public static bool IsChecked(StringValues values)
    {
        if (values.Count == 0)
        {
            return false;
        }

        var last = values[values.Count - 1];
        return !string.IsNullOrEmpty(last) && !string.Equals(last, "false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseDateTime(string text, out DateTime value) =>
        DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>A local date and time as <see cref="TryParseDateTime"/> reads it, taken as UTC.</summary>
    public static bool TryParseDateTimeOffset(string text, out DateTimeOffset value)
    {
        var parsed = TryParseDateTime(text, out var local);
        value = parsed ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero) : default;
        return parsed;
    }

    public static bool TryParseTime(string text, out TimeOnly value) =>
        TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>The whole value matches, a runaway pattern counting as no match.</summary>
    public static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // the pattern took over its time limit on this input: treat the input as invalid rather than fail the request
            return false;
        }
    }

    /// <summary>Django's <c>EmailValidator</c>: dot-atom user part, a domain with a TLD (or <c>localhost</c>), at most 320 characters.</summary>
    public static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (value.Length > 320 || at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var user = value[..at];
        var domain = value[(at + 1)..];
        return UserRegex().IsMatch(user) && (domain == "localhost" || DomainRegex().IsMatch(domain));
    }

    /// <summary>URLField's <c>assume_scheme</c> (Django 5: <c>http</c>): a value without a scheme gets one.</summary>
    public static string AssumeScheme(string value) => value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;

    /// <summary>Django's <c>URLValidator</c>: http, https, ftp or ftps, a host with a TLD (or <c>localhost</c>, or an IP), no spaces, at most 2048 characters.</summary>
    public static bool IsUrl(string value)
    {
        if (value.Length > 2048 || value.Any(char.IsWhiteSpace) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.Scheme is not ("http" or "https" or "ftp" or "ftps") || uri.Host.Length == 0)
        {
            return false;
        }

        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.Host == "localhost" || DomainRegex().IsMatch(uri.IdnHost);
    }

    [GeneratedRegex(@"^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex UserRegex();

    [GeneratedRegex(@"^((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+)(?:[A-Za-z0-9-]{2,63}(?<!-))$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainRegex();
}

/// <summary>Formats property values for HTML inputs, as Django's widgets format them (generated forms call these).</summary>
public static class FormValues
{
    /// <summary>No values.</summary>
    public static IReadOnlyList<string> None => [];

    /// <summary>One value, or none for <see langword="null"/>.</summary>
    public static IReadOnlyList<string> List(string? value) => value is null ? [] : [value];

    /// <summary>The text itself.</summary>
    public static string? Text(string? value) => value;

    /// <summary>Python's <c>str(True)</c>: <c>True</c> or <c>False</c>.</summary>
    public static string Text(bool value) => value ? "True" : "False";

    /// <summary>The number, invariant.</summary>
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number, invariant.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number, invariant.</summary>
    public static string Text(short value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The decimal with its scale (Python's <c>str(Decimal)</c>).</summary>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Python's <c>str(float)</c>: shortest round trip, <c>1.0</c> for whole numbers.</summary>
    public static string Text(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal) ? text + ".0" : text;
    }

    /// <summary>As <see cref="Text(double)"/>, from single-precision digits.</summary>
    public static string Text(float value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return float.IsFinite(value) && !text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal) ? text + ".0" : text;
    }

    /// <summary>ISO date, as the date input wants it: <c>2024-01-02</c>.</summary>
    public static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO local date and time, as the datetime-local input wants it: <c>2024-01-02T15:04</c> (seconds when not zero).</summary>
    public static string Text(DateTime value) => value.ToString(value.Second == 0 && value.Millisecond == 0 ? "yyyy-MM-ddTHH:mm" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The moment in UTC, as the datetime-local input wants it: <c>2024-01-02T15:04</c>.</summary>
    public static string Text(DateTimeOffset value) => Text(value.UtcDateTime);

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(DateTimeOffset? value) => value is { } v ? Text(v) : null;

    /// <summary><c>15:04</c> (seconds when not zero), as the time input wants it.</summary>
    public static string Text(TimeOnly value) => value.ToString(value.Second == 0 && value.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The UUID lowercase with hyphens.</summary>
    public static string Text(Guid value) => value.ToString("D");

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(int? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(long? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(short? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(decimal? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(double? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(float? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(bool? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(DateOnly? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(DateTime? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(TimeOnly? value) => value is { } v ? Text(v) : null;

    /// <summary>The value, or <see langword="null"/>.</summary>
    public static string? Text(Guid? value) => value is { } v ? Text(v) : null;

    /// <summary>The member's name.</summary>
    public static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();

    /// <summary>Parses an enumeration member by its exact name (numbers are not members).</summary>
    public static bool TryParseEnum<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        return text.Length > 0 && !char.IsAsciiDigit(text[0]) && text[0] != '-' && text[0] != '+' && Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value);
    }

    /// <summary>Parses with the type's invariant parser (multiple choices of numbers and other parsable values).</summary>
    public static bool TryParse<T>(string text, out T value)
        where T : IParsable<T> => T.TryParse(text, CultureInfo.InvariantCulture, out value!);

    /// <summary>The text itself (multiple choices of strings).</summary>
    public static bool TryParseText(string text, out string value)
    {
        value = text;
        return true;
    }

    /// <summary>Options from values whose text is also their label.</summary>
    public static IReadOnlyList<FormChoice> Choices(IEnumerable<string> values) => values.Select(v => new FormChoice(v, v)).ToList();

    /// <summary>Options from value-label pairs.</summary>
    public static IReadOnlyList<FormChoice> Choices(IEnumerable<(string Value, string Label)> values) => values.Select(v => new FormChoice(v.Value, v.Label)).ToList();
}

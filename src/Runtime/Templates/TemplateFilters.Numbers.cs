using System.Globalization;
using System.Numerics;
using System.Text;

namespace Reinhardt.Templates;

public static partial class TemplateFilters
{
    // ---- add ----------------------------------------------------------------------------------------------

    /// <summary><c>add</c> on integers.</summary>
    public static long Add(long value, long arg) => value + arg;

    /// <summary><c>add</c> on decimals: Django adds <c>int(value) + int(arg)</c>, so both are truncated first.</summary>
    public static decimal Add(decimal value, decimal arg) => decimal.Truncate(value) + decimal.Truncate(arg);

    /// <summary>
    /// <c>add</c> on floats: <c>int(value) + int(arg)</c> (truncated). A NaN operand gives Python's <c>nan</c>;
    /// an infinite one, where Django raises, gives "".
    /// </summary>
    public static string Add(double value, double arg)
    {
        if (double.IsNaN(value) || (double.IsFinite(value) && double.IsNaN(arg))) return TemplateText.Of(value + arg);
        if (!double.IsFinite(value) || !double.IsFinite(arg)) return "";
        return (new BigInteger(Math.Truncate(value)) + new BigInteger(Math.Truncate(arg))).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>add</c> of text to a float: <c>int(value) + int(arg)</c>, "" when the text is not an integer.</summary>
    public static string Add(double value, string? arg)
    {
        if (double.IsNaN(value)) return "";
        if (!double.IsFinite(value) || !PythonString.TryParseInt(arg, out BigInteger right)) return "";
        return (new BigInteger(Math.Truncate(value)) + right).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>add</c> of text to a decimal: <c>int(value) + int(arg)</c>, "" when the text is not an integer.</summary>
    public static string Add(decimal value, string? arg) =>
        PythonString.TryParseInt(arg, out BigInteger right) ? (new BigInteger(decimal.Truncate(value)) + right).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary><c>add</c> on text: the integer sum when both parse as Python integers (<c>"3"|add:"4"</c> is <c>7</c>), else the concatenation; "" for <see langword="null"/>.</summary>
    public static string Add(string? value, string? arg)
    {
        if (PythonString.TryParseInt(value, out BigInteger left) && PythonString.TryParseInt(arg, out BigInteger right))
            return (left + right).ToString(CultureInfo.InvariantCulture);
        return value is null || arg is null ? "" : value + arg;
    }

    /// <summary><c>add</c> of a number to text: the sum when the text is an integer, else "" (Python cannot add str and int).</summary>
    public static string Add(string? value, long arg) =>
        PythonString.TryParseInt(value, out BigInteger left) ? (left + arg).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary><c>add</c> of text to a number: the sum when the text is an integer, else "".</summary>
    public static string Add(long value, string? arg) =>
        PythonString.TryParseInt(arg, out BigInteger right) ? (value + right).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary><c>add</c> on lists: the concatenation (Django fails to "" when either is <see langword="null"/>; here that is an empty list).</summary>
    public static IReadOnlyList<T> Add<T>(IReadOnlyList<T>? value, IReadOnlyList<T>? arg)
    {
        if (value is null || arg is null) return [];
        var result = new T[value.Count + arg.Count];
        for (int i = 0; i < value.Count; i++) result[i] = value[i];
        for (int i = 0; i < arg.Count; i++) result[value.Count + i] = arg[i];
        return result;
    }

    // ---- pluralize ----------------------------------------------------------------------------------------

    /// <summary><c>pluralize</c>: the singular suffix when the value is 1, else the plural; <paramref name="arg"/> is <c>"s"</c>, <c>"es"</c> or <c>"y,ies"</c>; more than two suffixes give "".</summary>
    public static string Pluralize(long value, string? arg = "s") => ChooseSuffix(value == 1, arg);

    /// <summary><c>pluralize</c> on a float (<c>1.0</c> is singular).</summary>
    public static string Pluralize(double value, string? arg = "s") => ChooseSuffix(value == 1, arg);

    /// <summary><c>pluralize</c> on a decimal.</summary>
    public static string Pluralize(decimal value, string? arg = "s") => ChooseSuffix(value == 1, arg);

    /// <summary><c>pluralize</c> on text: compared as <c>float(value)</c>; text that is not a number gives "".</summary>
    public static string Pluralize(string? value, string? arg = "s")
    {
        if (!TrySuffixes(arg, out _, out _)) return "";
        if (value is null) return ""; // float(None) and len(None) both fail
        return PythonString.TryParseFloat(value, out double number) ? ChooseSuffix(number == 1, arg) : "";
    }

    /// <summary><c>pluralize</c> on a collection: singular when it has one item.</summary>
    public static string Pluralize<T>(IReadOnlyCollection<T>? value, string? arg = "s") =>
        value is null ? "" : ChooseSuffix(value.Count == 1, arg);

    private static string ChooseSuffix(bool singular, string? arg) =>
        TrySuffixes(arg, out string one, out string many) ? (singular ? one : many) : "";

    private static bool TrySuffixes(string? arg, out string singular, out string plural)
    {
        string text = arg ?? "s";
        if (!text.Contains(',')) text = "," + text;
        string[] bits = text.Split(',');
        singular = bits[0];
        plural = bits.Length > 1 ? bits[1] : "";
        return bits.Length <= 2;
    }

    // ---- yesno --------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>yesno</c>: maps true, false and <see langword="null"/> to the comma-separated <paramref name="arg"/>
    /// (default <c>"yes,no,maybe"</c>; with two values <see langword="null"/> maps to the second). An argument with
    /// fewer than two values returns the value itself (<c>True</c>/<c>False</c>/<c>None</c>).
    /// </summary>
    public static string YesNo(bool? value, string? arg = null)
    {
        string[] bits = (arg ?? "yes,no,maybe").Split(',');
        if (bits.Length < 2) return value is { } v ? TemplateText.Of(v) : TemplateText.None;
        // Django unpacks three; any other count falls back to (first, second, second)
        string yes = bits[0], no = bits[1], maybe = bits.Length == 3 ? bits[2] : bits[1];
        return value switch { null => maybe, true => yes, false => no };
    }

    /// <summary><c>yesno</c> on text: "" is false, <see langword="null"/> is maybe.</summary>
    public static string YesNo(string? value, string? arg = null)
    {
        string[] bits = (arg ?? "yes,no,maybe").Split(',');
        if (bits.Length < 2) return TemplateText.Of(value);
        return YesNo(value is null ? null : value.Length > 0, arg);
    }

    // ---- floatformat --------------------------------------------------------------------------------------

    /// <summary>
    /// <c>floatformat</c>: rounds ROUND_HALF_UP on the decimal value. No argument (-1): one decimal place, only when
    /// there is a fraction. A positive <c>n</c>: exactly n places; a negative <c>-n</c>: n places only when there is a
    /// fraction. A <c>g</c> suffix groups thousands with <c>,</c>; a <c>u</c> suffix (unlocalized) changes nothing
    /// here, where output is always invariant. Infinity and NaN print as they are; an invalid argument prints the value.
    /// </summary>
    public static SafeString FloatFormat(double value, string? arg = null) => new(FormatFloat(TemplateText.Of(value), arg));

    /// <summary><c>floatformat</c> with an integer argument.</summary>
    public static SafeString FloatFormat(double value, int arg) => FloatFormat(value, arg.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>floatformat</c> on a decimal (exact: no binary rounding).</summary>
    public static SafeString FloatFormat(decimal value, string? arg = null) => new(FormatFloat(TemplateText.Of(value), arg));

    /// <summary><c>floatformat</c> on a decimal with an integer argument.</summary>
    public static SafeString FloatFormat(decimal value, int arg) => FloatFormat(value, arg.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>floatformat</c> on an integer.</summary>
    public static SafeString FloatFormat(long value, string? arg = null) => new(FormatFloat(TemplateText.Of(value), arg));

    /// <summary><c>floatformat</c> on an integer with an integer argument.</summary>
    public static SafeString FloatFormat(long value, int arg) => FloatFormat(value, arg.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>floatformat</c> on text: parsed as a Python <c>Decimal</c> (or float); text that is neither gives "".</summary>
    public static SafeString FloatFormat(string? value, string? arg = null)
    {
        if (value is null) return SafeString.Empty; // float(None): TypeError
        if (!TryParseDecimal(value, out _, out _, out _, out _))
        {
            // Decimal() refused it: Django tries Decimal(str(float(text)))
            if (!PythonString.TryParseFloat(value, out double number)) return SafeString.Empty;
            return FloatFormat(number, arg);
        }
        return new(FormatFloat(value, arg));
    }

    /// <summary><c>floatformat</c> on text with an integer argument.</summary>
    public static SafeString FloatFormat(string? value, int arg) => FloatFormat(value, arg.ToString(CultureInfo.InvariantCulture));

    // inputText is str(value), which Decimal() accepts.
    private static string FormatFloat(string inputText, string? arg)
    {
        bool grouping = false;
        string places = arg ?? "-1";
        if (places.Length > 0)
        {
            if (places.EndsWith("gu", StringComparison.Ordinal) || places.EndsWith("ug", StringComparison.Ordinal))
            {
                grouping = true;
                places = places[..^2];
            }
            else if (places[^1] == 'g')
            {
                grouping = true;
                places = places[..^1];
            }
            else if (places[^1] == 'u')
            {
                places = places[..^1];
            }
            if (places.Length == 0) places = "-1";
        }
        if (!TryParseDecimal(inputText, out bool negative, out string digits, out int exponent, out bool special)) return "";
        if (!PythonString.TryParseInt(places, out long p) || p > 10_000 || p < -10_000) return inputText;
        if (special) return inputText; // int(Infinity) / int(NaN) fail: Django returns the input
        if (digits.Length + Math.Abs((long)exponent) > 200) return inputText; // Django's guard against huge values

        bool hasFraction = false;
        if (exponent < 0)
        {
            int fractionDigits = Math.Min(-exponent, digits.Length);
            hasFraction = digits.AsSpan(digits.Length - fractionDigits).IndexOfAnyExcept('0') >= 0;
        }
        int decimalPlaces = (int)Math.Abs(p);
        if (!hasFraction && p < 0)
        {
            string integer = IntegerPart(digits, exponent);
            return (negative && integer != "0" ? "-" : "") + GroupThousands(integer, grouping);
        }

        // quantize to exponent -decimalPlaces, ROUND_HALF_UP
        string rounded;
        int target = -decimalPlaces;
        if (exponent >= target)
        {
            rounded = digits + new string('0', exponent - target);
        }
        else
        {
            int drop = target - exponent;
            string kept = drop >= digits.Length ? "0" : digits[..^drop];
            char firstDropped = drop > digits.Length ? '0' : digits[^drop];
            rounded = firstDropped >= '5' ? (BigInteger.Parse(kept, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) : kept;
        }
        rounded = rounded.TrimStart('0');
        bool isZero = rounded.Length == 0;
        if (isZero) rounded = "0";
        if (rounded.Length <= decimalPlaces) rounded = new string('0', decimalPlaces + 1 - rounded.Length) + rounded;
        string integerPart = rounded[..^decimalPlaces];
        string fraction = decimalPlaces == 0 ? "" : "." + rounded[^decimalPlaces..];
        return (negative && !isZero ? "-" : "") + GroupThousands(integerPart, grouping) + fraction;
    }

    private static string IntegerPart(string digits, int exponent)
    {
        string integer = exponent >= 0 ? digits + new string('0', exponent) : (-exponent >= digits.Length ? "0" : digits[..^(-exponent)]);
        integer = integer.TrimStart('0');
        return integer.Length == 0 ? "0" : integer;
    }

    private static string GroupThousands(string integer, bool grouping)
    {
        if (!grouping || integer.Length <= 3) return integer;
        var builder = new StringBuilder(integer.Length + integer.Length / 3);
        int head = integer.Length % 3;
        if (head > 0) builder.Append(integer, 0, head);
        for (int i = head; i < integer.Length; i += 3)
        {
            if (builder.Length > 0) builder.Append(',');
            builder.Append(integer, i, 3);
        }
        return builder.ToString();
    }

    // Python's Decimal(str): [sign] digits [. digits] [e [sign] digits], or Infinity/Inf/NaN/sNaN; whitespace around.
    private static bool TryParseDecimal(string text, out bool negative, out string digits, out int exponent, out bool special)
    {
        negative = false; digits = ""; exponent = 0; special = false;
        string s = PythonString.Trim(text).Replace("_", "", StringComparison.Ordinal);
        int i = 0;
        if (i < s.Length && s[i] is '+' or '-') negative = s[i++] == '-';
        string rest = s[i..];
        if (rest.Equals("infinity", StringComparison.OrdinalIgnoreCase) || rest.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("nan", StringComparison.OrdinalIgnoreCase) || rest.Equals("snan", StringComparison.OrdinalIgnoreCase))
        {
            special = true;
            return true;
        }
        var builder = new StringBuilder();
        int fractionDigits = 0;
        bool point = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c)) { builder.Append(c); if (point) fractionDigits++; }
            else if (c == '.' && !point) point = true;
            else break;
        }
        if (builder.Length == 0) return false;
        if (i < s.Length)
        {
            if (s[i] is not ('e' or 'E') || !int.TryParse(s.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int e)) return false;
            exponent = e;
        }
        exponent -= fractionDigits;
        digits = builder.ToString();
        return true;
    }
}

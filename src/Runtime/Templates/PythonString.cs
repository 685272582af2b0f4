using System.Globalization;
using System.Numerics;
using System.Text;

namespace Reinhardt.Templates;

// Python's str semantics where C#'s differ: indexes count code points (a surrogate pair is one character),
// split() splits on Python's whitespace, int()/float() parse Python's literal forms.
internal static class PythonString
{
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    public static bool HasSurrogates(string value) => value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    public static int CodePointCount(string value)
    {
        if (!HasSurrogates(value)) return value.Length;
        int count = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            count++;
        }
        return count;
    }

    /// <summary>The code points of <paramref name="value"/> as strings' UTF-16 start offsets (plus the end).</summary>
    public static int[] CodePointStarts(string value)
    {
        var starts = new List<int>(value.Length + 1);
        for (int i = 0; i < value.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
        }
        starts.Add(value.Length);
        return [.. starts];
    }

    /// <summary>Python's <c>str.split()</c> with no separator: runs of whitespace separate, none are empty.</summary>
    public static List<string> SplitWords(string value)
    {
        var words = new List<string>();
        int i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && IsSpace(value[i])) i++;
            int start = i;
            while (i < value.Length && !IsSpace(value[i])) i++;
            if (i > start) words.Add(value[start..i]);
        }
        return words;
    }

    public static string Trim(string value)
    {
        int start = 0, end = value.Length;
        while (start < end && IsSpace(value[start])) start++;
        while (end > start && IsSpace(value[end - 1])) end--;
        return value[start..end];
    }

    /// <summary>Python's <c>int(str)</c>: surrounding whitespace, a sign, digits with single underscores between them.</summary>
    public static bool TryParseInt(string? text, out BigInteger value)
    {
        value = default;
        if (text is null) return false;
        string s = Trim(text);
        int i = 0;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-') negative = s[i++] == '-';
        if (i >= s.Length) return false;
        var digits = new StringBuilder(s.Length);
        bool lastWasDigit = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c)) { digits.Append(c); lastWasDigit = true; }
            else if (c == '_' && lastWasDigit && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])) lastWasDigit = false;
            else if (char.IsDigit(c)) { digits.Append((char)('0' + (int)char.GetNumericValue(c))); lastWasDigit = true; }
            else return false;
        }
        value = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) value = -value;
        return true;
    }

    public static bool TryParseInt(string? text, out long value)
    {
        value = 0;
        if (!TryParseInt(text, out BigInteger big) || big > long.MaxValue || big < long.MinValue) return false;
        value = (long)big;
        return true;
    }

    /// <summary>Python's <c>float(str)</c>: decimal or exponent forms, <c>inf</c>/<c>infinity</c>/<c>nan</c>, whitespace around.</summary>
    public static bool TryParseFloat(string? text, out double value)
    {
        value = 0;
        if (text is null) return false;
        string s = Trim(text).Replace("_", "", StringComparison.Ordinal);
        if (s.Length == 0) return false;
        string body = s[0] is '+' or '-' ? s[1..] : s;
        bool negative = s[0] == '-';
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.')) return false;
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python's <c>slice(start, stop, step).indices(length)</c> expanded into the selected positions.</summary>
    public static bool TrySliceIndices(string? arg, int length, out List<int> indices)
    {
        indices = [];
        string[] bits = (arg ?? TemplateText.None).Split(':');
        if (bits.Length > 3) return false; // slice() takes at most three arguments: TypeError, Django returns the value
        var parsed = new long?[bits.Length];
        for (int b = 0; b < bits.Length; b++)
        {
            if (bits[b].Length == 0) continue;
            if (!TryParseInt(bits[b], out long n)) return false;
            parsed[b] = n;
        }
        long? start = null, stop, step = null;
        if (parsed.Length == 1) stop = parsed[0];
        else
        {
            start = parsed[0];
            stop = parsed[1];
            if (parsed.Length == 3) step = parsed[2];
        }
        long s = step ?? 1;
        if (s == 0) return false; // ValueError
        long lower = s > 0 ? 0 : -1, upper = s > 0 ? length : length - 1;
        long Adjust(long? bound, long fallback)
        {
            if (bound is not { } v) return fallback;
            if (v < 0) { v += length; if (v < lower) v = lower; }
            else if (v > upper) v = upper;
            return v;
        }
        long first = Adjust(start, s > 0 ? lower : upper);
        long end = Adjust(stop, s > 0 ? upper : lower);
        for (long i = first; s > 0 ? i < end : i > end; i += s) indices.Add((int)i);
        return true;
    }

    /// <summary><c>value[slice]</c> on a string, by code points.</summary>
    public static string? Slice(string value, string? arg)
    {
        if (!HasSurrogates(value))
        {
            if (!TrySliceIndices(arg, value.Length, out var positions)) return null;
            return string.Create(positions.Count, (value, positions), static (span, state) =>
            {
                for (int i = 0; i < span.Length; i++) span[i] = state.value[state.positions[i]];
            });
        }
        int[] starts = CodePointStarts(value);
        if (!TrySliceIndices(arg, starts.Length - 1, out var indices)) return null;
        var builder = new StringBuilder(value.Length);
        foreach (int i in indices) builder.Append(value, starts[i], starts[i + 1] - starts[i]);
        return builder.ToString();
    }
}

namespace Reinhardt.Http;

/// <summary>Django's base 62 integers (<c>signing.b62_encode</c>), the timestamps of <see cref="TimestampSigner"/>.</summary>
internal static class Base62
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Encode(long value)
    {
        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        var rest = negative ? (ulong)-(value + 1) + 1 : (ulong)value;
        Span<char> digits = stackalloc char[16];
        var position = digits.Length;
        while (rest > 0)
        {
            digits[--position] = Alphabet[(int)(rest % 62)];
            rest /= 62;
        }

        return (negative ? "-" : "") + new string(digits[position..]);
    }

    public static bool TryDecode(string text, out long value)
    {
        value = 0;
        var span = text.AsSpan();
        var negative = span.Length > 1 && span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        if (span.Length is 0 or > 11)
        {
            return false;
        }

        foreach (var digit in span)
        {
            var index = Alphabet.IndexOf(digit, StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            if (value > (long.MaxValue - index) / 62)
            {
                return false;
            }

            value = value * 62 + index;
        }

        value = negative ? -value : value;
        return true;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reinhardt.Http;

/// <summary>
/// JSON text exactly as Python's <c>json.dumps</c> writes it, which is what Django signs: ASCII only
/// (every other character as a lowercase <c>\uXXXX</c> escape, because Django decodes the bytes as
/// Latin-1), no escaping of <c>/ &lt; &gt; &amp; '</c>, floats in Python's shortest form. Byte-identical
/// text gives byte-identical signatures, so values signed here and by Django match.
/// </summary>
internal static class DjangoJson
{
    /// <summary><c>json.dumps(value, separators=(',', ':'))</c> (compact: Django's <c>JSONSerializer</c>).</summary>
    public static string Serialize(JsonNode? value, bool compact = true)
    {
        var text = new StringBuilder();
        Write(text, value, compact ? "," : ", ", compact ? ":" : ": ");
        return text.ToString();
    }

    /// <summary>Parses JSON text; false for invalid text.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out JsonNode? value)
    {
        try
        {
            value = JsonNode.Parse(utf8);
            return true;
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
    }

    private static void Write(StringBuilder text, JsonNode? node, string itemSeparator, string keySeparator)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, item) in obj)
                {
                    if (!first)
                    {
                        text.Append(itemSeparator);
                    }

                    first = false;
                    WriteString(text, key);
                    text.Append(keySeparator);
                    Write(text, item, itemSeparator, keySeparator);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(itemSeparator);
                    }

                    Write(text, array[i], itemSeparator, keySeparator);
                }

                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(text, element.GetString()!);
                    return;
                case JsonValueKind.Number:
                    // parsed numbers keep their text: Python's json writes what it read back the same way
                    text.Append(element.GetRawText());
                    return;
                case JsonValueKind.True:
                    text.Append("true");
                    return;
                case JsonValueKind.False:
                    text.Append("false");
                    return;
                default:
                    text.Append("null");
                    return;
            }
        }

        if (value.TryGetValue<string>(out var s))
        {
            WriteString(text, s);
        }
        else if (value.TryGetValue<bool>(out var b))
        {
            text.Append(b ? "true" : "false");
        }
        else if (value.TryGetValue<long>(out var l))
        {
            text.Append(l.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<int>(out var i))
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<double>(out var d))
        {
            WriteDouble(text, d);
        }
        else if (value.TryGetValue<float>(out var f))
        {
            WriteDouble(text, f);
        }
        else if (value.TryGetValue<decimal>(out var m))
        {
            text.Append(m.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.GetValueKind() == JsonValueKind.String && value.TryGetValue<char>(out var c))
        {
            WriteString(text, c.ToString());
        }
        else
        {
            // other primitives (short, ulong, Guid...): System.Text.Json's own text, re-escaped when a string
            using var document = JsonDocument.Parse(value.ToJsonString());
            Write(text, JsonValue.Create(document.RootElement.Clone()), ",", ":");
        }
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
    private static void WriteDouble(StringBuilder text, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("JSON has no representation for " + value.ToString(CultureInfo.InvariantCulture) + ".", nameof(value));
        }

        if (value == 0)
        {
            text.Append(double.IsNegative(value) ? "-0.0" : "0.0");
            return;
        }

        // "R" gives the shortest round-trip digits; re-lay them out the way Python does
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = (point < 0 ? mantissa : mantissa.Remove(point, 1)).TrimStart('0');
        var leadingZeros = (point < 0 ? mantissa : mantissa.Remove(point, 1)).Length - digits.Length;
        digits = digits.TrimEnd('0');
        // value = 0.DIGITS x 10^decimalPoint
        var decimalPoint = (point < 0 ? mantissa.Length : point) - leadingZeros + exponent;

        if (value < 0)
        {
            text.Append('-');
        }

        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0)
            {
                text.Append("0.").Append('0', -decimalPoint).Append(digits);
            }
            else if (decimalPoint >= digits.Length)
            {
                text.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
            }

            return;
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var e = decimalPoint - 1;
        text.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case < ' ' or > '~':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}

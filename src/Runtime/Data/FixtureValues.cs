using System.Globalization;
using System.Text.Json;

namespace Reinhardt.Data;

/// <summary>
/// Field values in Django's fixture format (what <c>DjangoJSONEncoder</c> writes): date-times as ISO
/// 8601 with <c>Z</c> and milliseconds, decimals and UUIDs as strings, durations as ISO durations.
/// Generated fixture readers and writers call these.
/// </summary>
public static class FixtureValues
{
    /// <summary>Writes one field.</summary>
    public static void Write<T>(Utf8JsonWriter writer, string name, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case string text:
                writer.WriteString(name, text);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case long number:
                writer.WriteNumber(name, number);
                break;
            case double number:
                writer.WriteNumber(name, number);
                break;
            case decimal number:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset moment:
                writer.WriteString(name, DateTimeText(moment.UtcDateTime, utc: true));
                break;
            case DateTime moment:
                writer.WriteString(name, DateTimeText(moment, utc: moment.Kind == DateTimeKind.Utc));
                break;
            case DateOnly date:
                writer.WriteString(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.WriteString(name, time.Ticks % TimeSpan.TicksPerSecond == 0 ? time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
                break;
            case TimeSpan duration:
                writer.WriteString(name, DurationText(duration));
                break;
            case Guid id:
                writer.WriteString(name, id.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new NotSupportedException($"A {value.GetType().Name} cannot be written to a fixture.");
        }
    }

    /// <summary>Reads one field; a value of the wrong kind names the field.</summary>
    public static T Read<T>(JsonElement value, string field)
    {
        try
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return default(T) is null ? default! : throw new FormatException("null is not allowed");
            }

            var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            object result = type switch
            {
                _ when type == typeof(string) => value.GetString()!,
                _ when type == typeof(bool) => value.GetBoolean(),
                _ when type == typeof(int) => value.GetInt32(),
                _ when type == typeof(long) => value.GetInt64(),
                _ when type == typeof(double) => value.GetDouble(),
                _ when type == typeof(decimal) => value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture) : value.GetDecimal(),
                _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
                _ when type == typeof(DateTime) => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                _ when type == typeof(DateOnly) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ when type == typeof(TimeOnly) => TimeOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                _ when type == typeof(TimeSpan) => ParseDuration(value.GetString()!),
                _ when type == typeof(Guid) => Guid.Parse(value.GetString()!),
                _ when type == typeof(byte[]) => value.GetBytesFromBase64(),
                _ => throw new NotSupportedException($"{type.Name} fields cannot be read from fixtures."),
            };
            return (T)result;
        }
        catch (Exception error) when (error is FormatException or InvalidOperationException or OverflowException)
        {
            throw new FixtureException($"field '{field}': {value.GetRawText()} is not a valid {typeof(T).Name}", error);
        }
    }

    /// <summary>An unknown field in a fixture entry (Django's <c>FieldDoesNotExist</c>).</summary>
    public static FixtureException UnknownField(string model, string field) => new($"{model} has no field named '{field}'", null);

    /// <summary>Django's <c>duration_iso_string</c>: <c>P1DT02H03M04.000005S</c>.</summary>
    public static string DurationText(TimeSpan duration)
    {
        var sign = duration < TimeSpan.Zero ? "-" : string.Empty;
        var d = duration.Duration();
        var micros = d.Ticks % TimeSpan.TicksPerSecond / 10;
        var fraction = micros == 0 ? string.Empty : "." + micros.ToString("000000", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}P{d.Days}DT{d.Hours:00}H{d.Minutes:00}M{d.Seconds:00}{fraction}S");
    }

    /// <summary>Django's <c>parse_duration</c>: ISO 8601 (<c>P1DT2H</c>) or <c>[D ]HH:MM:SS[.ffffff]</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        if (!body.StartsWith('P'))
        {
            var parts = body.Split(' ', 2);
            var span = parts.Length == 2
                ? TimeSpan.FromDays(int.Parse(parts[0], CultureInfo.InvariantCulture)) + TimeSpan.Parse(parts[1], CultureInfo.InvariantCulture)
                : TimeSpan.Parse(body, CultureInfo.InvariantCulture);
            return negative ? -span : span;
        }

        var total = TimeSpan.Zero;
        var inTime = false;
        var number = new System.Text.StringBuilder();
        foreach (var c in body[1..])
        {
            if (char.IsDigit(c) || c == '.')
            {
                number.Append(c);
                continue;
            }

            if (c == 'T')
            {
                inTime = true;
                continue;
            }

            var amount = double.Parse(number.ToString(), CultureInfo.InvariantCulture);
            number.Clear();
            total += (c, inTime) switch
            {
                ('D', false) => TimeSpan.FromDays(amount),
                ('W', false) => TimeSpan.FromDays(amount * 7),
                ('H', true) => TimeSpan.FromHours(amount),
                ('M', true) => TimeSpan.FromMinutes(amount),
                ('S', true) => TimeSpan.FromTicks((long)Math.Round(amount * TimeSpan.TicksPerSecond)),
                _ => throw new FormatException($"'{text}' is not a duration."),
            };
        }

        return negative ? -total : total;
    }

    /// <summary>DjangoJSONEncoder: ISO 8601, microseconds cut to milliseconds, <c>+00:00</c> as <c>Z</c>.</summary>
    private static string DateTimeText(DateTime moment, bool utc)
    {
        var text = moment.Ticks % TimeSpan.TicksPerSecond == 0
            ? moment.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : moment.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return utc ? text + "Z" : text;
    }
}

/// <summary>A fixture could not be loaded; the message names the file position and the entry.</summary>
public sealed class FixtureException(string message, Exception? inner) : Exception(message, inner);

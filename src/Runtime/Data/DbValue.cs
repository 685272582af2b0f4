using System.Data.Common;
using System.Globalization;

namespace Reinhardt.Data;

/// <summary>
/// Reads column values that databases store differently (SQLite keeps date-times as text, UUIDs as
/// hex, durations as microseconds). Generated row readers call these instead of the provider's
/// type conversions, so a Django-written database reads back exactly.
/// </summary>
public static class DbValue
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    /// <summary>Django's text form of a naive or UTC date-time: microseconds only when non-zero.</summary>
    public static string FormatDateTime(DateTime value)
    {
        var micros = value.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0
            ? value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    /// <summary>Django's text form of a time.</summary>
    public static string FormatTime(TimeOnly value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : value.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Reads a UTC date-time stored as text (SQLite) or natively.</summary>
    public static DateTimeOffset ReadDateTimeOffset(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => new DateTimeOffset(ParseDateTime(text, reader, ordinal), TimeSpan.Zero),
        DateTimeOffset value => value.ToUniversalTime(),
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        var other => throw Unexpected(reader, ordinal, other, "a date-time"),
    };

    /// <summary>Reads a date-time stored as text or natively; stored UTC values come back with <see cref="DateTimeKind.Utc"/>.</summary>
    public static DateTime ReadDateTime(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => ParseDateTime(text, reader, ordinal),
        DateTime value => value,
        DateTimeOffset value => value.UtcDateTime,
        var other => throw Unexpected(reader, ordinal, other, "a date-time"),
    };

    /// <summary>Reads a date stored as <c>YYYY-MM-DD</c> text or natively.</summary>
    public static DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => DateOnly.ParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly value => value,
        DateTime value => DateOnly.FromDateTime(value),
        var other => throw Unexpected(reader, ordinal, other, "a date"),
    };

    /// <summary>Reads a time stored as text or natively.</summary>
    public static TimeOnly ReadTime(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => TimeOnly.Parse(text, CultureInfo.InvariantCulture),
        TimeOnly value => value,
        TimeSpan value => TimeOnly.FromTimeSpan(value),
        var other => throw Unexpected(reader, ordinal, other, "a time"),
    };

    /// <summary>Reads a duration stored as microseconds (Django's DurationField on SQLite) or natively.</summary>
    public static TimeSpan ReadDuration(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long micros => TimeSpan.FromTicks(micros * 10),
        TimeSpan value => value,
        var other => throw Unexpected(reader, ordinal, other, "a duration"),
    };

    /// <summary>Reads a UUID stored as 32 hex digits (Django on SQLite), as text with dashes, as a blob or natively.</summary>
    public static Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => Guid.Parse(text),
        Guid value => value,
        byte[] bytes when bytes.Length == 16 => new Guid(bytes),
        var other => throw Unexpected(reader, ordinal, other, "a UUID"),
    };

    /// <summary>Reads a boolean stored as 0/1 or natively.</summary>
    public static bool ReadBoolean(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long number => number != 0,
        bool value => value,
        int number => number != 0,
        var other => throw Unexpected(reader, ordinal, other, "a boolean"),
    };

    /// <summary>
    /// Reads a column as <typeparamref name="T"/>, with the storage conversions above for dates,
    /// UUIDs, durations and booleans; NULL reads as null for nullable types and throws otherwise.
    /// </summary>
    public static T Read<T>(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal))
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column '{reader.GetName(ordinal)}' is NULL; read it as {typeof(T).Name}? instead.");
        }

        if (typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTimeOffset?))
        {
            return (T)(object)ReadDateTimeOffset(reader, ordinal);
        }

        if (typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTime?))
        {
            return (T)(object)ReadDateTime(reader, ordinal);
        }

        if (typeof(T) == typeof(DateOnly) || typeof(T) == typeof(DateOnly?))
        {
            return (T)(object)ReadDate(reader, ordinal);
        }

        if (typeof(T) == typeof(TimeOnly) || typeof(T) == typeof(TimeOnly?))
        {
            return (T)(object)ReadTime(reader, ordinal);
        }

        if (typeof(T) == typeof(TimeSpan) || typeof(T) == typeof(TimeSpan?))
        {
            return (T)(object)ReadDuration(reader, ordinal);
        }

        if (typeof(T) == typeof(Guid) || typeof(T) == typeof(Guid?))
        {
            return (T)(object)ReadGuid(reader, ordinal);
        }

        if (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?))
        {
            return (T)(object)ReadBoolean(reader, ordinal);
        }

        if (typeof(T) == typeof(long) || typeof(T) == typeof(long?))
        {
            return (T)(object)reader.GetInt64(ordinal);
        }

        if (typeof(T) == typeof(int) || typeof(T) == typeof(int?))
        {
            return (T)(object)reader.GetInt32(ordinal);
        }

        if (typeof(T) == typeof(double) || typeof(T) == typeof(double?))
        {
            return (T)(object)reader.GetDouble(ordinal);
        }

        if (typeof(T) == typeof(decimal) || typeof(T) == typeof(decimal?))
        {
            return (T)(object)reader.GetDecimal(ordinal);
        }

        if (typeof(T) == typeof(string))
        {
            return (T)(object)reader.GetString(ordinal);
        }

        return reader.GetFieldValue<T>(ordinal);
    }

    private static DateTime ParseDateTime(string text, DbDataReader reader, int ordinal)
    {
        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return DateTime.SpecifyKind(value, DateTimeKind.Utc);
        }

        throw new FormatException($"Column '{reader.GetName(ordinal)}' holds '{text}', which is not a date-time.");
    }

    private static FormatException Unexpected(DbDataReader reader, int ordinal, object value, string expected) =>
        new($"Column '{reader.GetName(ordinal)}' holds a {value.GetType().Name}, not {expected}.");
}

using System.Globalization;
using System.Text;

namespace Reinhardt.Templates;

/// <summary>
/// Python's <c>str()</c> of a value, as a Django template prints it (with <c>USE_L10N</c> off: the invariant form):
/// <c>True</c>/<c>False</c>, <c>None</c>, floats as Python's shortest repr (<c>1.5</c>, <c>2.0</c>, <c>1e+16</c>),
/// datetimes as <c>2024-01-02 03:04:05+00:00</c>. Filters that take text (Django's <c>stringfilter</c>) receive
/// other values through these.
/// </summary>
public static class TemplateText
{
    /// <summary>What Django prints for <see langword="null"/> (Python's <c>None</c>).</summary>
    public const string None = "None";

    /// <summary><c>str(value)</c>: the value, or <c>None</c>.</summary>
    public static string Of(string? value) => value ?? None;

    /// <summary><c>str(value)</c>: <c>True</c> or <c>False</c>.</summary>
    public static string Of(bool value) => value ? "True" : "False";

    /// <summary><c>str(value)</c>.</summary>
    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>str(value)</c>.</summary>
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>str(value)</c> of a Python <c>Decimal</c>: the scale is kept (<c>1.50</c>).</summary>
    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>str(value)</c> of a Python float: the shortest repr (<c>1.5</c>, <c>2.0</c>, <c>1e-05</c>, <c>inf</c>, <c>nan</c>).</summary>
    public static string Of(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        return Encoding.ASCII.GetString(buffer[..FormatDouble(value, buffer)]);
    }

    /// <summary><c>str(value)</c> of a float given as single precision (its own shortest digits: <c>0.1f</c> is <c>0.1</c>).</summary>
    public static string Of(float value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        return Encoding.ASCII.GetString(buffer[..FormatSingle(value, buffer)]);
    }

    /// <summary><c>str(value)</c> of a datetime: <c>2024-01-02 03:04:05</c>, microseconds when non-zero, <c>+00:00</c> for UTC.</summary>
    public static string Of(DateTime value)
    {
        Span<byte> buffer = stackalloc byte[MaxDateLength];
        return Encoding.ASCII.GetString(buffer[..FormatDateTime(value, buffer)]);
    }

    /// <summary><c>str(value)</c> of an aware datetime: <c>2024-01-02 03:04:05+02:00</c>.</summary>
    public static string Of(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[MaxDateLength];
        return Encoding.ASCII.GetString(buffer[..FormatDateTimeOffset(value, buffer)]);
    }

    /// <summary><c>str(value)</c> of a date: <c>2024-01-02</c>.</summary>
    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>str(value)</c> of a time: <c>03:04:05</c>, microseconds when non-zero.</summary>
    public static string Of(TimeOnly value)
    {
        Span<byte> buffer = stackalloc byte[MaxDateLength];
        return Encoding.ASCII.GetString(buffer[..FormatTime(value.Ticks, buffer)]);
    }

    /// <summary><c>str(value)</c> of a UUID: lowercase with hyphens.</summary>
    public static string Of(Guid value) => value.ToString("D");

    /// <summary>
    /// <c>str(value)</c> of a duration (Python's <c>timedelta</c>): <c>2:03:04</c>, <c>1 day, 2:03:04</c>,
    /// <c>-1 day, 23:59:59</c>, microseconds when non-zero.
    /// </summary>
    public static string Of(TimeSpan value)
    {
        // timedelta normalizes to whole days (possibly negative) plus a non-negative time of day
        long ticks = value.Ticks;
        long days = Math.DivRem(ticks, TimeSpan.TicksPerDay, out long rest);
        if (rest < 0) { days--; rest += TimeSpan.TicksPerDay; }
        Span<byte> buffer = stackalloc byte[MaxDateLength];
        int length = FormatTime(rest, buffer);
        if (buffer[0] == (byte)'0' && buffer[1] != (byte)':') { buffer[1..length].CopyTo(buffer); length--; }
        var time = Encoding.ASCII.GetString(buffer[..length]);
        if (days == 0) return time;
        return string.Create(CultureInfo.InvariantCulture, $"{days} day{(Math.Abs(days) == 1 ? "" : "s")}, {time}");
    }

    /// <summary><c>str(value)</c> of any other value: its <c>ToString()</c>, <c>None</c> for <see langword="null"/>.</summary>
    public static string OfObject<T>(T value) => value?.ToString() ?? None;

    /// <summary>The HTML a self-rendering value writes, as safe text.</summary>
    public static SafeString Of(IHtmlWritable? value)
    {
        if (value is null) return new(None);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new TemplateWriter(buffer);
        value.WriteHtml(ref writer);
        writer.Flush();
        return new(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary><c>str(value)</c> of safe text (still safe in Django: <c>SafeString.__str__</c> returns itself).</summary>
    public static string Of(SafeString value) => value.Value;

    internal const int MaxNumberLength = 48;
    internal const int MaxDisplayNumberLength = 340; // a double in positional notation: up to 309 integer or 324 fraction digits
    internal const int MaxDateLength = 40;

    // Python's float repr (format_float_short with 'r'): the shortest round-trip digits, laid out fixed when the
    // decimal exponent is in [-4, 16), otherwise as d.ddde+XX. .NET's "R" gives the same digits, other layout.
    internal static int FormatDouble(double value, Span<byte> destination) => FormatDouble(value, destination, expandExponent: false);

    // How a Django 5.x template prints a float (django.utils.numberformat.format): str(), except that a value whose
    // str() has an exponent goes through Decimal and prints in positional notation (1e+16 -> 10000000000000000).
    internal static int FormatDisplayDouble(double value, Span<byte> destination) => FormatDouble(value, destination, expandExponent: true);

    internal static int FormatDisplaySingle(float value, Span<byte> destination)
    {
        if (!float.IsFinite(value)) return FormatSingle(value, destination);
        Span<byte> raw = stackalloc byte[MaxNumberLength];
        value.TryFormat(raw, out int rawLength, "R", CultureInfo.InvariantCulture);
        return LayOutPythonFloat(raw[..rawLength], destination, expandExponent: true);
    }

    private static int FormatDouble(double value, Span<byte> destination, bool expandExponent)
    {
        if (double.IsNaN(value)) return Copy("nan"u8, destination);
        if (double.IsPositiveInfinity(value)) return Copy("inf"u8, destination);
        if (double.IsNegativeInfinity(value)) return Copy("-inf"u8, destination);
        Span<byte> raw = stackalloc byte[MaxNumberLength];
        value.TryFormat(raw, out int rawLength, "R", CultureInfo.InvariantCulture);
        return LayOutPythonFloat(raw[..rawLength], destination, expandExponent);
    }

    internal static int FormatSingle(float value, Span<byte> destination)
    {
        if (float.IsNaN(value)) return Copy("nan"u8, destination);
        if (float.IsPositiveInfinity(value)) return Copy("inf"u8, destination);
        if (float.IsNegativeInfinity(value)) return Copy("-inf"u8, destination);
        Span<byte> raw = stackalloc byte[MaxNumberLength];
        value.TryFormat(raw, out int rawLength, "R", CultureInfo.InvariantCulture);
        return LayOutPythonFloat(raw[..rawLength], destination, expandExponent: false);
    }

    private static int LayOutPythonFloat(ReadOnlySpan<byte> raw, Span<byte> destination, bool expandExponent)
    {
        bool negative = raw[0] == (byte)'-';
        if (negative) raw = raw[1..];
        Span<byte> digits = stackalloc byte[MaxNumberLength];
        int count = 0, pointPosition = -1, exponent = 0, i = 0;
        for (; i < raw.Length; i++)
        {
            byte c = raw[i];
            if (c == (byte)'.') pointPosition = count;
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = int.Parse(raw[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else digits[count++] = c;
        }
        int decimalPoint = (pointPosition < 0 ? count : pointPosition) + exponent;
        int start = 0;
        while (start < count && digits[start] == (byte)'0') { start++; decimalPoint--; }
        int end = count;
        while (end > start && digits[end - 1] == (byte)'0') end--;
        ReadOnlySpan<byte> significant = digits[start..end];
        int n = 0;
        if (negative) destination[n++] = (byte)'-';
        if (significant.IsEmpty) return n + Copy("0.0"u8, destination[n..]);
        int scientificExponent = decimalPoint - 1;
        bool positional = scientificExponent is >= -4 and < 16;
        if (positional || expandExponent)
        {
            if (decimalPoint <= 0)
            {
                destination[n++] = (byte)'0';
                destination[n++] = (byte)'.';
                for (int z = 0; z < -decimalPoint; z++) destination[n++] = (byte)'0';
                n += Copy(significant, destination[n..]);
            }
            else if (decimalPoint >= significant.Length)
            {
                n += Copy(significant, destination[n..]);
                for (int z = significant.Length; z < decimalPoint; z++) destination[n++] = (byte)'0';
                if (positional)
                {
                    destination[n++] = (byte)'.';
                    destination[n++] = (byte)'0';
                }
            }
            else
            {
                n += Copy(significant[..decimalPoint], destination[n..]);
                destination[n++] = (byte)'.';
                n += Copy(significant[decimalPoint..], destination[n..]);
            }
            return n;
        }
        destination[n++] = significant[0];
        if (significant.Length > 1)
        {
            destination[n++] = (byte)'.';
            n += Copy(significant[1..], destination[n..]);
        }
        destination[n++] = (byte)'e';
        destination[n++] = scientificExponent < 0 ? (byte)'-' : (byte)'+';
        int magnitude = Math.Abs(scientificExponent);
        magnitude.TryFormat(destination[n..], out int written, magnitude < 10 ? "00" : "0", CultureInfo.InvariantCulture);
        return n + written;
    }

    internal static int FormatDateTime(DateTime value, Span<byte> destination)
    {
        int n = FormatDate(DateOnly.FromDateTime(value), destination);
        destination[n++] = (byte)' ';
        n += FormatTime(value.TimeOfDay.Ticks, destination[n..]);
        if (value.Kind == DateTimeKind.Utc) n += Copy("+00:00"u8, destination[n..]);
        return n;
    }

    internal static int FormatDateTimeOffset(DateTimeOffset value, Span<byte> destination)
    {
        int n = FormatDate(DateOnly.FromDateTime(value.DateTime), destination);
        destination[n++] = (byte)' ';
        n += FormatTime(value.DateTime.TimeOfDay.Ticks, destination[n..]);
        return n + FormatOffset(value.Offset, destination[n..], colon: true);
    }

    internal static int FormatDate(DateOnly value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return written;
    }

    // HH:MM:SS, then .ffffff only when the microseconds are non-zero (Python's time.isoformat / str).
    internal static int FormatTime(long ticksOfDay, Span<byte> destination)
    {
        var time = new TimeOnly(ticksOfDay);
        time.TryFormat(destination, out int written, "HH:mm:ss", CultureInfo.InvariantCulture);
        int microseconds = (int)(ticksOfDay % TimeSpan.TicksPerSecond / 10);
        if (microseconds != 0)
        {
            destination[written++] = (byte)'.';
            microseconds.TryFormat(destination[written..], out int more, "000000", CultureInfo.InvariantCulture);
            written += more;
        }
        return written;
    }

    internal static int FormatOffset(TimeSpan offset, Span<byte> destination, bool colon)
    {
        int n = 0;
        destination[n++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        var magnitude = offset.Duration();
        magnitude.Hours.TryFormat(destination[n..], out int written, "00", CultureInfo.InvariantCulture);
        n += written;
        if (colon) destination[n++] = (byte)':';
        magnitude.Minutes.TryFormat(destination[n..], out written, "00", CultureInfo.InvariantCulture);
        return n + written;
    }

    private static readonly string[] MonthsAp = ["", "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

    // How a Django 5.x template prints a datetime, date or time: localized with the en formats DATETIME_FORMAT
    // ("N j, Y, P"), DATE_FORMAT ("N j, Y") and TIME_FORMAT ("P"). Written straight into bytes: no allocation.
    internal static int FormatDisplay(DateTime wall, bool date, bool time, Span<byte> destination)
    {
        int n = 0;
        if (date)
        {
            n += Encoding.ASCII.GetBytes(MonthsAp[wall.Month], destination);
            destination[n++] = (byte)' ';
            wall.Day.TryFormat(destination[n..], out int written, default, CultureInfo.InvariantCulture);
            n += written;
            destination[n++] = (byte)',';
            destination[n++] = (byte)' ';
            wall.Year.TryFormat(destination[n..], out written, "0000", CultureInfo.InvariantCulture);
            n += written;
            if (time)
            {
                destination[n++] = (byte)',';
                destination[n++] = (byte)' ';
            }
        }
        if (time)
        {
            if (wall.Minute == 0 && wall.Hour == 0) return n + Copy("midnight"u8, destination[n..]);
            if (wall.Minute == 0 && wall.Hour == 12) return n + Copy("noon"u8, destination[n..]);
            int hour12 = wall.Hour % 12 == 0 ? 12 : wall.Hour % 12;
            hour12.TryFormat(destination[n..], out int written, default, CultureInfo.InvariantCulture);
            n += written;
            if (wall.Minute != 0)
            {
                destination[n++] = (byte)':';
                wall.Minute.TryFormat(destination[n..], out written, "00", CultureInfo.InvariantCulture);
                n += written;
            }
            n += Copy(wall.Hour > 11 ? " p.m."u8 : " a.m."u8, destination[n..]);
        }
        return n;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}

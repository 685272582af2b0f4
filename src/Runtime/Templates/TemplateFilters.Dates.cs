using System.Globalization;
using System.Text;

namespace Reinhardt.Templates;

public static partial class TemplateFilters
{
    /// <summary>
    /// <c>date</c>: formats with Django's format characters (django/utils/dateformat.py; backslash escapes a
    /// character) or a named format (<c>DATE_FORMAT</c>, <c>SHORT_DATE_FORMAT</c>... in the <c>en</c> locale); no
    /// argument is <c>DATE_FORMAT</c> (<c>N j, Y</c>). A naive <see cref="DateTime"/> (kind not UTC) is taken to be in
    /// the default time zone, UTC; a <see cref="DateTimeOffset"/> keeps its offset (zone name <c>UTC</c> or <c>UTC+02:00</c>).
    /// </summary>
    public static string Date(DateTime value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "DATE_FORMAT"), timeOnly: false) ?? "";

    /// <summary><c>date</c> of an aware datetime.</summary>
    public static string Date(DateTimeOffset value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "DATE_FORMAT"), timeOnly: false) ?? "";

    /// <summary><c>date</c> of a date; time format characters are an error, as in Django (<see cref="FormatException"/>).</summary>
    public static string Date(DateOnly value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "DATE_FORMAT"), timeOnly: false) ?? "";

    /// <summary><c>date</c> of a time: only time characters format; a date character makes the result "" (as in Django).</summary>
    public static string Date(TimeOnly value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "DATE_FORMAT"), timeOnly: true) ?? "";

    /// <summary><c>date</c> of a missing value: "".</summary>
    public static string Date(DateTime? value, string? arg = null) => value is { } v ? Date(v, arg) : "";

    /// <summary><c>date</c> of a missing value: "".</summary>
    public static string Date(DateTimeOffset? value, string? arg = null) => value is { } v ? Date(v, arg) : "";

    /// <summary><c>date</c> of a missing value: "".</summary>
    public static string Date(DateOnly? value, string? arg = null) => value is { } v ? Date(v, arg) : "";

    /// <summary><c>time</c>: formats with the time characters only (<c>TIME_FORMAT</c>, <c>P</c>, by default); any date character makes the result "" (as in Django).</summary>
    public static string Time(DateTime value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "TIME_FORMAT"), timeOnly: true) ?? "";

    /// <summary><c>time</c> of an aware datetime.</summary>
    public static string Time(DateTimeOffset value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "TIME_FORMAT"), timeOnly: true) ?? "";

    /// <summary><c>time</c> of a time (no time zone: <c>e</c>, <c>O</c>, <c>T</c>, <c>Z</c> are "").</summary>
    public static string Time(TimeOnly value, string? arg = null) => DateFormat.Format(DateValue.From(value), NamedFormat(arg, "TIME_FORMAT"), timeOnly: true) ?? "";

    /// <summary><c>time</c> of a missing value: "".</summary>
    public static string Time(DateTime? value, string? arg = null) => value is { } v ? Time(v, arg) : "";

    /// <summary><c>time</c> of a missing value: "".</summary>
    public static string Time(DateTimeOffset? value, string? arg = null) => value is { } v ? Time(v, arg) : "";

    /// <summary><c>time</c> of a missing value: "".</summary>
    public static string Time(TimeOnly? value, string? arg = null) => value is { } v ? Time(v, arg) : "";

    // django.utils.formats.get_format: a setting name gives the en locale's format; anything else is the format.
    private static string NamedFormat(string? arg, string fallback) => (string.IsNullOrEmpty(arg) ? fallback : arg) switch
    {
        "DATE_FORMAT" => "N j, Y",
        "DATETIME_FORMAT" => "N j, Y, P",
        "TIME_FORMAT" => "P",
        "YEAR_MONTH_FORMAT" => "F Y",
        "MONTH_DAY_FORMAT" => "F j",
        "SHORT_DATE_FORMAT" => "m/d/Y",
        "SHORT_DATETIME_FORMAT" => "m/d/Y P",
        var format => format,
    };
}

// What Django's formatter sees: a datetime, date or time, and the time zone when there is one.
internal readonly record struct DateValue(DateTime Wall, bool HasDate, bool HasTime, TimeSpan? Offset, bool Aware)
{
    public static DateValue From(DateTime value) => new(value, true, true, TimeSpan.Zero, value.Kind == DateTimeKind.Utc);
    public static DateValue From(DateTimeOffset value) => new(value.DateTime, true, true, value.Offset, true);
    public static DateValue From(DateOnly value) => new(value.ToDateTime(TimeOnly.MinValue), true, false, null, false);
    public static DateValue From(TimeOnly value) => new(DateTime.MinValue.Add(value.ToTimeSpan()), false, true, null, false);
}

internal static class DateFormat
{
    private const string FormatChars = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ";
    private const string TimeChars = "aAefgGhHiOPsTuZ"; // TimeFormat's methods; the rest are DateFormat's
    private static readonly string[] Months = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] MonthsAp = ["", "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>The formatted text, or <see langword="null"/> where Django's filter returns "" (an attribute the value lacks).</summary>
    public static string? Format(DateValue value, string format, bool timeOnly)
    {
        var output = new StringBuilder(format.Length * 2);
        var literal = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            bool isFormatChar = FormatChars.Contains(c) && (i == 0 || format[i - 1] != '\\');
            if (!isFormatChar)
            {
                literal.Append(c);
                continue;
            }
            AppendLiteral(output, literal);
            bool isTimeChar = TimeChars.Contains(c);
            if (timeOnly && !isTimeChar) return null; // TimeFormat has no such method: AttributeError, filter gives ""
            if (!value.HasDate && !isTimeChar) return null; // a time has no .day: AttributeError
            if (!value.HasTime && (isTimeChar || c == 'r'))
                throw new FormatException($"The format for date objects may not contain time-related format specifiers (found '{c}').");
            output.Append(Piece(value, c));
        }
        AppendLiteral(output, literal);
        return output.ToString();
    }

    // re_escaped.sub(r"\1", piece): a backslash and the character after it become that character.
    private static void AppendLiteral(StringBuilder output, StringBuilder literal)
    {
        for (int i = 0; i < literal.Length; i++)
        {
            if (literal[i] == '\\' && i + 1 < literal.Length && literal[i + 1] != '\n') i++;
            output.Append(literal[i]);
        }
        literal.Clear();
    }

    private static string Two(int n) => n.ToString("00", CultureInfo.InvariantCulture);
    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Piece(DateValue v, char c)
    {
        DateTime d = v.Wall;
        int hour12 = d.Hour % 12 == 0 ? 12 : d.Hour % 12;
        bool zone = v.Offset is not null; // Django's self.timezone: datetimes only (a naive one gets the default zone)
        TimeSpan offset = v.Offset ?? TimeSpan.Zero;
        return c switch
        {
            'a' => d.Hour > 11 ? "p.m." : "a.m.",
            'A' => d.Hour > 11 ? "PM" : "AM",
            'e' => zone && v.Aware ? ZoneName(offset) : "",
            'f' => d.Minute != 0 ? $"{Num(hour12)}:{Two(d.Minute)}" : Num(hour12),
            'g' => Num(hour12),
            'G' => Num(d.Hour),
            'h' => Two(hour12),
            'H' => Two(d.Hour),
            'i' => Two(d.Minute),
            'O' => zone ? Offset(offset, colon: false) : "",
            'P' => d.Minute == 0 && d.Hour == 0 ? "midnight" : d.Minute == 0 && d.Hour == 12 ? "noon" : $"{Piece(v, 'f')} {Piece(v, 'a')}",
            's' => Two(d.Second),
            'T' => zone ? ZoneName(offset) : "",
            'u' => (d.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture),
            'Z' => zone ? Num((long)offset.TotalSeconds) : "",
            'b' => Months[d.Month][..3].ToLowerInvariant(),
            'c' => IsoFormat(v),
            'd' => Two(d.Day),
            'D' => Weekdays[Monday0(d)][..3],
            'E' or 'F' => Months[d.Month],
            'I' => zone ? "0" : "", // fixed offsets have no daylight saving time
            'j' => Num(d.Day),
            'l' => Weekdays[Monday0(d)],
            'L' => DateTime.IsLeapYear(d.Year) ? "True" : "False",
            'm' => Two(d.Month),
            'M' => Months[d.Month][..3],
            'n' => Num(d.Month),
            'N' => MonthsAp[d.Month],
            'o' => Num(ISOWeek.GetYear(d)),
            'r' => Rfc5322(v),
            'S' => d.Day is 11 or 12 or 13 ? "th" : (d.Day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
            't' => Two(DateTime.DaysInMonth(d.Year, d.Month)),
            'U' => Num(UnixSeconds(v)),
            'w' => Num(((int)d.DayOfWeek)),
            'W' => Num(ISOWeek.GetWeekOfYear(d)),
            'y' => Two(d.Year % 100),
            'Y' => d.Year.ToString("0000", CultureInfo.InvariantCulture),
            'z' => Num(d.DayOfYear),
            _ => c.ToString(),
        };
    }

    private static int Monday0(DateTime d) => ((int)d.DayOfWeek + 6) % 7;

    // Python's datetime.timezone(offset).tzname(): "UTC" for zero, else "UTC+02:00".
    private static string ZoneName(TimeSpan offset) => offset == TimeSpan.Zero ? "UTC" : "UTC" + Offset(offset, colon: true);

    private static string Offset(TimeSpan offset, bool colon)
    {
        Span<byte> buffer = stackalloc byte[8];
        return Encoding.ASCII.GetString(buffer[..TemplateText.FormatOffset(offset, buffer, colon)]);
    }

    private static string IsoFormat(DateValue v)
    {
        if (!v.HasTime) return v.Wall.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[TemplateText.MaxDateLength];
        int n = TemplateText.FormatDate(DateOnly.FromDateTime(v.Wall), buffer);
        buffer[n++] = (byte)'T';
        n += TemplateText.FormatTime(v.Wall.TimeOfDay.Ticks, buffer[n..]);
        if (v.Aware) n += TemplateText.FormatOffset(v.Offset ?? TimeSpan.Zero, buffer[n..], colon: true);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    // email.utils.format_datetime: "Thu, 21 Dec 2000 16:01:07 +0200"; a naive datetime is made aware in the default zone.
    private static string Rfc5322(DateValue v)
    {
        DateTime d = v.Wall;
        return $"{Weekdays[Monday0(d)][..3]}, {Two(d.Day)} {Months[d.Month][..3]} {d.Year:0000} {Two(d.Hour)}:{Two(d.Minute)}:{Two(d.Second)} {Offset(v.Offset ?? TimeSpan.Zero, colon: false)}";
    }

    private static long UnixSeconds(DateValue v)
    {
        var utc = new DateTimeOffset(DateTime.SpecifyKind(v.Wall, DateTimeKind.Unspecified), v.Offset ?? TimeSpan.Zero);
        return (long)Math.Floor((utc.UtcTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond);
    }
}

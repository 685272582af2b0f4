using System.Buffers;
using System.Globalization;
using System.Text;

namespace Reinhardt.Templates;

/// <summary>
/// Django's built-in template filters, with Django's semantics (django/template/defaultfilters.py, 5.x). The
/// generator picks the overload from the value's C# type. Filters Django declares <c>is_safe</c> have a
/// <see cref="SafeString"/> overload that keeps the mark; filters that return safe text return
/// <see cref="SafeString"/>; the others return plain values that the writer escapes. Filters Django declares
/// <c>needs_autoescape</c> take the current autoescape state. Text filters (Django's <c>stringfilter</c>) treat
/// <see langword="null"/> as the text <c>None</c>, as <c>str(None)</c> does.
/// </summary>
public static partial class TemplateFilters
{
    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");

    /// <summary>Django's <c>django.utils.html.escape</c> on text: the five HTML-special characters.</summary>
    public static string HtmlEscape(string value)
    {
        int first = value.AsSpan().IndexOfAny(HtmlSpecial);
        if (first < 0) return value;
        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#x27;"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Django's <c>conditional_escape</c>: safe text as it is, other text escaped.</summary>
    public static SafeString ConditionalEscape(string? value) => new(HtmlEscape(TemplateText.Of(value)));

    // ---- escape, safe -------------------------------------------------------------------------------------

    /// <summary><c>escape</c>: the text escaped and marked safe.</summary>
    public static SafeString Escape(string? value) => ConditionalEscape(value);

    /// <summary><c>escape</c> on safe text: unchanged (Django's <c>conditional_escape</c>).</summary>
    public static SafeString Escape(SafeString value) => value;

    /// <summary><c>force_escape</c>: escaped even when already safe.</summary>
    public static SafeString ForceEscape(string? value) => ConditionalEscape(value);

    /// <summary><c>force_escape</c>: escaped even when already safe.</summary>
    public static SafeString ForceEscape(SafeString value) => new(HtmlEscape(value.Value));

    /// <summary><c>safe</c>: marks the text safe.</summary>
    public static SafeString Safe(string? value) => new(TemplateText.Of(value));

    /// <summary><c>safe</c>: already safe.</summary>
    public static SafeString Safe(SafeString value) => value;

    // ---- default, default_if_none -------------------------------------------------------------------------

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is false (<see langword="null"/> or empty).</summary>
    public static string Default(string? value, string arg) => string.IsNullOrEmpty(value) ? arg : value;

    /// <summary>
    /// <c>default</c> with a safe fallback (a template string literal) on text that is not safe, as the last filter
    /// of an output: the value escaped when autoescape is on, else <paramref name="arg"/> as it is (Django prints a
    /// literal fallback unescaped). Where more filters follow, use the <see cref="string"/> overload.
    /// </summary>
    public static SafeString Default(string? value, SafeString arg, bool autoescape) =>
        string.IsNullOrEmpty(value) ? arg : new(autoescape ? HtmlEscape(value) : value);

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is empty.</summary>
    public static SafeString Default(SafeString value, SafeString arg) => value.Value.Length == 0 ? arg : value;

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is 0.</summary>
    public static int Default(int value, int arg) => value != 0 ? value : arg;

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is 0.</summary>
    public static long Default(long value, long arg) => value != 0 ? value : arg;

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is 0 (NaN is true, as in Python).</summary>
    public static double Default(double value, double arg) => value != 0 || double.IsNaN(value) ? value : arg;

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is 0.</summary>
    public static decimal Default(decimal value, decimal arg) => value != 0 ? value : arg;

    /// <summary><c>default</c>: <paramref name="arg"/> when the value is false.</summary>
    public static bool Default(bool value, bool arg) => value || arg;

    /// <summary><c>default</c> for a collection: <paramref name="arg"/> when it is <see langword="null"/> or empty.</summary>
    public static IReadOnlyCollection<T> Default<T>(IReadOnlyCollection<T>? value, IReadOnlyCollection<T> arg) =>
        value is { Count: > 0 } ? value : arg;

    /// <summary><c>default_if_none</c>: <paramref name="arg"/> only when the value is <see langword="null"/>.</summary>
    public static T DefaultIfNone<T>(T? value, T arg) where T : class => value ?? arg;

    /// <summary><c>default_if_none</c>: <paramref name="arg"/> only when the value is <see langword="null"/>.</summary>
    public static T DefaultIfNone<T>(T? value, T arg) where T : struct => value ?? arg;

    // ---- length, wordcount --------------------------------------------------------------------------------

    /// <summary><c>length</c>: the number of characters (code points, as Python counts); 0 for <see langword="null"/>.</summary>
    public static int Length(string? value) => value is null ? 0 : PythonString.CodePointCount(value);

    /// <summary><c>length</c> of safe text.</summary>
    public static int Length(SafeString value) => PythonString.CodePointCount(value.Value);

    /// <summary><c>length</c>: the number of items; 0 for <see langword="null"/>.</summary>
    public static int Length<T>(IReadOnlyCollection<T>? value) => value?.Count ?? 0;

    /// <summary><c>wordcount</c>: the number of whitespace-separated words.</summary>
    public static int WordCount(string? value) => PythonString.SplitWords(TemplateText.Of(value)).Count;

    /// <summary><c>wordcount</c> of safe text.</summary>
    public static int WordCount(SafeString value) => PythonString.SplitWords(value.Value).Count;

    // ---- case ---------------------------------------------------------------------------------------------

    /// <summary><c>lower</c>.</summary>
    public static string Lower(string? value) => TemplateText.Of(value).ToLowerInvariant();

    /// <summary><c>lower</c> keeps safe text safe (<c>is_safe=True</c>).</summary>
    public static SafeString Lower(SafeString value) => new(value.Value.ToLowerInvariant());

    /// <summary><c>upper</c>.</summary>
    public static string Upper(string? value) => TemplateText.Of(value).ToUpperInvariant();

    /// <summary><c>upper</c> on safe text is NOT safe (<c>is_safe=False</c>: <c>&amp;amp;</c> would become <c>&amp;AMP;</c>), so it is escaped on output.</summary>
    public static string Upper(SafeString value) => value.Value.ToUpperInvariant();

    /// <summary><c>title</c>: Python's <c>str.title()</c>, then lowercase after an apostrophe between letters and after a digit.</summary>
    public static string Title(string? value) => TitleCase(TemplateText.Of(value));

    /// <summary><c>title</c> keeps safe text safe.</summary>
    public static SafeString Title(SafeString value) => new(TitleCase(value.Value));

    /// <summary><c>capfirst</c>: the first character uppercase.</summary>
    public static string CapFirst(string? value) => CapitalizeFirst(TemplateText.Of(value));

    /// <summary><c>capfirst</c> keeps safe text safe.</summary>
    public static SafeString CapFirst(SafeString value) => new(CapitalizeFirst(value.Value));

    private static string CapitalizeFirst(string value)
    {
        if (value.Length == 0) return value;
        Rune.DecodeFromUtf16(value, out Rune first, out int consumed);
        return Rune.ToUpperInvariant(first).ToString() + value[consumed..];
    }

    private static bool IsCased(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static string TitleCase(string value)
    {
        var chars = value.ToCharArray();
        bool previousCased = false;
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            chars[i] = previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
            previousCased = IsCased(c);
        }
        // re.sub("([a-z])'([A-Z])", lambda m: m[0].lower(), ...): non-overlapping, left to right
        for (int i = 0; i + 2 < chars.Length; i++)
        {
            if (char.IsAsciiLetterLower(chars[i]) && chars[i + 1] == '\'' && char.IsAsciiLetterUpper(chars[i + 2]))
            {
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
                i += 2;
            }
        }
        // re.sub(r"\d([A-Z])", lambda m: m[0].lower(), ...)
        for (int i = 0; i + 1 < chars.Length; i++)
        {
            if (char.IsDigit(chars[i]) && char.IsAsciiLetterUpper(chars[i + 1]))
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                i += 1;
            }
        }
        return new string(chars);
    }

    // ---- truncation ---------------------------------------------------------------------------------------

    /// <summary><c>truncatechars</c>: at most <paramref name="length"/> characters including the ending <c>…</c>; combining marks are not counted.</summary>
    public static string TruncateChars(string? value, int length) => TruncateCharacters(TemplateText.Of(value), length);

    /// <summary><c>truncatechars</c> with the argument as text: a non-integer argument leaves the value unchanged.</summary>
    public static string TruncateChars(string? value, string? length) =>
        PythonString.TryParseInt(length, out long n) ? TruncateChars(value, ClampToInt(n)) : TemplateText.Of(value);

    /// <summary><c>truncatechars</c> keeps safe text safe.</summary>
    public static SafeString TruncateChars(SafeString value, int length) => new(TruncateCharacters(value.Value, length));

    /// <summary><c>truncatechars</c> keeps safe text safe.</summary>
    public static SafeString TruncateChars(SafeString value, string? length) => new(TruncateChars(value.Value, length));

    /// <summary><c>truncatewords</c>: at most <paramref name="length"/> words, then <c> …</c>; whitespace runs become one space.</summary>
    public static string TruncateWords(string? value, int length) => TruncateWordList(TemplateText.Of(value), length);

    /// <summary><c>truncatewords</c> with the argument as text: a non-integer argument leaves the value unchanged.</summary>
    public static string TruncateWords(string? value, string? length) =>
        PythonString.TryParseInt(length, out long n) ? TruncateWords(value, ClampToInt(n)) : TemplateText.Of(value);

    /// <summary><c>truncatewords</c> keeps safe text safe.</summary>
    public static SafeString TruncateWords(SafeString value, int length) => new(TruncateWordList(value.Value, length));

    /// <summary><c>truncatewords</c> keeps safe text safe.</summary>
    public static SafeString TruncateWords(SafeString value, string? length) => new(TruncateWords(value.Value, length));

    private static int ClampToInt(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    // Django's Truncator.chars: NFC first; the length includes the one-character "…"; since Django 5.0 a length
    // of 0 or less gives "" (3.2 gave "…").
    private static string TruncateCharacters(string value, int length)
    {
        if (length <= 0) return "";
        string text = value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        int truncateLength = length - 1;
        int counted = 0, endIndex = -1;
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                counted++;
                if (endIndex < 0 && counted > truncateLength) endIndex = i;
                if (counted > length) return string.Concat(text.AsSpan(0, Math.Max(endIndex, 0)), "…");
            }
            i += consumed;
        }
        return text;
    }

    // Django's Truncator.words with truncate=" …": since Django 5.0 a length of 0 or less gives "".
    private static string TruncateWordList(string value, int length)
    {
        if (length <= 0) return "";
        var words = PythonString.SplitWords(value);
        if (words.Count <= length) return string.Join(' ', words);
        string text = string.Join(' ', words.GetRange(0, length));
        return text.EndsWith(" …", StringComparison.Ordinal) ? text : text + " …";
    }

    // ---- line breaks --------------------------------------------------------------------------------------

    /// <summary><c>linebreaksbr</c>: newlines (<c>\r\n</c>, <c>\r</c>, <c>\n</c>) become <c>&lt;br&gt;</c>; the text is escaped first when autoescape is on.</summary>
    public static SafeString LineBreaksBr(string? value, bool autoescape)
    {
        string text = NormalizeNewlines(TemplateText.Of(value));
        if (autoescape) text = HtmlEscape(text);
        return new(text.Replace("\n", "<br>", StringComparison.Ordinal));
    }

    /// <summary><c>linebreaksbr</c> on safe text: not escaped again.</summary>
    public static SafeString LineBreaksBr(SafeString value, bool autoescape) => LineBreaksBr(value.Value, autoescape: false);

    /// <summary><c>linebreaks</c>: paragraphs (separated by blank lines) in <c>&lt;p&gt;</c>, single newlines as <c>&lt;br&gt;</c>; escaped first when autoescape is on.</summary>
    public static SafeString LineBreaks(string? value, bool autoescape)
    {
        string text = NormalizeNewlines(TemplateText.Of(value));
        var builder = new StringBuilder(text.Length + 16);
        int start = 0;
        while (true)
        {
            // re.split("\n{2,}", value)
            int separator = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            string paragraph = separator < 0 ? text[start..] : text[start..separator];
            if (builder.Length > 0) builder.Append("\n\n");
            builder.Append("<p>")
                .Append((autoescape ? HtmlEscape(paragraph) : paragraph).Replace("\n", "<br>", StringComparison.Ordinal))
                .Append("</p>");
            if (separator < 0) break;
            start = separator;
            while (start < text.Length && text[start] == '\n') start++;
        }
        return new(builder.ToString());
    }

    /// <summary><c>linebreaks</c> on safe text: not escaped again.</summary>
    public static SafeString LineBreaks(SafeString value, bool autoescape) => LineBreaks(value.Value, autoescape: false);

    private static string NormalizeNewlines(string value) =>
        value.Contains('\r') ? value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : value;

    // ---- urlencode ----------------------------------------------------------------------------------------

    /// <summary>
    /// <c>urlencode</c>: Python's <c>urllib.parse.quote(value, safe)</c>; UTF-8 bytes percent-encoded in uppercase
    /// hex except letters, digits, <c>_.-~</c> and the ASCII characters of <paramref name="safe"/> (default <c>/</c>).
    /// Not marked safe: the writer escapes it (an <c>&amp;</c> kept by <paramref name="safe"/> prints as <c>&amp;amp;</c>).
    /// </summary>
    public static string UrlEncode(string? value, string? safe = null)
    {
        string text = TemplateText.Of(value);
        string safeChars = safe ?? "/";
        var builder = new StringBuilder(text.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);
            i += consumed;
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "_.-~".Contains((char)rune.Value) || safeChars.Contains((char)rune.Value)))
            {
                builder.Append((char)rune.Value);
                continue;
            }
            int count = rune.EncodeToUtf8(bytes);
            for (int b = 0; b < count; b++) builder.Append('%').Append(bytes[b].ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary><c>urlencode</c> of safe text (the result is not safe).</summary>
    public static string UrlEncode(SafeString value, string? safe = null) => UrlEncode(value.Value, safe);

    // ---- striptags ----------------------------------------------------------------------------------------

    /// <summary><c>striptags</c>: removes tags, comments and declarations (Django's <c>strip_tags</c>, repeated while it still removes something); entities stay.</summary>
    public static string StripTags(string? value) => StripAllTags(TemplateText.Of(value));

    /// <summary><c>striptags</c> keeps safe text safe.</summary>
    public static SafeString StripTags(SafeString value) => new(StripAllTags(value.Value));

    private static string StripAllTags(string value)
    {
        while (value.Contains('<') && value.Contains('>'))
        {
            string stripped = StripOnce(value);
            if (Count(stripped, '<') == Count(value, '<')) break;
            value = stripped;
        }
        return value;
    }

    private static int Count(string value, char c) => value.AsSpan().Count(c);

    // An approximation of Python's HTMLParser as Django's MLStripper uses it: '<' starts markup only before a
    // letter, '/', '!' or '?'; quoted attribute values may hold '>'; unterminated markup stays as text.
    private static string StripOnce(string value)
    {
        var builder = new StringBuilder(value.Length);
        int i = 0;
        while (i < value.Length)
        {
            char c = value[i];
            if (c != '<' || i + 1 >= value.Length)
            {
                builder.Append(c);
                i++;
                continue;
            }
            char next = value[i + 1];
            int end = -1;
            if (value.AsSpan(i).StartsWith("<!--"))
            {
                int close = value.IndexOf("-->", i + 4, StringComparison.Ordinal);
                end = close < 0 ? -1 : close + 3;
            }
            else if (char.IsAsciiLetter(next) || (next == '/' && i + 2 < value.Length && char.IsAsciiLetter(value[i + 2])))
            {
                end = EndOfTag(value, i + 1);
            }
            else if (next is '!' or '?' || (next == '/' && i + 2 < value.Length && value[i + 2] == '>'))
            {
                int close = value.IndexOf('>', i + 1);
                end = close < 0 ? -1 : close + 1;
            }
            if (end < 0)
            {
                builder.Append(c);
                i++;
                continue;
            }
            i = end;
        }
        return builder.ToString();
    }

    private static int EndOfTag(string value, int start)
    {
        char quote = '\0';
        for (int i = start; i < value.Length; i++)
        {
            char c = value[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'' && i > 0 && (value[i - 1] == '=' || PythonString.IsSpace(value[i - 1]))) quote = c;
            else if (c == '>') return i + 1;
        }
        return -1;
    }
}

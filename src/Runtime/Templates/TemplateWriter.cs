using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Unicode;

namespace Reinhardt.Templates;

/// <summary>
/// Writes a rendered template as UTF-8 into an <see cref="IBufferWriter{T}"/> (a <c>PipeWriter</c>, an
/// <see cref="ArrayBufferWriter{T}"/>). Generated renderers call <see cref="WriteLiteral"/> for the template's text
/// and <c>Write</c> for values: text is HTML-escaped while it is transcoded (no intermediate string), safe text and
/// numbers are copied as they are, numbers and dates without allocating. Values print as a Django 5.x template
/// prints them (localized with the en formats, no thousands separator): <c>True</c>, <c>None</c>, <c>1.5</c>,
/// <c>Jan. 2, 2024, 3:04 a.m.</c>.
/// </summary>
/// <remarks>
/// A <see langword="ref"/> struct passed by reference (<c>ref TemplateWriter</c>), like ASP.NET Core's internal
/// <c>BufferWriter&lt;T&gt;</c>: it asks the output for a span once and writes into it, committing
/// (<see cref="IBufferWriter{T}.Advance"/>) only when the span is full and at <see cref="Flush"/>. So a literal or a
/// number costs a bounds check and a copy rather than two interface calls, and a render allocates nothing of its own.
/// Whoever creates a writer calls <see cref="Flush"/> when done; nothing else may write to the output meanwhile.
/// </remarks>
public ref struct TemplateWriter
{
    // Django's escape(): exactly these five.
    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");
    private const int MaxChunkBytes = 16 * 1024;
    // what is asked of the output at least, so that small writes do not ask again each time
    private const int MinimumRequest = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    /// <summary>Writes into <paramref name="output"/>; call <see cref="Flush"/> when done.</summary>
    public TemplateWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = default;
        _buffered = 0;
    }

    /// <summary>Commits what has been written to the output (<see cref="IBufferWriter{T}.Advance"/>).</summary>
    public void Flush()
    {
        if (_buffered != 0)
        {
            _output.Advance(_buffered);
        }

        _span = default;
        _buffered = 0;
    }

    /// <summary>Copies precomputed UTF-8 (the template's literal text) as it is.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void WriteLiteral(scoped ReadOnlySpan<byte> utf8)
    {
        Span<byte> free = _span.Slice(_buffered);
        if (utf8.Length <= free.Length)
        {
            utf8.CopyTo(free);
            _buffered += utf8.Length;
        }
        else
        {
            WriteLiteralSlow(utf8);
        }
    }

    /// <summary>Writes text HTML-escaped (Django's <c>escape</c>); <see langword="null"/> prints <c>None</c> as Django does.</summary>
    public void Write(string? value) => WriteEscaped(value is null ? TemplateText.None : value.AsSpan());

    /// <summary>Writes text HTML-escaped: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&quot;</c>, <c>&amp;#x27;</c>.</summary>
    public void WriteEscaped(scoped ReadOnlySpan<char> value)
    {
        while (!value.IsEmpty)
        {
            int special = value.IndexOfAny(HtmlSpecial);
            if (special < 0)
            {
                WriteUtf16(value);
                return;
            }
            if (special != 0)
            {
                WriteUtf16(value[..special]);
            }

            WriteLiteral(value[special] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' => "&quot;"u8,
                _ => "&#x27;"u8,
            });
            value = value[(special + 1)..];
        }
    }

    /// <summary>Writes text without escaping (a value already safe); <see langword="null"/> prints <c>None</c>.</summary>
    public void WriteRaw(string? value) => WriteUtf16(value is null ? TemplateText.None : value.AsSpan());

    /// <summary>Writes text without escaping.</summary>
    public void WriteRaw(scoped ReadOnlySpan<char> value) => WriteUtf16(value);

    /// <summary>Writes safe text as it is.</summary>
    public void Write(SafeString value) => WriteUtf16(value.Value.AsSpan());

    /// <summary>Lets <paramref name="value"/> write its own HTML; <see langword="null"/> prints <c>None</c>.</summary>
    public void Write(IHtmlWritable? value)
    {
        if (value is null) WriteNone();
        else value.WriteHtml(ref this);
    }

    /// <summary>Writes <c>True</c> or <c>False</c>.</summary>
    public void Write(bool value) => WriteLiteral(value ? "True"u8 : "False"u8);

    /// <summary>Writes the number (invariant, no allocation).</summary>
    public void Write(int value)
    {
        Span<byte> span = Reserve(11);
        Utf8Formatter.TryFormat(value, span, out int written);
        _buffered += written;
    }

    /// <summary>Writes the number (invariant, no allocation).</summary>
    public void Write(long value)
    {
        Span<byte> span = Reserve(20);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _buffered += written;
    }

    /// <summary>Writes the decimal as Python's <c>str(Decimal)</c> (its scale kept: <c>1.50</c>).</summary>
    public void Write(decimal value)
    {
        Span<byte> span = Reserve(32);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _buffered += written;
    }

    /// <summary>
    /// Writes the float as a Django 5.x template prints it: Python's <c>str()</c> (<c>1.5</c>, <c>2.0</c>, <c>inf</c>,
    /// <c>nan</c>), except that where <c>str()</c> would use an exponent the value is written positionally
    /// (<c>1e+16</c> prints <c>10000000000000000</c>, <c>1e-05</c> prints <c>0.00001</c>).
    /// </summary>
    public void Write(double value)
    {
        Span<byte> span = Reserve(TemplateText.MaxDisplayNumberLength);
        _buffered += TemplateText.FormatDisplayDouble(value, span);
    }

    /// <summary>Writes the float as <see cref="Write(double)"/> does, from its single-precision shortest digits (<c>0.1f</c> prints <c>0.1</c>).</summary>
    public void Write(float value)
    {
        Span<byte> span = Reserve(TemplateText.MaxDisplayNumberLength);
        _buffered += TemplateText.FormatDisplaySingle(value, span);
    }

    /// <summary>
    /// Writes the datetime as a Django template prints one: localized with the en <c>DATETIME_FORMAT</c>
    /// (<c>Jan. 2, 2024, 3:04 a.m.</c>, <c>noon</c>, <c>midnight</c>), its wall-clock time (no conversion).
    /// <see cref="TemplateText.Of(DateTime)"/> gives <c>str()</c> instead, as text filters see it.
    /// </summary>
    public void Write(DateTime value)
    {
        Span<byte> span = Reserve(TemplateText.MaxDateLength);
        _buffered += TemplateText.FormatDisplay(value, date: true, time: true, span);
    }

    /// <summary>Writes the datetime's wall-clock time with the en <c>DATETIME_FORMAT</c>, as <see cref="Write(DateTime)"/>.</summary>
    public void Write(DateTimeOffset value)
    {
        Span<byte> span = Reserve(TemplateText.MaxDateLength);
        _buffered += TemplateText.FormatDisplay(value.DateTime, date: true, time: true, span);
    }

    /// <summary>Writes the date with the en <c>DATE_FORMAT</c>: <c>Jan. 2, 2024</c>.</summary>
    public void Write(DateOnly value)
    {
        Span<byte> span = Reserve(TemplateText.MaxDateLength);
        _buffered += TemplateText.FormatDisplay(value.ToDateTime(TimeOnly.MinValue), date: true, time: false, span);
    }

    /// <summary>Writes the time with the en <c>TIME_FORMAT</c>: <c>3:04 a.m.</c>, <c>noon</c>, <c>midnight</c>.</summary>
    public void Write(TimeOnly value)
    {
        Span<byte> span = Reserve(TemplateText.MaxDateLength);
        _buffered += TemplateText.FormatDisplay(DateTime.MinValue.Add(value.ToTimeSpan()), date: false, time: true, span);
    }

    /// <summary>Writes the UUID lowercase with hyphens (Python's <c>str(uuid)</c>).</summary>
    public void Write(Guid value)
    {
        Span<byte> span = Reserve(36);
        value.TryFormat(span, out int written, "D");
        _buffered += written;
    }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(bool? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(int? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(long? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(decimal? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(double? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(DateTime? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(DateTimeOffset? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(DateOnly? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(TimeOnly? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes the value, or <c>None</c>.</summary>
    public void Write(Guid? value) { if (value is { } v) Write(v); else WriteNone(); }

    /// <summary>Writes any other value as Django's <c>str()</c> would (its <c>ToString()</c>), escaped; <see langword="null"/> prints <c>None</c>.</summary>
    public void WriteObject<T>(T value)
    {
        if (value is null) WriteNone();
        else Write(value.ToString());
    }

    /// <summary>Writes any other value unescaped (inside <c>{% autoescape off %}</c>); <see langword="null"/> prints <c>None</c>.</summary>
    public void WriteObjectRaw<T>(T value)
    {
        if (value is null) WriteNone();
        else WriteRaw(value.ToString());
    }

    /// <summary>
    /// Writes rendered HTML with the whitespace between tags removed (Django's <c>{% spaceless %}</c>:
    /// <c>re.sub(r'&gt;\s+&lt;', '&gt;&lt;', value.strip())</c>).
    /// </summary>
    public void WriteSpaceless(scoped ReadOnlySpan<byte> html)
    {
        html = html.Trim(" \t\n\r\f\v"u8);
        while (!html.IsEmpty)
        {
            int close = html.IndexOf((byte)'>');
            if (close < 0) break;
            int next = close + 1;
            while (next < html.Length && IsSpace(html[next])) next++;
            if (next > close + 1 && next < html.Length && html[next] == (byte)'<')
            {
                WriteLiteral(html[..(close + 1)]);
                html = html[next..];
            }
            else
            {
                WriteLiteral(html[..next]);
                html = html[next..];
            }
        }
        WriteLiteral(html);

        static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v';
    }

    /// <summary>Writes <c>None</c>, as Django prints a null value.</summary>
    public void WriteNone() => WriteLiteral("None"u8);

    // Transcodes straight into the span; a lone surrogate becomes U+FFFD (Python would refuse to encode it).
    private void WriteUtf16(scoped ReadOnlySpan<char> chars)
    {
        while (true)
        {
            Utf8.FromUtf16(chars, _span.Slice(_buffered), out int read, out int written, replaceInvalidSequences: true, isFinalBlock: true);
            _buffered += written;
            if (read == chars.Length)
            {
                return;
            }

            chars = chars.Slice(read);
            Grow((int)Math.Min((long)chars.Length * 3, MaxChunkBytes));
        }
    }

    // a span of at least `size` free bytes
    private Span<byte> Reserve(int size)
    {
        if (_span.Length - _buffered < size)
        {
            Grow(size);
        }

        return _span.Slice(_buffered);
    }

    // commits what is buffered and asks the output for at least `size` (a UTF-8 scalar: 4) more bytes
    private void Grow(int size)
    {
        Flush();
        _span = _output.GetSpan(Math.Max(Math.Max(size, 4), MinimumRequest));
    }

    private void WriteLiteralSlow(scoped ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            Grow(Math.Min(utf8.Length, MaxChunkBytes));
            int length = Math.Min(utf8.Length, _span.Length);
            utf8.Slice(0, length).CopyTo(_span);
            _buffered = length;
            utf8 = utf8.Slice(length);
        }
    }
}

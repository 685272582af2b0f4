using System.Buffers;
using System.Text;
using System.Text.Json.Serialization;
using Reinhardt.Templates;
using Xunit;

namespace Reinhardt.Runtime.Tests.Templates;

public sealed class TemplateWriterTests
{
    private delegate void WriteAction(ref TemplateWriter writer);

    private static string Render(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TemplateWriter(buffer);
        write(ref writer);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("&", "&amp;")]
    [InlineData("<", "&lt;")]
    [InlineData(">", "&gt;")]
    [InlineData("\"", "&quot;")]
    [InlineData("'", "&#x27;")]
    [InlineData("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#x27;f")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("plain / = ` text", "plain / = ` text")]
    [InlineData("", "")]
    public void Write_escapes_exactly_Djangos_five_characters(string input, string expected)
    {
        Assert.Equal(expected, Render((ref w) => w.Write(input)));
        Assert.Equal(expected, TemplateFilters.HtmlEscape(input));
    }

    [Fact]
    public void Non_ascii_and_surrogate_pairs_are_transcoded_to_utf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TemplateWriter(buffer);
        writer.Write("é<😀>");
        writer.Flush();
        Assert.Equal(new byte[] { 0xC3, 0xA9, (byte)'&', (byte)'l', (byte)'t', (byte)';', 0xF0, 0x9F, 0x98, 0x80, (byte)'&', (byte)'g', (byte)'t', (byte)';' },
            buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Long_text_crosses_chunk_boundaries_without_splitting_a_surrogate_pair()
    {
        string text = string.Concat(Enumerable.Repeat("😀é<x", 20_000));
        string rendered = Render((ref w) => w.Write(text));
        Assert.Equal(text.Replace("<", "&lt;", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        Assert.Equal("a\uFFFDb", Render((ref w) => w.Write("a\uD800b")));
    }

    [Fact]
    public void Safe_and_raw_text_are_not_escaped_and_literals_are_copied()
    {
        Assert.Equal("<b>x</b><i>y</i>&lit;", Render((ref w) =>
        {
            w.Write(new SafeString("<b>x</b>"));
            w.WriteRaw("<i>y</i>");
            w.WriteLiteral("&lit;"u8);
        }));
    }

    [Fact]
    public void Null_prints_None()
    {
        Assert.Equal("None|None|None|None", Render((ref w) =>
        {
            w.Write((string?)null);
            w.WriteLiteral("|"u8);
            w.Write((int?)null);
            w.WriteLiteral("|"u8);
            w.Write((DateTime?)null);
            w.WriteLiteral("|"u8);
            w.WriteRaw(null);
        }));
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(2.0, "2.0")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Floats_print_as_a_Django_template_prints_them(double value, string expected)
    {
        Assert.Equal(expected, Render((ref w) => w.Write(value)));
    }

    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(123456789.125, "123456789.125")]
    public void TemplateText_of_a_float_is_Pythons_str(double value, string expected)
    {
        Assert.Equal(expected, TemplateText.Of(value));
    }

    [Fact]
    public void TemplateText_gives_Pythons_str_of_other_values()
    {
        Assert.Equal("True", TemplateText.Of(true));
        Assert.Equal("None", TemplateText.Of((string?)null));
        Assert.Equal("0.1", TemplateText.Of(0.1f));
        Assert.Equal("1.50", TemplateText.Of(1.50m));
        Assert.Equal("2024-01-02 03:04:05", TemplateText.Of(new DateTime(2024, 1, 2, 3, 4, 5)));
        Assert.Equal("2024-01-02 03:04:05+00:00", TemplateText.Of(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        Assert.Equal("2024-01-02 03:04:05.000123+02:00", TemplateText.Of(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1230)));
        Assert.Equal("2024-01-02", TemplateText.Of(new DateOnly(2024, 1, 2)));
        Assert.Equal("03:04:05", TemplateText.Of(new TimeOnly(3, 4, 5)));
    }

    [Fact]
    public void Typed_values_print_as_Django_prints_them()
    {
        Assert.Equal("True False 42 -7 1.50 Jan. 2, 2024, 3:04 a.m. Sept. 30, 2024 noon 6f9619ff-8b86-d011-b42d-00cf4fc964ff", Render((ref w) =>
        {
            w.Write(true); w.WriteLiteral(" "u8);
            w.Write(false); w.WriteLiteral(" "u8);
            w.Write(42); w.WriteLiteral(" "u8);
            w.Write(-7L); w.WriteLiteral(" "u8);
            w.Write(1.50m); w.WriteLiteral(" "u8);
            w.Write(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)); w.WriteLiteral(" "u8);
            w.Write(new DateOnly(2024, 9, 30)); w.WriteLiteral(" "u8);
            w.Write(new TimeOnly(12, 0)); w.WriteLiteral(" "u8);
            w.Write(Guid.Parse("6F9619FF-8B86-D011-B42D-00CF4FC964FF"));
        }));
    }

    [Fact]
    public void Output_that_hands_out_small_spans_gets_the_same_bytes()
    {
        // a PipeWriter's segments end anywhere: every write must continue correctly in the next span
        static void WriteAll(ref TemplateWriter w)
        {
            for (int i = 0; i < 300; i++)
            {
                w.WriteLiteral("<tr><td>"u8);
                w.Write(i * 7919 - 500_000);
                w.WriteLiteral("</td><td>"u8);
                w.Write("é<😀> & 'quoted' \"text\" フレームワーク " + new string('x', i));
                w.WriteLiteral(new byte[i * 13]);
                w.Write(i * 0.25);
                w.WriteSpaceless("  <p>\n  <b>x</b>  </p> "u8);
            }
        }

        var whole = new ArrayBufferWriter<byte>();
        var writer = new TemplateWriter(whole);
        WriteAll(ref writer);
        writer.Flush();

        var stingy = new StingyBufferWriter();
        writer = new TemplateWriter(stingy);
        WriteAll(ref writer);
        writer.Flush();

        Assert.True(stingy.Requests > 300, "the small spans were not exercised");
        Assert.Equal(whole.WrittenSpan.ToArray(), stingy.Written.ToArray());
    }

    /// <summary>Hands out spans of exactly the size asked for (at most 300 bytes when asked for less), like the end of a pipe segment.</summary>
    private sealed class StingyBufferWriter : IBufferWriter<byte>
    {
        private byte[] _current = [];
        public System.IO.MemoryStream Written { get; } = new();
        public int Requests { get; private set; }

        public void Advance(int count)
        {
            Assert.InRange(count, 0, _current.Length);
            Written.Write(_current, 0, count);
            _current = [];
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => _current = new byte[Math.Max(sizeHint, 1) + Requests++ % 7];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }

    [Fact]
    public void Writing_numbers_and_dates_does_not_allocate()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var writer = new TemplateWriter(buffer);
        var when = new DateTime(2024, 3, 9, 23, 7, 0);
        // warm up (JIT, static data) before measuring
        writer.Write(1); writer.Write(1L); writer.Write(1.5); writer.Write(1.5m); writer.Write(when); writer.Write(true); writer.Write("a<b");
        writer.Flush();
        buffer.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) writer.Write(i * 7919 - 3_000_000);
        long afterInts = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            writer.Write(i * 1.25);
            writer.Write(i * 1000L);
            writer.Write(i * 0.5m);
            writer.Write(when);
            writer.Write(i % 2 == 0);
            writer.Write("esc<aped> & é");
        }
        long afterAll = GC.GetAllocatedBytesForCurrentThread();
        writer.Flush();

        Assert.Equal(0, afterInts - before);
        Assert.Equal(0, afterAll - afterInts);
        Assert.StartsWith("-3000000-2992081", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}

public sealed class JsonScriptTests
{
    [Fact]
    public void Escapes_script_breaking_characters_and_line_separators()
    {
        var data = new Payload { Text = "</script><b>&amp;'\u2028\u2029é", Count = 2 };
        var html = TemplateFilters.JsonScript(data, JsonScriptContext.Default.Payload, "hello\"<id>").Value;
        Assert.Equal("<script id=\"hello&quot;&lt;id&gt;\" type=\"application/json\">{\"Text\":\"\\u003C/script\\u003E\\u003Cb\\u003E\\u0026amp;'\\u2028\\u2029é\",\"Count\":2}</script>", html);
        Assert.DoesNotContain("</script><", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_id_there_is_no_id_attribute()
    {
        var html = TemplateFilters.JsonScript(new Payload { Text = "x" }, JsonScriptContext.Default.Payload, null).Value;
        Assert.Equal("<script type=\"application/json\">{\"Text\":\"x\",\"Count\":0}</script>", html);
        Assert.StartsWith("<script type=", TemplateFilters.JsonScript(new Payload(), JsonScriptContext.Default.Payload, "").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_round_trips()
    {
        var data = new Payload { Text = "a<b>&\u2028c", Count = -5 };
        string html = TemplateFilters.JsonScript(data, JsonScriptContext.Default.Payload, "d").Value;
        string json = html[(html.IndexOf('>') + 1)..html.LastIndexOf("</script>", StringComparison.Ordinal)];
        var back = System.Text.Json.JsonSerializer.Deserialize(json, JsonScriptContext.Default.Payload)!;
        Assert.Equal(data.Text, back.Text);
        Assert.Equal(-5, back.Count);
    }
}

public sealed class Payload
{
    public string? Text { get; set; }
    public int Count { get; set; }
}

[JsonSerializable(typeof(Payload))]
internal sealed partial class JsonScriptContext : JsonSerializerContext;

public sealed class TruthAndLoopTests
{
    [Fact]
    public void Falsy_values_are_false()
    {
        Assert.False(TemplateTruth.IsTrue((string?)null));
        Assert.False(TemplateTruth.IsTrue(""));
        Assert.False(TemplateTruth.IsTrue(0));
        Assert.False(TemplateTruth.IsTrue(0L));
        Assert.False(TemplateTruth.IsTrue(0.0));
        Assert.False(TemplateTruth.IsTrue(0m));
        Assert.False(TemplateTruth.IsTrue(false));
        Assert.False(TemplateTruth.IsTrue((bool?)null));
        Assert.False(TemplateTruth.IsTrue((int?)null));
        Assert.False(TemplateTruth.IsTrue(new List<int>()));
        Assert.False(TemplateTruth.IsTrue(Array.Empty<string>()));
        Assert.False(TemplateTruth.IsTrue(SafeString.Empty));
        Assert.False(TemplateTruth.IsTrue(TimeSpan.Zero));
        Assert.False(TemplateTruth.IsTrue((object?)null));
        Assert.False(TemplateTruth.IsTrue((object)0));
        Assert.False(TemplateTruth.IsTrue((object)new Dictionary<string, int>()));
        Assert.False(TemplateTruth.IsTrue((object)Enumerable.Empty<int>().Select(x => x)));
    }

    [Fact]
    public void Other_values_are_true()
    {
        Assert.True(TemplateTruth.IsTrue("0"));
        Assert.True(TemplateTruth.IsTrue(" "));
        Assert.True(TemplateTruth.IsTrue(-1));
        Assert.True(TemplateTruth.IsTrue(double.NaN));
        Assert.True(TemplateTruth.IsTrue(0.001m));
        Assert.True(TemplateTruth.IsTrue(new List<int> { 0 }));
        Assert.True(TemplateTruth.IsTrue(new SafeString("x")));
        Assert.True(TemplateTruth.IsTrue(DateTime.MinValue));
        Assert.True(TemplateTruth.IsTrue((object)new object()));
        Assert.True(TemplateTruth.IsTrue((object)Enumerable.Range(0, 1).Select(x => x)));
        Assert.True(TemplateTruth.IsTrue((object)"x"));
    }

    [Fact]
    public void ForLoop_counts_as_Djangos_forloop()
    {
        var outer = new ForLoop(2);
        var seen = new List<string>();
        foreach (var item in ForLoop.Items(new[] { "a", "b", "c" }))
        {
            var loop = new ForLoop(3, outer);
            seen.Add($"{loop.Counter}");
            loop.MoveNext();
            _ = item;
        }
        var forloop = new ForLoop(3, outer);
        var rows = new List<string>();
        foreach (var item in ForLoop.Items(new[] { "a", "b", "c" }, reversed: true))
        {
            rows.Add($"{item}:{forloop.Counter}/{forloop.Counter0}/{forloop.RevCounter}/{forloop.RevCounter0}/{forloop.First}/{forloop.Last}");
            forloop.MoveNext();
        }
        Assert.Equal(["c:1/0/3/2/True/False", "b:2/1/2/1/False/False", "a:3/2/1/0/False/True"], rows);
        Assert.Same(outer, forloop.ParentLoop);
        Assert.Null(outer.ParentLoop);
        Assert.Equal(1, outer.Counter);
        Assert.Empty(ForLoop.Items<int>(null));
        Assert.Equal([1, 2], ForLoop.Items(Enumerable.Range(1, 2).Where(x => x > 0)));
    }

    [Fact]
    public void A_date_with_time_format_characters_is_an_error_as_in_Django()
    {
        Assert.Throws<FormatException>(() => TemplateFilters.Date(new DateOnly(2024, 1, 2), "H:i"));
        Assert.Equal("", TemplateFilters.Time(new DateTime(2024, 1, 2, 3, 4, 5), "Y"));
    }

    [Fact]
    public void Default_overloads_keep_the_type()
    {
        Assert.Equal("x", TemplateFilters.Default("", "x"));
        Assert.Equal(5, TemplateFilters.Default(0, 5));
        Assert.Equal(3, TemplateFilters.Default(3, 5));
        Assert.Equal(7, TemplateFilters.DefaultIfNone((int?)null, 7));
        Assert.Equal("", TemplateFilters.DefaultIfNone("", "x"));
        Assert.Equal(new[] { 1, 2, 3, 4 }, TemplateFilters.Add(new[] { 1, 2 }, new[] { 3, 4 }));
        Assert.Equal(new[] { 4, 2 }, TemplateFilters.Slice(new[] { 0, 1, 2, 3, 4 }, "::-2").Take(2));
        Assert.Equal(9L, TemplateFilters.Add(4L, 5L));
        Assert.Equal(3m, TemplateFilters.Add(1.9m, 2.9m));
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Reinhardt.Templates;

namespace Reinhardt.Benchmarks.Templates;

/// <summary>A TechEmpower fortune.</summary>
public sealed record Fortune(int Id, string Message);

/// <summary>The TechEmpower "Fortunes" page, compiled from Templates/fortunes.html.</summary>
[Template("fortunes.html")]
public partial record FortunesPage(IReadOnlyList<Fortune> Fortunes);

/// <summary>
/// Issue 7: rendering the Fortunes page (a table of 13 or 100 rows, every message escaped) with the compiled
/// template vs the same bytes written by hand into the same UTF-8 buffer through IBufferWriter (the limit: what
/// hand-written code writing to a response's PipeWriter does), and vs the usual
/// StringBuilder + HtmlEncoder code for reference. Each render writes into a reused buffer, so allocations are the
/// renderer's own.
/// </summary>
[MemoryDiagnoser]
public class FortunesBenchmarks
{
    private static readonly string[] Messages =
    [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ];

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private FortunesPage _page = null!;
    private List<Fortune> _fortunes = null!;

    /// <summary>Rows in the table: TechEmpower's 12 plus the one added per request, or 100.</summary>
    [Params(13, 100)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fortunes = Enumerable.Range(0, Rows - 1).Select(i => new Fortune(i + 1, Messages[i % Messages.Length] + (i < Messages.Length ? string.Empty : " #" + i))).ToList();
        _fortunes.Add(new Fortune(0, "Additional fortune added at request time."));
        _fortunes.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        _page = new FortunesPage(_fortunes);

        // the compiled template and the hand-written writer must produce the same bytes
        Compiled();
        var compiled = _buffer.WrittenSpan.ToArray();
        HandWritten();
        if (!compiled.AsSpan().SequenceEqual(_buffer.WrittenSpan))
        {
            throw new InvalidOperationException("The compiled template and the hand-written page differ:\n" + Encoding.UTF8.GetString(compiled) + "\n" + Encoding.UTF8.GetString(_buffer.WrittenSpan));
        }
    }

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        _buffer.ResetWrittenCount();

        // through the buffer interface, as code writing to a response's PipeWriter does
        IBufferWriter<byte> output = _buffer;
        output.Write("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"u8);
        foreach (var fortune in _fortunes)
        {
            output.Write("<tr><td>"u8);
            Utf8Formatter.TryFormat(fortune.Id, output.GetSpan(11), out var written);
            output.Advance(written);
            output.Write("</td><td>"u8);
            WriteEscaped(output, fortune.Message);
            output.Write("</td></tr>"u8);
        }

        output.Write("</table></body></html>"u8);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int Compiled()
    {
        _buffer.ResetWrittenCount();
        _page.Render(_buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>The generated Render called on the record itself, without the ITemplatePage extension.</summary>
    [Benchmark]
    public int CompiledDirect()
    {
        _buffer.ResetWrittenCount();
        var writer = new TemplateWriter(_buffer);
        _page.Render(ref writer, null);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int StringBuilderHtmlEncoder()
    {
        _buffer.ResetWrittenCount();
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
        foreach (var fortune in _fortunes)
        {
            html.Append("<tr><td>").Append(fortune.Id).Append("</td><td>").Append(HtmlEncoder.Default.Encode(fortune.Message)).Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        var text = html.ToString();
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
        return _buffer.WrittenCount;
    }

    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    // Django's five escapes, transcoding straight into the buffer
    private static void WriteEscaped(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny(Special);
            var plain = next < 0 ? text : text[..next];
            while (!plain.IsEmpty)
            {
                var span = output.GetSpan(plain.Length * 3);
                Utf8.FromUtf16(plain, span, out var read, out var written);
                output.Advance(written);
                plain = plain[read..];
            }

            if (next < 0)
            {
                return;
            }

            output.Write(text[next] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' => "&quot;"u8,
                _ => "&#x27;"u8,
            });
            text = text[(next + 1)..];
        }
    }
}

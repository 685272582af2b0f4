using Reinhardt.Analyzers.Models;
using Reinhardt.Testing;
using Xunit;
using Xunit.Sdk;

namespace Reinhardt.Analyzers.Tests;

/// <summary>The analyzer harness itself must fail when a diagnostic is missing, extra or misplaced.</summary>
public class HarnessTests
{
    private const string Model = """
        [Reinhardt.Model] public partial class Post { public long Id { get; set; } public string Title { get; set; } = ""; }
        """;

    [Fact]
    public void Markers_are_stripped_and_spans_recorded()
    {
        var marked = MarkedSource.Parse("a [|bc|] d [|e|]");
        Assert.Equal("a bc d e", marked.Source);
        Assert.Equal([new(2, 2), new(7, 1)], marked.Spans.Select(s => new KeyValuePair<int, int>(s.Start, s.Length)).Select(kv => new Microsoft.CodeAnalysis.Text.TextSpan(kv.Key, kv.Value)));
    }

    [Fact]
    public async Task An_unexpected_diagnostic_fails() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), "RH1006", Model));

    [Fact]
    public async Task A_misplaced_marker_fails() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), "RH1006", Model.Replace("public long [|Id|]", "public long Id").Replace("long Id", "long [|Id|]")));

    [Fact]
    public async Task Source_that_does_not_compile_fails() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), "RH1006", "class {"));
}

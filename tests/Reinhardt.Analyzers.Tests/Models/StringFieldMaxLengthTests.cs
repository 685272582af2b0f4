using Reinhardt.Analyzers.CodeFixes.Models;
using Reinhardt.Analyzers.Models;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Analyzers.Tests.Models;

public class StringFieldMaxLengthTests
{
    private const string Id = "RH1006";

    [Theory]
    [InlineData("public string [|Title|] { get; set; } = \"\";")]
    [InlineData("public string? [|Subtitle|] { get; set; }")]
    [InlineData("[System.Obsolete] public string [|Legacy|] { get; set; } = \"\";")]
    public async Task Fires_on_an_unbounded_string_field(string property) =>
        await AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), Id, Model(property));

    [Theory]
    [InlineData("[MaxLength(200)] public string Title { get; set; } = \"\";")]
    [InlineData("[Text] public string Body { get; set; } = \"\";")]
    [InlineData("public int Votes { get; set; }")]
    public async Task Is_silent_on_safe_fields(string property) =>
        await AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), Id, Model(property));

    [Fact]
    public async Task Is_silent_outside_models() =>
        await AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), Id, """
            public class Dto { public string Name { get; set; } = ""; }
            """);

    [Fact]
    public async Task Reports_every_field_of_a_model() =>
        await AnalyzerHarness.VerifyAsync(new StringFieldMaxLengthAnalyzer(), Id, Model("public string [|A|] { get; set; } = \"\"; public string [|B|] { get; set; } = \"\";"));

    [Fact]
    public async Task Fix_adds_MaxLength_200()
    {
        var fixedSource = await AnalyzerHarness.ApplyFixAsync(new StringFieldMaxLengthAnalyzer(), new AddMaxLengthCodeFix(), Model("""
            /// <summary>The title.</summary>
                public string [|Title|] { get; set; } = "";
            """));
        Assert.Contains("[MaxLength(200)]", fixedSource, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The title.</summary>", fixedSource, StringComparison.Ordinal);
    }

    private static string Model(string members) => $$"""
        using Reinhardt;

        namespace Blog;

        [Model(App = "blog")]
        public partial class Post
        {
            public long Id { get; set; }
            {{members}}
        }
        """;
}

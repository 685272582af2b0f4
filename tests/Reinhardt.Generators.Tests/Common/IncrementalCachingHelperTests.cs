using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Reinhardt.Testing;
using Xunit;
using Xunit.Sdk;

namespace Reinhardt.Generators.Tests.Common;

/// <summary>
/// The caching helper must catch the two classic mistakes, or every caching test is worthless:
/// a spec holding an ImmutableArray (reference equality) and a spec holding a symbol.
/// </summary>
public class IncrementalCachingHelperTests
{
    private const string Source = """
        namespace App;
        [Reinhardt.Model] public partial class Question { public long Id { get; set; } public int Votes { get; set; } }
        """;

    private sealed record ImmutableArraySpec(string Name, ImmutableArray<string> Members);

    private sealed record SymbolSpec(string Name, INamedTypeSymbol Symbol);

    private sealed record GoodSpec(string Name, string Members);

    private sealed class ImmutableArraySpecGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName("Reinhardt.ModelAttribute", static (_, _) => true, static (c, _) =>
                    new ImmutableArraySpec(c.TargetSymbol.Name, c.TargetSymbol.GetAttributes().Select(a => a.AttributeClass!.Name).ToImmutableArray()))
                .WithTrackingName("Spec");
            context.RegisterSourceOutput(specs, static (o, s) => o.AddSource(s.Name + ".g.cs", "// " + s.Name));
        }
    }

    private sealed class SymbolSpecGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName("Reinhardt.ModelAttribute", static (_, _) => true, static (c, _) =>
                    new SymbolSpec(c.TargetSymbol.Name, (INamedTypeSymbol)c.TargetSymbol))
                .WithTrackingName("Spec");
            context.RegisterSourceOutput(specs, static (o, s) => o.AddSource(s.Name + ".g.cs", "// " + s.Name));
        }
    }

    private sealed class GoodSpecGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName("Reinhardt.ModelAttribute", static (_, _) => true, static (c, _) =>
                    new GoodSpec(c.TargetSymbol.Name, string.Join(",", ((INamedTypeSymbol)c.TargetSymbol).MemberNames)))
                .WithTrackingName("Spec");
            context.RegisterSourceOutput(specs, static (o, s) => o.AddSource(s.Name + ".g.cs", "// " + s.Members));
        }
    }

    [Fact]
    public void A_spec_holding_an_ImmutableArray_fails()
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            IncrementalCaching.AssertCached([new ImmutableArraySpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["Spec"]));
        Assert.Contains("ImmutableArray", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_holding_an_ImmutableArray_is_also_not_cached()
    {
        var run = IncrementalCaching.Run([new ImmutableArraySpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile);
        Assert.ThrowsAny<XunitException>(() => run.AssertAllCached(["Spec"]));
    }

    [Fact]
    public void A_spec_holding_a_symbol_fails()
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            IncrementalCaching.AssertCached([new SymbolSpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["Spec"]));
        Assert.Contains("Symbol", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_of_plain_values_passes()
    {
        IncrementalCaching.AssertCached([new GoodSpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["Spec"]);
    }

    [Fact]
    public void An_untracked_step_name_fails_instead_of_passing_vacuously()
    {
        Assert.ThrowsAny<XunitException>(() =>
            IncrementalCaching.AssertCached([new GoodSpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["NoSuchStep"]));
    }

    [Fact]
    public void Baselines_scrub_the_generator_version()
    {
        Assert.Equal(
            "[GeneratedCode(\"Reinhardt.Generators\", \"{version}\")]\n",
            Baselines.Scrub("[GeneratedCode(\"Reinhardt.Generators\", \"1.2.3+abc\")]\r\n"));
    }
}

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

    /// <summary>A generator whose only step turns each [Model] class into a spec of the test's choosing.</summary>
    private sealed class SpecGenerator<TSpec>(Func<GeneratorAttributeSyntaxContext, TSpec> toSpec) : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName("Reinhardt.ModelAttribute", static (_, _) => true, (c, _) => toSpec(c))
                .WithTrackingName("Spec");
            context.RegisterSourceOutput(specs, static (o, s) => o.AddSource("Spec.g.cs", "// " + s));
        }
    }

    private static SpecGenerator<ImmutableArraySpec> ImmutableArraySpecGenerator() => new(c =>
        new ImmutableArraySpec(c.TargetSymbol.Name, [.. c.TargetSymbol.GetAttributes().Select(a => a.AttributeClass!.Name)]));

    private static SpecGenerator<SymbolSpec> SymbolSpecGenerator() => new(c =>
        new SymbolSpec(c.TargetSymbol.Name, (INamedTypeSymbol)c.TargetSymbol));

    private static SpecGenerator<GoodSpec> GoodSpecGenerator() => new(c =>
        new GoodSpec(c.TargetSymbol.Name, string.Join(",", ((INamedTypeSymbol)c.TargetSymbol).MemberNames)));

    [Fact]
    public void A_spec_holding_an_ImmutableArray_fails()
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            IncrementalCaching.AssertCached([ImmutableArraySpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["Spec"]));
        Assert.Contains("ImmutableArray", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_holding_an_ImmutableArray_is_also_not_cached()
    {
        var run = IncrementalCaching.Run([ImmutableArraySpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile);
        Assert.ThrowsAny<XunitException>(() => run.AssertAllCached(["Spec"]));
    }

    [Fact]
    public void A_spec_holding_a_symbol_fails()
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            IncrementalCaching.AssertCached([SymbolSpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["Spec"]));
        Assert.Contains("Symbol", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_of_plain_values_passes()
    {
        IncrementalCaching.AssertCached([GoodSpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["Spec"]);
    }

    [Fact]
    public void An_untracked_step_name_fails_instead_of_passing_vacuously()
    {
        Assert.ThrowsAny<XunitException>(() =>
            IncrementalCaching.AssertCached([GoodSpecGenerator()], CompilationFactory.Create(Source), IncrementalCaching.AddUnrelatedFile, ["NoSuchStep"]));
    }

    [Fact]
    public void Baselines_scrub_the_generator_version()
    {
        Assert.Equal(
            "[GeneratedCode(\"Reinhardt.Generators\", \"{version}\")]\n",
            Baselines.Scrub("[GeneratedCode(\"Reinhardt.Generators\", \"1.2.3+abc\")]\r\n"));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Reinhardt.Testing;

/// <summary>The outcome of running generators over a compilation.</summary>
public sealed class GeneratorRun
{
    internal GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        InputCompilation = input;
        OutputCompilation = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = driver.GetRunResult();
        Sources = Result.Results
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The driver after the run; run it again on an edited compilation to test caching.</summary>
    public GeneratorDriver Driver { get; }

    /// <summary>The user's compilation.</summary>
    public Compilation InputCompilation { get; }

    /// <summary>The user's compilation plus every generated file.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>What the generators reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The raw run result, with tracked steps.</summary>
    public GeneratorDriverRunResult Result { get; }

    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>Generator diagnostics and the compiler's diagnostics on the output compilation.</summary>
    public IEnumerable<Diagnostic> AllDiagnostics => GeneratorDiagnostics.Concat(OutputCompilation.GetDiagnostics());

    /// <summary>Asserts that neither the generators nor the compiler reported a warning or an error.</summary>
    public GeneratorRun AssertClean()
    {
        var problems = AllDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "Unexpected diagnostics:" + Environment.NewLine + CompilationFactory.Describe(problems));
        return this;
    }

    /// <summary>The single generated source whose hint name ends with <paramref name="suffix"/>.</summary>
    public string Source(string suffix) => Assert.Single(Sources, kv => kv.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;
}

/// <summary>
/// Runs incremental generators through <see cref="CSharpGeneratorDriver"/> with step tracking on,
/// the way the compiler does, with optional MSBuild properties and additional files.
/// </summary>
public static class GeneratorHarness
{
    /// <summary>Creates a driver with tracking enabled.</summary>
    public static GeneratorDriver CreateDriver(
        IEnumerable<IIncrementalGenerator> generators,
        IReadOnlyDictionary<string, string>? buildProperties = null,
        IEnumerable<AdditionalText>? additionalTexts = null) =>
        CSharpGeneratorDriver.Create(
            generators.Select(GeneratorExtensions.AsSourceGenerator),
            additionalTexts,
            CompilationFactory.ParseOptions,
            new TestAnalyzerConfigOptionsProvider(buildProperties ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs <paramref name="generator"/> over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(IIncrementalGenerator generator, params string[] sources) =>
        Run(new[] { generator }, CompilationFactory.Create(sources));

    /// <summary>Runs generators over a compilation.</summary>
    public static GeneratorRun Run(
        IEnumerable<IIncrementalGenerator> generators,
        Compilation compilation,
        IReadOnlyDictionary<string, string>? buildProperties = null,
        IEnumerable<AdditionalText>? additionalTexts = null) =>
        Run(CreateDriver(generators, buildProperties, additionalTexts), compilation);

    /// <summary>Runs an existing driver (keeping its cache) over a compilation.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }
}

/// <summary>An additional file held in memory (templates, migrations).</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    /// <inheritdoc />
    public override string Path { get; } = path;

    /// <inheritdoc />
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Feeds <c>build_property.*</c> values to generators as MSBuild would.</summary>
public sealed class TestAnalyzerConfigOptionsProvider(IReadOnlyDictionary<string, string> buildProperties) : AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(buildProperties.ToDictionary(kv => "build_property." + kv.Key, kv => kv.Value));

    /// <inheritdoc />
    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    /// <inheritdoc />
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Reinhardt.Testing;

/// <summary>Builds in-memory C# compilations that see the running framework and Reinhardt.</summary>
public static class CompilationFactory
{
    /// <summary>The parse options every test uses (C# latest).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.Ordinal);
        paths.Add(typeof(ModelAttribute).Assembly.Location);
        return paths.Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    /// <summary>
    /// Compilation options as the SDK sets them: a library, and CS1701/CS1702 (the net9.0 Reinhardt
    /// assembly binding to the test host's net10.0 framework) suppressed as every SDK build does.
    /// </summary>
    public static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);

    /// <summary>The references of every test compilation: the test host's platform assemblies and Reinhardt.</summary>
    public static IReadOnlyList<MetadataReference> References => s_references.Value;

    /// <summary>A library compilation with nullable enabled, one syntax tree per source (<c>Source0.cs</c>, ...).</summary>
    public static CSharpCompilation Create(IEnumerable<string> sources, string assemblyName = "TestApp", NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs"));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References,
            Options.WithNullableContextOptions(nullable));
    }

    /// <summary>A compilation of one or more sources.</summary>
    public static CSharpCompilation Create(params string[] sources) => Create((IEnumerable<string>)sources);

    /// <summary>Formats diagnostics one per line for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Reinhardt.Generators.Admin;
using Reinhardt.Generators.Forms;
using Reinhardt.Generators.Models;
using Reinhardt.Generators.Templates;
using Reinhardt.Generators.Views;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Analyzers.Tests;

/// <summary>
/// The sample projects as the compiler sees them in a build: their .cs files read from disk, their templates as
/// additional files, every generator, then every analyzer of Reinhardt.Analyzers.
/// </summary>
public class SampleProjectTests
{
    // what <ImplicitUsings>enable</ImplicitUsings> adds for Microsoft.NET.Sdk.Web, plus Reinhardt.targets' usings
    private const string WebImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        global using global::Reinhardt;
        global using global::Reinhardt.Data;
        global using global::Reinhardt.Views;
        """;

    /// <summary>Every security rule (RH2xxx-RH7xxx), the typing rules RH1002, RH1005, RH1006 and the AOT rules RH9xxx.</summary>
    public static TheoryData<string> ExpectedRules()
    {
        var data = new TheoryData<string>();
        foreach (var id in DiagnosticCatalog.DescriptorsOf(typeof(DiagnosticDescriptors)).Select(d => d.Id).Order(StringComparer.Ordinal))
        {
            // RH1001 needs a project with nullable disabled, which would change every other rule's input
            if (id != "RH1001")
            {
                data.Add(id);
            }
        }

        // from the template generator: data in a script (RH3003), a URL from plain text (RH3004), |safe on data (RH3005),
        // a POST form without {% csrf_token %} (RH4002)
        data.Add("RH3003");
        data.Add("RH3004");
        data.Add("RH3005");
        data.Add("RH4002");
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedRules))]
    public async Task The_vulnerable_sample_triggers_every_rule(string id)
    {
        var diagnostics = await VulnerableSample.Value;
        Assert.True(diagnostics.Any(d => d.Id == id), $"{id} did not fire on tests/VulnerableSample. Reported:{Environment.NewLine}{CompilationFactory.Describe(diagnostics)}");
    }

    [Fact]
    public async Task The_vulnerable_sample_is_otherwise_valid_C_sharp()
    {
        // the rules must fire on code that compiles, not on code the compiler already rejects
        var (compilation, _) = Build("tests/VulnerableSample", OutputKind.DynamicallyLinkedLibrary, implicitUsings: false);
        AnalyzerHarness.AssertCompiles(compilation);
        Assert.NotEmpty(await VulnerableSample.Value);
    }

    [Fact]
    public async Task The_Polls_sample_has_no_Reinhardt_diagnostics()
    {
        var (compilation, generatorDiagnostics) = Build("samples/Polls", OutputKind.ConsoleApplication, implicitUsings: true);
        AnalyzerHarness.AssertCompiles(compilation);
        var diagnostics = generatorDiagnostics.AddRange(await AnalyzeAsync(compilation)).Where(d => d.Id.StartsWith("RH", StringComparison.Ordinal)).ToList();
        Assert.True(diagnostics.Count == 0, "samples/Polls:" + Environment.NewLine + CompilationFactory.Describe(diagnostics));
    }

    private static readonly Lazy<Task<ImmutableArray<Diagnostic>>> VulnerableSample = new(async () =>
    {
        var (compilation, generatorDiagnostics) = Build("tests/VulnerableSample", OutputKind.DynamicallyLinkedLibrary, implicitUsings: false);
        return generatorDiagnostics.AddRange(await AnalyzeAsync(compilation));
    });

    /// <summary>The project's sources (obj/ and bin/ excluded) and templates, through every generator.</summary>
    private static (Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics) Build(string project, OutputKind kind, bool implicitUsings)
    {
        var root = Path.Combine(RepositoryPaths.Root, project);
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var trees = files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), CompilationFactory.ParseOptions, path: f))
            .ToList();
        if (implicitUsings)
        {
            trees.Add(CSharpSyntaxTree.ParseText(WebImplicitUsings, CompilationFactory.ParseOptions, path: "GlobalUsings.g.cs"));
        }

        var templates = files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) && f.Contains($"{Path.DirectorySeparatorChar}Templates{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (AdditionalText)new InMemoryAdditionalText(f, File.ReadAllText(f)))
            .ToList();
        var compilation = CSharpCompilation.Create(Path.GetFileName(root), trees, CompilationFactory.References, CompilationFactory.Options.WithOutputKind(kind));
        var run = GeneratorHarness.Run(
            [new ModelGenerator(), new ViewGenerator(), new FormGenerator(), new TemplateGenerator(), new AdminGenerator()],
            compilation,
            new Dictionary<string, string> { ["RootNamespace"] = Path.GetFileName(root) },
            templates);
        return (run.OutputCompilation, run.GeneratorDiagnostics);
    }

    /// <summary>Every analyzer in Reinhardt.Analyzers, run as the compiler runs them.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var diagnostics = await compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();
        var exceptions = diagnostics.Where(d => d.Id == "AD0001").ToList();
        Assert.True(exceptions.Count == 0, "An analyzer threw:" + Environment.NewLine + CompilationFactory.Describe(exceptions));
        return diagnostics;
    }
}

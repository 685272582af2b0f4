using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Views;

/// <summary>
/// Generates the app's route table and typed reverse URLs from its <c>[View]</c> classes, and each view's
/// per-request factory. Pipeline only: parsing is in <see cref="ViewParser"/>, emission in
/// <see cref="RouteTableEmitter"/> and <see cref="ViewEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ViewGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(ViewParser.ViewAttributeName, ViewParser.IsCandidate, ViewParser.Parse)
            .WithTrackingName(StepNames.ViewParse);

        var specs = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is { HasInstanceHandlers: true })
            .Select(static (spec, _) => spec!)
            .WithTrackingName(StepNames.ViewSpecs);

        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(ViewEmitter.HintName(spec), ViewEmitter.Emit(spec)));

        // the route table's namespace: ReinhardtGeneratedNamespace if set (the library itself uses Reinhardt.Contrib, so
        // its table never clashes with an app's under `using Reinhardt;`), else the project's root namespace
        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.ReinhardtGeneratedNamespace", out var generated) && generated.Length > 0 ? generated
                : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) ? value : string.Empty)
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? string.Empty))
            .Select(static (pair, _) => pair.Left.Length > 0 ? pair.Left : pair.Right);

        // one table for the whole app: every route, in a stable order
        var table = parsed
            .Select(static (result, _) => result.Spec?.Routes ?? EquatableArray<RouteSpec>.Empty)
            .Collect()
            .Combine(rootNamespace)
            .Select(static (pair, _) => new RouteTableSpec(
                pair.Right,
                pair.Left.SelectMany(r => r)
                    .OrderBy(r => r.Template.Template, StringComparer.Ordinal)
                    .ThenBy(r => r.HttpMethod, StringComparer.Ordinal)
                    .ThenBy(r => r.ViewType, StringComparer.Ordinal)
                    .ThenBy(r => r.HandlerName, StringComparer.Ordinal)
                    .ToEquatableArray()))
            .WithTrackingName(StepNames.RouteTable);

        context.RegisterSourceOutput(table, static (output, spec) =>
        {
            output.AddSource(RouteTableEmitter.RouteTableHintName(spec), RouteTableEmitter.EmitRouteTable(spec));
            output.AddSource(RouteTableEmitter.UrlsHintName(spec), RouteTableEmitter.EmitUrls(spec));
        });

        // Diagnostics keep real locations and re-fire with them; the conflict and name checks need every route
        var diagnostics = parsed
            .Collect()
            .Select(static (all, _) => all.SelectMany(r => r.Diagnostics)
                .Concat(ViewParser.CheckRouteTable(all.SelectMany(r => r.Declarations)))
                .ToEquatableArray())
            .WithTrackingName(StepNames.ViewDiagnostics);

        DiagnosticReporting.Register(context, diagnostics);
    }
}

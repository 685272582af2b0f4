using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>
/// Generates the schema, row reader, typed columns and exceptions of every <c>[Model]</c> class, and
/// the query sets of the <c>[Database]</c> class. Pipeline only: parsing is in
/// <see cref="ModelParser"/>, emission in <see cref="ModelEmitter"/> and <see cref="DatabaseEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelParser.ModelAttributeName, ModelParser.IsCandidate, ModelParser.Parse)
            .WithTrackingName(StepNames.ModelParse);

        var specs = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(StepNames.ModelSpecs);

        context.RegisterSourceOutput(specs, static (output, spec) =>
            output.AddSource(ModelEmitter.HintName(spec), ModelEmitter.Emit(spec)));

        // the [Database] class needs the list of models: collected, sorted, equatable
        var models = specs
            .Select(static (spec, _) => new DatabaseModelSpec(spec.Hierarchy.FullyQualifiedName, spec.PluralName, spec.TableName))
            .Collect()
            .Select(static (all, _) => all.OrderBy(m => m.TableName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.DatabaseModels);

        var databases = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelParser.DatabaseAttributeName, ModelParser.IsCandidate, ModelParser.ParseDatabase)
            .WithTrackingName(StepNames.DatabaseParse);

        context.RegisterSourceOutput(
            databases.Select(static (result, _) => result.Spec).Where(static spec => spec is not null).Combine(models),
            static (output, pair) => output.AddSource(DatabaseEmitter.HintName(pair.Left!), DatabaseEmitter.Emit(pair.Left!, pair.Right)));

        // Diagnostics re-fire on every compilation (they need real locations), but stay cheap:
        // only parse results that carry diagnostics reach the compilation.
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static d => d.Count > 0)
            .Collect()
            .Combine(databases.Select(static (result, _) => result.Diagnostics).Where(static d => d.Count > 0).Collect())
            .Select(static (pair, _) => pair.Left.Concat(pair.Right).SelectMany(d => d).ToEquatableArray())
            .WithTrackingName(StepNames.ModelDiagnostics);

        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (var diagnostic in pair.Left)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            }
        });
    }
}

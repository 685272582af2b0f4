using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>
/// Generates the table name, schema and row reader of every <c>[Model]</c> class.
/// Pipeline only: parsing is in <see cref="ModelParser"/>, emission in <see cref="ModelEmitter"/>.
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
            .WithTrackingName(StepNames.ModelSpecs);

        context.RegisterSourceOutput(specs, static (output, spec) =>
            output.AddSource(ModelEmitter.HintName(spec!), ModelEmitter.Emit(spec!)));

        // Diagnostics re-fire on every compilation (they need real locations), but stay cheap:
        // only parse results that carry diagnostics reach the compilation.
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static d => d.Count > 0)
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

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

        // Each model's reverse accessors come from the relations of other models: an index over all
        // specs, then a per-model slice, which stays equal (and so cached) unless those relations change.
        var reverseIndex = specs
            .Collect()
            .Select(static (all, _) => ModelRelations.ReverseIndex(all))
            .WithTrackingName(StepNames.ModelRelations);

        var emitSpecs = specs
            .Combine(reverseIndex)
            .Select(static (pair, _) => ModelRelations.EmitSpecFor(pair.Left, pair.Right))
            .WithTrackingName(StepNames.ModelEmitSpecs);

        context.RegisterSourceOutput(emitSpecs, static (output, spec) =>
            output.AddSource(ModelEmitter.HintName(spec), ModelEmitter.Emit(spec)));

        // the [Database] class needs the list of models: collected, referenced tables first, equatable
        var models = specs
            .Select(static (spec, _) => ModelRelations.DatabaseModel(spec))
            .Collect()
            .Select(static (all, _) => ModelRelations.DependencyOrder(all))
            .WithTrackingName(StepNames.DatabaseModels);

        var databases = context.SyntaxProvider
            .ForAttributeWithMetadataName(ModelParser.DatabaseAttributeName, ModelParser.IsCandidate, ModelParser.ParseDatabase)
            .WithTrackingName(StepNames.DatabaseParse);

        // migration files: the [Database] lists them (no reflection); the build checks their names
        var migrations = context.SyntaxProvider
            .ForAttributeWithMetadataName(MigrationParser.AttributeName, ModelParser.IsCandidate, MigrationParser.Parse)
            .WithTrackingName(StepNames.MigrationParse);

        var migrationTypes = migrations
            .Select(static (result, _) => result.Spec.TypeName)
            .Collect()
            .Select(static (all, _) => all.OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.DatabaseMigrations);

        // app-defined management commands, constructed from services by generated code
        var commands = context.SyntaxProvider
            .ForAttributeWithMetadataName(CommandParser.AttributeName, ModelParser.IsCandidate, CommandParser.Parse)
            .WithTrackingName(StepNames.CommandParse);

        var commandRegistrations = commands
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Collect()
            .Select(static (all, _) => all.OrderBy(c => c!.Name, StringComparer.Ordinal).Select(c => CommandParser.Registration(c!)).ToEquatableArray())
            .WithTrackingName(StepNames.DatabaseCommands);

        context.RegisterSourceOutput(
            databases.Select(static (result, _) => result.Spec).Where(static spec => spec is not null).Combine(models).Combine(migrationTypes).Combine(commandRegistrations),
            static (output, pair) => output.AddSource(
                DatabaseEmitter.HintName(pair.Left.Left.Left!),
                DatabaseEmitter.Emit(pair.Left.Left.Left!, pair.Left.Left.Right, pair.Left.Right, pair.Right)));

        // Diagnostics re-fire on every compilation (they need real locations), but stay cheap:
        // only parse results that carry diagnostics reach the compilation.
        var diagnostics = parsed
            .Collect()
            .Combine(databases.Select(static (result, _) => result.Diagnostics).Where(static d => d.Count > 0).Collect())
            .Combine(migrations.Collect())
            .Combine(commands.Select(static (result, _) => result.Diagnostics).Where(static d => d.Count > 0).Collect())
            .Select(static (pair, _) => pair.Left.Left.Left.SelectMany(r => r.Diagnostics)
                .Concat(ModelParser.DuplicateTables(pair.Left.Left.Left))
                .Concat(pair.Left.Left.Right.SelectMany(d => d))
                .Concat(MigrationParser.Check(pair.Left.Right))
                .Concat(pair.Right.SelectMany(d => d))
                .ToEquatableArray())
            .WithTrackingName(StepNames.ModelDiagnostics);

        DiagnosticReporting.Register(context, diagnostics);
    }
}

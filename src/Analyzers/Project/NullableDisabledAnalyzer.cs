using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Reinhardt.Analyzers.Project;

/// <summary>RH1001: Reinhardt's typing depends on nullable annotations (NULL columns, optional fields).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NullableDisabledAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NullableDisabled);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(static context =>
        {
            var compilation = context.Compilation;
            if (compilation.Options.NullableContextOptions == NullableContextOptions.Disable &&
                WellKnownTypes.From(compilation).UsesReinhardt)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NullableDisabled, Location.None, compilation.AssemblyName ?? "?"));
            }
        });
    }
}

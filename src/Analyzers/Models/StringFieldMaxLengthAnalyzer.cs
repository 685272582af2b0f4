using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Reinhardt.Analyzers.Models;

/// <summary>
/// RH1006: a string field of a <c>[Model]</c> without <c>[MaxLength]</c> or <c>[Text]</c>. Django's
/// <c>CharField</c> requires <c>max_length</c> for the same reason: the column, the form's
/// <c>maxlength</c> and validation must agree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StringFieldMaxLengthAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.StringFieldWithoutMaxLength);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var types = WellKnownTypes.From(start.Compilation);
            if (!types.UsesReinhardt)
            {
                return;
            }

            start.RegisterSymbolAction(context => AnalyzeType(context, types), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, WellKnownTypes types)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!WellKnownTypes.HasAttribute(type, types.ModelAttribute))
        {
            return;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_String } property &&
                !WellKnownTypes.HasAttribute(property, types.MaxLengthAttribute) &&
                !WellKnownTypes.HasAttribute(property, types.TextAttribute))
            {
                foreach (var location in property.Locations)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StringFieldWithoutMaxLength, location, type.Name, property.Name));
                }
            }
        }
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Reinhardt.Analyzers.Models;

/// <summary>
/// RH2003: <c>$"... WHERE name = '{name}'"</c> passed to Reinhardt's raw SQL. Every hole becomes a
/// parameter, so quotes around it make SQL compare with the text <c>'@p0'</c>: a silent bug, and
/// the habit that causes SQL injection wherever strings are concatenated instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QuotedSqlPlaceholderAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.QuotedSqlPlaceholder);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var types = WellKnownTypes.From(start.Compilation);
            if (types.RawSql is null || types.FormattableString is null)
            {
                return;
            }

            start.RegisterOperationAction(context => AnalyzeInvocation(context, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, WellKnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var container = method.ContainingType.OriginalDefinition;
        var isRawSqlApi = SymbolEqualityComparer.Default.Equals(container, types.RawSql)
            || (SymbolEqualityComparer.Default.Equals(container, types.QuerySet) && method.Name == "RawAsync");
        if (!isRawSqlApi)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (!SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, types.FormattableString))
            {
                continue;
            }

            var value = argument.Value is IConversionOperation conversion ? conversion.Operand : argument.Value;
            if (value is not IInterpolatedStringOperation interpolated)
            {
                continue;
            }

            var parts = interpolated.Parts;
            for (var i = 1; i < parts.Length - 1; i++)
            {
                if (parts[i] is IInterpolationOperation hole
                    && parts[i - 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string before } && before.EndsWith("'", System.StringComparison.Ordinal)
                    && parts[i + 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string after } && after.StartsWith("'", System.StringComparison.Ordinal))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.QuotedSqlPlaceholder, hole.Syntax.GetLocation(), hole.Expression.Syntax.ToString()));
                }
            }
        }
    }
}

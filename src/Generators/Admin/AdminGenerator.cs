using System.Linq;
using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;
using Reinhardt.Generators.Forms;

namespace Reinhardt.Generators.Admin;

/// <summary>
/// Generates each <c>[Admin]</c> class's <c>ModelAdmin</c> definition and each inline's <c>InlineAdmin</c> definition, with
/// their model forms (emitted by the form generator's emitter, so the admin's forms are the same code as <c>[ModelForm]</c>).
/// Pipeline only: parsing is in <see cref="AdminParser"/>, emission in <see cref="AdminEmitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AdminGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var admins = context.SyntaxProvider
            .ForAttributeWithMetadataName(AdminParser.AdminAttributeName, AdminParser.IsCandidate, AdminParser.ParseAdmin)
            .WithTrackingName(StepNames.AdminParse);
        var tabular = context.SyntaxProvider
            .ForAttributeWithMetadataName(AdminParser.TabularInlineAttributeName, AdminParser.IsCandidate, AdminParser.ParseInline)
            .WithTrackingName(StepNames.InlineParse);
        var stacked = context.SyntaxProvider
            .ForAttributeWithMetadataName(AdminParser.StackedInlineAttributeName, AdminParser.IsCandidate, AdminParser.ParseInline)
            .WithTrackingName(StepNames.InlineParse);

        var adminSpecs = admins
            .Where(static result => result.Admin is not null)
            .Select(static (result, _) => result.Admin!)
            .WithTrackingName(StepNames.AdminSpecs);
        context.RegisterSourceOutput(adminSpecs, static (output, spec) =>
        {
            output.AddSource(AdminEmitter.HintName(spec), AdminEmitter.Emit(spec));
            output.AddSource(FormEmitter.HintName(spec.Form), FormEmitter.Emit(spec.Form));
        });

        foreach (var parsed in new[] { tabular, stacked })
        {
            var inlineSpecs = parsed
                .Where(static result => result.Inline is not null)
                .Select(static (result, _) => result.Inline!)
                .WithTrackingName(StepNames.InlineSpecs);
            context.RegisterSourceOutput(inlineSpecs, static (output, spec) =>
            {
                output.AddSource(AdminEmitter.HintName(spec), AdminEmitter.Emit(spec));
                output.AddSource(FormEmitter.HintName(spec.Form), FormEmitter.Emit(spec.Form));
            });
        }

        // Diagnostics keep real locations and re-fire with them
        var diagnostics = admins.Collect()
            .Combine(tabular.Collect())
            .Combine(stacked.Collect())
            .Select(static (all, _) => all.Left.Left.Concat(all.Left.Right).Concat(all.Right).SelectMany(r => r.Diagnostics).ToEquatableArray())
            .WithTrackingName(StepNames.AdminDiagnostics);
        DiagnosticReporting.Register(context, diagnostics);
    }
}

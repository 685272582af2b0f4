using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Templates;

/// <summary>
/// Compiles the app's Django templates (<c>AdditionalFiles</c>, <c>Templates/**/*.html</c>) against their
/// <c>[Template]</c> contexts. So far it checks them: syntax (RH0040-RH0044), missing templates (RH0046) and
/// every variable and filter against the context's types (RH1007), at the .html file's line and column; the
/// renderer emission comes next. Pipeline only: parsing in <see cref="TemplateParser"/> and
/// <see cref="TemplateContextParser"/>, resolution in <see cref="TemplateLibrary"/>, binding in <see cref="TemplateChecker"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TemplateGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // one parse per file, cached until that file changes
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => TemplateLibrary.Parse(text, cancellationToken))
            .WithTrackingName(StepNames.TemplateParse);

        var library = files
            .Collect()
            .Select(static (all, _) => all.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.FilePath, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.TemplateLibrary);

        var contexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(TemplateContextParser.AttributeName, TemplateContextParser.IsCandidate, TemplateContextParser.Parse)
            .WithTrackingName(StepNames.TemplateContextParse);

        var diagnostics = contexts
            .Collect()
            .Combine(library)
            .Select(static (pair, cancellationToken) => Check(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(StepNames.TemplateDiagnostics);

        DiagnosticReporting.Register(context, diagnostics);
    }

    private static EquatableArray<DiagnosticInfo> Check(IEnumerable<TemplateContextParseResult> contexts, EquatableArray<TemplateFile> library, System.Threading.CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var files = new Dictionary<string, TemplateFile>(StringComparer.Ordinal);
        foreach (var file in library)
        {
            files[file.Name] = file;
            foreach (var error in file.Document.Errors)
            {
                diagnostics.Add(ToDiagnostic(file.FilePath, error));
            }
        }

        foreach (var result in contexts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            diagnostics.AddRange(result.Diagnostics);
            if (result.Spec is not { } spec)
            {
                continue;
            }

            if (!files.TryGetValue(spec.TemplatePath, out var template))
            {
                var suggestion = NameSuggestion.Closest(spec.TemplatePath, files.Keys.OrderBy(k => k, StringComparer.Ordinal));
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.TemplateNotFound, result.AttributeLocation, new EquatableArray<string>(new[]
                {
                    $"Template '{spec.TemplatePath}' of {spec.Hierarchy.TypeName} is not a template of this project (Templates/**/*.html)"
                        + (suggestion is null ? "." : $". Did you mean '{suggestion}'?"),
                })));
                continue;
            }

            // a template with syntax errors is reported once, by its parse, not again by binding
            if (template.Document.Errors.Count > 0)
            {
                continue;
            }

            foreach (var (filePath, error) in TemplateChecker.Check(files, template, spec))
            {
                diagnostics.Add(ToDiagnostic(filePath, error));
            }
        }

        // one error per place, in a stable order
        return diagnostics.Distinct()
            .OrderBy(d => d.Location?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location?.Span.Start ?? 0).ThenBy(d => d.Descriptor.Id, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private static DiagnosticInfo ToDiagnostic(string filePath, TemplateError error) =>
        new(DiagnosticDescriptors.ForTemplateError(error.Id), TemplateLibrary.Location(filePath, error.Span), new EquatableArray<string>(new[] { error.Message }));
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Reinhardt.Analyzers.CodeFixes.Models;

/// <summary>Fixes RH1006 by adding <c>[MaxLength(200)]</c>, the length Django's tutorial uses.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMaxLengthCodeFix))]
[Shared]
public sealed class AddMaxLengthCodeFix : CodeFixProvider
{
    private const int DefaultMaxLength = 200;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.StringFieldWithoutMaxLength.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var property = root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<PropertyDeclarationSyntax>().FirstOrDefault();
        if (property is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Add [MaxLength({DefaultMaxLength})]",
                cancellationToken => AddAttributeAsync(context.Document, property, cancellationToken),
                equivalenceKey: nameof(AddMaxLengthCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> AddAttributeAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::Reinhardt.MaxLength").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.ParseAttributeArgumentList($"({DefaultMaxLength})"));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));

        // keep the property's leading trivia (indentation, doc comments) in front of the new attribute
        var updated = property
            .WithoutLeadingTrivia()
            .WithAttributeLists(property.AttributeLists.Insert(0, list.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)))
            .WithLeadingTrivia(property.GetLeadingTrivia());
        return document.WithSyntaxRoot(root!.ReplaceNode(property, updated.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)));
    }
}

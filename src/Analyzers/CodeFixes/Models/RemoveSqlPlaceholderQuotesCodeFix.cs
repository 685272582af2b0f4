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

namespace Reinhardt.Analyzers.CodeFixes.Models;

/// <summary>Fixes RH2003 by removing the quotes around the interpolation: the value is a parameter.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSqlPlaceholderQuotesCodeFix))]
[Shared]
public sealed class RemoveSqlPlaceholderQuotesCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.QuotedSqlPlaceholder.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not InterpolationSyntax hole || hole.Parent is not InterpolatedStringExpressionSyntax)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Remove the quotes: the value is a parameter",
                cancellationToken => RemoveQuotesAsync(context.Document, hole, cancellationToken),
                equivalenceKey: nameof(RemoveSqlPlaceholderQuotesCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> RemoveQuotesAsync(Document document, InterpolationSyntax hole, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = (InterpolatedStringExpressionSyntax)hole.Parent!;
        var contents = text.Contents;
        var index = contents.IndexOf(hole);
        var before = (InterpolatedStringTextSyntax)contents[index - 1];
        var after = (InterpolatedStringTextSyntax)contents[index + 1];
        var updated = contents.Replace(before, Trim(before, fromEnd: true));
        updated = updated.Replace(updated[index + 1], Trim(after, fromEnd: false));
        return document.WithSyntaxRoot(root!.ReplaceNode(text, text.WithContents(updated)));
    }

    private static InterpolatedStringTextSyntax Trim(InterpolatedStringTextSyntax part, bool fromEnd)
    {
        var token = part.TextToken;
        var value = fromEnd ? token.Text.Substring(0, token.Text.Length - 1) : token.Text.Substring(1);
        var valueText = fromEnd ? token.ValueText.Substring(0, token.ValueText.Length - 1) : token.ValueText.Substring(1);
        return part.WithTextToken(SyntaxFactory.Token(token.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, value, valueText, token.TrailingTrivia));
    }
}

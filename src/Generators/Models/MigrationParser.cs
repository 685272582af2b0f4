using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>A dependency of a migration file.</summary>
internal sealed record MigrationDependencySpec(string App, string Name);

/// <summary>
/// A <c>[RegisterMigration]</c> class: its type, and its app, name and dependencies when they are
/// written as literals (as <c>makemigrations</c> writes them), so the build can check them.
/// </summary>
internal sealed record MigrationSpec(string TypeName, string? App, string? Name, EquatableArray<MigrationDependencySpec>? Dependencies);

/// <summary>A migration with where it is declared, for diagnostics only.</summary>
internal sealed record MigrationParseResult(MigrationSpec Spec, LocationInfo? Location);

/// <summary>Reads migration files without running them.</summary>
internal static class MigrationParser
{
    public const string AttributeName = "Reinhardt.Data.Migrations.RegisterMigrationAttribute";

    public static MigrationParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        string? app = null, name = null;
        EquatableArray<MigrationDependencySpec>? dependencies = null;
        foreach (var property in declaration.Members.OfType<PropertyDeclarationSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var body = property.ExpressionBody?.Expression;
            switch (property.Identifier.Text)
            {
                case "App":
                    app = (body as LiteralExpressionSyntax)?.Token.ValueText;
                    break;
                case "Name":
                    name = (body as LiteralExpressionSyntax)?.Token.ValueText;
                    break;
                case "Dependencies" when body is CollectionExpressionSyntax collection:
                    dependencies = Dependencies(collection);
                    break;
            }
        }

        return new MigrationParseResult(
            new MigrationSpec(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), app, name, dependencies),
            LocationInfo.From(declaration.Identifier.GetLocation()));
    }

    private static EquatableArray<MigrationDependencySpec>? Dependencies(CollectionExpressionSyntax collection)
    {
        var result = new List<MigrationDependencySpec>();
        foreach (var element in collection.Elements)
        {
            if (element is ExpressionElementSyntax { Expression: TupleExpressionSyntax { Arguments.Count: 2 } tuple }
                && tuple.Arguments[0].Expression is LiteralExpressionSyntax app
                && tuple.Arguments[1].Expression is LiteralExpressionSyntax name)
            {
                result.Add(new MigrationDependencySpec(app.Token.ValueText, name.Token.ValueText));
            }
            else
            {
                return null; // not literal: the build cannot check it, the executor will
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary>Duplicate names and dependencies on migrations that do not exist, at the migration's class.</summary>
    public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<MigrationParseResult> migrations)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var known = new HashSet<(string, string)>();
        foreach (var migration in migrations.Where(m => m.Spec.App is not null && m.Spec.Name is not null).OrderBy(m => m.Spec.TypeName, System.StringComparer.Ordinal))
        {
            if (!known.Add((migration.Spec.App!, migration.Spec.Name!)))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.DuplicateMigration, migration.Location, new EquatableArray<string>(new[] { migration.Spec.App! + "." + migration.Spec.Name! })));
            }
        }

        foreach (var migration in migrations)
        {
            foreach (var dependency in migration.Spec.Dependencies ?? EquatableArray<MigrationDependencySpec>.Empty)
            {
                if (!known.Contains((dependency.App, dependency.Name)))
                {
                    diagnostics.Add(new DiagnosticInfo(
                        DiagnosticDescriptors.MissingMigrationDependency,
                        migration.Location,
                        new EquatableArray<string>(new[] { (migration.Spec.App ?? "?") + "." + (migration.Spec.Name ?? "?"), dependency.App + "." + dependency.Name })));
                }
            }
        }

        return diagnostics.ToEquatableArray();
    }
}

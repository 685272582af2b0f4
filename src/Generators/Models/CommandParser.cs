using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>A <c>[Command]</c> class: its name, help text, type and constructor parameters (resolved from services).</summary>
internal sealed record CommandSpec(string Name, string Description, string TypeName, EquatableArray<string> Parameters);

/// <summary>A parsed command with its diagnostics.</summary>
internal sealed record CommandParseResult(CommandSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Reads app-defined management commands.</summary>
internal static class CommandParser
{
    public const string AttributeName = "Reinhardt.Management.CommandAttribute";

    public static CommandParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? type.Name : type.Name;
        var description = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Description").Value.Value as string ?? string.Empty;
        var implements = type.AllInterfaces.Any(i => i.ToDisplayString() == "Reinhardt.Management.IManagementCommand");
        var constructor = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
        if (!implements || constructor is null || type.IsAbstract)
        {
            return new CommandParseResult(null, new EquatableArray<DiagnosticInfo>(new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.InvalidCommand, type.Locations.FirstOrDefault(), type.Name),
            }));
        }

        var parameters = constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToEquatableArray();
        return new CommandParseResult(
            new CommandSpec(name, description, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), parameters),
            EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The registration expression the [Database] lists.</summary>
    public static string Registration(CommandSpec spec)
    {
        var arguments = string.Join(", ", spec.Parameters.Select(p =>
            $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{p}>(services)"));
        return $"new global::Reinhardt.Management.CommandRegistration({ModelEmitter.Literal(spec.Name)}, {ModelEmitter.Literal(spec.Description)}, static services => new {spec.TypeName}({arguments}))";
    }
}

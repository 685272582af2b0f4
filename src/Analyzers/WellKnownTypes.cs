using Microsoft.CodeAnalysis;

namespace Reinhardt.Analyzers;

/// <summary>Reinhardt's marker types, resolved once per compilation.</summary>
internal sealed class WellKnownTypes
{
    private WellKnownTypes(Compilation compilation)
    {
        ModelAttribute = compilation.GetTypeByMetadataName("Reinhardt.ModelAttribute");
        MaxLengthAttribute = compilation.GetTypeByMetadataName("Reinhardt.MaxLengthAttribute");
        TextAttribute = compilation.GetTypeByMetadataName("Reinhardt.TextAttribute");
        RawSql = compilation.GetTypeByMetadataName("Reinhardt.Data.RawSql");
        QuerySet = compilation.GetTypeByMetadataName("Reinhardt.QuerySet`2");
        FormattableString = compilation.GetTypeByMetadataName("System.FormattableString");
    }

    /// <summary>Reinhardt's raw SQL entry points.</summary>
    public INamedTypeSymbol? RawSql { get; }

    /// <summary>The query set (its <c>RawAsync</c> takes raw SQL).</summary>
    public INamedTypeSymbol? QuerySet { get; }

    /// <summary><see cref="System.FormattableString"/>.</summary>
    public INamedTypeSymbol? FormattableString { get; }

    public INamedTypeSymbol? ModelAttribute { get; }

    public INamedTypeSymbol? MaxLengthAttribute { get; }

    public INamedTypeSymbol? TextAttribute { get; }

    /// <summary>Whether the compilation references Reinhardt at all.</summary>
    public bool UsesReinhardt => ModelAttribute is not null;

    public static WellKnownTypes From(Compilation compilation) => new(compilation);

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }

        return false;
    }
}

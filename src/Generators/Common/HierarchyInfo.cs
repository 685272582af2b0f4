using System.Linq;
using Microsoft.CodeAnalysis;

namespace Reinhardt.Generators.Common;

/// <summary>One type declaration that generated code re-opens as <c>partial</c>.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>record</c>, <c>struct</c> or <c>record struct</c>.</param>
/// <param name="Name">The type name with its type parameter list, e.g. <c>Outer&lt;T&gt;</c>.</param>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);

/// <summary>
/// Where a user's partial type lives: its namespace and the chain of containing types, so the
/// emitter can re-open the declarations without holding a symbol (MVVM Toolkit's HierarchyInfo).
/// </summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="Types">The containing types, outermost first, ending with the type itself.</param>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<TypeDeclarationInfo> Types)
{
    public string TypeName => Types[Types.Count - 1].Name;

    /// <summary>The fully qualified name, <c>global::</c> prefixed, for use in generated code.</summary>
    public string FullyQualifiedName =>
        "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + string.Join(".", Types.Select(t => t.Name));

    /// <summary>A file-name-safe hint prefix: <c>Namespace.Outer.Type</c>.</summary>
    public string HintName =>
        (Namespace.Length == 0 ? string.Empty : Namespace + ".") +
        string.Join(".", Types.Select(t => t.Name.Replace('<', '{').Replace('>', '}')));

    public static HierarchyInfo From(INamedTypeSymbol type)
    {
        var chain = new System.Collections.Generic.List<TypeDeclarationInfo>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, new TypeDeclarationInfo(KeywordOf(current), current.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new HierarchyInfo(ns, chain.ToEquatableArray());
    }

    private static string KeywordOf(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        (false, TypeKind.Interface) => "interface",
        _ => "class",
    };

    /// <summary>
    /// Writes the namespace and the opening of every partial declaration; <paramref name="baseList"/>
    /// (e.g. <c>" : IModel&lt;T&gt;"</c>) is added to the innermost one.
    /// </summary>
    public void WriteOpen(SourceWriter writer, string baseList = "")
    {
        if (Namespace.Length > 0)
        {
            writer.WriteLine("namespace " + Namespace);
            writer.OpenBlock();
        }

        for (var i = 0; i < Types.Count; i++)
        {
            writer.WriteLine("partial " + Types[i].Keyword + " " + Types[i].Name + (i == Types.Count - 1 ? baseList : string.Empty));
            writer.OpenBlock();
        }
    }

    /// <summary>Closes what <see cref="WriteOpen"/> opened.</summary>
    public void WriteClose(SourceWriter writer)
    {
        for (var i = 0; i < Types.Count; i++)
        {
            writer.CloseBlock();
        }

        if (Namespace.Length > 0)
        {
            writer.CloseBlock();
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Reinhardt.Generators.Common;

/// <summary>
/// A location as plain data, so parse results stay equatable. It is turned back into a real
/// in-source <see cref="Location"/> when reported, so <c>#pragma warning disable</c> works.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true } ? new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span) : null;

    public Location ToLocation(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath)
            {
                return Location.Create(tree, Span);
            }
        }

        return Location.Create(FilePath, Span, LineSpan);
    }
}

/// <summary>A diagnostic as plain data: descriptor, location and message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArgs) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(messageArgs));

    public Diagnostic ToDiagnostic(Compilation compilation) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None, System.Linq.Enumerable.ToArray<object>(MessageArgs));
}

/// <summary>Reports a pipeline's diagnostics, turning their plain-data locations back into source locations.</summary>
internal static class DiagnosticReporting
{
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (var diagnostic in pair.Left)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            }
        });
}

using System.Linq;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Views;

/// <summary>Emits the per-request factory of a view class: its constructor parameters resolved from the request's services.</summary>
internal static class ViewEmitter
{
    public static string HintName(ViewClassSpec spec) => spec.Hierarchy.HintName + ".View.g.cs";

    public static string Emit(ViewClassSpec spec)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        spec.Hierarchy.WriteOpen(writer);
        var arguments = spec.ConstructorParameters.Select(type => type == "global::Microsoft.AspNetCore.Http.HttpContext"
            ? "context"
            : $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{type}>(context.RequestServices)");
        writer.WriteLine("/// <summary>Creates the view for one request; constructor parameters come from the request's services.</summary>");
        writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"internal static {spec.Hierarchy.FullyQualifiedName} CreateForRequest(global::Microsoft.AspNetCore.Http.HttpContext context) => new {spec.Hierarchy.FullyQualifiedName}({string.Join(", ", arguments)});");
        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }
}

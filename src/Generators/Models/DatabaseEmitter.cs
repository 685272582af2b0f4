using System.Linq;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>Writes the generated half of a <c>[Database]</c> class: a query set per model.</summary>
internal static class DatabaseEmitter
{
    public static string HintName(DatabaseSpec spec) => spec.Hierarchy.HintName + ".Database.g.cs";

    public static string Emit(DatabaseSpec spec, EquatableArray<DatabaseModelSpec> models, EquatableArray<string> migrations)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        var type = spec.Hierarchy.FullyQualifiedName;
        spec.Hierarchy.WriteOpen(writer, $" : global::Reinhardt.Data.Database, global::Reinhardt.IDatabase<{type}>");

        writer.WriteLine("/// <summary>Creates the database and its query sets.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public {spec.Hierarchy.TypeName}(global::Reinhardt.Data.DatabaseOptions options)");
        writer.WriteLine("    : base(options, Tables)");
        writer.OpenBlock();
        foreach (var model in models)
        {
            writer.WriteLine($"{model.PluralName} = new(this);");
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static {type} global::Reinhardt.IDatabase<{type}>.Create(global::Reinhardt.Data.DatabaseOptions options) => new(options);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The tables of every model, referenced tables first.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<global::Reinhardt.Data.TableSchema> Tables { get; } =");
        writer.WriteLine("[");
        writer.Indentation++;
        foreach (var model in models)
        {
            writer.WriteLine($"{model.TypeName}.Schema,");
        }

        // many-to-many tables reference both sides, so they come after every model
        foreach (var through in models.SelectMany(m => m.ThroughTables))
        {
            writer.WriteLine($"{through},");
        }

        writer.Indentation--;
        writer.WriteLine("];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Every model, for fixtures (loaddata, dumpdata).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<global::Reinhardt.Data.FixtureModel> FixtureModels { get; } =");
        writer.WriteLine("[");
        writer.Indentation++;
        foreach (var model in models)
        {
            writer.WriteLine($"global::Reinhardt.Data.FixtureModel.For<{model.TypeName}, {model.TypeName}.Columns>(),");
        }

        writer.Indentation--;
        writer.WriteLine("];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Every <c>[RegisterMigration]</c> class of the app.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<global::Reinhardt.Data.Migrations.Migration> Migrations { get; } =");
        writer.WriteLine("[");
        writer.Indentation++;
        foreach (var migration in migrations)
        {
            writer.WriteLine($"new {migration}(),");
        }

        writer.Indentation--;
        writer.WriteLine("];");
        foreach (var model in models)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>All <c>{model.TableName}</c> rows, as a query set.</summary>");
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine($"public global::Reinhardt.QuerySet<{model.TypeName}, {model.TypeName}.Columns> {model.PluralName} {{ get; }}");
        }

        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }
}

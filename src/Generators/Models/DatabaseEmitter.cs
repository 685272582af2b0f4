using System.Collections.Generic;
using System.Linq;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>Writes the generated half of a <c>[Database]</c> class: a query set per model.</summary>
internal static class DatabaseEmitter
{
    public static string HintName(DatabaseSpec spec) => spec.Hierarchy.HintName + ".Database.g.cs";

    public static string Emit(DatabaseSpec spec, EquatableArray<DatabaseModelSpec> models, EquatableArray<string> migrations, EquatableArray<string> commands)
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
        // many-to-many tables reference both sides, so they come after every model
        WriteList(
            writer,
            "The tables of every model, referenced tables first.",
            "global::Reinhardt.Data.TableSchema",
            "Tables",
            Installed(spec, "Tables").Concat(models.Select(m => m.TypeName + ".Schema")).Concat(models.SelectMany(m => m.ThroughTables)));
        WriteList(
            writer,
            "Every model, for fixtures (loaddata, dumpdata).",
            "global::Reinhardt.Data.FixtureModel",
            "FixtureModels",
            Installed(spec, "FixtureModels").Concat(models.Select(m => $"global::Reinhardt.Data.FixtureModel.For<{m.TypeName}, {m.TypeName}.Columns>()")));
        WriteList(
            writer,
            "Every <c>[RegisterMigration]</c> class of the app.",
            "global::Reinhardt.Data.Migrations.Migration",
            "Migrations",
            Installed(spec, "Migrations").Concat(migrations.Select(m => $"new {m}()")));
        WriteList(
            writer,
            "Every app-defined <c>[Command]</c>.",
            "global::Reinhardt.Management.CommandRegistration",
            "Commands",
            Installed(spec, "Commands").Concat(commands));
        WriteList(
            writer,
            "Every model as a content type (app label, model name, verbose name): the permissions created after <c>migrate</c>.",
            "global::Reinhardt.ModelContentType",
            "ModelContentTypes",
            Installed(spec, "ModelContentTypes").Concat(models.Select(m => $"new({Literal(m.AppLabel)}, {Literal(m.ModelName)}, {Literal(m.VerboseName)})")));
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

    /// <summary>The spread of an installed app's list: <c>..global::Reinhardt.Auth.AuthDatabase.Tables</c>.</summary>
    private static IEnumerable<string> Installed(DatabaseSpec spec, string list) => spec.InstalledApps.Select(app => ".." + app + "." + list);

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A static read-only list property initialized with a collection expression.</summary>
    private static void WriteList(SourceWriter writer, string summary, string elementType, string name, IEnumerable<string> items)
    {
        writer.WriteLine();
        writer.WriteLine($"/// <summary>{summary}</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{elementType}> {name} {{ get; }} =");
        writer.WriteLine("[");
        writer.Indentation++;
        foreach (var item in items)
        {
            writer.WriteLine(item + ",");
        }

        writer.Indentation--;
        writer.WriteLine("];");
    }
}

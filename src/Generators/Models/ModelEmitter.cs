using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>Writes the generated half of a <c>[Model]</c> class from its <see cref="ModelSpec"/>.</summary>
internal static class ModelEmitter
{
    private const string DataNamespace = "global::Reinhardt.Data";

    public static string HintName(ModelSpec spec) => spec.Hierarchy.HintName + ".Model.g.cs";

    public static string Emit(ModelSpec spec)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        spec.Hierarchy.WriteOpen(writer);

        var typeName = spec.Hierarchy.TypeName;
        writer.WriteLine($"/// <summary>The table that stores <see cref=\"{typeName}\"/> rows.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public const string TableName = {Literal(spec.TableName)};");
        writer.WriteLine();

        var columnList = string.Join(", ", spec.Fields.Select(f => "\"" + f.ColumnName + "\""));
        writer.WriteLine($"/// <summary>The quoted column list, in the order <see cref=\"ReadRow\"/> reads it.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public const string ColumnList = {Literal(columnList)};");
        writer.WriteLine();

        writer.WriteLine("/// <summary>The table as data, for schema creation and migrations.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {DataNamespace}.TableSchema Schema {{ get; }} = new {DataNamespace}.TableSchema(");
        writer.Indentation++;
        writer.WriteLine("TableName,");
        writer.WriteLine($"new {DataNamespace}.ColumnSchema[]");
        writer.OpenBlock();
        foreach (var field in spec.Fields)
        {
            var maxLength = field.MaxLength is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
            writer.WriteLine(
                $"new {DataNamespace}.ColumnSchema({Literal(field.ColumnName)}, {DataNamespace}.ColumnType.{field.Kind}, " +
                $"Nullable: {Bool(field.IsNullable)}, PrimaryKey: {Bool(field.IsPrimaryKey)}, MaxLength: {maxLength}),");
        }

        writer.CloseBlock(");");
        writer.Indentation--;
        writer.WriteLine();

        writer.WriteLine($"/// <summary>Reads one row selected with <see cref=\"ColumnList\"/>, by ordinal, starting at <paramref name=\"offset\"/>.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {spec.Hierarchy.FullyQualifiedName} ReadRow(global::System.Data.Common.DbDataReader reader, int offset = 0) => new {spec.Hierarchy.FullyQualifiedName}");
        writer.OpenBlock();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var ordinal = i == 0 ? "offset" : "offset + " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var read = ReadExpression(field, ordinal);
            writer.WriteLine(field.IsNullable
                ? $"{field.PropertyName} = reader.IsDBNull({ordinal}) ? null : {read},"
                : $"{field.PropertyName} = {read},");
        }

        writer.CloseBlock(";");
        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }

    private static string ReadExpression(FieldSpec field, string ordinal) => field.Kind switch
    {
        FieldKind.Boolean => $"reader.GetBoolean({ordinal})",
        FieldKind.Int32 => $"reader.GetInt32({ordinal})",
        FieldKind.Int64 => $"reader.GetInt64({ordinal})",
        FieldKind.Double => $"reader.GetDouble({ordinal})",
        FieldKind.Decimal => $"reader.GetDecimal({ordinal})",
        FieldKind.String or FieldKind.Text => $"reader.GetString({ordinal})",
        FieldKind.DateTime => $"reader.GetDateTime({ordinal})",
        FieldKind.Guid => $"reader.GetGuid({ordinal})",
        FieldKind.DateTimeOffset => $"reader.GetFieldValue<global::System.DateTimeOffset>({ordinal})",
        FieldKind.Date => $"reader.GetFieldValue<global::System.DateOnly>({ordinal})",
        FieldKind.Time => $"reader.GetFieldValue<global::System.TimeOnly>({ordinal})",
        FieldKind.Duration => $"reader.GetFieldValue<global::System.TimeSpan>({ordinal})",
        FieldKind.Binary => $"reader.GetFieldValue<byte[]>({ordinal})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind."),
    };

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Bool(bool value) => value ? "true" : "false";
}

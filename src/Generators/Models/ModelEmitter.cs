using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>Writes the generated half of a <c>[Model]</c> class from its <see cref="ModelSpec"/>.</summary>
/// <remarks>
/// Emitted code stays small (generated code volume is build time): it declares data and calls
/// runtime primitives; query building, SQL and execution live in the runtime.
/// </remarks>
internal static class ModelEmitter
{
    private const string Data = "global::Reinhardt.Data";
    private const string Runtime = "global::Reinhardt";

    public static string HintName(ModelSpec spec) => spec.Hierarchy.HintName + ".Model.g.cs";

    public static string Emit(ModelSpec spec)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        var type = spec.Hierarchy.FullyQualifiedName;
        var name = spec.Hierarchy.TypeName;
        var key = spec.Fields[0];

        // the model's own declaration gets the interface; nested parents only re-open
        spec.Hierarchy.WriteOpen(writer, $" : {Runtime}.IModel<{type}>");

        writer.WriteLine($"/// <summary>The table that stores <see cref=\"{name}\"/> rows.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public const string TableName = {Literal(spec.TableName)};");
        writer.WriteLine();

        var columnList = string.Join(", ", spec.Fields.Select(f => "\"" + f.ColumnName + "\""));
        writer.WriteLine("/// <summary>The quoted column list, in the order <see cref=\"ReadRow\"/> reads it.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public const string ColumnList = {Literal(columnList)};");
        writer.WriteLine();

        writer.WriteLine("/// <summary>The table as data, for schema creation and migrations.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {Data}.TableSchema Schema {{ get; }} = new {Data}.TableSchema(");
        writer.Indentation++;
        writer.WriteLine("TableName,");
        writer.WriteLine($"new {Data}.ColumnSchema[]");
        writer.OpenBlock();
        foreach (var field in spec.Fields)
        {
            var maxLength = field.MaxLength is int n ? n.ToString(CultureInfo.InvariantCulture) : "null";
            writer.WriteLine(
                $"new {Data}.ColumnSchema({Literal(field.ColumnName)}, {Data}.ColumnType.{field.Kind}, " +
                $"Nullable: {Bool(field.IsNullable)}, PrimaryKey: {Bool(field.IsPrimaryKey)}, MaxLength: {maxLength}),");
        }

        writer.CloseBlock(");");
        writer.Indentation--;
        writer.WriteLine();

        writer.WriteLine("/// <summary>Reads one row selected in <see cref=\"Schema\"/> column order, by ordinal, from <paramref name=\"offset\"/>.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {type} ReadRow(global::System.Data.Common.DbDataReader reader, int offset = 0) => new {type}");
        writer.OpenBlock();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var ordinal = i == 0 ? "offset" : "offset + " + i.ToString(CultureInfo.InvariantCulture);
            var read = ReadExpression(field, ordinal);
            writer.WriteLine(field.IsNullable
                ? $"{field.PropertyName} = reader.IsDBNull({ordinal}) ? null : {read},"
                : $"{field.PropertyName} = {read},");
        }

        writer.CloseBlock(";");
        writer.WriteLine();

        var model = $"{Runtime}.IModel<{type}>";
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static long {model}.GetKey({type} model) => model.{key.PropertyName};");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine(key.Kind == FieldKind.Int32
            ? $"static void {model}.SetKey({type} model, long key) => model.{key.PropertyName} = checked((int)key);"
            : $"static void {model}.SetKey({type} model, long key) => model.{key.PropertyName} = key;");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static void {model}.AddValues({type} model, {Runtime}.ValueList values)");
        writer.OpenBlock();
        foreach (var field in spec.Fields.Skip(1))
        {
            writer.WriteLine($"values.Add(model.{field.PropertyName});");
        }

        writer.CloseBlock();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static {Runtime}.ObjectDoesNotExistException {model}.DoesNotExist(string message) => new DoesNotExist(message);");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static {Runtime}.MultipleObjectsReturnedException {model}.MultipleObjectsReturned(string message) => new MultipleObjectsReturned(message);");
        writer.WriteLine();

        writer.WriteLine($"/// <summary><c>Get</c> found no {name}.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public sealed class DoesNotExist(string message) : {Runtime}.ObjectDoesNotExistException(message);");
        writer.WriteLine();
        writer.WriteLine($"/// <summary><c>Get</c> found more than one {name}.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public sealed class MultipleObjectsReturned(string message) : {Runtime}.MultipleObjectsReturnedException(message);");
        writer.WriteLine();

        writer.WriteLine($"/// <summary>The typed columns of <see cref=\"{name}\"/> for query expressions.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public sealed class Columns : {Runtime}.IColumnSet<Columns>");
        writer.OpenBlock();
        writer.WriteLine($"private Columns({Data}.TableRef table)");
        writer.OpenBlock();
        writer.WriteLine("Table = table;");
        foreach (var field in spec.Fields)
        {
            writer.WriteLine($"{field.PropertyName} = new(table, {Literal(field.ColumnName)}{(field.IsNullable ? ", nullable: true" : string.Empty)});");
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public static Columns Create({Data}.TableRef table) => new(table);");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public {Data}.TableRef Table {{ get; }}");
        foreach (var field in spec.Fields)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The <c>{field.ColumnName}</c> column.</summary>");
            writer.WriteLine($"public {Data}.Column<{field.TypeName}> {field.PropertyName} {{ get; }}");
        }

        writer.CloseBlock();
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
        FieldKind.Binary => $"reader.GetFieldValue<byte[]>({ordinal})",
        // stored differently by each database (SQLite: text, hex, microseconds): runtime readers
        FieldKind.DateTime => $"{Data}.DbValue.ReadDateTime(reader, {ordinal})",
        FieldKind.DateTimeOffset => $"{Data}.DbValue.ReadDateTimeOffset(reader, {ordinal})",
        FieldKind.Date => $"{Data}.DbValue.ReadDate(reader, {ordinal})",
        FieldKind.Time => $"{Data}.DbValue.ReadTime(reader, {ordinal})",
        FieldKind.Duration => $"{Data}.DbValue.ReadDuration(reader, {ordinal})",
        FieldKind.Guid => $"{Data}.DbValue.ReadGuid(reader, {ordinal})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind."),
    };

    internal static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Bool(bool value) => value ? "true" : "false";
}

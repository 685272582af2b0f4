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

    public static string HintName(ModelEmitSpec spec) => spec.Model.Hierarchy.HintName + ".Model.g.cs";

    public static string Emit(ModelEmitSpec emitSpec)
    {
        var spec = emitSpec.Model;
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
            var relation = field.Relation is { } r
                ? $", Unique: {Bool(r.IsOneToOne)}, ForeignKey: new {Data}.ForeignKeySchema({Literal(r.TargetTable)}, {Literal(r.TargetKeyColumn)}, {Runtime}.OnDelete.{r.OnDelete})"
                : field.Validation.Unique ? ", Unique: true" : string.Empty;
            if (field.DefaultLiteral is { } defaultValue)
            {
                relation += ", Default: " + defaultValue;
            }
            writer.WriteLine(
                $"new {Data}.ColumnSchema({Literal(field.ColumnName)}, {Data}.ColumnType.{field.Kind}, " +
                $"Nullable: {Bool(field.IsNullable)}, PrimaryKey: {Bool(field.IsPrimaryKey)}, MaxLength: {maxLength}{relation}),");
        }

        var hasConstraints = spec.UniqueTogether.Count + spec.Checks.Count > 0;
        var hasIndexes = spec.Indexes.Count > 0;
        writer.CloseBlock(hasConstraints || hasIndexes ? "," : ");");
        if (hasConstraints)
        {
            writer.WriteLine($"Constraints: new {Data}.ConstraintSchema[]");
            writer.OpenBlock();
            foreach (var unique in spec.UniqueTogether)
            {
                var columns = string.Join(", ", unique.Columns.Select(Literal));
                writer.WriteLine($"new {Data}.UniqueConstraintSchema({Data}.SchemaNames.IndexName(TableName, new[] {{ {columns} }}, \"_uniq\"), new[] {{ {columns} }}),");
            }

            foreach (var check in spec.Checks)
            {
                writer.WriteLine($"new {Data}.CheckConstraintSchema({Literal(check.Name)}, static table => {type}.{check.MethodName}({type}.Columns.Create(table))),");
            }

            writer.CloseBlock(hasIndexes ? "," : ");");
        }

        if (hasIndexes)
        {
            writer.WriteLine($"Indexes: new {Data}.IndexSchema[]");
            writer.OpenBlock();
            foreach (var index in spec.Indexes)
            {
                var columns = $"new[] {{ {string.Join(", ", index.Columns.Select(Literal))} }}";
                var indexName = index.Name is { } explicitName ? Literal(explicitName) : $"{Data}.SchemaNames.IndexName(TableName, {columns}, {Literal(index.Suffix)})";
                writer.WriteLine($"new {Data}.IndexSchema({indexName}, {columns}, Unique: {Bool(index.Unique)}),");
            }

            writer.CloseBlock(");");
        }

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
            if (field.Relation is { } relation)
            {
                // an assigned related object wins: its key may have been set by saving it after assignment
                var backing = BackingField(relation);
                writer.WriteLine($"if (model.{backing} is {{ }} {backing}Value)");
                writer.OpenBlock();
                var targetKey = relation.TargetKeyProperty;
                writer.WriteLine($"model.{field.PropertyName} = {backing}Value.{targetKey} != 0 ? {backing}Value.{targetKey} : throw new global::System.InvalidOperationException({Literal($"save() prohibited to prevent data loss due to unsaved related object '{relation.PropertyName}'.")});");
                writer.CloseBlock();
            }

            writer.WriteLine($"values.Add(model.{field.PropertyName});");
        }

        writer.CloseBlock();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static void {model}.CopyFields({type} source, {type} target)");
        writer.OpenBlock();
        foreach (var field in spec.Fields)
        {
            writer.WriteLine($"target.{field.PropertyName} = source.{field.PropertyName};");
            if (field.Relation is { } relation)
            {
                writer.WriteLine($"target.{BackingField(relation)} = null;");
                if (field.IsNullable)
                {
                    writer.WriteLine($"target.{BackingField(relation)}Loaded = false;");
                }
            }
        }

        writer.CloseBlock();
        EmitFixtureMembers(writer, spec, type, model);
        EmitCleanFields(writer, spec, type, model);
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static {Data}.Database? {model}.GetDatabase({type} model) => model.__database;");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static void {model}.Attach({type} model, {Data}.Database database) => model.__database = database;");
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"private {Data}.Database? __database;");
        foreach (var field in spec.Fields)
        {
            if (field.Relation is { } relation)
            {
                EmitRelation(writer, name, type, field, relation);
            }
        }

        foreach (var manyToMany in spec.ManyToMany)
        {
            EmitManyToMany(writer, type, manyToMany.PropertyName, manyToMany.TargetType, manyToMany.ThroughTable, manyToMany.OwnerColumn, manyToMany.TargetColumn, manyToMany.Modifiers + " partial");
            if (manyToMany.AutoThrough)
            {
                EmitThroughTable(writer, manyToMany);
            }
        }

        foreach (var reverse in emitSpec.Reverse)
        {
            if (reverse.Through is { } through)
            {
                EmitManyToMany(writer, type, reverse.Name, reverse.ChildType, through.Table, through.OwnerColumn, through.TargetColumn, "public");
            }
            else
            {
                EmitReverseRelation(writer, type, reverse);
            }
        }
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
            if (field.Relation is { } relation)
            {
                var target = relation.TargetType;
                writer.WriteLine();
                writer.WriteLine($"private {target}.Columns? {BackingField(relation)};");
                writer.WriteLine();
                writer.WriteLine($"/// <summary>The columns of the related <c>{relation.TargetTable}</c> row, reached with a JOIN.</summary>");
                writer.WriteLine($"public {target}.Columns {relation.PropertyName} => {BackingField(relation)} ??= {target}.Columns.Create(");
                writer.WriteLine($"    {Data}.TableRef.Join(Table, {Literal(field.ColumnName)}, {target}.TableName, {Literal(relation.TargetKeyColumn)}, nullable: {Bool(field.IsNullable)}, {type}.{RelationField(relation)}));");
            }
        }

        foreach (var reverse in emitSpec.Reverse)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The <c>{reverse.Name}</c> relation, for <c>PrefetchRelated</c>.</summary>");
            var relationType = reverse.Through is null ? ReverseRelationType(type, reverse) : ManyToManyRelationType(type, reverse.ChildType);
            writer.WriteLine($"public {relationType} {reverse.Name} => {type}.{ReverseField(reverse)};");
        }

        foreach (var manyToMany in spec.ManyToMany)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The <c>{manyToMany.PropertyName}</c> relation, for <c>PrefetchRelated</c>.</summary>");
            writer.WriteLine($"public {ManyToManyRelationType(type, manyToMany.TargetType)} {manyToMany.PropertyName} => {type}.__{manyToMany.PropertyName}Relation;");
        }

        writer.CloseBlock();
        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }

    /// <summary>Django's fixture format: the model label, and the <c>fields</c> object read and written by name.</summary>
    private static void EmitFixtureMembers(SourceWriter writer, ModelSpec spec, string type, string model)
    {
        var label = spec.AppLabel + "." + spec.Hierarchy.TypeName.ToLowerInvariant();
        const string Values = Data + ".FixtureValues";
        writer.WriteLine();
        writer.WriteLine($"/// <summary>The model's label in fixtures.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static string ModelLabel => {Literal(label)};");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static void {model}.WriteFixtureFields({type} model, global::System.Text.Json.Utf8JsonWriter writer)");
        writer.OpenBlock();
        foreach (var field in spec.Fields.Skip(1))
        {
            writer.WriteLine($"{Values}.Write(writer, {Literal(FixtureName(field))}, model.{field.PropertyName});");
        }

        writer.CloseBlock();
        var key = spec.Fields[0];
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static {type} {model}.ReadFixture(long key, global::System.Text.Json.JsonElement fields)");
        writer.OpenBlock();
        writer.WriteLine($"var model = new {type} {{ {key.PropertyName} = {(key.Kind == FieldKind.Int32 ? "checked((int)key)" : "key")} }};");
        writer.WriteLine("foreach (var property in fields.EnumerateObject())");
        writer.OpenBlock();
        writer.WriteLine("switch (property.Name)");
        writer.OpenBlock();
        foreach (var field in spec.Fields.Skip(1))
        {
            var name = Literal(FixtureName(field));
            writer.WriteLine($"case {name}:");
            writer.WriteLine($"    model.{field.PropertyName} = {Values}.Read<{field.TypeName}>(property.Value, {name});");
            writer.WriteLine("    break;");
        }

        writer.WriteLine("default:");
        writer.WriteLine($"    throw {Values}.UnknownField({Literal(label)}, property.Name);");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine("return model;");
        writer.CloseBlock();
    }

    /// <summary>A field's name in fixtures: Django's field name (a foreign key by its relation's name, not its column).</summary>
    private static string FixtureName(FieldSpec field) =>
        field.Relation is { } relation ? IdentifierCase.ToSnakeCase(relation.PropertyName) : field.ColumnName;

    /// <summary>Django's field validation: blank, lengths, ranges and patterns, then the model's own <c>Clean</c>.</summary>
    private static void EmitCleanFields(SourceWriter writer, ModelSpec spec, string type, string model)
    {
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"static void {model}.CleanFields({type} model, {Runtime}.ValidationErrors errors)");
        writer.OpenBlock();
        const string Validators = Runtime + ".FieldValidators";
        foreach (var field in spec.Fields.Skip(1))
        {
            var name = Literal(field.ColumnName);
            var value = "model." + field.PropertyName;
            var v = field.Validation;
            if (field.Kind is FieldKind.String or FieldKind.Text && !field.IsNullable && !v.Blank)
            {
                writer.WriteLine($"{Validators}.NotBlank(errors, {name}, {value});");
            }

            if (field.MaxLength is int max)
            {
                writer.WriteLine($"{Validators}.MaxLength(errors, {name}, {value}, {max.ToString(CultureInfo.InvariantCulture)});");
            }

            if (v.MinLength is int min)
            {
                writer.WriteLine($"{Validators}.MinLength(errors, {name}, {value}, {min.ToString(CultureInfo.InvariantCulture)});");
            }

            if (v.Minimum is double low && v.Maximum is double high)
            {
                writer.WriteLine($"{Validators}.Range(errors, {name}, (double?){value}, {low.ToString("R", CultureInfo.InvariantCulture)}, {high.ToString("R", CultureInfo.InvariantCulture)});");
            }

            if (v.Pattern is not null)
            {
                writer.WriteLine($"{Validators}.Matches(errors, {name}, {value}, __{field.PropertyName}Pattern);");
            }

            if (v.Choices is not null)
            {
                writer.WriteLine(field.IsNullable
                    ? $"if ({value} is {{ }} __{field.PropertyName}Value) {Validators}.Choice(errors, {name}, __{field.PropertyName}Value, __{field.PropertyName}Choices.Value);"
                    : $"{Validators}.Choice(errors, {name}, {value}, __{field.PropertyName}Choices.Value);");
            }
        }

        writer.WriteLine("model.Clean(errors);");
        writer.CloseBlock();
        foreach (var field in spec.Fields.Where(f => f.Validation.Pattern is not null))
        {
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine(
                $"private static readonly global::System.Text.RegularExpressions.Regex __{field.PropertyName}Pattern = new({Literal(field.Validation.Pattern!)}, " +
                "global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
        }

        foreach (var field in spec.Fields.Where(f => f.Validation.Choices is not null))
        {
            // lazily: the choices member is the user's static, initialized in its own order
            var (member, pairs) = field.Validation.Choices!.Value;
            var element = field.TypeName.TrimEnd('?');
            var values = pairs ? $"global::System.Linq.Enumerable.Select({type}.{member}, static c => c.Item1)" : $"{type}.{member}";
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine(
                $"private static readonly global::System.Lazy<global::System.Collections.Generic.HashSet<{element}>> __{field.PropertyName}Choices = " +
                $"new(static () => new global::System.Collections.Generic.HashSet<{element}>({values}));");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Model-wide validation after the field validators (Django's <c>Model.clean()</c>); implement it to add errors.</summary>");
        writer.WriteLine($"partial void Clean({Runtime}.ValidationErrors errors);");
        writer.WriteLine();
    }

    private static string BackingField(RelationSpec relation) => "__" + char.ToLowerInvariant(relation.PropertyName[0]) + relation.PropertyName.Substring(1);

    private static string RelationField(RelationSpec relation) => "__" + relation.PropertyName + "Relation";

    private static string ReverseField(ReverseRelationSpec reverse) => "__" + reverse.Name + "Relation";

    private static string ReverseRelationType(string owner, ReverseRelationSpec reverse) =>
        $"{Runtime}.ReverseRelation<{owner}, {reverse.ChildType}, {reverse.ChildType}.Columns>";

    /// <summary>
    /// The partial relation property: reading it unloaded throws (no hidden query), setting it keeps
    /// the key property in step; plus the key property unless declared, and the SelectRelated description.
    /// </summary>
    private static void EmitRelation(SourceWriter writer, string ownerName, string ownerType, FieldSpec field, RelationSpec relation)
    {
        var target = relation.TargetType;
        var backing = BackingField(relation);
        var nullable = field.IsNullable;
        var message = Literal($"{ownerName}.{relation.PropertyName} is not loaded: load it with SelectRelated(x => x.{relation.PropertyName}), or query it by {field.PropertyName}.");
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"private {target}? {backing};");
        if (nullable)
        {
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine($"private bool {backing}Loaded;");
        }

        writer.WriteLine();
        writer.WriteLine($"/// <summary>The related <c>{relation.TargetTable}</c> row (column <c>{field.ColumnName}</c>).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"{relation.Modifiers} partial {target}{(nullable ? "?" : string.Empty)} {relation.PropertyName}");
        writer.OpenBlock();
        writer.WriteLine(nullable
            ? $"get => {backing}Loaded || {field.PropertyName} is null ? {backing} : throw new {Runtime}.RelatedObjectNotLoadedException({message});"
            : $"get => {backing} ?? throw new {Runtime}.RelatedObjectNotLoadedException({message});");
        writer.WriteLine("set");
        writer.OpenBlock();
        writer.WriteLine($"{backing} = value;");
        if (nullable)
        {
            writer.WriteLine($"{backing}Loaded = true;");
            writer.WriteLine($"{field.PropertyName} = value?.{relation.TargetKeyProperty};");
        }
        else
        {
            writer.WriteLine($"{field.PropertyName} = value.{relation.TargetKeyProperty};");
        }

        writer.CloseBlock();
        writer.CloseBlock();
        if (!relation.IdDeclared)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The key of <see cref=\"{relation.PropertyName}\"/> (column <c>{field.ColumnName}</c>).</summary>");
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine($"public {field.TypeName} {field.PropertyName} {{ get; set; }}");
        }

        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"internal static readonly {Runtime}.ForwardRelation {RelationField(relation)} = {Runtime}.ForwardRelation.For<{target}>(");
        writer.WriteLine(nullable
            ? $"    static (owner, value) => {{ var model = ({ownerType})owner; model.{backing} = value; model.{backing}Loaded = true; }});"
            : $"    static (owner, value) => (({ownerType})owner).{backing} = value);");
    }

    private static string ManyToManyRelationType(string owner, string target) => $"{Runtime}.ManyToManyRelation<{owner}, {target}, {target}.Columns>";

    /// <summary>
    /// One side of a many-to-many relation: the relation (for prefetching), the lazily created set, and
    /// the accessor, partial when the user declared it.
    /// </summary>
    private static void EmitManyToMany(SourceWriter writer, string ownerType, string name, string targetType, string throughTable, string ownerColumn, string targetColumn, string modifiers)
    {
        var setType = $"{Runtime}.ManyToManySet<{ownerType}, {targetType}, {targetType}.Columns>";
        var field = "__" + char.ToLowerInvariant(name[0]) + name.Substring(1);
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"internal static readonly {ManyToManyRelationType(ownerType, targetType)} __{name}Relation = new(");
        writer.WriteLine($"    {Literal(name)}, {Literal(throughTable)}, {Literal(ownerColumn)}, {Literal(targetColumn)}, static owner => owner.__{name}Set());");
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"private {setType}? {field};");
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"private {setType} __{name}Set() => {field} ??= new(this, __{name}Relation);");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>The related <see cref=\"{targetType}\"/> rows (through <c>{throughTable}</c>).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"{modifiers} {Runtime}.ManyToMany<{targetType}> {name} {{ get => __{name}Set(); }}");
    }

    /// <summary>The automatic through table of a many-to-many relation, as Django creates it.</summary>
    private static void EmitThroughTable(SourceWriter writer, ManyToManySpec spec)
    {
        var table = Literal(spec.ThroughTable);
        var columns = $"new[] {{ {Literal(spec.OwnerColumn)}, {Literal(spec.TargetColumn)} }}";
        writer.WriteLine();
        writer.WriteLine($"/// <summary>The through table of <see cref=\"{spec.PropertyName}\"/>.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {Data}.TableSchema {spec.PropertyName}Through {{ get; }} = new {Data}.TableSchema(");
        writer.Indentation++;
        writer.WriteLine($"{table},");
        writer.WriteLine($"new {Data}.ColumnSchema[]");
        writer.OpenBlock();
        writer.WriteLine($"new {Data}.ColumnSchema(\"id\", {Data}.ColumnType.Int64, PrimaryKey: true),");
        writer.WriteLine($"new {Data}.ColumnSchema({Literal(spec.OwnerColumn)}, {Data}.ColumnType.Int64, ForeignKey: new {Data}.ForeignKeySchema({Literal(spec.OwnerTable)}, {Literal(spec.OwnerKeyColumn)}, {Runtime}.OnDelete.Cascade)),");
        writer.WriteLine($"new {Data}.ColumnSchema({Literal(spec.TargetColumn)}, {Data}.ColumnType.Int64, ForeignKey: new {Data}.ForeignKeySchema({Literal(spec.TargetTable)}, {Literal(spec.TargetKeyColumn)}, {Runtime}.OnDelete.Cascade)),");
        writer.CloseBlock(",");
        writer.WriteLine($"new {Data}.ConstraintSchema[] {{ new {Data}.UniqueConstraintSchema({Data}.SchemaNames.IndexName({table}, {columns}, \"_uniq\"), {columns}) }});");
        writer.Indentation--;
    }

    /// <summary>The reverse accessor a relation gives its target (<c>question.Choices</c>).</summary>
    private static void EmitReverseRelation(SourceWriter writer, string ownerType, ReverseRelationSpec reverse)
    {
        var child = reverse.ChildType;
        var relationType = ReverseRelationType(ownerType, reverse);
        var setType = $"{Runtime}.RelatedSet<{ownerType}, {child}, {child}.Columns>";
        var keys = reverse.ChildKeyType == "long" ? "keys" : $"global::System.Linq.Enumerable.Select(keys, static k => ({reverse.ChildKeyType})k)";
        var field = "__" + char.ToLowerInvariant(reverse.Name[0]) + reverse.Name.Substring(1);
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"internal static readonly {relationType} {ReverseField(reverse)} = new(");
        writer.WriteLine($"    {Literal(reverse.Name)},");
        writer.WriteLine($"    static (c, keys) => c.{reverse.ChildKeyProperty}.In({keys}),");
        writer.WriteLine($"    static c => c.{reverse.ChildKeyProperty},");
        writer.WriteLine($"    static owner => owner.{reverse.Name});");
        writer.WriteLine();
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"private {setType}? {field};");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>The <see cref=\"{child}\"/> rows that reference this one.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public {setType} {reverse.Name} => {field} ??= new(this, {ReverseField(reverse)});");
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

using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Admin;

/// <summary>Emits an admin's or inline's partial: its base class and its definition as typed code.</summary>
internal static class AdminEmitter
{
    private const string Admin = "global::Reinhardt.Admin";

    public static string HintName(AdminSpec spec) => spec.Hierarchy.HintName + ".Admin.g.cs";

    public static string HintName(InlineSpec spec) => spec.Hierarchy.HintName + ".Inline.g.cs";

    // the class's base type, the empty AdminForm that the form generator fills, and the opening of Define()'s initializer
    private static SourceWriter OpenDefinition(HierarchyInfo hierarchy, string model, string baseType, string definitionType, string formSummary)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCode.FileHeader);
        var columns = model + ".Columns";
        hierarchy.WriteOpen(writer, $" : {Admin}.{baseType}<{model}, {columns}, {hierarchy.FullyQualifiedName}.AdminForm>");
        writer.WriteLine($"/// <summary>{formSummary}</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public sealed partial class AdminForm");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"protected override {Admin}.{definitionType}<{model}, {columns}> Define() => new()");
        writer.OpenBlock();
        return writer;
    }

    public static string Emit(AdminSpec spec)
    {
        var model = spec.ModelType;
        var columns = model + ".Columns";
        var form = spec.Hierarchy.FullyQualifiedName + ".AdminForm";
        var writer = OpenDefinition(spec.Hierarchy, model, "ModelAdmin", "AdminModelDefinition", "The model form of the admin's editable fields.");
        writer.WriteLine($"AppLabel = {Literal(spec.AppLabel)},");
        writer.WriteLine($"ModelName = {Literal(spec.ModelName)},");
        writer.WriteLine($"VerboseName = {Literal(spec.VerboseName)},");
        writer.WriteLine($"VerboseNamePlural = {Literal(spec.VerboseNamePlural)},");
        WriteColumns(writer, "ListDisplay", spec.ListDisplay, model, columns);
        if (spec.Filters.Count > 0)
        {
            writer.WriteLine($"Filters = new {Admin}.AdminFilter<{columns}>[]");
            writer.OpenBlock();
            foreach (var filter in spec.Filters)
            {
                var head = $"{Literal(filter.Name)}, {Literal(filter.Title)}, static c => c.{filter.Column}";
                writer.WriteLine(filter.Kind switch
                {
                    AdminFilterKind.Boolean => $"{Admin}.AdminFilters.Boolean<{columns}>({head}),",
                    AdminFilterKind.Date => $"{Admin}.AdminFilters.Date<{columns}>({head}),",
                    AdminFilterKind.Related => $"{Admin}.AdminFilters.Related<{columns}, {filter.ValueType}, {filter.ValueType}.Columns>({head}),",
                    _ => $"{Admin}.AdminFilters.Choices<{columns}, {filter.ValueType}>({head}, new ({filter.ValueType}, string)[] {{ "
                        + string.Join(", ", filter.Members.Select(m => $"({filter.ValueType}.{m}, {Literal(AdminParser.Label(m))})")) + " }),",
                });
            }

            writer.CloseBlock(",");
        }

        if (spec.SearchColumns.Count > 0)
        {
            writer.WriteLine("Search = static (c, word) => " + string.Join(" | ", spec.SearchColumns.Select(s => $"global::Reinhardt.Data.StringLookups.IContains(c.{s}, word)")) + ",");
        }

        if (spec.Ordering.Count > 0)
        {
            writer.WriteLine($"Ordering = new global::System.Func<{columns}, global::Reinhardt.Data.OrderTerm>[] {{ "
                + string.Join(", ", spec.Ordering.Select(o => $"static c => c.{o.Column}.{(o.Descending ? "Descending" : "Ascending")}()")) + " },");
        }

        writer.WriteLine($"ListPerPage = {spec.ListPerPage.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        if (spec.Fieldsets.Count > 0)
        {
            writer.WriteLine($"Fieldsets = new {Admin}.AdminFieldset[]");
            writer.OpenBlock();
            foreach (var fieldset in spec.Fieldsets)
            {
                writer.WriteLine($"new({Nullable(fieldset.Name)}, new string[] {{ {string.Join(", ", fieldset.Fields.Select(Literal))} }}, {Nullable(fieldset.Classes)}, {Nullable(fieldset.Description)}),");
            }

            writer.CloseBlock(",");
        }

        WriteColumns(writer, "ReadonlyFields", spec.ReadonlyFields, model, columns);
        if (spec.Inlines.Count > 0)
        {
            writer.WriteLine($"Inlines = new {Admin}.IInlineAdmin<{model}>[] {{ {string.Join(", ", spec.Inlines.Select(i => $"new {i}().For<{model}>()"))} }},");
        }

        if (spec.Actions.Count > 0)
        {
            writer.WriteLine($"Actions = new {Admin}.AdminAction<{model}, {columns}>[]");
            writer.OpenBlock();
            foreach (var action in spec.Actions)
            {
                var call = action.TakesToken ? $"{action.Method}(rows, cancellationToken)" : $"{action.Method}(rows)";
                writer.WriteLine($"new({Literal(action.Name)}, {Literal(action.Description)}, {Literal(action.Permission)}, (rows, cancellationToken) => {call}),");
            }

            writer.CloseBlock(",");
        }

        if (spec.DateHierarchyName is not null)
        {
            writer.WriteLine($"DateHierarchy = new {Admin}.AdminDateHierarchy<{columns}>({Literal(spec.DateHierarchyName)}, static c => c.{spec.DateHierarchyColumn}),");
        }

        writer.CloseBlock(";");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"protected override global::System.Threading.Tasks.Task<{model}?> SaveFormAsync({form} form, global::Reinhardt.Data.Database database, global::System.Threading.CancellationToken cancellationToken) =>");
        writer.WriteLine("    form.SaveAsync(database, cancellationToken);");
        if (spec.Relations.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine($"protected override async global::System.Threading.Tasks.Task ValidateRelationsAsync({form} form, global::Reinhardt.Data.Database database, global::System.Threading.CancellationToken cancellationToken)");
            writer.OpenBlock();
            foreach (var relation in spec.Relations)
            {
                var key = relation.Nullable ? $"form.{relation.KeyProperty} is long {relation.Field}Key && " : string.Empty;
                var value = relation.Nullable ? relation.Field + "Key" : "form." + relation.KeyProperty;
                writer.WriteLine($"if ({key}!await {Admin}.AdminRelations.ExistsAsync<{relation.RelatedType}, {relation.RelatedType}.Columns>(database, {value}, cancellationToken).ConfigureAwait(false))");
                writer.OpenBlock();
                writer.WriteLine($"form.AddError({Literal(relation.Field)}, {Admin}.AdminRelations.InvalidChoice);");
                writer.CloseBlock();
            }

            writer.CloseBlock();
        }

        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }

    public static string Emit(InlineSpec spec)
    {
        var writer = OpenDefinition(spec.Hierarchy, spec.ModelType, "InlineAdmin", "InlineDefinition", "The model form of one inline row.");
        writer.WriteLine($"VerboseName = {Literal(spec.VerboseName)},");
        writer.WriteLine($"VerboseNamePlural = {Literal(spec.VerboseNamePlural)},");
        writer.WriteLine($"ForeignKey = {Literal(spec.ForeignKey)},");
        writer.WriteLine($"OfParent = static (c, key) => c.{spec.ForeignKeyColumn} == key,");
        writer.WriteLine($"Tabular = {(spec.Tabular ? "true" : "false")},");
        writer.WriteLine($"Extra = {spec.Extra.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        writer.WriteLine($"MaxNum = {spec.MaxNum.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        writer.WriteLine($"MinNum = {spec.MinNum.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        writer.WriteLine($"CanDelete = {(spec.CanDelete ? "true" : "false")},");
        writer.CloseBlock(";");
        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }

    private static void WriteColumns(SourceWriter writer, string property, EquatableArray<AdminColumnSpec> list, string model, string columns)
    {
        if (list.Count == 0)
        {
            return;
        }

        writer.WriteLine($"{property} = new {Admin}.AdminColumn<{model}, {columns}>[]");
        writer.OpenBlock();
        foreach (var column in list)
        {
            var order = column.OrderColumn is null ? "null" : $"static c => c.{column.OrderColumn}";
            var related = column.RelatedType is null ? string.Empty : $", {Admin}.AdminRelations.TextsAsync<{column.RelatedType}, {column.RelatedType}.Columns>";
            writer.WriteLine($"new({Literal(column.Name)}, {Literal(column.Label)}, static m => {column.Access}, {order}{related}),");
        }

        writer.CloseBlock(",");
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Nullable(string? value) => value is null ? "null" : Literal(value);
}

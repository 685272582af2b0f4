using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Forms;

/// <summary>Emits a form's partial: its field descriptions, binders, typed bound fields, cleaning and hooks.</summary>
internal static class FormEmitter
{
    private const string Forms = "global::Reinhardt.Forms";
    private const string Linq = "global::System.Linq.Enumerable";

    public static string HintName(FormSpec spec) => spec.Hierarchy.HintName + ".Form.g.cs";

    public static string Emit(FormSpec spec)
    {
        var writer = new SourceWriter();
        var self = spec.Hierarchy.FullyQualifiedName;
        writer.WriteLine(GeneratedCode.FileHeader);
        var factory = spec.Model is { } m ? $"{Forms}.IModelForm<{self}, {m.ModelType}>" : $"{Forms}.IFormFactory<{self}>";
        spec.Hierarchy.WriteOpen(writer, " : " + (spec.AddBase ? Forms + ".Form, " : string.Empty) + factory);

        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"private static readonly {Forms}.FormField[] __formFields =");
        writer.OpenBlock();
        foreach (var field in spec.Fields)
        {
            EmitField(writer, field);
        }

        writer.CloseBlock(";");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine($"public override global::System.Collections.Generic.IReadOnlyList<{Forms}.FormField> Fields => __formFields;");
        if (spec.Renderer != "Default")
        {
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"protected override {Forms}.FormRenderer DeclaredRenderer => {Forms}.FormRenderer.{spec.Renderer};");
        }

        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            writer.WriteLine();
            if (spec.Model is not null)
            {
                writer.WriteLine($"/// <summary>The <c>{field.Property}</c> field's value.</summary>");
                writer.WriteLine($"public {PropertyType(field)} {field.Property} {{ get; set; }}{PropertyInitializer(field)}");
                writer.WriteLine();
            }

            writer.WriteLine($"/// <summary>The <c>{field.Name}</c> field of this form instance (<c>{{{{ form.{field.Name} }}}}</c>).</summary>");
            writer.WriteLine($"public {Forms}.BoundField {field.Property}Field => FieldAt({i});");
        }

        EmitBinders(writer, self);
        EmitInitialValues(writer, spec);
        EmitClean(writer, spec);
        if (spec.Model is { } model)
        {
            EmitModelForm(writer, spec, model, self);
        }

        spec.Hierarchy.WriteClose(writer);
        return writer.ToString();
    }

    private static string PropertyType(FormFieldSpec field) =>
        field.ValueType + (field.Nullable ? "?" : string.Empty) + (field.Multiple ? "[]" : string.Empty);

    private static string PropertyInitializer(FormFieldSpec field)
    {
        if (field.Multiple)
        {
            return $" = global::System.Array.Empty<{field.ValueType}>();";
        }

        return field.Nullable ? string.Empty : field.Kind switch
        {
            FormFieldKind.Text => " = \"\";",
            FormFieldKind.File => " = null!;",
            _ => string.Empty,
        };
    }

    private static void EmitField(SourceWriter writer, FormFieldSpec field)
    {
        writer.WriteLine($"new {Forms}.FormField({Literal(field.Name)}, {Literal(field.Property)}, {Forms}.FormWidget.{field.Widget})");
        writer.OpenBlock();
        writer.WriteLine($"Label = {Literal(field.Label)},");
        if (field.HelpText.Length > 0)
        {
            writer.WriteLine($"HelpText = {Literal(field.HelpText)},");
        }

        writer.WriteLine($"Required = {Bool(field.Required)},");
        if (field.Disabled)
        {
            writer.WriteLine("Disabled = true,");
        }

        if (field.MaxLength is { } maxLength)
        {
            writer.WriteLine($"MaxLength = {maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        }

        if (field.MinLength is { } minLength)
        {
            writer.WriteLine($"MinLength = {minLength.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        }

        if (field.Min is { } min)
        {
            writer.WriteLine($"Min = {min}D,");
        }

        if (field.Max is { } max)
        {
            writer.WriteLine($"Max = {max}D,");
        }

        if (field.Step is { } step)
        {
            writer.WriteLine($"Step = {step}D,");
        }

        if (field.StepOffset is { } offset)
        {
            writer.WriteLine($"StepOffset = {offset}D,");
        }

        if (field.Kind == FormFieldKind.Integer)
        {
            writer.WriteLine("IsInteger = true,");
        }

        if (field.Kind == FormFieldKind.Number)
        {
            writer.WriteLine("IsFloat = true,");
        }

        if (field.Pattern is { } pattern)
        {
            writer.WriteLine($"Pattern = {Literal(pattern)},");
        }

        if (field.Email)
        {
            writer.WriteLine("IsEmail = true,");
        }

        if (field.Url)
        {
            writer.WriteLine("IsUrl = true,");
        }

        switch (field.Choices)
        {
            case ChoicesShape.Values:
                writer.WriteLine($"Choices = static () => {Forms}.FormValues.Choices({Linq}.Select({field.ChoicesAccess}, static v => {Forms}.FormValues.Text(v) ?? \"\")),");
                break;
            case ChoicesShape.Pairs:
                writer.WriteLine($"Choices = static () => {Forms}.FormValues.Choices({Linq}.Select({field.ChoicesAccess}, static v => ({Forms}.FormValues.Text(v.Item1) ?? \"\", v.Item2))),");
                break;
            case ChoicesShape.Enum:
                writer.WriteLine($"Choices = static () => new {Forms}.FormChoice[] {{ {string.Join(", ", field.EnumMembers.Select(m => $"new({Literal(m)}, {Literal(m)})"))} }},");
                break;
        }

        writer.CloseBlock(",");
    }

    private static void EmitBinders(SourceWriter writer, string self)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>A new unbound form (formsets build their forms with it).</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {self} Create() => new {self}();");
        writer.WriteLine();
        writer.WriteLine("/// <summary>A form bound to <paramref name=\"data\"/> (Django's <c>Form(request.POST)</c>); validation runs on <c>IsValid</c>.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {self} Bind(global::Microsoft.AspNetCore.Http.IFormCollection data)");
        writer.OpenBlock();
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(data);");
        writer.WriteLine($"var form = new {self}();");
        writer.WriteLine("form.SetData(data);");
        writer.WriteLine("return form;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The form of a request: bound to its form data (within the request limits) for a POST, PUT, PATCH or DELETE,");
        writer.WriteLine("/// unbound for a GET; rendered in the request (with its CSRF token).");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static async global::System.Threading.Tasks.ValueTask<{self}> BindAsync(global::Microsoft.AspNetCore.Http.HttpContext context)");
        writer.OpenBlock();
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(context);");
        writer.WriteLine($"var form = new {self}();");
        writer.WriteLine("form.HttpContext = context;");
        writer.WriteLine($"if ({Forms}.Form.HasSubmission(context))");
        writer.OpenBlock();
        writer.WriteLine("form.SetData(await global::Reinhardt.Http.RequestForms.ReadFormAsync(context, context.RequestAborted).ConfigureAwait(false));");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("return form;");
        writer.CloseBlock();
    }

    private static void EmitInitialValues(SourceWriter writer, FormSpec spec)
    {
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine($"protected override global::System.Collections.Generic.IReadOnlyList<string> InitialValues(int index) => index switch");
        writer.OpenBlock();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var value = field.Kind == FormFieldKind.File
                ? $"{Forms}.FormValues.None"
                : field.Multiple
                    ? $"{Linq}.ToArray({Linq}.Select({field.Property} ?? global::System.Array.Empty<{field.ValueType}>(), static v => {Forms}.FormValues.Text(v) ?? \"\"))"
                    : $"{Forms}.FormValues.List({Forms}.FormValues.Text({field.Property}))";
            writer.WriteLine($"{i} => {value},");
        }

        writer.WriteLine($"_ => {Forms}.FormValues.None,");
        writer.CloseBlock(";");
    }

    private static void EmitClean(SourceWriter writer, FormSpec spec)
    {
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("protected override void CleanFields()");
        writer.OpenBlock();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            if (field.Disabled)
            {
                // Django ignores submitted data for a disabled field: the initial value stands
                continue;
            }

            var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (call, assign) = CleanCall(field, index);
            writer.WriteLine($"if ({call})");
            writer.OpenBlock();
            writer.WriteLine($"{field.Property} = {assign};");
            var checks = string.Concat(field.Validators.Select(v => $"Check({index}, {v}({field.Property})) & "));
            writer.WriteLine(checks.Length == 0 ? $"Clean{field.Property}();" : $"if ({checks.Substring(0, checks.Length - 3)}) Clean{field.Property}();");
            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLine("// the rest of the form is validated by CleanForm");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("protected override void CleanForm() => Clean();");
        foreach (var field in spec.Fields.Where(f => !f.Disabled))
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>Validates <c>{field.Property}</c> after its rules pass (Django's <c>clean_{field.Name}()</c>); call <c>AddError</c> to reject it.</summary>");
            writer.WriteLine($"partial void Clean{field.Property}();");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Validates the whole form after its fields (Django's <c>clean()</c>); call <c>AddError(null, ...)</c> for form errors.</summary>");
        writer.WriteLine("partial void Clean();");
    }

    private static (string Call, string Assign) CleanCall(FormFieldSpec field, string index)
    {
        if (field.Multiple)
        {
            var parser = field.Kind switch
            {
                FormFieldKind.Text => $"{Forms}.FormValues.TryParseText",
                FormFieldKind.Enum => $"{Forms}.FormValues.TryParseEnum<{field.ValueType}>",
                _ => $"{Forms}.FormValues.TryParse<{field.ValueType}>",
            };
            return ($"CleanMultiple<{field.ValueType}>({index}, out var value{index}, {parser})", "value" + index);
        }

        var present = field.Nullable ? $"present{index} ? value{index} : null" : "value" + index;
        return field.Kind switch
        {
            FormFieldKind.Text => ($"CleanText({index}, out var value{index})", field.Nullable ? "value" + index : $"value{index} ?? \"\""),
            FormFieldKind.Integer => ($"CleanInteger<{field.ValueType}>({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.Number => ($"CleanNumber<{field.ValueType}>({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.Boolean => ($"CleanBoolean({index}, out var value{index})", "value" + index),
            FormFieldKind.Date => ($"CleanDate({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.DateTime => ($"CleanDateTime({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.DateTimeOffset => ($"CleanDateTimeOffset({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.Time => ($"CleanTime({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.Guid => ($"CleanGuid({index}, out var value{index}, out var present{index})", present),
            FormFieldKind.Enum => ($"CleanParsed<{field.ValueType}>({index}, out var value{index}, out var present{index}, {Forms}.FormValues.TryParseEnum<{field.ValueType}>, {Forms}.FormMessages.InvalidValue)", present),
            _ => ($"CleanFile({index}, out var value{index})", field.Nullable ? "value" + index : $"value{index}!"),
        };
    }

    private static void EmitModelForm(SourceWriter writer, FormSpec spec, ModelFormSpec model, string self)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>The model instance the form edits; <see langword=\"null\"/> to create one (Django's <c>instance</c>).</summary>");
        writer.WriteLine($"public {model.ModelType}? Instance {{ get; set; }}");
        writer.WriteLine();
        writer.WriteLine("/// <summary>A form editing <paramref name=\"instance\"/>: its values are the fields' initial values.</summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static {self} ForInstance({model.ModelType} instance)");
        writer.OpenBlock();
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(instance);");
        writer.WriteLine($"var form = new {self}();");
        writer.WriteLine("form.Instance = instance;");
        foreach (var field in spec.Fields)
        {
            writer.WriteLine($"form.{field.Property} = instance.{field.Property};");
        }

        writer.WriteLine("return form;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Validates the form, copies its values into <see cref=\"Instance\"/> (a new model when there is none), validates the model");
        writer.WriteLine("/// (Django's <c>full_clean()</c>: uniqueness and check constraints become form errors) and saves it. Returns the saved model,");
        writer.WriteLine("/// or <see langword=\"null\"/> when the form or the model is invalid.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public async global::System.Threading.Tasks.Task<{model.ModelType}?> SaveAsync(global::Reinhardt.Data.Database database, global::System.Threading.CancellationToken cancellationToken = default)");
        writer.OpenBlock();
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(database);");
        writer.WriteLine("if (!IsValid)");
        writer.OpenBlock();
        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("var model = ConstructInstance();");
        writer.WriteLine("var errors = await global::Reinhardt.ModelValidation.ValidateAsync(database, model, cancellationToken).ConfigureAwait(false);");
        writer.WriteLine("if (!errors.IsEmpty)");
        writer.OpenBlock();
        writer.WriteLine("AddModelErrors(errors);");
        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("await global::Reinhardt.DatabaseModelOperations.SaveAsync(database, model, cancellationToken).ConfigureAwait(false);");
        writer.WriteLine("Instance = model;");
        writer.WriteLine("return model;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public {model.ModelType} ConstructInstance()");
        writer.OpenBlock();
        writer.WriteLine($"var model = Instance ?? new {model.ModelType}();");
        foreach (var field in spec.Fields.Where(f => !f.Disabled))
        {
            writer.WriteLine($"model.{field.Property} = {field.Property};");
        }

        writer.WriteLine("return model;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine($"public static bool SetForeignKey({model.ModelType} model, string field, long key)");
        writer.OpenBlock();
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(model);");
        writer.WriteLine("switch (field)");
        writer.OpenBlock();
        foreach (var key in model.ForeignKeys)
        {
            writer.WriteLine($"case {Literal(key.Field)}:");
            writer.Indentation++;
            writer.WriteLine($"model.{key.KeyProperty} = checked(({key.KeyType})key);");
            writer.WriteLine("return true;");
            writer.Indentation--;
        }

        writer.WriteLine("default:");
        writer.Indentation++;
        writer.WriteLine("return false;");
        writer.Indentation--;
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Bool(bool value) => value ? "true" : "false";
}

using System.Buffers;
using System.Globalization;
using System.Text;
using Reinhardt.Http;
using Reinhardt.Templates;

namespace Reinhardt.Forms;

/// <summary>
/// Writes forms and widgets as Django 5's form templates render them (<c>div.html</c>, <c>p.html</c>, <c>table.html</c>,
/// <c>ul.html</c>, <c>field.html</c>, <c>label.html</c> and <c>widgets/*.html</c>), without a template engine.
/// </summary>
internal static class FormLayout
{
    public static string ToHtml(IHtmlWritable value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TemplateWriter(buffer);
        value.WriteHtml(ref writer);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Form form, ref TemplateWriter writer, FormRenderer renderer, bool csrf)
    {
        if (csrf)
        {
            WriteCsrf(form.HttpContext, ref writer);
        }

        var fields = form.ToList();
        var visible = fields.Where(f => !f.IsHidden).ToList();
        var hidden = fields.Where(f => f.IsHidden).ToList();
        var top = new ErrorList(null, "errorlist nonfield");
        foreach (var message in form.NonFieldErrors)
        {
            top.Add(message);
        }

        foreach (var field in hidden)
        {
            foreach (var message in field.Errors)
            {
                top.Add($"(Hidden field {field.Name}) {message}");
            }
        }

        var hasErrors = top.Count > 0;
        switch (renderer)
        {
            case FormRenderer.P:
                top.WriteHtml(ref writer);
                if (hasErrors && visible.Count == 0)
                {
                    writer.WriteLiteral("<p>"u8);
                    WriteAll(hidden, ref writer);
                    writer.WriteLiteral("</p>"u8);
                }

                for (var i = 0; i < visible.Count; i++)
                {
                    var field = visible[i];
                    field.Errors.WriteHtml(ref writer);
                    writer.WriteLiteral("<p"u8);
                    WriteClass(field, ref writer);
                    writer.WriteLiteral(">"u8);
                    WriteLabelIfAny(field, ref writer, legend: false);
                    WriteWidget(field, ref writer);
                    WriteSpanHelp(field, ref writer);
                    if (i == visible.Count - 1)
                    {
                        WriteAll(hidden, ref writer);
                    }

                    writer.WriteLiteral("</p>"u8);
                }

                break;
            case FormRenderer.Table:
                if (hasErrors)
                {
                    writer.WriteLiteral("<tr><td colspan=\"2\">"u8);
                    top.WriteHtml(ref writer);
                    if (visible.Count == 0)
                    {
                        WriteAll(hidden, ref writer);
                    }

                    writer.WriteLiteral("</td></tr>"u8);
                }

                for (var i = 0; i < visible.Count; i++)
                {
                    var field = visible[i];
                    writer.WriteLiteral("<tr"u8);
                    WriteClass(field, ref writer);
                    writer.WriteLiteral("><th>"u8);
                    WriteLabelIfAny(field, ref writer, legend: false);
                    writer.WriteLiteral("</th><td>"u8);
                    field.Errors.WriteHtml(ref writer);
                    WriteWidget(field, ref writer);
                    if (field.HelpText.Length > 0)
                    {
                        writer.WriteLiteral("<br>"u8);
                        WriteSpanHelp(field, ref writer);
                    }

                    if (i == visible.Count - 1)
                    {
                        WriteAll(hidden, ref writer);
                    }

                    writer.WriteLiteral("</td></tr>"u8);
                }

                break;
            case FormRenderer.Ul:
                if (hasErrors)
                {
                    writer.WriteLiteral("<li>"u8);
                    top.WriteHtml(ref writer);
                    if (visible.Count == 0)
                    {
                        WriteAll(hidden, ref writer);
                    }

                    writer.WriteLiteral("</li>"u8);
                }

                for (var i = 0; i < visible.Count; i++)
                {
                    var field = visible[i];
                    writer.WriteLiteral("<li"u8);
                    WriteClass(field, ref writer);
                    writer.WriteLiteral(">"u8);
                    field.Errors.WriteHtml(ref writer);
                    WriteLabelIfAny(field, ref writer, legend: false);
                    WriteWidget(field, ref writer);
                    WriteSpanHelp(field, ref writer);
                    if (i == visible.Count - 1)
                    {
                        WriteAll(hidden, ref writer);
                    }

                    writer.WriteLiteral("</li>"u8);
                }

                break;
            default:
                top.WriteHtml(ref writer);
                if (hasErrors && visible.Count == 0)
                {
                    writer.WriteLiteral("<div>"u8);
                    WriteAll(hidden, ref writer);
                    writer.WriteLiteral("</div>"u8);
                }

                for (var i = 0; i < visible.Count; i++)
                {
                    var field = visible[i];
                    writer.WriteLiteral("<div"u8);
                    WriteClass(field, ref writer);
                    writer.WriteLiteral(">"u8);
                    WriteFieldGroup(field, ref writer);
                    if (i == visible.Count - 1)
                    {
                        WriteAll(hidden, ref writer);
                    }

                    writer.WriteLiteral("</div>"u8);
                }

                break;
        }

        if (visible.Count == 0 && !hasErrors)
        {
            WriteAll(hidden, ref writer);
        }
    }

    public static void WriteCsrf(HttpContext? context, ref TemplateWriter writer)
    {
        if (context is null || Form.OptionsOf(context) is { RenderCsrfToken: false })
        {
            return;
        }

        string token;
        try
        {
            token = CsrfToken.GetToken(context);
        }
        catch (InvalidOperationException)
        {
            // CSRF protection is not installed for this request: there is no token to render
            return;
        }

        writer.WriteLiteral("<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\""u8);
        writer.Write(token);
        writer.WriteLiteral("\">"u8);
    }

    private static void WriteAll(List<BoundField> fields, ref TemplateWriter writer)
    {
        foreach (var field in fields)
        {
            WriteWidget(field, ref writer);
        }
    }

    private static void WriteClass(BoundField field, ref TemplateWriter writer)
    {
        var classes = field.CssClasses();
        if (classes.Length > 0)
        {
            Attribute(ref writer, "class", classes);
        }
    }

    private static void WriteLabelIfAny(BoundField field, ref TemplateWriter writer, bool legend)
    {
        if (field.Label.Length > 0)
        {
            WriteLabel(field, ref writer, legend);
        }
    }

    // p, table and ul layouts: <span class="helptext" id="id_x_helptext">
    private static void WriteSpanHelp(BoundField field, ref TemplateWriter writer)
    {
        if (field.HelpText.Length == 0)
        {
            return;
        }

        writer.WriteLiteral("<span class=\"helptext\""u8);
        if (field.AutoIdValue is { } id)
        {
            Attribute(ref writer, "id", id + "_helptext");
        }

        writer.WriteLiteral(">"u8);
        writer.WriteRaw(field.HelpText);
        writer.WriteLiteral("</span>"u8);
    }

    /// <summary>Django 5's <c>field.html</c>.</summary>
    public static void WriteFieldGroup(BoundField field, ref TemplateWriter writer)
    {
        if (field.UseFieldset)
        {
            writer.WriteLiteral("<fieldset"u8);
            if (field.AriaDescribedBy is { Length: > 0 } described)
            {
                Attribute(ref writer, "aria-describedby", described);
            }

            writer.WriteLiteral(">"u8);
            WriteLabelIfAny(field, ref writer, legend: true);
        }
        else
        {
            WriteLabelIfAny(field, ref writer, legend: false);
        }

        if (field.HelpText.Length > 0)
        {
            writer.WriteLiteral("<div class=\"helptext\""u8);
            if (field.AutoIdValue is { } id)
            {
                Attribute(ref writer, "id", id + "_helptext");
            }

            writer.WriteLiteral(">"u8);
            writer.WriteRaw(field.HelpText);
            writer.WriteLiteral("</div>"u8);
        }

        field.Errors.WriteHtml(ref writer);
        WriteWidget(field, ref writer);
        if (field.UseFieldset)
        {
            writer.WriteLiteral("</fieldset>"u8);
        }
    }

    /// <summary>Django's <c>label_tag()</c>/<c>legend_tag()</c>: the suffix unless the label ends in punctuation; a tag only with ids.</summary>
    public static void WriteLabel(BoundField field, ref TemplateWriter writer, bool legend)
    {
        var contents = field.Label;
        var suffix = field.Form.LabelSuffix;
        if (suffix.Length > 0 && contents.Length > 0 && ":?.!".IndexOf(contents[^1], StringComparison.Ordinal) < 0)
        {
            contents += suffix;
        }

        if (field.AutoIdValue is null)
        {
            writer.Write(contents);
            return;
        }

        writer.WriteLiteral(legend ? "<legend"u8 : "<label"u8);
        if (field.IdForLabel.Length > 0)
        {
            Attribute(ref writer, "for", field.IdForLabel);
        }

        if (field.Form.RequiredCssClass is { Length: > 0 } required && field.Field.Required)
        {
            Attribute(ref writer, "class", required);
        }

        writer.WriteLiteral(">"u8);
        writer.Write(contents);
        writer.WriteLiteral(legend ? "</legend>"u8 : "</label>"u8);
    }

    /// <summary>Django's <c>as_widget()</c>: the widget's own attributes, then <c>build_widget_attrs</c>'s, then the id.</summary>
    public static void WriteWidget(BoundField bound, ref TemplateWriter writer)
    {
        var field = bound.Field;
        var attrs = new List<KeyValuePair<string, string?>>();
        var widget = field.Widget;
        if (widget == FormWidget.Textarea)
        {
            attrs.Add(new("cols", "40"));
            attrs.Add(new("rows", "10"));
        }

        // field.widget_attrs(): CharField's lengths (not on hidden inputs), numbers' min/max/step, and our pattern
        if (widget is FormWidget.Text or FormWidget.Textarea or FormWidget.Email or FormWidget.Url or FormWidget.Password)
        {
            if (field.MaxLength is { } max)
            {
                attrs.Add(new("maxlength", max.ToString(CultureInfo.InvariantCulture)));
            }

            if (field.MinLength is { } min)
            {
                attrs.Add(new("minlength", min.ToString(CultureInfo.InvariantCulture)));
            }

            if (field.Pattern is { } pattern && widget != FormWidget.Textarea)
            {
                attrs.Add(new("pattern", pattern));
            }
        }
        else if (widget == FormWidget.Number)
        {
            if (field.Min is { } min)
            {
                attrs.Add(new("min", FormMessages.Number(min, field.IsInteger)));
            }

            if (field.Max is { } max)
            {
                attrs.Add(new("max", FormMessages.Number(max, field.IsInteger)));
            }

            if (field.Step is { } step)
            {
                attrs.Add(new("step", FormMessages.Number(step, field.IsInteger)));
            }
            else if (field.IsFloat)
            {
                attrs.Add(new("step", "any"));
            }
        }

        var choices = field.Choices is null ? [] : bound.Form.ChoicesOf(bound.Index);
        if (UsesRequiredAttribute(field, choices) && field.Required && bound.Form.UseRequiredAttribute)
        {
            attrs.Add(new("required", null));
        }

        if (field.Disabled)
        {
            attrs.Add(new("disabled", null));
        }

        var hasErrors = bound.Errors.Count > 0;
        if (!field.IsHidden && hasErrors)
        {
            attrs.Add(new("aria-invalid", "true"));
        }

        if (!field.UseFieldset && bound.AriaDescribedBy is { Length: > 0 } described)
        {
            attrs.Add(new("aria-describedby", described));
        }

        var id = bound.AutoIdValue;
        if (id is not null)
        {
            attrs.Add(new("id", id));
        }

        var name = bound.HtmlName;
        var values = bound.Values;
        switch (widget)
        {
            case FormWidget.Textarea:
                writer.WriteLiteral("<textarea"u8);
                Attribute(ref writer, "name", name);
                WriteAttributes(ref writer, attrs);
                writer.WriteLiteral(">\n"u8);
                if (values.Count > 0)
                {
                    writer.Write(values[^1]);
                }

                writer.WriteLiteral("</textarea>"u8);
                break;
            case FormWidget.Checkbox:
                if (values.Count > 0 && FormValidation.IsChecked(new Microsoft.Extensions.Primitives.StringValues(values[^1])))
                {
                    attrs.Add(new("checked", null));
                }

                WriteInput(ref writer, "checkbox", name, null, attrs);
                break;
            case FormWidget.Select:
            case FormWidget.SelectMultiple:
                writer.WriteLiteral("<select"u8);
                Attribute(ref writer, "name", name);
                if (widget == FormWidget.SelectMultiple)
                {
                    attrs.Add(new("multiple", null));
                }

                WriteAttributes(ref writer, attrs);
                writer.WriteLiteral(">"u8);
                var selectedOne = false;
                foreach (var choice in choices)
                {
                    // a single select marks only its first matching option, as Django's optgroups() does
                    var selected = values.Contains(choice.Value) && (widget == FormWidget.SelectMultiple || !selectedOne);
                    selectedOne |= selected;
                    writer.WriteLiteral("\n  <option"u8);
                    Attribute(ref writer, "value", choice.Value);
                    if (selected)
                    {
                        writer.WriteLiteral(" selected"u8);
                    }

                    writer.WriteLiteral(">"u8);
                    writer.Write(choice.Label);
                    writer.WriteLiteral("</option>"u8);
                }

                writer.WriteLiteral("\n</select>"u8);
                break;
            case FormWidget.Radio:
            case FormWidget.CheckboxMultiple:
                writer.WriteLiteral("<div"u8);
                if (id is not null)
                {
                    Attribute(ref writer, "id", id);
                }

                writer.WriteLiteral(">"u8);
                var type = widget == FormWidget.Radio ? "radio" : "checkbox";
                var checkedOne = false;
                for (var i = 0; i < choices.Count; i++)
                {
                    var choice = choices[i];
                    var optionAttrs = new List<KeyValuePair<string, string?>>(attrs.Count + 1);
                    var optionId = id is null ? null : id + "_" + i.ToString(CultureInfo.InvariantCulture);
                    foreach (var attr in attrs)
                    {
                        optionAttrs.Add(attr.Key == "id" ? new("id", optionId) : attr);
                    }

                    var isChecked = values.Contains(choice.Value) && (widget == FormWidget.CheckboxMultiple || !checkedOne);
                    checkedOne |= isChecked;
                    if (isChecked)
                    {
                        optionAttrs.Add(new("checked", null));
                    }

                    writer.WriteLiteral("<div>\n    <label"u8);
                    if (optionId is not null)
                    {
                        Attribute(ref writer, "for", optionId);
                    }

                    writer.WriteLiteral(">"u8);
                    WriteInput(ref writer, type, name, choice.Value, optionAttrs);
                    writer.WriteLiteral("\n "u8);
                    writer.Write(choice.Label);
                    writer.WriteLiteral("</label>\n\n</div>"u8);
                }

                writer.WriteLiteral("\n</div>"u8);
                break;
            default:
                var inputType = widget switch
                {
                    FormWidget.Number => "number",
                    FormWidget.Email => "email",
                    FormWidget.Url => "url",
                    FormWidget.Password => "password",
                    FormWidget.Hidden => "hidden",
                    FormWidget.Date => "date",
                    FormWidget.DateTimeLocal => "datetime-local",
                    FormWidget.Time => "time",
                    FormWidget.File => "file",
                    _ => "text",
                };

                // Django's Input.format_value: no value attribute for an empty value; passwords and files never render one
                var value = widget is FormWidget.Password or FormWidget.File || values.Count == 0 || values[^1].Length == 0 ? null : values[^1];
                WriteInput(ref writer, inputType, name, value, attrs);
                break;
        }
    }

    // Widget.use_required_attribute(): hidden inputs and checkbox groups never; a single select only with an empty first option
    private static bool UsesRequiredAttribute(FormField field, IReadOnlyList<FormChoice> choices) => field.Widget switch
    {
        FormWidget.Hidden or FormWidget.CheckboxMultiple => false,
        FormWidget.Select => choices.Count > 0 && choices[0].Value.Length == 0,
        _ => true,
    };

    private static void WriteInput(ref TemplateWriter writer, string type, string name, string? value, List<KeyValuePair<string, string?>> attrs)
    {
        writer.WriteLiteral("<input"u8);
        Attribute(ref writer, "type", type);
        Attribute(ref writer, "name", name);
        if (value is not null)
        {
            Attribute(ref writer, "value", value);
        }

        WriteAttributes(ref writer, attrs);
        writer.WriteLiteral(">"u8);
    }

    private static void WriteAttributes(ref TemplateWriter writer, List<KeyValuePair<string, string?>> attrs)
    {
        foreach (var (name, value) in attrs)
        {
            if (value is null)
            {
                writer.WriteLiteral(" "u8);
                writer.WriteRaw(name);
            }
            else
            {
                Attribute(ref writer, name, value);
            }
        }
    }

    private static void Attribute(ref TemplateWriter writer, string name, string value)
    {
        writer.WriteLiteral(" "u8);
        writer.WriteRaw(name);
        writer.WriteLiteral("=\""u8);
        writer.Write(value);
        writer.WriteLiteral("\""u8);
    }
}

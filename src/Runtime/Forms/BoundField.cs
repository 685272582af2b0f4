using Reinhardt.Templates;

namespace Reinhardt.Forms;

/// <summary>
/// A field of a form instance (Django's <c>BoundField</c>): its data or initial value, its errors, and its HTML. Rendering
/// it (<c>{{ form.question_text }}</c>) writes the widget with the attributes Django 5 writes: <c>required</c>,
/// <c>maxlength</c>, <c>min</c>, <c>max</c>, <c>step</c>, <c>aria-invalid</c>, <c>aria-describedby</c> and the id.
/// </summary>
public sealed class BoundField : IHtmlWritable
{
    internal BoundField(Form form, FormField field, int index)
    {
        Form = form;
        Field = field;
        Index = index;
    }

    /// <summary>The form.</summary>
    public Form Form { get; }

    /// <summary>The field's description.</summary>
    public FormField Field { get; }

    internal int Index { get; }

    /// <summary>The field name (Django's <c>name</c>).</summary>
    public string Name => Field.Name;

    /// <summary>The name in the HTML, with the form's prefix (Django's <c>html_name</c>).</summary>
    public string HtmlName => Form.AddPrefix(Field.Name);

    /// <summary>The label text (Django's <c>label</c>).</summary>
    public string Label => Field.Label;

    /// <summary>The help text (Django's <c>help_text</c>; written unescaped).</summary>
    public string HelpText => Field.HelpText;

    /// <summary>Whether the widget is hidden (Django's <c>is_hidden</c>).</summary>
    public bool IsHidden => Field.IsHidden;

    /// <summary>Whether the field renders in a fieldset with a legend (radio buttons, checkboxes; Django's <c>use_fieldset</c>).</summary>
    public bool UseFieldset => Field.UseFieldset;

    /// <summary>The field's id (Django's <c>auto_id</c>): the form's <see cref="Form.AutoId"/> with the HTML name; empty without ids.</summary>
    public string AutoId => AutoIdValue ?? "";

    internal string? AutoIdValue => Form.AutoId.Length == 0 ? null : Form.AutoId.Contains("%s", StringComparison.Ordinal) ? Form.AutoId.Replace("%s", HtmlName, StringComparison.Ordinal) : HtmlName;

    /// <summary>The id a <c>&lt;label for&gt;</c> points at (Django's <c>id_for_label</c>): empty for radio and checkbox groups, which are labelled by their legend.</summary>
    public string IdForLabel => UseFieldset ? "" : AutoId;

    /// <summary>The field's errors (Django's <c>errors</c>), as <c>&lt;ul class="errorlist" id="id_x_error"&gt;</c>.</summary>
    public ErrorList Errors => Form.Errors.TryGetValue(Name, out var list) ? list : new ErrorList(AutoIdValue);

    /// <summary>The value rendered: the submitted one on a bound form (never for a disabled field), else the initial one (Django's <c>value()</c>).</summary>
    public string? Value => Values is { Count: > 0 } values ? values[values.Count - 1] : null;

    /// <summary>Every value rendered (several for multiple choices).</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            if (Form.IsBound && !Field.Disabled)
            {
                if (Field.Widget == FormWidget.Checkbox)
                {
                    return [FormValidation.IsChecked(Form.Data![HtmlName]) ? "True" : "False"];
                }

                if (Field.Widget == FormWidget.File)
                {
                    return [];
                }

                var raw = Form.Data![HtmlName];
                if (Field.IsMultiple)
                {
                    return raw.Select(v => v ?? "").ToList();
                }

                return raw.Count == 0 ? [] : [raw[raw.Count - 1] ?? ""];
            }

            return Form.InitialValuesOf(Index);
        }
    }

    /// <summary>The ids <c>aria-describedby</c> names: the help text's and the errors' (Django's <c>aria_describedby</c>).</summary>
    public string AriaDescribedBy
    {
        get
        {
            if (AutoIdValue is not { } id || IsHidden)
            {
                return "";
            }

            var help = HelpText.Length > 0;
            var errors = Errors.Count > 0;
            return help && errors ? id + "_helptext " + id + "_error" : help ? id + "_helptext" : errors ? id + "_error" : "";
        }
    }

    /// <summary>The CSS classes of the field's row (Django's <c>css_classes()</c>).</summary>
    public string CssClasses()
    {
        var classes = new List<string>(2);
        if (Form.ErrorCssClass is { Length: > 0 } error && Errors.Count > 0)
        {
            classes.Add(error);
        }

        if (Form.RequiredCssClass is { Length: > 0 } required && Field.Required)
        {
            classes.Add(required);
        }

        return string.Join(" ", classes);
    }

    /// <summary>The widget (Django's <c>as_widget()</c>).</summary>
    public IHtmlWritable AsWidget() => this;

    /// <summary>The <c>&lt;label for="id"&gt;Label:&lt;/label&gt;</c> (Django's <c>label_tag()</c>).</summary>
    public IHtmlWritable LabelTag() => new Tag(this, legend: false);

    /// <summary>The <c>&lt;legend&gt;Label:&lt;/legend&gt;</c> of a fieldset (Django's <c>legend_tag()</c>).</summary>
    public IHtmlWritable LegendTag() => new Tag(this, legend: true);

    /// <summary>Label, help text, errors and widget as Django 5's <c>field.html</c> (Django's <c>as_field_group()</c>).</summary>
    public IHtmlWritable AsFieldGroup() => new FieldGroup(this);

    /// <summary>Writes the widget.</summary>
    public void WriteHtml(ref TemplateWriter writer) => FormLayout.WriteWidget(this, ref writer);

    /// <summary>The widget's HTML as a string.</summary>
    public override string ToString() => FormLayout.ToHtml(this);

    private sealed class Tag(BoundField field, bool legend) : IHtmlWritable
    {
        public void WriteHtml(ref TemplateWriter writer) => FormLayout.WriteLabel(field, ref writer, legend);
    }

    private sealed class FieldGroup(BoundField field) : IHtmlWritable
    {
        public void WriteHtml(ref TemplateWriter writer) => FormLayout.WriteFieldGroup(field, ref writer);
    }
}

using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Primitives;
using Reinhardt.Http;
using Reinhardt.Templates;

namespace Reinhardt.Forms;

/// <summary>
/// The base of every generated form (Django's <c>BaseForm</c>): the submitted data, the errors found cleaning it, and the
/// accessible HTML Django 5 renders. The generated subclass describes its fields (<see cref="Fields"/>), converts and
/// validates each submitted value into its property (<see cref="CleanFields"/>) and runs the user's clean hooks.
/// Rendering it (<c>{{ form }}</c>) writes the layout chosen by <see cref="Renderer"/>.
/// </summary>
public abstract partial class Form : IHtmlWritable, IEnumerable<BoundField>
{
    private FormErrors? _errors;
    private BoundField[]? _boundFields;
    private IReadOnlyList<FormChoice>?[]? _choices;

    /// <summary>The fields, in declaration order.</summary>
    public abstract IReadOnlyList<FormField> Fields { get; }

    /// <summary>The layout <c>{{ form }}</c> uses: <see cref="FormRenderer.Default"/> (the default) defers to the form's
    /// <c>[Form(Renderer = ...)]</c>, then to the project's <see cref="FormOptions.Renderer"/>, then to <see cref="FormRenderer.Div"/>.</summary>
    public FormRenderer Renderer { get; set; }

    /// <summary>The renderer named by the form's attribute (generated).</summary>
    protected virtual FormRenderer DeclaredRenderer => FormRenderer.Default;

    /// <summary>Prefix of every field name (Django's <c>prefix</c>): <c>prefix-name</c>; <see langword="null"/> for none.</summary>
    public string? Prefix { get; set; }

    /// <summary>The id pattern of fields (Django's <c>auto_id</c>), <c>%s</c> replaced by the HTML name; empty for no ids.</summary>
    public string AutoId { get; set; } = "id_%s";

    /// <summary>Appended to labels that do not end in punctuation (Django's <c>label_suffix</c>).</summary>
    public string LabelSuffix { get; set; } = ":";

    /// <summary>Whether required fields get the <c>required</c> attribute (Django's <c>use_required_attribute</c>).</summary>
    public bool UseRequiredAttribute { get; set; } = true;

    /// <summary>The CSS class of the field rows of fields with errors (Django's <c>error_css_class</c>); <see langword="null"/> for none.</summary>
    public string? ErrorCssClass { get; set; }

    /// <summary>The CSS class of the field rows of required fields (Django's <c>required_css_class</c>); <see langword="null"/> for none.</summary>
    public string? RequiredCssClass { get; set; }

    /// <summary>The request the form is rendered in: when set (and CSRF protection runs), <c>{{ form }}</c> starts with the CSRF hidden input.</summary>
    public HttpContext? HttpContext { get; set; }

    /// <summary>Whether the form has data to validate (Django's <c>is_bound</c>).</summary>
    public bool IsBound => Data is not null;

    /// <summary>The submitted fields; <see langword="null"/> for an unbound form.</summary>
    public IFormCollection? Data { get; private set; }

    /// <summary>The submitted files (empty without a multipart body).</summary>
    public IFormFileCollection? Files => Data?.Files;

    /// <summary>Whether the form has a file field: its <c>&lt;form&gt;</c> needs <c>enctype="multipart/form-data"</c> (Django's <c>is_multipart</c>).</summary>
    public bool IsMultipart => Fields.Any(f => f.Widget == FormWidget.File);

    /// <summary>Binds the form to submitted data and forgets earlier errors; validation runs on the next <see cref="IsValid"/> or <see cref="Errors"/>.</summary>
    public void SetData(IFormCollection data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        _errors = null;

        // cleaning overwrites the properties: keep the initial values for has_changed() and disabled fields
        _initial = new IReadOnlyList<string>[Fields.Count];
        for (var i = 0; i < _initial.Length; i++)
        {
            _initial[i] = InitialValues(i);
        }
    }

    private IReadOnlyList<string>[]? _initial;

    /// <summary>
    /// Whether a request submits a form: any method but GET, HEAD, OPTIONS and TRACE (a generated <c>BindAsync</c> binds
    /// those and leaves GET forms unbound, as a Django view does with <c>request.method == "POST"</c>).
    /// </summary>
    public static bool HasSubmission(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        return !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
    }

    /// <summary>
    /// Adds a model's validation errors (Django's <c>_update_errors</c> after <c>full_clean()</c>): those of a column the form has
    /// become that field's errors, the others (uniqueness together, check constraints, fields not on the form) the form's own.
    /// </summary>
    protected void AddModelErrors(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (key, messages) in errors.ByField)
        {
            var index = key == ValidationErrors.NonFieldErrors ? -1 : IndexOf(key);
            foreach (var message in messages)
            {
                AddError(index < 0 ? null : FieldOf(index).Name, message);
            }
        }
    }

    /// <summary>Whether the form is bound and its data has no errors (Django's <c>is_valid()</c>); validates once.</summary>
    public bool IsValid => IsBound && Errors.Count == 0;

    /// <summary>The errors by field name (Django's <c>errors</c>), validating the data the first time; empty for an unbound form.</summary>
    public FormErrors Errors
    {
        get
        {
            if (_errors is null)
            {
                _errors = new FormErrors();
                if (IsBound)
                {
                    FullClean();
                }
            }

            return _errors;
        }
    }

    /// <summary>The form's own errors (Django's <c>non_field_errors()</c>), as <c>&lt;ul class="errorlist nonfield"&gt;</c>.</summary>
    public ErrorList NonFieldErrors => Errors.TryGetValue(FormErrors.NonFieldErrorsKey, out var list) ? list : new ErrorList(null, "errorlist nonfield");

    /// <summary>
    /// Adds an error to a field (by property or field name) or, with <see langword="null"/> or <c>__all__</c>, to the form
    /// (Django's <c>add_error</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The form has no such field.</exception>
    public void AddError(string? field, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var errors = _errors ??= new FormErrors();
        if (field is null or FormErrors.NonFieldErrorsKey)
        {
            errors.GetOrAdd(FormErrors.NonFieldErrorsKey, static () => new ErrorList(null, "errorlist nonfield")).Add(message);
            return;
        }

        var index = IndexOf(field);
        if (index < 0)
        {
            throw new ArgumentException($"'{GetType().Name}' has no field named '{field}'.", nameof(field));
        }

        var bound = FieldAt(index);
        errors.GetOrAdd(bound.Name, () => new ErrorList(bound.AutoIdValue)).Add(message);
    }

    /// <summary>The bound field named <paramref name="name"/> (field or property name), as Django's <c>form[name]</c>.</summary>
    /// <exception cref="KeyNotFoundException">The form has no such field.</exception>
    public BoundField this[string name]
    {
        get
        {
            var index = IndexOf(name);
            return index >= 0 ? FieldAt(index) : throw new KeyNotFoundException($"Key '{name}' not found in '{GetType().Name}'.");
        }
    }

    /// <summary>The bound field of <see cref="Fields"/>[<paramref name="index"/>] (generated <c>&lt;Property&gt;Field</c> properties use it).</summary>
    protected BoundField FieldAt(int index)
    {
        if (_boundFields is null || _boundFields.Length < FieldCount)
        {
            // a formset may add fields after the first were bound
            Array.Resize(ref _boundFields, FieldCount);
        }

        return _boundFields[index] ??= new BoundField(this, FieldOf(index), index);
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            var field = FieldOf(i);
            if (string.Equals(field.Name, name, StringComparison.Ordinal) || string.Equals(field.PropertyName, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The fields with a hidden widget (Django's <c>hidden_fields()</c>).</summary>
    public IReadOnlyList<BoundField> HiddenFields() => this.Where(f => f.IsHidden).ToList();

    /// <summary>The fields with a visible widget (Django's <c>visible_fields()</c>).</summary>
    public IReadOnlyList<BoundField> VisibleFields() => this.Where(f => !f.IsHidden).ToList();

    /// <summary>Every bound field, in order.</summary>
    public IEnumerator<BoundField> GetEnumerator()
    {
        for (var i = 0; i < FieldCount; i++)
        {
            yield return FieldAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The field name with the form's prefix (Django's <c>add_prefix</c>).</summary>
    public string AddPrefix(string name) => string.IsNullOrEmpty(Prefix) ? name : Prefix + "-" + name;

    /// <summary>The values of field <paramref name="index"/> before any submission (the property values), formatted for HTML.</summary>
    protected abstract IReadOnlyList<string> InitialValues(int index);

    internal IReadOnlyList<string> InitialValuesOf(int index) =>
        index >= Fields.Count && FormSetFields is { } extras ? extras.Initial[index - Fields.Count]
        : _initial is { } initial && index < initial.Length ? initial[index] : InitialValues(index);

    /// <summary>The options of field <paramref name="index"/> (listed once per form).</summary>
    public IReadOnlyList<FormChoice> ChoicesOf(int index)
    {
        if (_choices is null || _choices.Length < FieldCount)
        {
            Array.Resize(ref _choices, FieldCount);
        }

        return _choices[index] ??= FieldOf(index).Choices?.Invoke() ?? [];
    }

    /// <summary>Validates everything: each field into its property, then the whole form (Django's <c>full_clean()</c>).</summary>
    private void FullClean()
    {
        // Django: an extra formset form left as it was rendered is not validated at all
        if (EmptyPermitted && !HasChanged())
        {
            return;
        }

        CleanFields();
        CleanFormSetFields();
        CleanForm();
    }

    /// <summary>Converts and validates each submitted value into its property and runs the per-field hooks (generated).</summary>
    protected abstract void CleanFields();

    /// <summary>The whole-form validation (Django's <c>clean()</c>); the generated form calls its <c>partial void Clean()</c> hook.</summary>
    protected virtual void CleanForm()
    {
    }

    /// <summary>Writes the form in its layout (see <see cref="Renderer"/>), preceded by the CSRF input when rendered in a request.</summary>
    public void WriteHtml(ref TemplateWriter writer) => FormLayout.Write(this, ref writer, EffectiveRenderer(), csrf: true);

    /// <summary>The form as <c>&lt;div&gt;</c>s (Django's <c>as_div()</c>).</summary>
    public IHtmlWritable AsDiv() => new Layout(this, FormRenderer.Div);

    /// <summary>The form as paragraphs (Django's <c>as_p()</c>).</summary>
    public IHtmlWritable AsP() => new Layout(this, FormRenderer.P);

    /// <summary>The form as table rows (Django's <c>as_table()</c>).</summary>
    public IHtmlWritable AsTable() => new Layout(this, FormRenderer.Table);

    /// <summary>The form as list items (Django's <c>as_ul()</c>).</summary>
    public IHtmlWritable AsUl() => new Layout(this, FormRenderer.Ul);

    /// <summary>The form rendered as a string (for tests and non-template use).</summary>
    public string Render() => FormLayout.ToHtml(this);

    internal FormRenderer EffectiveRenderer()
    {
        if (Renderer != FormRenderer.Default)
        {
            return Renderer;
        }

        if (DeclaredRenderer != FormRenderer.Default)
        {
            return DeclaredRenderer;
        }

        var configured = Options()?.Renderer ?? FormRenderer.Div;
        return configured == FormRenderer.Default ? FormRenderer.Div : configured;
    }

    internal FormOptions? Options() => OptionsOf(HttpContext);

    internal static FormOptions? OptionsOf(HttpContext? context) => context?.RequestServices?.GetService<IOptions<FormOptions>>()?.Value;

    private sealed class Layout(Form form, FormRenderer renderer) : IHtmlWritable
    {
        public void WriteHtml(ref TemplateWriter writer) => FormLayout.Write(form, ref writer, renderer, csrf: false);
    }

    // ---- cleaning: the generated CleanFields calls these; each adds Django's message and returns false on a bad value ----

    /// <summary>The submitted values of field <paramref name="index"/> (all of them, for repeated keys).</summary>
    protected StringValues RawValues(int index) => Data is { } data && data.TryGetValue(AddPrefix(FieldOf(index).Name), out var values) ? values : StringValues.Empty;

    /// <summary>The submitted value: the last of a repeated key, as Django's <c>QueryDict.get</c>.</summary>
    protected string? RawValue(int index)
    {
        var values = RawValues(index);
        return values.Count == 0 ? null : values[values.Count - 1];
    }

    /// <summary>Adds an error to field <paramref name="index"/> unless <paramref name="message"/> is <see langword="null"/> (custom validators).</summary>
    protected bool Check(int index, string? message)
    {
        if (message is null)
        {
            return true;
        }

        AddError(FieldOf(index).Name, message);
        return false;
    }

    private bool Fail(int index, string message)
    {
        AddError(FieldOf(index).Name, message);
        return false;
    }

    private bool Required(int index) => Fail(index, FormMessages.Required);

    /// <summary>
    /// Django's <c>CharField</c> (with <c>EmailField</c>, <c>URLField</c> and pattern rules): trimmed; empty is <see langword="null"/>;
    /// length, null characters, email, URL and pattern checks.
    /// </summary>
    protected bool CleanText(int index, out string? value)
    {
        var field = FieldOf(index);
        value = null;
        var text = field.Widget == FormWidget.Password ? RawValue(index) : RawValue(index)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return !field.Required || Required(index);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Fail(index, FormMessages.NullCharacters);
        }

        if (field.IsUrl)
        {
            text = FormValidation.AssumeScheme(text);
        }

        var ok = true;
        var length = FormValidation.CodePoints(text);
        if (field.MaxLength is { } max && length > max)
        {
            ok = Fail(index, FormMessages.MaxLength(max, length));
        }

        if (field.MinLength is { } min && length < min)
        {
            ok = Fail(index, FormMessages.MinLength(min, length));
        }

        if (field.IsEmail && !FormValidation.IsEmail(text))
        {
            ok = Fail(index, FormMessages.InvalidEmail);
        }

        if (field.IsUrl && !FormValidation.IsUrl(text))
        {
            ok = Fail(index, FormMessages.InvalidUrl);
        }

        if (field.Regex is { } regex && !FormValidation.Matches(regex, text))
        {
            ok = Fail(index, FormMessages.InvalidValue);
        }

        if (field.Choices is not null && !IsChoice(index, text))
        {
            ok = Fail(index, FormMessages.InvalidChoice(text));
        }

        value = text;
        return ok;
    }

    /// <summary>Django's <c>IntegerField</c>: <c>"Enter a whole number."</c>, then min, max and step.</summary>
    protected bool CleanInteger<T>(int index, out T value, out bool present)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        value = default;
        present = false;
        if (!TakeScalar(index, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!FormValidation.TryParseInteger(text, out value, out var overflow))
        {
            if (overflow is { } positive)
            {
                return Fail(index, positive ? FormMessages.MaxValue(double.CreateTruncating(T.MaxValue), integer: true) : FormMessages.MinValue(double.CreateTruncating(T.MinValue), integer: true));
            }

            return Fail(index, FormMessages.InvalidInteger);
        }

        present = true;
        return CheckNumber(index, double.CreateTruncating(value));
    }

    /// <summary>Django's <c>FloatField</c>/<c>DecimalField</c>: <c>"Enter a number."</c> (also for infinities and NaN), then min, max and step.</summary>
    protected bool CleanNumber<T>(int index, out T value, out bool present)
        where T : struct, System.Numerics.INumber<T>
    {
        value = default;
        present = false;
        if (!TakeScalar(index, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(double.CreateTruncating(value)))
        {
            value = default;
            return Fail(index, FormMessages.InvalidNumber);
        }

        present = true;
        return CheckNumber(index, double.CreateTruncating(value));
    }

    /// <summary>Django's <c>BooleanField</c> from a checkbox: absent, empty or <c>false</c> is unticked; a required one must be ticked.</summary>
    protected bool CleanBoolean(int index, out bool value)
    {
        value = FormValidation.IsChecked(RawValues(index));
        return value || !FieldOf(index).Required || Required(index);
    }

    /// <summary>Django's <c>DateField</c> (ISO <c>YYYY-MM-DD</c>, as the date input submits): <c>"Enter a valid date."</c></summary>
    protected bool CleanDate(int index, out DateOnly value, out bool present) =>
        CleanParsed(index, out value, out present, static (string s, out DateOnly v) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out v), FormMessages.InvalidDate);

    /// <summary>Django's <c>DateTimeField</c> (ISO, <c>T</c> or space, optional seconds): <c>"Enter a valid date/time."</c></summary>
    protected bool CleanDateTime(int index, out DateTime value, out bool present) =>
        CleanParsed(index, out value, out present, FormValidation.TryParseDateTime, FormMessages.InvalidDateTime);

    /// <summary>Django's <c>TimeField</c> (<c>HH:MM</c>, optional seconds): <c>"Enter a valid time."</c></summary>
    protected bool CleanTime(int index, out TimeOnly value, out bool present) =>
        CleanParsed(index, out value, out present, FormValidation.TryParseTime, FormMessages.InvalidTime);

    /// <summary>Django's <c>UUIDField</c>: <c>"Enter a valid UUID."</c></summary>
    protected bool CleanGuid(int index, out Guid value, out bool present) =>
        CleanParsed(index, out value, out present, static (string s, out Guid v) => Guid.TryParse(s, CultureInfo.InvariantCulture, out v), FormMessages.InvalidUuid);

    /// <summary>A choice of an enumeration (by member name), or any value type with a parser and a choice list.</summary>
    protected bool CleanParsed<T>(int index, out T value, out bool present, FormValueParser<T> parse, string invalid)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(parse);
        value = default;
        present = false;
        if (!TakeScalar(index, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (!parse(text, out value))
        {
            value = default;
            return Fail(index, invalid);
        }

        present = true;
        return true;
    }

    /// <summary>Django's <c>MultipleChoiceField</c>/<c>TypedMultipleChoiceField</c>: every value must be a choice and convert.</summary>
    protected bool CleanMultiple<T>(int index, out T[] values, FormValueParser<T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var raw = RawValues(index);
        var field = FieldOf(index);
        values = [];
        if (raw.Count == 0 || raw.All(string.IsNullOrEmpty))
        {
            return !field.Required || Required(index);
        }

        var result = new List<T>(raw.Count);
        foreach (var text in raw)
        {
            var item = text ?? "";
            if ((field.Choices is not null && !IsChoice(index, item)) || !parse(item, out var parsed))
            {
                return Fail(index, FormMessages.InvalidChoice(item));
            }

            result.Add(parsed);
        }

        values = [.. result];
        return true;
    }

    /// <summary>Django's <c>FileField</c>: the uploaded file; "No file was submitted..." for a part without a file name,
    /// "The submitted file is empty." for zero bytes, and the file name length check.</summary>
    protected bool CleanFile(int index, out IFormFile? value)
    {
        var field = FieldOf(index);
        value = Data?.Files.GetFile(AddPrefix(field.Name));
        if (value is null)
        {
            return !field.Required || Required(index);
        }

        if (string.IsNullOrEmpty(value.FileName))
        {
            value = null;
            return Fail(index, FormMessages.NoFile);
        }

        var length = FormValidation.CodePoints(value.FileName);
        if (field.MaxLength is { } max && length > max)
        {
            value = null;
            return Fail(index, FormMessages.FileNameTooLong(max, length));
        }

        if (value.Length == 0)
        {
            value = null;
            return Fail(index, FormMessages.EmptyFile);
        }

        return true;
    }

    // A single trimmed value; null when empty (after the required check). False when an error was added.
    private bool TakeScalar(int index, out string? text)
    {
        var field = FieldOf(index);
        text = RawValue(index)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            text = null;
            return !field.Required || Required(index);
        }

        if (field.Choices is not null && !IsChoice(index, text))
        {
            var shown = text;
            text = null;
            return Fail(index, FormMessages.InvalidChoice(shown));
        }

        return true;
    }

    private bool IsChoice(int index, string value)
    {
        foreach (var choice in ChoicesOf(index))
        {
            if (string.Equals(choice.Value, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool CheckNumber(int index, double value)
    {
        var field = FieldOf(index);
        var ok = true;
        if (field.Max is { } max && value > max)
        {
            ok = Fail(index, FormMessages.MaxValue(max, field.IsInteger));
        }

        if (field.Min is { } min && value < min)
        {
            ok = Fail(index, FormMessages.MinValue(min, field.IsInteger));
        }

        if (field.Step is { } step)
        {
            var offset = field.StepOffset ?? field.Min;
            if (!FormValidation.IsStep(value, step, offset ?? 0))
            {
                ok = Fail(index, FormMessages.Step(step, offset, field.IsInteger));
            }
        }

        return ok;
    }
}

/// <summary>Converts one submitted text into a value; <see langword="false"/> when it is not one.</summary>
public delegate bool FormValueParser<T>(string text, out T value);

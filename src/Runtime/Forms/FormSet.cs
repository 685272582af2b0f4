using System.Collections;
using System.Globalization;
using Reinhardt.Http;
using Reinhardt.Templates;

namespace Reinhardt.Forms;

/// <summary>
/// Several forms of one kind on a page (Django's <c>formset_factory(TForm)</c> / <c>BaseFormSet</c>), with the management
/// form that says how many were submitted. Forms are built on first use, so the settings (<see cref="Extra"/>,
/// <see cref="MaxNum"/>, <see cref="CanDelete"/>...) are set with an object initializer:
/// <code>var formset = new FormSet&lt;ArticleForm&gt;(data) { Extra = 2, CanDelete = true, MaxNum = 10, ValidateMax = true };</code>
/// Hostile management data never throws: a missing or tampered management form is a non-form error, and no more than
/// <see cref="AbsoluteMax"/> forms are ever built whatever <c>TOTAL_FORMS</c> says.
/// </summary>
/// <typeparam name="TForm">The generated form class.</typeparam>
public class FormSet<TForm> : IHtmlWritable, IReadOnlyList<TForm>
    where TForm : Form, IFormFactory<TForm>
{
    /// <summary>Django's <c>DEFAULT_MAX_NUM</c>: the default <see cref="MaxNum"/>, and the margin of the default <see cref="AbsoluteMax"/>.</summary>
    public const int DefaultMaxNum = 1000;

    private readonly string? _prefix;
    private ManagementForm? _managementForm;
    private List<TForm>? _forms;
    private List<FormErrors>? _errors;
    private ErrorList? _nonFormErrors;
    private readonly List<string> _cleanErrors = [];

    /// <summary>A formset bound to <paramref name="data"/> (a submission), or unbound for <see langword="null"/>.</summary>
    /// <param name="data">The submitted fields; <see langword="null"/> to render an empty formset.</param>
    /// <param name="prefix">The name prefix (Django's <c>prefix</c>); <see langword="null"/> for the default (<c>form</c>).</param>
    public FormSet(IFormCollection? data = null, string? prefix = null)
    {
        Data = data;
        _prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
    }

    /// <summary>The submitted fields; <see langword="null"/> for an unbound formset.</summary>
    public IFormCollection? Data { get; }

    /// <summary>Whether the formset has data to validate (Django's <c>is_bound</c>).</summary>
    public bool IsBound => Data is not null;

    /// <summary>The prefix of every name: <c>prefix-TOTAL_FORMS</c>, <c>prefix-0-field</c> (Django's <c>prefix</c>).</summary>
    public string Prefix => _prefix ?? DefaultPrefix;

    /// <summary>The prefix used when none is given (Django's <c>get_default_prefix()</c>): <c>form</c>.</summary>
    protected virtual string DefaultPrefix => "form";

    /// <summary>The id pattern of the forms' fields (Django's <c>auto_id</c>).</summary>
    public string AutoId { get; init; } = "id_%s";

    /// <summary>The number of blank forms shown after the initial ones (Django's <c>extra</c>, default 1).</summary>
    public int Extra { get; init; } = 1;

    /// <summary>The number of forms the page must show at least (Django's <c>min_num</c>, default 0).</summary>
    public int MinNum { get; init; }

    /// <summary>The most forms shown (Django's <c>max_num</c>, default 1000); with <see cref="ValidateMax"/>, the most accepted.</summary>
    public int MaxNum { get; init; } = DefaultMaxNum;

    /// <summary>
    /// The hard limit of forms built from a submission (Django's <c>absolute_max</c>; default <see cref="MaxNum"/> + 1000): a
    /// larger <c>TOTAL_FORMS</c> builds only this many and is a "too many forms" error.
    /// </summary>
    public int? AbsoluteMax { get; init; }

    /// <summary>Whether submitting fewer than <see cref="MinNum"/> non-empty, non-deleted forms is an error (Django's <c>validate_min</c>).</summary>
    public bool ValidateMin { get; init; }

    /// <summary>Whether submitting more than <see cref="MaxNum"/> non-deleted forms is an error (Django's <c>validate_max</c>).</summary>
    public bool ValidateMax { get; init; }

    /// <summary>Whether each form has a <c>DELETE</c> checkbox (Django's <c>can_delete</c>); deleted forms are not validated.</summary>
    public bool CanDelete { get; init; }

    /// <summary>Whether extra forms also get the <c>DELETE</c> checkbox (Django's <c>can_delete_extra</c>, default true).</summary>
    public bool CanDeleteExtra { get; init; } = true;

    /// <summary>Whether each form has an <c>ORDER</c> number field (Django's <c>can_order</c>); see <see cref="OrderedForms"/>.</summary>
    public bool CanOrder { get; init; }

    /// <summary>The initial values of the first forms (Django's <c>initial</c>): one setter per form, applied to a new form.</summary>
    public IReadOnlyList<Action<TForm>>? Initial { get; init; }

    /// <summary>Called on every form the formset builds, the empty form included (Django's <c>form_kwargs</c>).</summary>
    public Action<TForm>? ConfigureForm { get; init; }

    /// <summary>The "too many forms" message for a limit (Django's <c>error_messages["too_many_forms"]</c>).</summary>
    public Func<int, string> TooManyFormsMessage { get; init; } = DefaultTooManyForms;

    /// <summary>The "too few forms" message for a limit (Django's <c>error_messages["too_few_forms"]</c>).</summary>
    public Func<int, string> TooFewFormsMessage { get; init; } = DefaultTooFewForms;

    /// <summary>The message for a missing or tampered management form, given the missing field names (Django's <c>missing_management_form</c>).</summary>
    public Func<string, string> MissingManagementFormMessage { get; init; } = DefaultMissingManagementForm;

    /// <summary>The layout of the forms; <see cref="FormRenderer.Default"/> uses each form's own.</summary>
    public FormRenderer Renderer { get; set; }

    /// <summary>The request the formset is rendered in: when set, <c>{{ formset }}</c> starts with the CSRF hidden input, as a form does.</summary>
    public HttpContext? HttpContext { get; set; }

    /// <summary>Django's <c>too_many_forms</c>: "Please submit at most 1 form." / "... 2 forms.".</summary>
    public static string DefaultTooManyForms(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"Please submit at most {count} {(count == 1 ? "form" : "forms")}.");

    /// <summary>Django's <c>too_few_forms</c>: "Please submit at least 1 form." / "... 2 forms.".</summary>
    public static string DefaultTooFewForms(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"Please submit at least {count} {(count == 1 ? "form" : "forms")}.");

    /// <summary>Django 4.1+'s <c>missing_management_form</c>, naming the missing or invalid fields.</summary>
    public static string DefaultMissingManagementForm(string fieldNames) =>
        $"ManagementForm data is missing or has been tampered with. Missing fields: {fieldNames}. You may need to file a bug report if the issue persists.";

    /// <summary>The effective <see cref="AbsoluteMax"/>.</summary>
    protected int EffectiveAbsoluteMax
    {
        get
        {
            var absolute = AbsoluteMax ?? (int)Math.Min((long)MaxNum + DefaultMaxNum, int.MaxValue);
            return absolute >= MaxNum ? absolute : throw new InvalidOperationException("'AbsoluteMax' must be greater or equal to 'MaxNum'.");
        }
    }

    /// <summary>
    /// The management form (Django's <c>management_form</c>): bound to the submitted data, or carrying the counts to render.
    /// </summary>
    public ManagementForm ManagementForm
    {
        get
        {
            if (_managementForm is null)
            {
                var form = new ManagementForm { Prefix = Prefix, AutoId = AutoId };
                if (Data is { } data)
                {
                    form.SetData(data);
                    _ = form.Errors;
                }
                else
                {
                    form.TotalForms = TotalFormCount();
                    form.InitialForms = InitialFormCount();
                    form.MinNumForms = MinNum;
                    form.MaxNumForms = MaxNum;
                }

                _managementForm = form;
            }

            return _managementForm;
        }
    }

    /// <summary>
    /// The number of forms (Django's <c>total_form_count()</c>): the submitted <c>TOTAL_FORMS</c> capped at
    /// <see cref="AbsoluteMax"/> (0 when it is missing or invalid; negative submitted counts build no form); unbound, the
    /// initial forms (at least <see cref="MinNum"/>) plus <see cref="Extra"/>, no more than <see cref="MaxNum"/> unless the initial ones are.
    /// </summary>
    public int TotalFormCount()
    {
        if (IsBound)
        {
            var submitted = ManagementForm.TotalForms ?? 0;
            return (int)Math.Clamp(submitted, int.MinValue, EffectiveAbsoluteMax);
        }

        var initial = InitialFormCount();
        var total = Math.Max(initial, MinNum) + Extra;
        if (initial > MaxNum && MaxNum >= 0)
        {
            total = initial;
        }
        else if (total > MaxNum && MaxNum >= 0)
        {
            total = MaxNum;
        }

        return total;
    }

    /// <summary>The number of forms with initial data (Django's <c>initial_form_count()</c>): the submitted <c>INITIAL_FORMS</c>, or the initial data's.</summary>
    public int InitialFormCount() => IsBound
        ? (int)Math.Clamp(ManagementForm.InitialForms ?? 0, int.MinValue, int.MaxValue)
        : UnboundInitialFormCount();

    /// <summary>The number of initial forms of an unbound formset: <see cref="Initial"/>'s length (model formsets: the instances').</summary>
    protected virtual int UnboundInitialFormCount() => Initial?.Count ?? 0;

    /// <summary>The forms, built on first use (Django's <c>forms</c>).</summary>
    public IReadOnlyList<TForm> Forms
    {
        get
        {
            if (_forms is null)
            {
                var total = TotalFormCount();
                var forms = new List<TForm>(Math.Max(total, 0));
                for (var i = 0; i < total; i++)
                {
                    forms.Add(ConstructForm(i));
                }

                _forms = forms;
            }

            return _forms;
        }
    }

    /// <summary>The forms with initial data (Django's <c>initial_forms</c>).</summary>
    public IReadOnlyList<TForm> InitialForms => Forms.Take(Math.Clamp(InitialFormCount(), 0, Forms.Count)).ToList();

    /// <summary>The extra forms (Django's <c>extra_forms</c>).</summary>
    public IReadOnlyList<TForm> ExtraForms => Forms.Skip(Math.Clamp(InitialFormCount(), 0, Forms.Count)).ToList();

    /// <summary>A blank form with the prefix <c>prefix-__prefix__</c>, for client-side code that adds forms (Django's <c>empty_form</c>).</summary>
    public TForm EmptyForm
    {
        get
        {
            var form = CreateForm(null);
            form.Prefix = AddPrefix("__prefix__");
            form.AutoId = AutoId;
            form.EmptyPermitted = true;
            form.UseRequiredAttribute = false;
            ConfigureForm?.Invoke(form);
            AddFields(form, null);
            return form;
        }
    }

    /// <inheritdoc/>
    public int Count => Forms.Count;

    /// <inheritdoc/>
    public TForm this[int index] => Forms[index];

    /// <inheritdoc/>
    public IEnumerator<TForm> GetEnumerator() => Forms.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The name prefix of form <paramref name="index"/> (Django's <c>add_prefix</c>): <c>form-0</c>.</summary>
    public string AddPrefix(string index) => Prefix + "-" + index;

    /// <summary>Creates form <paramref name="index"/> (<see langword="null"/> for the empty form) before the formset sets it up.</summary>
    protected virtual TForm CreateForm(int? index)
    {
        var form = TForm.Create();
        if (index is { } i && Initial is { } initial && i < initial.Count)
        {
            initial[i](form);
        }

        return form;
    }

    /// <summary>Builds form <paramref name="index"/> (Django's <c>_construct_form</c>).</summary>
    private TForm ConstructForm(int index)
    {
        var form = CreateForm(index);
        form.Prefix = AddPrefix(index.ToString(CultureInfo.InvariantCulture));
        form.AutoId = AutoId;

        // Django: no HTML required attribute in formsets, as it would block extra, optional and deleted forms
        form.UseRequiredAttribute = false;
        if (index >= InitialFormCount() && index >= MinNum)
        {
            form.EmptyPermitted = true;
        }

        ConfigureForm?.Invoke(form);
        if (Data is { } data)
        {
            form.SetData(data);
        }

        AddFields(form, index);
        return form;
    }

    /// <summary>Adds the formset's fields to a form (Django's <c>add_fields</c>): <c>ORDER</c> and <c>DELETE</c>.</summary>
    protected virtual void AddFields(TForm form, int? index)
    {
        ArgumentNullException.ThrowIfNull(form);
        var extras = ExtraFieldsOf(form);
        var initialCount = InitialFormCount();
        if (CanOrder)
        {
            var order = new FormField(FormSetFields.OrderFieldName, FormSetFields.OrderFieldName, FormWidget.Number) { Label = "Order", IsInteger = true };
            extras.Add(order, index is { } i && i < initialCount ? (i + 1).ToString(CultureInfo.InvariantCulture) : null);
        }

        if (CanDelete && (CanDeleteExtra || (index is { } j && j < initialCount)))
        {
            extras.Add(new FormField(FormSetFields.DeletionFieldName, FormSetFields.DeletionFieldName, FormWidget.Checkbox) { Label = "Delete" }, null);
        }
    }

    /// <summary>Adds a hidden field to a form (model formsets: the key; inline formsets: the parent's key).</summary>
    private protected static void AddHiddenField(TForm form, string name, string label, string? initial, bool required, Func<string, string?, string?>? check)
    {
        var extras = ExtraFieldsOf(form);
        extras.Add(new FormField(name, name, FormWidget.Hidden) { Label = label, Required = required }, initial);
        if (check is not null)
        {
            var previous = extras.Check;
            extras.Check = previous is null ? check : (field, value) => previous(field, value) ?? check(field, value);
        }
    }

    private static FormSetFields ExtraFieldsOf(TForm form) => form.FormSetFields ??= new FormSetFields();

    /// <summary>The cleaned value of a hidden field the formset added; <see langword="null"/> when empty or not cleaned.</summary>
    private protected static string? ExtraValue(TForm form, string name) =>
        form.FormSetFields is { } extras && extras.Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether <paramref name="form"/>'s <c>DELETE</c> box was ticked (Django's <c>_should_delete_form</c>); false until it is validated.</summary>
    public bool ShouldDelete(TForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        _ = form.Errors;
        return form.FormSetFields?.Delete == true;
    }

    /// <summary>The <c>ORDER</c> value of <paramref name="form"/>, <see langword="null"/> when empty.</summary>
    public int? OrderOf(TForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        _ = form.Errors;
        return form.FormSetFields?.Order;
    }

    /// <summary>The errors of each form, deleted forms left out (Django's <c>errors</c>); validates on first use.</summary>
    public IReadOnlyList<FormErrors> Errors
    {
        get
        {
            if (_errors is null)
            {
                FullClean();
            }

            return _errors!;
        }
    }

    /// <summary>The formset's own errors (Django's <c>non_form_errors()</c>), as <c>&lt;ul class="errorlist nonform"&gt;</c>.</summary>
    public ErrorList NonFormErrors
    {
        get
        {
            if (_nonFormErrors is null)
            {
                FullClean();
            }

            return _nonFormErrors!;
        }
    }

    /// <summary>The number of errors in the formset (Django's <c>total_error_count()</c>).</summary>
    public int TotalErrorCount() => NonFormErrors.Count + Errors.Sum(e => e.Values.Sum(l => l.Count));

    /// <summary>Whether the formset is bound, every form not marked for deletion is valid and there are no non-form errors (Django's <c>is_valid()</c>).</summary>
    public bool IsValid
    {
        get
        {
            if (!IsBound)
            {
                return false;
            }

            _ = Errors;
            return FormsValid() && NonFormErrors.Count == 0;
        }
    }

    private bool FormsValid()
    {
        var valid = true;
        foreach (var form in Forms)
        {
            if (!(CanDelete && ShouldDelete(form)))
            {
                valid &= form.IsValid;
            }
        }

        return valid;
    }

    /// <summary>Whether any form's data differs from its initial values (Django's <c>has_changed()</c>).</summary>
    public bool HasChanged() => Forms.Any(f => f.HasChanged());

    /// <summary>Whether the formset needs <c>enctype="multipart/form-data"</c> (Django's <c>is_multipart()</c>).</summary>
    public bool IsMultipart => Forms.Count > 0 ? Forms[0].IsMultipart : EmptyForm.IsMultipart;

    /// <summary>The forms marked for deletion, once the formset is valid (Django's <c>deleted_forms</c>); empty without <see cref="CanDelete"/>.</summary>
    public IReadOnlyList<TForm> DeletedForms => IsValid && CanDelete ? CollectDeleted() : [];

    private List<TForm> CollectDeleted()
    {
        var initial = InitialFormCount();
        var deleted = new List<TForm>();
        for (var i = 0; i < Forms.Count; i++)
        {
            var form = Forms[i];

            // an extra form left as rendered is not considered
            if (i >= initial && !form.HasChanged())
            {
                continue;
            }

            if (ShouldDelete(form))
            {
                deleted.Add(form);
            }
        }

        return deleted;
    }

    /// <summary>
    /// The forms in the order of their <c>ORDER</c> values, empty values last, unchanged extra and deleted forms left out
    /// (Django's <c>ordered_forms</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The formset is not valid or has no <c>ORDER</c> field (Django's <c>AttributeError</c>).</exception>
    public IReadOnlyList<TForm> OrderedForms
    {
        get
        {
            if (!IsValid || !CanOrder)
            {
                throw new InvalidOperationException($"'{GetType().Name}' object has no attribute 'ordered_forms'.");
            }

            var initial = InitialFormCount();
            var ordering = new List<(TForm Form, int? Order)>();
            for (var i = 0; i < Forms.Count; i++)
            {
                var form = Forms[i];
                if ((i >= initial && !form.HasChanged()) || (CanDelete && ShouldDelete(form)))
                {
                    continue;
                }

                ordering.Add((form, OrderOf(form)));
            }

            // a stable sort, as Python's: empty orders after every number
            return ordering.OrderBy(o => o.Order is null ? 1 : 0).ThenBy(o => o.Order ?? 0).Select(o => o.Form).ToList();
        }
    }

    /// <summary>
    /// Validation across forms after each form's (Django's <c>clean()</c>): call <see cref="AddNonFormError"/>. Like a
    /// <c>ValidationError</c> raised by Django's hook, errors added here replace the non-form errors found so far.
    /// </summary>
    protected virtual void Clean()
    {
    }

    /// <summary>Adds a formset error from <see cref="Clean"/> (Django's <c>raise ValidationError(...)</c> in <c>clean()</c>).</summary>
    protected void AddNonFormError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _cleanErrors.Add(message);
    }

    /// <summary>Validates every form, then the counts, then <see cref="Clean"/> (Django's <c>full_clean()</c>).</summary>
    private void FullClean()
    {
        _errors = [];
        _nonFormErrors = new ErrorList(null, "errorlist nonform");
        if (!IsBound)
        {
            return;
        }

        var management = ManagementForm;
        if (!management.IsValid)
        {
            _nonFormErrors.Add(MissingManagementFormMessage(string.Join(", ", management.Errors.Keys.Select(management.AddPrefix))));
        }

        var initial = InitialFormCount();
        var empty = 0;
        for (var i = 0; i < Forms.Count; i++)
        {
            var form = Forms[i];
            if (!form.HasChanged() && i >= initial)
            {
                empty++;
            }

            var errors = form.Errors;
            if (CanDelete && ShouldDelete(form))
            {
                continue;
            }

            _errors.Add(errors);
        }

        // Django reads deleted_forms here, which is empty while any form or the management form is invalid
        var deleted = CanDelete && FormsValid() && _nonFormErrors.Count == 0 ? CollectDeleted().Count : 0;
        var total = TotalFormCount();
        string? raised = null;
        if ((ValidateMax && total - deleted > MaxNum) || (management.TotalForms ?? 0) > EffectiveAbsoluteMax)
        {
            raised = TooManyFormsMessage(MaxNum);
        }
        else if (ValidateMin && total - deleted - empty < MinNum)
        {
            raised = TooFewFormsMessage(MinNum);
        }

        if (raised is not null)
        {
            _nonFormErrors = new ErrorList(null, "errorlist nonform");
            _nonFormErrors.Add(raised);
            return;
        }

        _cleanErrors.Clear();
        Clean();
        if (_cleanErrors.Count > 0)
        {
            _nonFormErrors = new ErrorList(null, "errorlist nonform");
            foreach (var message in _cleanErrors)
            {
                _nonFormErrors.Add(message);
            }
        }
    }

    /// <summary>Forgets the validation results, so the next <see cref="IsValid"/> validates again (after a model save added errors).</summary>
    private protected void ResetValidation()
    {
        _errors = null;
        _nonFormErrors = null;
    }

    /// <summary>
    /// Writes the management form and every form (Django 5's <c>formsets/div.html</c>, <c>p.html</c>, <c>table.html</c>,
    /// <c>ul.html</c>: <c>{{ formset.management_form }}{% for form in formset %}{{ form }}{% endfor %}</c>), after the CSRF
    /// input when rendered in a request. Like Django's it does not write <see cref="NonFormErrors"/>: templates do.
    /// </summary>
    public void WriteHtml(ref TemplateWriter writer)
    {
        FormLayout.WriteCsrf(HttpContext, ref writer);
        WriteLayout(ref writer, Renderer);
    }

    private void WriteLayout(ref TemplateWriter writer, FormRenderer renderer)
    {
        var management = ManagementForm;
        FormLayout.Write(management, ref writer, renderer == FormRenderer.Default ? FormRenderer.Div : renderer, csrf: false);
        foreach (var form in Forms)
        {
            FormLayout.Write(form, ref writer, renderer == FormRenderer.Default ? form.EffectiveRenderer() : renderer, csrf: false);
        }
    }

    /// <summary>The formset with its forms as <c>&lt;div&gt;</c>s (Django's <c>as_div()</c>).</summary>
    public IHtmlWritable AsDiv() => new Layout(this, FormRenderer.Div);

    /// <summary>The formset with its forms as paragraphs (Django's <c>as_p()</c>).</summary>
    public IHtmlWritable AsP() => new Layout(this, FormRenderer.P);

    /// <summary>The formset with its forms as table rows (Django's <c>as_table()</c>).</summary>
    public IHtmlWritable AsTable() => new Layout(this, FormRenderer.Table);

    /// <summary>The formset with its forms as list items (Django's <c>as_ul()</c>).</summary>
    public IHtmlWritable AsUl() => new Layout(this, FormRenderer.Ul);

    /// <summary>The formset rendered as a string.</summary>
    public string Render() => FormLayout.ToHtml(this);

    private sealed class Layout(FormSet<TForm> formset, FormRenderer renderer) : IHtmlWritable
    {
        public void WriteHtml(ref TemplateWriter writer) => formset.WriteLayout(ref writer, renderer);
    }
}

namespace Reinhardt.Admin;

/// <summary>
/// Registers a model with the admin (Django's <c>@admin.register(Question) class QuestionAdmin(admin.ModelAdmin)</c>) on a
/// <c>partial</c> class. The generator makes the class a <see cref="ModelAdmin{TModel, TColumns, TForm}"/> with typed code for
/// its list, search, filters, form and inlines; names are the model's C# property (or parameterless method) names,
/// checked at build time.
/// </summary>
/// <param name="model">The <c>[Model]</c> class.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AdminAttribute(Type model) : Attribute
{
    /// <summary>The model class.</summary>
    public Type Model { get; } = model;

    /// <summary>The change list's columns: properties or parameterless methods (Django's <c>list_display</c>); default: the model's text.</summary>
    public string[]? ListDisplay { get; set; }

    /// <summary>The columns that link to the change page (Django's <c>list_display_links</c>); default: the first column.</summary>
    public string[]? ListDisplayLinks { get; set; }

    /// <summary>The filters of the sidebar: <see cref="bool"/>, date, enum and foreign key properties (Django's <c>list_filter</c>).</summary>
    public string[]? ListFilter { get; set; }

    /// <summary>The text properties the search box looks in (Django's <c>search_fields</c>, <c>icontains</c>).</summary>
    public string[]? SearchFields { get; set; }

    /// <summary>The default order, a leading <c>-</c> for descending (Django's <c>ordering</c>); default: primary key descending.</summary>
    public string[]? Ordering { get; set; }

    /// <summary>Rows per change list page (Django's <c>list_per_page</c>).</summary>
    public int ListPerPage { get; set; } = 100;

    /// <summary>The form's fields, in order (Django's <c>fields</c>); default: every editable property.</summary>
    public string[]? Fields { get; set; }

    /// <summary>Properties or methods shown but not editable on the change page (Django's <c>readonly_fields</c>).</summary>
    public string[]? ReadonlyFields { get; set; }

    /// <summary>The <see cref="TabularInlineAttribute"/>/<see cref="StackedInlineAttribute"/> classes edited with the model (Django's <c>inlines</c>).</summary>
    public Type[]? Inlines { get; set; }

    /// <summary>A date property to drill down by year, month and day (Django's <c>date_hierarchy</c>).</summary>
    public string? DateHierarchy { get; set; }

    /// <summary>The model's name in the admin (Django's <c>verbose_name</c>); default: from the class name.</summary>
    public string? VerboseName { get; set; }

    /// <summary>The plural name (Django's <c>verbose_name_plural</c>); default: <see cref="VerboseName"/> + "s".</summary>
    public string? VerboseNamePlural { get; set; }
}

/// <summary>One group of fields on the change page (Django's <c>fieldsets</c> entry); repeat the attribute, in order.</summary>
/// <param name="name">The group's heading, or null for none.</param>
/// <param name="fields">The property names in the group.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class FieldsetAttribute(string? name, params string[] fields) : Attribute
{
    /// <summary>The heading.</summary>
    public string? Name { get; } = name;

    /// <summary>The property names.</summary>
    public string[] Fields { get; } = fields;

    /// <summary>CSS classes of the group (Django's <c>classes</c>, e.g. <c>collapse</c>).</summary>
    public string? Classes { get; set; }

    /// <summary>A description under the heading.</summary>
    public string? Description { get; set; }
}

/// <summary>
/// A custom admin action (Django's <c>@admin.action(description=...)</c>) on a method of the admin class:
/// <c>Task Name(QuerySet&lt;TModel, TModel.Columns&gt; selected, CancellationToken cancellationToken)</c> (the token is optional).
/// It runs on the selected rows in one transaction and is logged.
/// </summary>
/// <param name="description">The text in the actions menu.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class AdminActionAttribute(string description) : Attribute
{
    /// <summary>The text in the actions menu.</summary>
    public string Description { get; } = description;

    /// <summary>The permission the user needs (Django's <c>permissions</c>): <c>view</c>, <c>add</c>, <c>change</c> or <c>delete</c>.</summary>
    public string Permission { get; set; } = "change";
}

/// <summary>Options shared by tabular and stacked inlines.</summary>
/// <param name="model">The related <c>[Model]</c> class, with a foreign key to the parent.</param>
public abstract class InlineAttribute(Type model) : Attribute
{
    /// <summary>The related model.</summary>
    public Type Model { get; } = model;

    /// <summary>The number of empty forms (Django's <c>extra</c>).</summary>
    public int Extra { get; set; } = 3;

    /// <summary>The most forms (Django's <c>max_num</c>).</summary>
    public int MaxNum { get; set; } = 1000;

    /// <summary>The fewest forms (Django's <c>min_num</c>).</summary>
    public int MinNum { get; set; }

    /// <summary>Whether rows can be deleted (Django's <c>can_delete</c>).</summary>
    public bool CanDelete { get; set; } = true;

    /// <summary>The fields, in order; default: every editable property but the foreign key.</summary>
    public string[]? Fields { get; set; }

    /// <summary>The foreign key property to the parent (Django's <c>fk_name</c>) when the model has several.</summary>
    public string? ForeignKey { get; set; }

    /// <summary>The related model's name in headings; default: from the class name.</summary>
    public string? VerboseName { get; set; }

    /// <summary>The plural name; default: <see cref="VerboseName"/> + "s".</summary>
    public string? VerboseNamePlural { get; set; }
}

/// <summary>Django's <c>TabularInline</c> on a <c>partial</c> class: related rows edited as table rows.</summary>
/// <param name="model">The related model.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TabularInlineAttribute(Type model) : InlineAttribute(model);

/// <summary>Django's <c>StackedInline</c> on a <c>partial</c> class: related rows edited as stacked forms.</summary>
/// <param name="model">The related model.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class StackedInlineAttribute(Type model) : InlineAttribute(model);

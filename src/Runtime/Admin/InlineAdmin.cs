using Reinhardt.Data;
using Reinhardt.Forms;

namespace Reinhardt.Admin;

/// <summary>Prints rows of a model by key, for the delete confirmation's list of cascaded objects.</summary>
/// <param name="Table">The model's table.</param>
/// <param name="VerboseName">The model's name.</param>
/// <param name="VerboseNamePlural">Its plural.</param>
/// <param name="Describe">The text of each row (its <c>ToString()</c>), by key order.</param>
public sealed record ModelDescriber(
    string Table,
    string VerboseName,
    string VerboseNamePlural,
    Func<Database, IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyList<string>>> Describe)
{
    /// <summary>The describer of a model: <c>SELECT</c> by keys, then <c>ToString()</c>.</summary>
    public static ModelDescriber For<TModel, TColumns>(string verboseName, string verboseNamePlural)
        where TModel : class, IModel<TModel>
        where TColumns : class, IColumnSet<TColumns> =>
        new(TModel.Schema.Name, verboseName, verboseNamePlural, async (database, keys, cancellationToken) =>
        {
            var texts = new List<string>(keys.Count);
            var key = new Column<long>(QuerySet<TModel, TColumns>.Columns.Table, TModel.Schema.PrimaryKey.Name);
            foreach (var chunk in keys.Chunk(SqlLimits.MaxParameters))
            {
                var rows = await new QuerySet<TModel, TColumns>(database).Where(key.In(chunk)).OrderBy(_ => key).ToListAsync(cancellationToken).ConfigureAwait(false);
                texts.AddRange(rows.Select(r => r.ToString() ?? ""));
            }

            return texts;
        });
}

/// <summary>
/// An inline (Django's <c>InlineModelAdmin</c>) on the change page of a <typeparamref name="TParent"/>: a related model edited
/// with its parent. (One interface per parent type rather than a generic method: no generic virtual method, which Native
/// AOT handles poorly with static abstract members.)
/// </summary>
/// <typeparam name="TParent">The parent model.</typeparam>
public interface IInlineAdmin<TParent>
    where TParent : class, IModel<TParent>
{
    /// <summary>The related model's name.</summary>
    string VerboseName { get; }

    /// <summary>Prints the related model's rows.</summary>
    ModelDescriber Describer { get; }

    /// <summary>The formset of <paramref name="parent"/>'s related rows, bound to <paramref name="data"/> when given.</summary>
    Task<IBoundInline> BindAsync(TParent parent, IFormCollection? data, Database database, CancellationToken cancellationToken);
}

/// <summary>An inline formset of one request.</summary>
public interface IBoundInline
{
    /// <summary>Whether the posted formset is valid.</summary>
    bool IsValid { get; }

    /// <summary>Saves the formset (inside the caller's transaction); false when a row failed model validation.</summary>
    Task<bool> SaveAsync(Database database, CancellationToken cancellationToken);

    /// <summary>Adds what the save did to the parent's change message.</summary>
    void AddChangeMessages(ChangeMessageBuilder message);

    /// <summary>What the change page renders.</summary>
    AdminInlineView View();
}

/// <summary>What the admin generator knows about one inline class.</summary>
public sealed class InlineDefinition<TModel, TColumns>
    where TModel : class, IModel<TModel>
    where TColumns : class, IColumnSet<TColumns>
{
    /// <summary>The related model's name.</summary>
    public required string VerboseName { get; init; }

    /// <summary>Its plural.</summary>
    public required string VerboseNamePlural { get; init; }

    /// <summary>The foreign key field to the parent (<c>question</c>).</summary>
    public required string ForeignKey { get; init; }

    /// <summary>The rows of a parent, by its key.</summary>
    public required Func<TColumns, long, Q> OfParent { get; init; }

    /// <summary>Tabular (true) or stacked.</summary>
    public bool Tabular { get; init; } = true;

    /// <summary>Django's <c>extra</c>.</summary>
    public int Extra { get; init; } = 3;

    /// <summary>Django's <c>max_num</c>.</summary>
    public int MaxNum { get; init; } = 1000;

    /// <summary>Django's <c>min_num</c>.</summary>
    public int MinNum { get; init; }

    /// <summary>Django's <c>can_delete</c>.</summary>
    public bool CanDelete { get; init; } = true;
}

/// <summary>The runtime half of a <c>[TabularInline]</c>/<c>[StackedInline]</c> class; the generator supplies <see cref="Define"/> and the form.</summary>
/// <typeparam name="TModel">The related model.</typeparam>
/// <typeparam name="TColumns">Its generated columns.</typeparam>
/// <typeparam name="TForm">The generated model form of the inline's fields.</typeparam>
public abstract class InlineAdmin<TModel, TColumns, TForm>
    where TModel : class, IModel<TModel>
    where TColumns : class, IColumnSet<TColumns>
    where TForm : Form, IModelForm<TForm, TModel>
{
    private InlineDefinition<TModel, TColumns>? _definition;
    private ModelDescriber? _describer;

    /// <summary>The generated definition.</summary>
    protected abstract InlineDefinition<TModel, TColumns> Define();

    /// <summary>The definition, built once.</summary>
    public InlineDefinition<TModel, TColumns> Definition => _definition ??= Define();

    /// <summary>The related model's name.</summary>
    public string VerboseName => Definition.VerboseName;

    /// <summary>Prints the related model's rows.</summary>
    public ModelDescriber Describer => _describer ??= ModelDescriber.For<TModel, TColumns>(Definition.VerboseName, Definition.VerboseNamePlural);

    /// <summary>This inline on the change page of <typeparamref name="TParent"/> (the generated admin calls it with its model).</summary>
    public IInlineAdmin<TParent> For<TParent>()
        where TParent : class, IModel<TParent> =>
        new OfParent<TParent>(this);

    private sealed class OfParent<TParent>(InlineAdmin<TModel, TColumns, TForm> inline) : IInlineAdmin<TParent>
        where TParent : class, IModel<TParent>
    {
        public string VerboseName => inline.VerboseName;

        public ModelDescriber Describer => inline.Describer;

        public Task<IBoundInline> BindAsync(TParent parent, IFormCollection? data, Database database, CancellationToken cancellationToken) =>
            inline.BindAsync(parent, data, database, cancellationToken);
    }

    private async Task<IBoundInline> BindAsync<TParent>(TParent parent, IFormCollection? data, Database database, CancellationToken cancellationToken)
        where TParent : class, IModel<TParent>
    {
        var definition = Definition;
        var parentKey = TParent.GetKey(parent);
        IReadOnlyList<TModel> children = [];
        if (parentKey != 0)
        {
            var key = new Column<long>(QuerySet<TModel, TColumns>.Columns.Table, TModel.Schema.PrimaryKey.Name);
            children = await new QuerySet<TModel, TColumns>(database)
                .Filter(c => definition.OfParent(c, parentKey))
                .OrderBy(_ => key)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var formset = new InlineFormSet<TForm, TModel, TParent>(parent, children, data, foreignKey: definition.ForeignKey)
        {
            Extra = definition.Extra,
            MaxNum = definition.MaxNum,
            MinNum = definition.MinNum,
            CanDelete = definition.CanDelete,
            CanDeleteExtra = false,
        };
        return new Bound<TParent>(definition, formset);
    }

    private sealed class Bound<TParent>(InlineDefinition<TModel, TColumns> definition, InlineFormSet<TForm, TModel, TParent> formset) : IBoundInline
        where TParent : class, IModel<TParent>
    {
        private readonly List<(string Kind, string Text, IReadOnlyList<string> Fields)> _done = [];

        public bool IsValid => !formset.IsBound || formset.IsValid;

        public async Task<bool> SaveAsync(Database database, CancellationToken cancellationToken)
        {
            if (!formset.IsBound)
            {
                return true;
            }

            // what each form does, read before the save (deleted rows keep their text, changed ones their fields)
            var plan = new List<(TForm Form, string Kind, IReadOnlyList<string> Fields)>();
            var initial = formset.InitialForms.Count;
            for (var i = 0; i < formset.Forms.Count; i++)
            {
                var form = formset.Forms[i];
                if (formset.CanDelete && i < initial && formset.ShouldDelete(form))
                {
                    plan.Add((form, "deleted", []));
                }
                else if (form.HasChanged())
                {
                    var fields = form.ChangedData().Where(f => f != "DELETE").Select(f => form[f].Label).ToList();
                    plan.Add((form, i < initial ? "changed" : "added", fields));
                }
            }

            var deletedTexts = plan.Where(p => p.Kind == "deleted").Select(p => p.Form.Instance?.ToString() ?? "").ToList();
            if (!await formset.SaveAsync(database, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var deleted = 0;
            foreach (var (form, kind, fields) in plan)
            {
                var text = kind == "deleted" ? deletedTexts[deleted++] : form.Instance?.ToString() ?? "";
                if (kind != "changed" || fields.Count > 0)
                {
                    _done.Add((kind, text, fields));
                }
            }

            return true;
        }

        public void AddChangeMessages(ChangeMessageBuilder message)
        {
            // Django's construct_change_message: the formset's new objects, then the changed ones, then the deleted ones
            foreach (var (kind, text, fields) in _done.OrderBy(d => d.Kind switch { "added" => 0, "changed" => 1, _ => 2 }))
            {
                _ = kind switch
                {
                    "added" => message.AddedRelated(definition.VerboseName, text),
                    "changed" => message.ChangedRelated(definition.VerboseName, text, fields),
                    _ => message.DeletedRelated(definition.VerboseName, text),
                };
            }
        }

        public AdminInlineView View()
        {
            var initial = formset.InitialFormCount();
            var forms = new List<AdminInlineForm>();
            for (var i = 0; i < formset.Forms.Count; i++)
            {
                var form = formset.Forms[i];
                var isInitial = i < initial;
                var visible = form.VisibleFields().Where(f => f.Name != "DELETE").ToList();
                BoundField? delete = formset.CanDelete && isInitial ? form["DELETE"] : null;
                var original = isInitial && i < formset.Instances.Count ? formset.Instances[i].ToString() : null;
                var hasErrors = form.IsBound && form.Errors.Count > 0;
                forms.Add(new AdminInlineForm(original, form.HiddenFields(), visible, delete, form.NonFieldErrors, hasErrors));
            }

            var headers = formset.EmptyForm.VisibleFields().Where(f => f.Name != "DELETE").Select(f => f.Label).ToList();
            return new AdminInlineView(formset.Prefix, definition.Tabular, definition.VerboseName, definition.VerboseNamePlural, formset.ManagementForm.AsDiv(), headers, forms, formset.NonFormErrors);
        }
    }
}

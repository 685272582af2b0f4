using System.Globalization;
using Reinhardt.Auth;
using Reinhardt.Data;
using Reinhardt.Forms;
using Reinhardt.Http;

namespace Reinhardt.Admin;

/// <summary>A model registered with an <see cref="AdminSite"/>: what the site's index and dispatcher need.</summary>
public interface IModelAdmin
{
    /// <summary>The app label.</summary>
    string AppLabel { get; }

    /// <summary>Django's <c>model_name</c> (the URL segment).</summary>
    string ModelName { get; }

    /// <summary>The verbose name.</summary>
    string VerboseName { get; }

    /// <summary>The plural verbose name.</summary>
    string VerboseNamePlural { get; }

    /// <summary>Prints rows of the model and of its inlines' models (for cascade lists).</summary>
    IEnumerable<ModelDescriber> Describers { get; }

    /// <summary>Whether the user may do <paramref name="action"/> (<c>view</c>, <c>add</c>, <c>change</c>, <c>delete</c>) on the model.</summary>
    bool HasPermission(RequestUser user, string action);

    /// <summary>Answers one admin request for this model: <paramref name="view"/> is <c>changelist</c>, <c>add</c>, <c>change</c>, <c>delete</c> or <c>history</c>.</summary>
    Task HandleAsync(AdminRequest request, string view, string? objectId);
}

/// <summary>
/// Django's <c>ModelAdmin</c>: the change list, add/change form, delete confirmation and history of one model. The admin
/// generator derives each <c>[Admin]</c> class from it and supplies <see cref="Define"/>, the form and the actions, as typed code.
/// </summary>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TColumns">Its generated columns.</typeparam>
/// <typeparam name="TForm">The generated model form of the admin's fields.</typeparam>
public abstract partial class ModelAdmin<TModel, TColumns, TForm> : IModelAdmin
    where TModel : class, IModel<TModel>, new()
    where TColumns : class, IColumnSet<TColumns>
    where TForm : Form, IModelForm<TForm, TModel>
{
    private AdminModelDefinition<TModel, TColumns>? _definition;

    /// <summary>The generated definition.</summary>
    protected abstract AdminModelDefinition<TModel, TColumns> Define();

    /// <summary>Validates and saves the form (the generated model form's <c>SaveAsync</c>); null when invalid.</summary>
    protected abstract Task<TModel?> SaveFormAsync(TForm form, Database database, CancellationToken cancellationToken);

    /// <summary>
    /// Checks that the foreign keys the form names exist (the generated override adds Django's "Select a valid choice." to
    /// the field otherwise), so a bad key is a form error instead of a constraint failure.
    /// </summary>
    protected virtual Task ValidateRelationsAsync(TForm form, Database database, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The definition, built once.</summary>
    public AdminModelDefinition<TModel, TColumns> Definition => _definition ??= Define();

    /// <inheritdoc/>
    public string AppLabel => Definition.AppLabel;

    /// <inheritdoc/>
    public string ModelName => Definition.ModelName;

    /// <inheritdoc/>
    public string VerboseName => Definition.VerboseName;

    /// <inheritdoc/>
    public string VerboseNamePlural => Definition.VerboseNamePlural;

    /// <inheritdoc/>
    public IEnumerable<ModelDescriber> Describers =>
        [ModelDescriber.For<TModel, TColumns>(VerboseName, VerboseNamePlural), .. Definition.Inlines.Select(i => i.Describer)];

    private static Column<long> KeyColumn => new(QuerySet<TModel, TColumns>.Columns.Table, TModel.Schema.PrimaryKey.Name);

    /// <inheritdoc/>
    public bool HasPermission(RequestUser user, string action)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codename = Definition.AppLabel + "." + action + "_" + Definition.ModelName;
        // Django: the change permission implies view
        return user.HasPermission(codename) || (action == "view" && user.HasPermission(Definition.AppLabel + ".change_" + Definition.ModelName));
    }

    /// <inheritdoc/>
    public Task HandleAsync(AdminRequest request, string view, string? objectId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return view switch
        {
            "changelist" => ChangeListAsync(request),
            "add" => ChangeFormAsync(request, null),
            "change" => WithObjectAsync(request, objectId, o => ChangeFormAsync(request, o)),
            "delete" => WithObjectAsync(request, objectId, o => DeleteAsync(request, o)),
            "history" => WithObjectAsync(request, objectId, o => HistoryAsync(request, o)),
            _ => ErrorPages.WriteAsync(request.Context, StatusCodes.Status404NotFound),
        };
    }

    /// <summary>The model's change list URL.</summary>
    protected AdminUrl ChangeListUrl(AdminRequest request, string query = "") => request.Site.Url($"{AppLabel}/{ModelName}/{query}");

    private AdminUrl ObjectUrl(AdminRequest request, long key, string view) =>
        request.Site.Url($"{AppLabel}/{ModelName}/{key.ToString(CultureInfo.InvariantCulture)}/{view}/");

    private List<AdminLink> Crumbs(AdminRequest request, bool linkModel = true) =>
    [
        new(AdminDisplay.CapFirst(AppLabel), request.Site.Url(AppLabel + "/")),
        new(AdminDisplay.CapFirst(VerboseNamePlural), linkModel && HasPermission(request.User, "view") ? ChangeListUrl(request) : null),
    ];

    private async Task WithObjectAsync(AdminRequest request, string? objectId, Func<TModel, Task> view)
    {
        // Django: a key that is not a number or names no row is "question with ID “x” doesn't exist."
        if (objectId is null || !long.TryParse(objectId, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            || await new QuerySet<TModel, TColumns>(request.Database).Where(KeyColumn == key).FirstOrDefaultAsync(request.Aborted).ConfigureAwait(false) is not { } model)
        {
            await ErrorPages.WriteAsync(request.Context, StatusCodes.Status404NotFound, $"{AdminDisplay.CapFirst(VerboseName)} with ID “{objectId}” doesn’t exist. Perhaps it was deleted?").ConfigureAwait(false);
            return;
        }

        await view(model).ConfigureAwait(false);
    }

    private static Task ForbiddenAsync(AdminRequest request) =>
        ErrorPages.WriteAsync(request.Context, StatusCodes.Status403Forbidden, "You do not have permission to do this.");

    private static Task RedirectAsync(AdminRequest request, AdminUrl url)
    {
        request.Context.Response.StatusCode = StatusCodes.Status302Found;
        request.Context.Response.Headers.Location = url.Path;
        return Task.CompletedTask;
    }

    private static string Key(TModel model) => TModel.GetKey(model).ToString(CultureInfo.InvariantCulture);

    private static async Task LogAsync(AdminRequest request, TModel model, int flag, string message, string appLabel, string modelName) =>
        await request.Database.SaveAsync(
            new LogEntry
            {
                ActionTime = DateTimeOffset.UtcNow,
                UserId = request.User.Id,
                ContentTypeId = await AdminLog.ContentTypeIdAsync(request.Database, appLabel, modelName, request.Aborted).ConfigureAwait(false),
                ObjectId = Key(model),
                ObjectRepr = Truncate(model.ToString() ?? "", 200),
                ActionFlag = flag,
                ChangeMessage = message,
            },
            request.Aborted).ConfigureAwait(false);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    // ---------------------------------------------------------------- change form

    private async Task ChangeFormAsync(AdminRequest request, TModel? existing)
    {
        var context = request.Context;
        var isAdd = existing is null;
        var post = HttpMethods.IsPost(context.Request.Method);
        if (!post && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            return;
        }

        var canSave = isAdd ? HasPermission(request.User, "add") : HasPermission(request.User, "change");
        if ((isAdd && !canSave) || (!isAdd && !HasPermission(request.User, "view")) || (post && !canSave))
        {
            await ForbiddenAsync(request).ConfigureAwait(false);
            return;
        }

        var data = post ? await Form.ReadSubmissionAsync(context).ConfigureAwait(false) : null;
        var instance = existing ?? new TModel();
        var form = isAdd && !post ? TForm.Create() : TForm.ForInstance(instance);
        form.Instance = instance;
        form.HttpContext = context;
        if (data is not null)
        {
            form.SetData(data);
        }

        var inlines = new List<IBoundInline>();
        foreach (var inline in Definition.Inlines)
        {
            inlines.Add(await inline.BindAsync(instance, data, request.Database, request.Aborted).ConfigureAwait(false));
        }

        if (data is not null)
        {
            var valid = form.IsValid;
            if (valid)
            {
                await ValidateRelationsAsync(form, request.Database, request.Aborted).ConfigureAwait(false);
                valid = form.IsValid;
            }

            foreach (var inline in inlines)
            {
                valid &= inline.IsValid;
            }

            if (valid && await SaveAsync(request, form, inlines, isAdd).ConfigureAwait(false) is { } saved)
            {
                var text = saved.ToString();
                var link = ObjectUrl(request, TModel.GetKey(saved), "change");
                AdminUrl next;
                if (data.ContainsKey("_continue"))
                {
                    Messages.Success(context, $"The {VerboseName} “{text}” was {(isAdd ? "added" : "changed")} successfully. You may edit it again below.");
                    next = link;
                }
                else if (data.ContainsKey("_addanother"))
                {
                    Messages.Success(context, $"The {VerboseName} “{text}” was {(isAdd ? "added" : "changed")} successfully. You may add another {VerboseName} below.");
                    next = request.Site.Url($"{AppLabel}/{ModelName}/add/");
                }
                else
                {
                    Messages.Success(context, $"The {VerboseName} “{text}” was {(isAdd ? "added" : "changed")} successfully.");
                    next = HasPermission(request.User, "view") ? ChangeListUrl(request) : request.Site.Url("");
                }

                await RedirectAsync(request, next).ConfigureAwait(false);
                return;
            }
        }

        var page = BuildChangeFormPage(request, form, inlines, existing, canSave);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await ((IResult)page).ExecuteAsync(context).ConfigureAwait(false);
    }

    private sealed class RollbackException : Exception;

    // every write of the save, and its log entry, in one transaction; a model error (unique, check) rolls all of it back
    private async Task<TModel?> SaveAsync(AdminRequest request, TForm form, List<IBoundInline> inlines, bool isAdd)
    {
        TModel? saved = null;
        try
        {
            await request.Database.AtomicAsync(
                async () =>
                {
                    var changed = form.ChangedData().Select(f => form[f].Label).ToList();
                    saved = await SaveFormAsync(form, request.Database, request.Aborted).ConfigureAwait(false) ?? throw new RollbackException();
                    foreach (var inline in inlines)
                    {
                        if (!await inline.SaveAsync(request.Database, request.Aborted).ConfigureAwait(false))
                        {
                            throw new RollbackException();
                        }
                    }

                    var message = new ChangeMessageBuilder();
                    if (isAdd)
                    {
                        message.Added();
                    }
                    else
                    {
                        message.Changed(changed);
                    }

                    foreach (var inline in inlines)
                    {
                        inline.AddChangeMessages(message);
                    }

                    await LogAsync(request, saved, isAdd ? LogEntry.Addition : LogEntry.Change, message.ToString(), AppLabel, ModelName).ConfigureAwait(false);
                },
                request.Aborted).ConfigureAwait(false);
        }
        catch (RollbackException)
        {
            if (isAdd && saved is not null)
            {
                TModel.SetKey(saved, 0);
            }

            return null;
        }

        return saved;
    }

    private AdminChangeFormPage BuildChangeFormPage(AdminRequest request, TForm form, List<IBoundInline> inlines, TModel? existing, bool canSave)
    {
        var isAdd = existing is null;
        var definition = Definition;
        var fieldsets = definition.Fieldsets.Count > 0
            ? definition.Fieldsets
            : [new AdminFieldset(null, [.. form.Fields.Select(f => f.Name), .. definition.ReadonlyFields.Select(r => r.Name)])];
        var views = new List<AdminFieldsetView>();
        foreach (var fieldset in fieldsets)
        {
            var lines = new List<AdminFieldLine>();
            foreach (var name in fieldset.Fields)
            {
                var readonlyField = definition.ReadonlyFields.FirstOrDefault(r => r.Name == name);
                if (readonlyField is not null || !canSave)
                {
                    var label = readonlyField?.Label ?? form[name].Label;
                    var text = readonlyField is not null
                        ? (existing is null ? AdminDisplay.Empty : AdminDisplay.Text(readonlyField.Value(existing)))
                        : form[name].Value ?? AdminDisplay.Empty;
                    lines.Add(new AdminFieldLine(null, label, text));
                }
                else
                {
                    lines.Add(new AdminFieldLine(form[name], "", ""));
                }
            }

            views.Add(new AdminFieldsetView(fieldset.Name, fieldset.Classes ?? "", fieldset.Description, lines));
        }

        var errorCount = form.IsBound ? form.Errors.Values.Sum(e => e.Count) : 0;
        var inlineViews = canSave ? inlines.Select(i => i.View()).ToList() : [];
        foreach (var inline in inlineViews)
        {
            errorCount += inline.Forms.Count(f => f.HasErrors) + inline.NonFormErrors.Count;
        }

        var title = isAdd
            ? $"Add {VerboseName}"
            : canSave ? $"Change {VerboseName}" : $"View {VerboseName}";
        var crumbs = Crumbs(request);
        crumbs.Add(new AdminLink(isAdd ? title : existing!.ToString() ?? "", null));
        var key = existing is null ? 0 : TModel.GetKey(existing);
        return new AdminChangeFormPage(
            request.Chrome(title, crumbs, $"app-{AppLabel} model-{ModelName} change-form"),
            isAdd,
            canSave,
            existing?.ToString(),
            views,
            form.NonFieldErrors,
            errorCount,
            inlineViews,
            isAdd ? null : ObjectUrl(request, key, "history"),
            !isAdd && HasPermission(request.User, "delete") ? ObjectUrl(request, key, "delete") : null,
            HasPermission(request.User, "add"),
            form.IsMultipart);
    }

    // ---------------------------------------------------------------- delete and history

    private async Task DeleteAsync(AdminRequest request, TModel model)
    {
        if (!HasPermission(request.User, "delete"))
        {
            await ForbiddenAsync(request).ConfigureAwait(false);
            return;
        }

        var context = request.Context;
        var key = TModel.GetKey(model);
        var cascade = await request.Site.DescribeDeletionAsync(request.Database, TModel.Schema, [key], request.Aborted).ConfigureAwait(false);
        var text = model.ToString() ?? "";
        if (HttpMethods.IsPost(context.Request.Method) && cascade.Protected.Count == 0)
        {
            await request.Database.AtomicAsync(
                async () =>
                {
                    await LogAsync(request, model, LogEntry.Deletion, "", AppLabel, ModelName).ConfigureAwait(false);
                    await request.Database.DeleteAsync(model, request.Aborted).ConfigureAwait(false);
                },
                request.Aborted).ConfigureAwait(false);
            Messages.Success(context, $"The {VerboseName} “{text}” was deleted successfully.");
            await RedirectAsync(request, HasPermission(request.User, "view") ? ChangeListUrl(request) : request.Site.Url("")).ConfigureAwait(false);
            return;
        }

        var crumbs = Crumbs(request);
        crumbs.Add(new AdminLink(text, ObjectUrl(request, key, "change")));
        crumbs.Add(new AdminLink("Delete", null));
        var page = new AdminDeleteConfirmationPage(
            request.Chrome("Are you sure?", crumbs, $"app-{AppLabel} model-{ModelName} delete-confirmation"),
            $"the {VerboseName} “{text}”",
            cascade.Deleted,
            cascade.Summary,
            cascade.Protected,
            [],
            ObjectUrl(request, key, "change"));
        await ((IResult)page).ExecuteAsync(context).ConfigureAwait(false);
    }

    private async Task HistoryAsync(AdminRequest request, TModel model)
    {
        if (!HasPermission(request.User, "view"))
        {
            await ForbiddenAsync(request).ConfigureAwait(false);
            return;
        }

        var id = Key(model);
        var contentType = await AdminLog.ContentTypeIdAsync(request.Database, AppLabel, ModelName, request.Aborted).ConfigureAwait(false);
        var entries = await new QuerySet<LogEntry, LogEntry.Columns>(request.Database)
            .Filter(c => c.ContentTypeId == contentType & c.ObjectId == id)
            .OrderBy(c => c.ActionTime, c => c.Id)
            .ToListAsync(request.Aborted).ConfigureAwait(false);
        var users = await AdminSite.UserNamesAsync(request.Database, [.. entries.Select(e => e.UserId).Distinct()], request.Aborted).ConfigureAwait(false);
        var crumbs = Crumbs(request);
        crumbs.Add(new AdminLink(model.ToString() ?? "", ObjectUrl(request, TModel.GetKey(model), "change")));
        crumbs.Add(new AdminLink("History", null));
        var page = new AdminHistoryPage(
            request.Chrome($"Change history: {model}", crumbs, $"app-{AppLabel} model-{ModelName} change-list"),
            [.. entries.Select(e => new AdminHistoryEntry(
                AdminDisplay.Text(e.ActionTime),
                users.TryGetValue(e.UserId, out var user) ? user : e.UserId.ToString(CultureInfo.InvariantCulture),
                e.ChangeMessageText()))]);
        await ((IResult)page).ExecuteAsync(request.Context).ConfigureAwait(false);
    }
}

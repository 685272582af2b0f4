using Reinhardt.Forms;
using Reinhardt.Templates;

namespace Reinhardt.Admin;

/// <summary>
/// A URL the admin built itself (always a path starting with <c>/</c>, so never a <c>javascript:</c> URL): templates write it
/// into <c>href</c>/<c>action</c> attributes as it is (escaped), which they refuse for arbitrary text (RH3004).
/// </summary>
public sealed class AdminUrl
{
    internal AdminUrl(string path)
    {
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("An admin URL is a path on this site.", nameof(path));
        }

        Path = path;
    }

    /// <summary>The path and query.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string ToString() => Path;
}

/// <summary>A link in the admin (breadcrumbs, drill-downs); <see cref="Url"/> null for plain text.</summary>
/// <param name="Text">The link text.</param>
/// <param name="Url">The target.</param>
public sealed record AdminLink(string Text, AdminUrl? Url);

/// <summary>A hidden input (the change list's filters kept by the search form).</summary>
public sealed record AdminHiddenInput(string Name, string Value);

/// <summary>A message shown at the top of an admin page.</summary>
/// <param name="Tag">The level tag (<c>success</c>, <c>warning</c>, <c>error</c>, <c>info</c>).</param>
/// <param name="Text">The message.</param>
public sealed record AdminMessage(string Tag, string Text);

/// <summary>What every admin page shows around its content: the header, the user, breadcrumbs and messages.</summary>
/// <param name="SiteHeader">Django's <c>site_header</c>.</param>
/// <param name="SiteTitle">Django's <c>site_title</c>.</param>
/// <param name="Title">The page title.</param>
/// <param name="IndexUrl">The admin index.</param>
/// <param name="StaticUrl">The admin's static prefix (ends with a slash).</param>
/// <param name="UserName">The logged-in user's name, or null.</param>
/// <param name="LogoutUrl">Where the logout form posts, or null without authentication.</param>
/// <param name="Breadcrumbs">The trail after "Home".</param>
/// <param name="Messages">Messages to show.</param>
/// <param name="BodyClass">The <c>body</c> CSS class.</param>
public sealed record AdminChrome(
    string SiteHeader,
    string SiteTitle,
    string Title,
    AdminUrl IndexUrl,
    AdminUrl StaticUrl,
    string? UserName,
    AdminUrl? LogoutUrl,
    IReadOnlyList<AdminLink> Breadcrumbs,
    IReadOnlyList<AdminMessage> Messages,
    string BodyClass);

/// <summary>A model on the index page.</summary>
/// <param name="Name">The plural name, capitalised.</param>
/// <param name="ChangeListUrl">The change list, or null without view permission.</param>
/// <param name="AddUrl">The add page, or null without add permission.</param>
/// <param name="ViewOnly">Whether the user may only view.</param>
public sealed record AdminModelLink(string Name, AdminUrl? ChangeListUrl, AdminUrl? AddUrl, bool ViewOnly);

/// <summary>An app on the index page.</summary>
/// <param name="Name">The app label, capitalised.</param>
/// <param name="Label">The app label.</param>
/// <param name="Url">The app index.</param>
/// <param name="Models">Its models the user may see.</param>
public sealed record AdminAppLink(string Name, string Label, AdminUrl Url, IReadOnlyList<AdminModelLink> Models);

/// <summary>The admin index (<c>admin/index.html</c>).</summary>
[Template("admin/index.html")]
public sealed partial record AdminIndexPage(AdminChrome Chrome, IReadOnlyList<AdminAppLink> Apps);

/// <summary>One choice of a sidebar filter.</summary>
public sealed record AdminFilterChoice(string Label, AdminUrl Url, bool Selected);

/// <summary>A sidebar filter.</summary>
public sealed record AdminFilterView(string Title, IReadOnlyList<AdminFilterChoice> Choices);

/// <summary>A column heading of the change list.</summary>
/// <param name="Label">The heading.</param>
/// <param name="SortUrl">The URL sorting by it (toggling the direction), or null when not sortable.</param>
/// <param name="Sorted"><c>ascending</c>, <c>descending</c> or empty.</param>
/// <param name="RemoveSortUrl">The URL without this column in the order, when sorted.</param>
public sealed record AdminHeader(string Label, AdminUrl? SortUrl, string Sorted, AdminUrl? RemoveSortUrl);

/// <summary>A change list cell.</summary>
/// <param name="Text">The text.</param>
/// <param name="Url">The change page link (first column), or null.</param>
/// <param name="Icon"><c>yes</c>/<c>no</c> for booleans, else null.</param>
public sealed record AdminCell(string Text, AdminUrl? Url, string? Icon);

/// <summary>A change list row.</summary>
/// <param name="Key">The primary key (the checkbox value).</param>
/// <param name="Label">The row's text (for the checkbox label).</param>
/// <param name="Cells">The cells.</param>
public sealed record AdminRow(string Key, string Label, IReadOnlyList<AdminCell> Cells);

/// <summary>A page link of the change list's paginator; <see cref="Url"/> null for "…".</summary>
public sealed record AdminPageLink(string Text, AdminUrl? Url, bool Current);

/// <summary>An action of the change list's menu.</summary>
public sealed record AdminActionChoice(string Name, string Description);

/// <summary>The change list (<c>admin/change_list.html</c>).</summary>
[Template("admin/change_list.html")]
public sealed partial record AdminChangeListPage(
    AdminChrome Chrome,
    string ModelPlural,
    AdminUrl? AddUrl,
    string AddLabel,
    bool HasSearch,
    string Query,
    AdminUrl SearchUrl,
    IReadOnlyList<AdminHiddenInput> HiddenParameters,
    IReadOnlyList<AdminFilterView> Filters,
    AdminUrl? ClearFiltersUrl,
    IReadOnlyList<AdminLink> DateHierarchy,
    IReadOnlyList<AdminHeader> Headers,
    IReadOnlyList<AdminRow> Rows,
    IReadOnlyList<AdminActionChoice> Actions,
    string ResultCount,
    string? FullCountText,
    IReadOnlyList<AdminPageLink> Pages);

/// <summary>One line of a fieldset: an editable field or a read-only value.</summary>
/// <param name="Field">The bound field, or null for a read-only value.</param>
/// <param name="Label">The label of a read-only value.</param>
/// <param name="Text">The read-only value.</param>
public sealed record AdminFieldLine(BoundField? Field, string Label, string Text);

/// <summary>A fieldset of the change page.</summary>
public sealed record AdminFieldsetView(string? Name, string Classes, string? Description, IReadOnlyList<AdminFieldLine> Lines);

/// <summary>One form of an inline formset.</summary>
/// <param name="Original">The related object's text (existing rows), or null for extra forms.</param>
/// <param name="Hidden">The hidden fields (key, foreign key).</param>
/// <param name="Fields">The visible fields, without the delete box.</param>
/// <param name="Delete">The delete box, or null.</param>
/// <param name="Errors">The form's non-field errors.</param>
/// <param name="HasErrors">Whether the form has any error.</param>
public sealed record AdminInlineForm(string? Original, IReadOnlyList<BoundField> Hidden, IReadOnlyList<BoundField> Fields, BoundField? Delete, ErrorList Errors, bool HasErrors);

/// <summary>An inline formset of the change page.</summary>
/// <param name="Prefix">The formset prefix (<c>choice_set</c>).</param>
/// <param name="Tabular">Whether it is tabular (else stacked).</param>
/// <param name="VerboseName">The related model's name.</param>
/// <param name="VerboseNamePlural">Its plural.</param>
/// <param name="ManagementForm">The management form.</param>
/// <param name="Headers">The column headings (tabular).</param>
/// <param name="Forms">The forms.</param>
/// <param name="NonFormErrors">The formset's errors.</param>
public sealed record AdminInlineView(
    string Prefix,
    bool Tabular,
    string VerboseName,
    string VerboseNamePlural,
    IHtmlWritable ManagementForm,
    IReadOnlyList<string> Headers,
    IReadOnlyList<AdminInlineForm> Forms,
    ErrorList NonFormErrors);

/// <summary>The add and change page (<c>admin/change_form.html</c>).</summary>
[Template("admin/change_form.html")]
public sealed partial record AdminChangeFormPage(
    AdminChrome Chrome,
    bool IsAdd,
    bool CanSave,
    string? ObjectText,
    IReadOnlyList<AdminFieldsetView> Fieldsets,
    ErrorList NonFieldErrors,
    int ErrorCount,
    IReadOnlyList<AdminInlineView> Inlines,
    AdminUrl? HistoryUrl,
    AdminUrl? DeleteUrl,
    bool ShowSaveAndAddAnother,
    bool IsMultipart);

/// <summary>The delete confirmation (<c>admin/delete_confirmation.html</c>), also for "delete selected".</summary>
/// <param name="Chrome">The page chrome.</param>
/// <param name="ObjectName">What is deleted: "question “What's up?”" or "the selected questions".</param>
/// <param name="Deleted">Every object the delete removes, as "Model: text".</param>
/// <param name="Summary">Counts per model ("Questions: 1").</param>
/// <param name="Protected">Why it cannot be deleted (protected or restricted related objects), or empty.</param>
/// <param name="SelectedKeys">The keys of a bulk delete (re-posted), empty for one object.</param>
/// <param name="CancelUrl">Where "No, take me back" goes.</param>
[Template("admin/delete_confirmation.html")]
public sealed partial record AdminDeleteConfirmationPage(
    AdminChrome Chrome,
    string ObjectName,
    IReadOnlyList<string> Deleted,
    IReadOnlyList<string> Summary,
    IReadOnlyList<string> Protected,
    IReadOnlyList<string> SelectedKeys,
    AdminUrl CancelUrl);

/// <summary>A row of the history page.</summary>
public sealed record AdminHistoryEntry(string ActionTime, string User, string Action);

/// <summary>The history page (<c>admin/object_history.html</c>).</summary>
[Template("admin/object_history.html")]
public sealed partial record AdminHistoryPage(AdminChrome Chrome, IReadOnlyList<AdminHistoryEntry> Entries);

/// <summary>The login page (<c>admin/login.html</c>).</summary>
/// <param name="Chrome">The page chrome.</param>
/// <param name="Action">Where the form posts.</param>
/// <param name="Next">Where to go after logging in.</param>
/// <param name="Username">The username typed before.</param>
/// <param name="Error">The error, or null.</param>
[Template("admin/login.html")]
public sealed partial record AdminLoginPage(AdminChrome Chrome, AdminUrl Action, string Next, string Username, string? Error);

using System.Globalization;
using Microsoft.Extensions.Primitives;
using Reinhardt.Data;
using Reinhardt.Forms;
using Reinhardt.Http;

namespace Reinhardt.Admin;

public abstract partial class ModelAdmin<TModel, TColumns, TForm>
{
    /// <summary>Django's <c>SEARCH_VAR</c>, <c>ORDER_VAR</c> and <c>PAGE_VAR</c>.</summary>
    private const string SearchParameter = "q";
    private const string OrderParameter = "o";
    private const string PageParameter = "p";
    private const string DeleteSelected = "delete_selected";

    private async Task ChangeListAsync(AdminRequest request)
    {
        var context = request.Context;
        if (!HasPermission(request.User, "view"))
        {
            await ForbiddenAsync(request).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            await ActionAsync(request).ConfigureAwait(false);
            return;
        }

        var definition = Definition;
        var query = context.Request.Query;
        var columns = QuerySet<TModel, TColumns>.Columns;
        var all = new QuerySet<TModel, TColumns>(request.Database);
        var rows = all;
        var filtered = false;

        // filters: a value that is none of the choices is ignored
        var selected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in definition.Filters)
        {
            if (query.TryGetValue(filter.Parameter, out var value) && value.ToString() is { Length: > 0 } text && filter.Condition(columns, text) is { } condition)
            {
                rows = rows.Where(condition);
                selected[filter.Parameter] = text;
                filtered = true;
            }
        }

        // date hierarchy
        var hierarchy = definition.DateHierarchy;
        int? year = null, month = null, day = null;
        if (hierarchy is not null)
        {
            year = IntParameter(query, hierarchy.Name + "__year", 1, 9999);
            month = year is null ? null : IntParameter(query, hierarchy.Name + "__month", 1, 12);
            day = month is null ? null : IntParameter(query, hierarchy.Name + "__day", 1, 31);
            if (year is { } y)
            {
                rows = rows.Filter(c => hierarchy.Column(c).Year() == y);
                filtered = true;
            }

            if (month is { } m)
            {
                rows = rows.Filter(c => hierarchy.Column(c).Month() == m);
            }

            if (day is { } d)
            {
                rows = rows.Filter(c => hierarchy.Column(c).Day() == d);
            }
        }

        // search: every word must match one of the search fields (Django's icontains, OR across fields, AND across words)
        var search = query[SearchParameter].ToString().Trim();
        if (definition.Search is { } condition2 && search.Length > 0)
        {
            foreach (var word in SplitWords(search))
            {
                rows = rows.Where(condition2(columns, word));
            }

            filtered = true;
        }

        // ordering: o=1.-2 names list_display columns by 1-based index, '-' for descending
        var order = ParseOrder(query[OrderParameter].ToString());
        var terms = new List<OrderTerm>();
        foreach (var (index, descending) in order)
        {
            var term = definition.ListDisplay[index].Order!(columns);
            terms.Add(descending ? term.Reverse() : term);
        }

        if (terms.Count == 0)
        {
            terms.AddRange(definition.Ordering.Select(o => o(columns)));
        }

        // a total order, so pages never repeat or skip rows (Django adds -pk)
        terms.Add(KeyColumn.Descending());

        var count = await rows.CountAsync(request.Aborted).ConfigureAwait(false);
        var perPage = Math.Max(1, definition.ListPerPage);
        var pageCount = (int)Math.Max(1, (count + perPage - 1) / perPage);
        var pageText = query[PageParameter].ToString();
        var page = 1;
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pageCount))
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound, "Invalid page.").ConfigureAwait(false);
            return;
        }

        var models = await rows.OrderBy([.. terms.Select(t => (Func<TColumns, OrderTerm>)(_ => t))])
            .Skip((long)(page - 1) * perPage).Take(perPage)
            .ToListAsync(request.Aborted).ConfigureAwait(false);

        // the query string, for links that change one parameter
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            current[key] = value.ToString();
        }

        AdminUrl Link(params (string Key, string? Value)[] changes)
        {
            var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    next.Remove(key);
                }
                else
                {
                    next[key] = value;
                }
            }

            if (!changes.Any(c => c.Key == PageParameter))
            {
                next.Remove(PageParameter);
            }

            var text = QueryString.Create(next.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value))).ToString();
            return ChangeListUrl(request, text);
        }

        var headers = new List<AdminHeader>();
        for (var i = 0; i < definition.ListDisplay.Count; i++)
        {
            var column = definition.ListDisplay[i];
            if (column.Order is null)
            {
                headers.Add(new AdminHeader(column.Label, null, "", null));
                continue;
            }

            var position = order.FindIndex(o => o.Index == i);
            var sorted = position < 0 ? "" : order[position].Descending ? "descending" : "ascending";
            // clicking a column makes it the primary sort (toggling it when it already is), keeping the others after it
            var rest = order.Where(o => o.Index != i).ToList();
            var primary = (i, position >= 0 ? !order[position].Descending : false);
            var sortUrl = Link((OrderParameter, FormatOrder([primary, .. rest])));
            var removeUrl = position < 0 ? null : Link((OrderParameter, rest.Count == 0 ? null : FormatOrder(rest)));
            headers.Add(new AdminHeader(column.Label, sortUrl, sorted, removeUrl));
        }

        // foreign key columns show the related rows' text, loaded once per page
        var related = new IReadOnlyDictionary<long, string>?[definition.ListDisplay.Count];
        for (var i = 0; i < definition.ListDisplay.Count; i++)
        {
            if (definition.ListDisplay[i].Related is { } texts)
            {
                var keys = models.Select(m => definition.ListDisplay[i].Value(m)).OfType<long>().ToList();
                related[i] = await texts(request.Database, keys, request.Aborted).ConfigureAwait(false);
            }
        }

        var adminRows = new List<AdminRow>();
        foreach (var model in models)
        {
            var key = TModel.GetKey(model);
            var cells = new List<AdminCell>();
            for (var i = 0; i < definition.ListDisplay.Count; i++)
            {
                var value = definition.ListDisplay[i].Value(model);
                if (related[i] is { } texts && value is long relatedKey)
                {
                    value = texts.TryGetValue(relatedKey, out var text) ? text : null;
                }

                cells.Add(new AdminCell(AdminDisplay.Text(value), i == 0 ? ObjectUrl(request, key, "change") : null, AdminDisplay.BooleanIcon(value)));
            }

            adminRows.Add(new AdminRow(key.ToString(CultureInfo.InvariantCulture), model.ToString() ?? "", cells));
        }

        var filters = new List<AdminFilterView>();
        foreach (var filter in definition.Filters)
        {
            var choices = new List<AdminFilterChoice> { new("All", Link((filter.Parameter, null)), !selected.ContainsKey(filter.Parameter)) };
            foreach (var (value, label) in await filter.ChoicesAsync(request.Database, request.Aborted).ConfigureAwait(false))
            {
                choices.Add(new AdminFilterChoice(label, Link((filter.Parameter, value)), selected.TryGetValue(filter.Parameter, out var s) && s == value));
            }

            filters.Add(new AdminFilterView(filter.Title, choices));
        }

        var dates = hierarchy is null ? [] : await DateHierarchyAsync(rows, hierarchy, year, month, day, Link, request.Aborted).ConfigureAwait(false);

        var pages = new List<AdminPageLink>();
        if (pageCount > 1)
        {
            foreach (var number in PageRange(page, pageCount))
            {
                pages.Add(number == 0
                    ? new AdminPageLink("…", null, false)
                    : new AdminPageLink(number.ToString(CultureInfo.InvariantCulture), Link((PageParameter, number == 1 ? null : number.ToString(CultureInfo.InvariantCulture))), number == page));
            }
        }

        var actions = AvailableActions(request).Select(a => new AdminActionChoice(a.Name, a.Description)).ToList();
        var noun = count == 1 ? VerboseName : VerboseNamePlural;
        string? fullCount = null;
        if (filtered)
        {
            fullCount = $"{(await all.CountAsync(request.Aborted).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture)} total";
        }

        var hidden = current.Where(p => p.Key != SearchParameter && p.Key != PageParameter).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AdminHiddenInput(p.Key, p.Value)).ToList();
        var canChange = HasPermission(request.User, "change");
        var title = $"Select {VerboseName} to {(canChange ? "change" : "view")}";
        var listPage = new AdminChangeListPage(
            request.Chrome(title, Crumbs(request, linkModel: false), $"app-{AppLabel} model-{ModelName} change-list"),
            AdminDisplay.CapFirst(VerboseNamePlural),
            HasPermission(request.User, "add") ? request.Site.Url($"{AppLabel}/{ModelName}/add/") : null,
            $"Add {VerboseName}",
            definition.Search is not null,
            search,
            ChangeListUrl(request),
            hidden,
            filters,
            selected.Count > 0 ? Link([.. selected.Keys.Select(k => (k, (string?)null))]) : null,
            dates,
            headers,
            adminRows,
            actions,
            $"{count.ToString(CultureInfo.InvariantCulture)} {noun}",
            fullCount,
            pages);
        await ((IResult)listPage).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<AdminLink>> DateHierarchyAsync(
        QuerySet<TModel, TColumns> rows, AdminDateHierarchy<TColumns> hierarchy, int? year, int? month, int? day,
        Func<(string, string?)[], AdminUrl> link, CancellationToken cancellationToken)
    {
        var name = hierarchy.Name;
        var links = new List<AdminLink>();
        if (day is not null)
        {
            links.Add(new AdminLink("‹ " + CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month!.Value) + " " + year!.Value.ToString(CultureInfo.InvariantCulture), link([(name + "__day", null)])));
            links.Add(new AdminLink(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month.Value) + " " + day.Value.ToString(CultureInfo.InvariantCulture), null));
            return links;
        }

        List<int> values;
        if (month is not null)
        {
            links.Add(new AdminLink("‹ " + year!.Value.ToString(CultureInfo.InvariantCulture), link([(name + "__month", null), (name + "__day", null)])));
            values = await rows.Distinct().Values(c => hierarchy.Column(c).Day()).OrderBy(c => hierarchy.Column(c).Day()).ToListAsync(cancellationToken).ConfigureAwait(false);
            links.AddRange(values.Select(d => new AdminLink(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month.Value) + " " + d.ToString(CultureInfo.InvariantCulture), link([(name + "__day", d.ToString(CultureInfo.InvariantCulture))]))));
        }
        else if (year is not null)
        {
            links.Add(new AdminLink("‹ All dates", link([(name + "__year", null), (name + "__month", null), (name + "__day", null)])));
            values = await rows.Distinct().Values(c => hierarchy.Column(c).Month()).OrderBy(c => hierarchy.Column(c).Month()).ToListAsync(cancellationToken).ConfigureAwait(false);
            links.AddRange(values.Select(m => new AdminLink(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m) + " " + year.Value.ToString(CultureInfo.InvariantCulture), link([(name + "__month", m.ToString(CultureInfo.InvariantCulture))]))));
        }
        else
        {
            values = await rows.Distinct().Values(c => hierarchy.Column(c).Year()).OrderBy(c => hierarchy.Column(c).Year()).ToListAsync(cancellationToken).ConfigureAwait(false);
            links.AddRange(values.Select(y => new AdminLink(y.ToString(CultureInfo.InvariantCulture), link([(name + "__year", y.ToString(CultureInfo.InvariantCulture))]))));
        }

        return links;
    }

    private static int? IntParameter(IQueryCollection query, string name, int min, int max) =>
        int.TryParse(query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;

    // Django's smart_split for the search box: whitespace separates words, quotes keep phrases together
    internal static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] is '"' or '\'' && text.IndexOf(text[i], i + 1) is var end and > 0)
            {
                words.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            words.Add(text[start..i]);
        }

        return words.Where(w => w.Length > 0).ToList();
    }

    private List<(int Index, bool Descending)> ParseOrder(string text)
    {
        var order = new List<(int, bool)>();
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var descending = part.StartsWith('-');
            // Django's indexes count the checkbox column as 0; list_display starts at 1
            if (int.TryParse(descending ? part[1..] : part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index >= 1 && index <= Definition.ListDisplay.Count && Definition.ListDisplay[index - 1].Order is not null
                && !order.Any(o => o.Item1 == index - 1))
            {
                order.Add((index - 1, descending));
            }
        }

        return order;
    }

    private static string FormatOrder(IEnumerable<(int Index, bool Descending)> order) =>
        string.Join(".", order.Select(o => (o.Descending ? "-" : "") + (o.Index + 1).ToString(CultureInfo.InvariantCulture)));

    // Django's Paginator.get_elided_page_range(on_each_side=3, on_ends=2); 0 stands for the ellipsis
    private static List<int> PageRange(int page, int count)
    {
        if (count <= 10)
        {
            return [.. Enumerable.Range(1, count)];
        }

        var pages = new List<int>();
        if (page > 6)
        {
            pages.AddRange([1, 2, 0]);
            pages.AddRange(Enumerable.Range(page - 3, 3));
        }
        else
        {
            pages.AddRange(Enumerable.Range(1, page - 1));
        }

        if (page < count - 5)
        {
            pages.AddRange(Enumerable.Range(page, 4));
            pages.AddRange([0, count - 1, count]);
        }
        else
        {
            pages.AddRange(Enumerable.Range(page, count - page + 1));
        }

        return pages;
    }

    private IEnumerable<AdminAction<TModel, TColumns>> AvailableActions(AdminRequest request)
    {
        if (HasPermission(request.User, "delete"))
        {
            yield return new AdminAction<TModel, TColumns>(DeleteSelected, $"Delete selected {VerboseNamePlural}", "delete", static (_, _) => Task.CompletedTask);
        }

        foreach (var action in Definition.Actions)
        {
            if (HasPermission(request.User, action.Permission))
            {
                yield return action;
            }
        }
    }

    // the change list's form: an action on the selected rows
    private async Task ActionAsync(AdminRequest request)
    {
        var context = request.Context;
        var data = await Form.ReadSubmissionAsync(context).ConfigureAwait(false);
        var back = ChangeListUrl(request, context.Request.QueryString.ToString());
        var name = data?["action"].ToString() ?? "";
        var action = AvailableActions(request).FirstOrDefault(a => a.Name == name);
        if (action is null)
        {
            if (Definition.Actions.Any(a => a.Name == name) || name == DeleteSelected)
            {
                await ForbiddenAsync(request).ConfigureAwait(false);
                return;
            }

            Messages.Warning(context, "No action selected.");
            await RedirectAsync(request, back).ConfigureAwait(false);
            return;
        }

        var keys = new List<long>();
        foreach (var value in data!["_selected_action"])
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            {
                keys.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            Messages.Warning(context, "Items must be selected in order to perform actions on them. No items have been changed.");
            await RedirectAsync(request, back).ConfigureAwait(false);
            return;
        }

        var selected = new QuerySet<TModel, TColumns>(request.Database).Where(KeyColumn.In(keys.Distinct().Take(SqlLimits.MaxParameters)));
        if (name != DeleteSelected)
        {
            await request.Database.AtomicAsync(() => action.Run(selected, request.Aborted), request.Aborted).ConfigureAwait(false);
            await RedirectAsync(request, back).ConfigureAwait(false);
            return;
        }

        var models = await selected.ToListAsync(request.Aborted).ConfigureAwait(false);
        if (models.Count == 0)
        {
            Messages.Warning(context, "Items must be selected in order to perform actions on them. No items have been changed.");
            await RedirectAsync(request, back).ConfigureAwait(false);
            return;
        }

        var cascade = await request.Site.DescribeDeletionAsync(request.Database, TModel.Schema, [.. models.Select(TModel.GetKey)], request.Aborted).ConfigureAwait(false);
        if (data["post"].ToString() == "yes" && cascade.Protected.Count == 0)
        {
            await request.Database.AtomicAsync(
                async () =>
                {
                    foreach (var model in models)
                    {
                        await LogAsync(request, model, LogEntry.Deletion, "", AppLabel, ModelName).ConfigureAwait(false);
                    }

                    await selected.DeleteAsync(request.Aborted).ConfigureAwait(false);
                },
                request.Aborted).ConfigureAwait(false);
            Messages.Success(context, $"Successfully deleted {models.Count.ToString(CultureInfo.InvariantCulture)} {(models.Count == 1 ? VerboseName : VerboseNamePlural)}.");
            await RedirectAsync(request, back).ConfigureAwait(false);
            return;
        }

        var crumbs = Crumbs(request);
        crumbs.Add(new AdminLink("Delete multiple objects", null));
        var page = new AdminDeleteConfirmationPage(
            request.Chrome("Delete multiple objects", crumbs, $"app-{AppLabel} model-{ModelName} delete-confirmation delete-selected-confirmation"),
            $"the selected {(models.Count == 1 ? VerboseName : VerboseNamePlural)}",
            cascade.Deleted,
            cascade.Summary,
            cascade.Protected,
            [.. models.Select(Key)],
            back);
        await ((IResult)page).ExecuteAsync(context).ConfigureAwait(false);
    }
}

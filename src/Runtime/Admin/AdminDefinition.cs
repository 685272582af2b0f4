using System.Globalization;
using Reinhardt.Data;

namespace Reinhardt.Admin;

/// <summary>
/// What the admin generator knows about one <c>[Admin]</c> class, as typed data and delegates over the model's generated
/// columns: the runtime reads it, never the model by reflection.
/// </summary>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TColumns">The model's generated columns.</typeparam>
public sealed class AdminModelDefinition<TModel, TColumns>
    where TModel : class, IModel<TModel>
    where TColumns : class, IColumnSet<TColumns>
{
    /// <summary>The app label (<c>polls</c>).</summary>
    public required string AppLabel { get; init; }

    /// <summary>Django's <c>model_name</c>: the class name in lower case (<c>question</c>).</summary>
    public required string ModelName { get; init; }

    /// <summary>The model's verbose name (<c>question</c>).</summary>
    public required string VerboseName { get; init; }

    /// <summary>The plural verbose name (<c>questions</c>).</summary>
    public required string VerboseNamePlural { get; init; }

    /// <summary>The change list's columns (Django's <c>list_display</c>).</summary>
    public IReadOnlyList<AdminColumn<TModel, TColumns>> ListDisplay { get; init; } = [];

    /// <summary>The sidebar's filters (Django's <c>list_filter</c>).</summary>
    public IReadOnlyList<AdminFilter<TColumns>> Filters { get; init; } = [];

    /// <summary>The condition one search word must meet (Django's <c>search_fields</c>, OR across them); null: no search box.</summary>
    public Func<TColumns, string, Q>? Search { get; init; }

    /// <summary>The default order (Django's <c>ordering</c>).</summary>
    public IReadOnlyList<Func<TColumns, OrderTerm>> Ordering { get; init; } = [];

    /// <summary>Rows per page (Django's <c>list_per_page</c>).</summary>
    public int ListPerPage { get; init; } = 100;

    /// <summary>The change page's groups of fields, by field name (Django's <c>fieldsets</c>).</summary>
    public IReadOnlyList<AdminFieldset> Fieldsets { get; init; } = [];

    /// <summary>The values shown read-only (Django's <c>readonly_fields</c>).</summary>
    public IReadOnlyList<AdminColumn<TModel, TColumns>> ReadonlyFields { get; init; } = [];

    /// <summary>The inlines edited with the model.</summary>
    public IReadOnlyList<IInlineAdmin<TModel>> Inlines { get; init; } = [];

    /// <summary>The custom actions (the built-in "delete selected" is added by the runtime).</summary>
    public IReadOnlyList<AdminAction<TModel, TColumns>> Actions { get; init; } = [];

    /// <summary>The date drill-down (Django's <c>date_hierarchy</c>), or null.</summary>
    public AdminDateHierarchy<TColumns>? DateHierarchy { get; init; }
}

/// <summary>One column of the change list, or one read-only field of the change page.</summary>
/// <param name="Name">The field name (snake_case).</param>
/// <param name="Label">The heading (Django's <c>verbose_name</c>, capitalised).</param>
/// <param name="Value">Reads the value from a row.</param>
/// <param name="Order">The ascending order by this column, or null when it is not sortable (a method).</param>
/// <param name="Related">
/// For a foreign key column (whose <paramref name="Value"/> is the key): the text of the related rows by key, loaded once per
/// page, so the cell shows the related object as Django does.
/// </param>
public sealed record AdminColumn<TModel, TColumns>(
    string Name,
    string Label,
    Func<TModel, object?> Value,
    Func<TColumns, OrderTerm>? Order = null,
    Func<Database, IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, string>>>? Related = null)
    where TModel : class
    where TColumns : class;

/// <summary>A group of fields on the change page.</summary>
/// <param name="Name">The heading, or null.</param>
/// <param name="Fields">The field names (snake_case).</param>
/// <param name="Classes">CSS classes (<c>collapse</c>, <c>wide</c>).</param>
/// <param name="Description">Text under the heading.</param>
public sealed record AdminFieldset(string? Name, IReadOnlyList<string> Fields, string? Classes = null, string? Description = null);

/// <summary>A custom action: runs on the selected rows.</summary>
/// <param name="Name">The action's name in the form (the method name).</param>
/// <param name="Description">The menu text.</param>
/// <param name="Permission">The permission needed: <c>view</c>, <c>add</c>, <c>change</c> or <c>delete</c>.</param>
/// <param name="Run">Runs the action on the selected rows; may return a message for the user.</param>
public sealed record AdminAction<TModel, TColumns>(string Name, string Description, string Permission, Func<QuerySet<TModel, TColumns>, CancellationToken, Task> Run)
    where TModel : class, IModel<TModel>
    where TColumns : class, IColumnSet<TColumns>;

/// <summary>A sidebar filter: its choices and the condition each choice means.</summary>
/// <typeparam name="TColumns">The model's columns.</typeparam>
public abstract class AdminFilter<TColumns>
    where TColumns : class
{
    /// <summary>Creates the filter.</summary>
    protected AdminFilter(string title, string parameter)
    {
        Title = title;
        Parameter = parameter;
    }

    /// <summary>The heading ("By pub date" shows this title).</summary>
    public string Title { get; }

    /// <summary>The query string parameter.</summary>
    public string Parameter { get; }

    /// <summary>The choices, each a query string value and its label, without "All".</summary>
    public abstract Task<IReadOnlyList<(string Value, string Label)>> ChoicesAsync(Database database, CancellationToken cancellationToken);

    /// <summary>The condition a value means, or null when the value is not one of the choices (then it is ignored).</summary>
    public abstract Q? Condition(TColumns columns, string value);
}

/// <summary>Factories for the filters the generator picks from a property's type.</summary>
public static class AdminFilters
{
    /// <summary>Django's <c>BooleanFieldListFilter</c>: Yes / No (<c>field__exact=1</c> / <c>0</c>).</summary>
    public static AdminFilter<TColumns> Boolean<TColumns>(string name, string title, Func<TColumns, Expr<bool>> column)
        where TColumns : class =>
        new FixedFilter<TColumns>(title, name + "__exact", [("1", "Yes"), ("0", "No")], (c, v) => v switch
        {
            "1" => column(c) == true,
            "0" => column(c) == false,
            _ => null,
        });

    /// <summary>Django's <c>ChoicesFieldListFilter</c> over an enumeration's members (<c>field__exact=Member</c>).</summary>
    public static AdminFilter<TColumns> Choices<TColumns, T>(string name, string title, Func<TColumns, Expr<T>> column, IReadOnlyList<(T Value, string Label)> choices)
        where TColumns : class
        where T : struct, Enum =>
        new FixedFilter<TColumns>(title, name + "__exact", [.. choices.Select(c => (c.Value.ToString(), c.Label))], (c, v) =>
        {
            foreach (var choice in choices)
            {
                if (choice.Value.ToString() == v)
                {
                    return column(c) == choice.Value;
                }
            }

            return null;
        });

    /// <summary>Django's <c>RelatedFieldListFilter</c>: one choice per related row (<c>field__id__exact=key</c>).</summary>
    public static AdminFilter<TColumns> Related<TColumns>(string name, string title, Func<TColumns, Expr<long>> column, Func<Database, CancellationToken, Task<IReadOnlyList<(long Key, string Label)>>> rows)
        where TColumns : class =>
        new RelatedFilter<TColumns>(title, name + "__id__exact", column, rows);

    /// <summary>The related filter over every row of <typeparamref name="TRelated"/>, labelled by its <c>ToString()</c>.</summary>
    public static AdminFilter<TColumns> Related<TColumns, TRelated, TRelatedColumns>(string name, string title, Func<TColumns, Expr<long>> column)
        where TColumns : class
        where TRelated : class, IModel<TRelated>
        where TRelatedColumns : class, IColumnSet<TRelatedColumns> =>
        Related(name, title, column, static async (database, cancellationToken) =>
        {
            var rows = await new QuerySet<TRelated, TRelatedColumns>(database).ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(r => (TRelated.GetKey(r), r.ToString() ?? ""))];
        });

    /// <summary>Django's <c>DateFieldListFilter</c>: any date, today, past 7 days, this month, this year (<c>field=today</c>...).</summary>
    public static AdminFilter<TColumns> Date<TColumns>(string name, string title, Func<TColumns, Expr<DateTimeOffset>> column)
        where TColumns : class =>
        new FixedFilter<TColumns>(title, name, DateChoices, (c, v) => DateRange(v) is var (from, to) ? column(c) >= new DateTimeOffset(from, TimeSpan.Zero) & column(c) < new DateTimeOffset(to, TimeSpan.Zero) : null);

    /// <summary>The date filter over a <see cref="DateTime"/> column (UTC).</summary>
    public static AdminFilter<TColumns> Date<TColumns>(string name, string title, Func<TColumns, Expr<DateTime>> column)
        where TColumns : class =>
        new FixedFilter<TColumns>(title, name, DateChoices, (c, v) => DateRange(v) is var (from, to) ? column(c) >= from & column(c) < to : null);

    /// <summary>The date filter over a <see cref="DateOnly"/> column.</summary>
    public static AdminFilter<TColumns> Date<TColumns>(string name, string title, Func<TColumns, Expr<DateOnly>> column)
        where TColumns : class =>
        new FixedFilter<TColumns>(title, name, DateChoices, (c, v) => DateRange(v) is var (from, to) ? column(c) >= DateOnly.FromDateTime(from) & column(c) < DateOnly.FromDateTime(to) : null);

    private static readonly (string, string)[] DateChoices = [("today", "Today"), ("past_7_days", "Past 7 days"), ("this_month", "This month"), ("this_year", "This year")];

    // Django's DateFieldListFilter ranges, in UTC (Django's default TIME_ZONE with USE_TZ)
    private static (DateTime From, DateTime To)? DateRange(string value)
    {
        var today = DateTime.UtcNow.Date;
        return value switch
        {
            "today" => (today, today.AddDays(1)),
            "past_7_days" => (today.AddDays(-7), today.AddDays(1)),
            "this_month" => (new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1)),
            "this_year" => (new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(today.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            _ => null,
        };
    }

    private sealed class FixedFilter<TColumns>(string title, string parameter, IReadOnlyList<(string, string)> choices, Func<TColumns, string, Q?> condition)
        : AdminFilter<TColumns>(title, parameter)
        where TColumns : class
    {
        public override Task<IReadOnlyList<(string Value, string Label)>> ChoicesAsync(Database database, CancellationToken cancellationToken) => Task.FromResult(choices);

        public override Q? Condition(TColumns columns, string value) => condition(columns, value);
    }

    private sealed class RelatedFilter<TColumns>(string title, string parameter, Func<TColumns, Expr<long>> column, Func<Database, CancellationToken, Task<IReadOnlyList<(long Key, string Label)>>> rows)
        : AdminFilter<TColumns>(title, parameter)
        where TColumns : class
    {
        public override async Task<IReadOnlyList<(string Value, string Label)>> ChoicesAsync(Database database, CancellationToken cancellationToken) =>
            [.. (await rows(database, cancellationToken).ConfigureAwait(false)).Select(r => (r.Key.ToString(CultureInfo.InvariantCulture), r.Label))];

        public override Q? Condition(TColumns columns, string value) =>
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? column(columns) == key : null;
    }
}

/// <summary>The date drill-down of the change list (Django's <c>date_hierarchy</c>).</summary>
/// <param name="Name">The field name (snake_case): the parameters are <c>name__year</c>, <c>name__month</c>, <c>name__day</c>.</param>
/// <param name="Column">The date column.</param>
public sealed record AdminDateHierarchy<TColumns>(string Name, Func<TColumns, Expr<DateTimeOffset>> Column)
    where TColumns : class;

/// <summary>Foreign keys on admin forms.</summary>
public static class AdminRelations
{
    /// <summary>Django's <c>ModelChoiceField</c> message for a key that names no row.</summary>
    public const string InvalidChoice = "Select a valid choice. That choice is not one of the available choices.";

    /// <summary>The text (<c>ToString()</c>) of the rows of <typeparamref name="TModel"/> with the given keys.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> TextsAsync<TModel, TColumns>(Database database, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
        where TModel : class, IModel<TModel>
        where TColumns : class, IColumnSet<TColumns>
    {
        var column = new Column<long>(QuerySet<TModel, TColumns>.Columns.Table, TModel.Schema.PrimaryKey.Name);
        var texts = new Dictionary<long, string>();
        foreach (var chunk in keys.Distinct().Chunk(SqlLimits.MaxParameters))
        {
            foreach (var row in await new QuerySet<TModel, TColumns>(database).Where(column.In(chunk)).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                texts[TModel.GetKey(row)] = row.ToString() ?? "";
            }
        }

        return texts;
    }

    /// <summary>Whether a row of <typeparamref name="TModel"/> has the primary key <paramref name="key"/>.</summary>
    public static Task<bool> ExistsAsync<TModel, TColumns>(Database database, long key, CancellationToken cancellationToken)
        where TModel : class, IModel<TModel>
        where TColumns : class, IColumnSet<TColumns>
    {
        var column = new Column<long>(QuerySet<TModel, TColumns>.Columns.Table, TModel.Schema.PrimaryKey.Name);
        return new QuerySet<TModel, TColumns>(database).Where(column == key).ExistsAsync(cancellationToken);
    }
}

using System.Globalization;
using System.Text;
using Reinhardt.Data;

namespace Reinhardt;

/// <summary>
/// Django's <c>full_clean()</c>: field validators, the model's <c>Clean</c> hook, unique and
/// unique-together constraints, and check constraints evaluated by the database on the instance's
/// values (as Django 4.1+ does), so the in-app check and the SQL CHECK can never disagree.
/// </summary>
public static class ModelValidation
{
    /// <summary>Validates an instance; returns the errors by field (empty when valid).</summary>
    public static async Task<ValidationErrors> ValidateAsync<TModel>(this Database database, TModel model, CancellationToken cancellationToken = default)
        where TModel : class, IModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(model);
        var errors = new ValidationErrors();
        TModel.CleanFields(model, errors);
        var schema = TModel.Schema;
        var values = ValuesByColumn(database.Dialect, model);
        var key = TModel.GetKey(model);
        var modelName = VerboseModelName(typeof(TModel).Name);

        foreach (var column in schema.Columns.Skip(1).Where(c => c.Unique))
        {
            if (errors[column.Name].Count == 0 && await ExistsAsync(database, schema, [column.Name], values, key, cancellationToken).ConfigureAwait(false))
            {
                errors.Add(column.Name, $"{modelName} with this {FieldValidators.Capitalized(FieldValidators.VerboseName(column.Name))} already exists.");
            }
        }

        foreach (var constraint in schema.AllConstraints)
        {
            switch (constraint)
            {
                case UniqueConstraintSchema unique when await ExistsAsync(database, schema, unique.Columns, values, key, cancellationToken).ConfigureAwait(false):
                    var labels = string.Join(" and ", unique.Columns.Select(c => FieldValidators.Capitalized(FieldValidators.VerboseName(c))));
                    errors.Add(ValidationErrors.NonFieldErrors, $"{modelName} with this {labels} already exists.");
                    break;
                case CheckConstraintSchema { Condition: not null } check when !await CheckHoldsAsync(database, schema, check, values, cancellationToken).ConfigureAwait(false):
                    errors.Add(ValidationErrors.NonFieldErrors, $"Constraint “{check.Name}” is violated.");
                    break;
            }
        }

        return errors;
    }

    /// <summary>Validates an instance and throws <see cref="ValidationException"/> when it is invalid (Django's <c>full_clean()</c>).</summary>
    public static async Task FullCleanAsync<TModel>(this Database database, TModel model, CancellationToken cancellationToken = default)
        where TModel : class, IModel<TModel>
    {
        var errors = await ValidateAsync(database, model, cancellationToken).ConfigureAwait(false);
        if (!errors.IsEmpty)
        {
            throw new ValidationException(errors);
        }
    }

    private static Dictionary<string, object?> ValuesByColumn<TModel>(SqlDialect dialect, TModel model)
        where TModel : class, IModel<TModel>
    {
        var list = new ValueList(dialect, TModel.Schema.Columns.Count);
        TModel.AddValues(model, list);
        var columns = TModel.Schema.Columns;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { [columns[0].Name] = dialect.ToDbValue(TModel.GetKey(model)) };
        for (var i = 1; i < columns.Count; i++)
        {
            values[columns[i].Name] = list.Values[i - 1];
        }

        return values;
    }

    /// <summary>Whether another row has the same values in these columns (a NULL never conflicts, as in SQL).</summary>
    private static async Task<bool> ExistsAsync(Database database, TableSchema schema, IReadOnlyList<string> columns, Dictionary<string, object?> values, long key, CancellationToken cancellationToken)
    {
        if (columns.Any(c => values[c] is null))
        {
            return false;
        }

        var sql = new SqlWriter(database.Dialect);
        sql.Append("SELECT 1 FROM ").AppendName(schema.Name).Append(" WHERE ");
        for (var i = 0; i < columns.Count; i++)
        {
            sql.Append(i > 0 ? " AND " : string.Empty).AppendName(columns[i]).Append(" = ").AppendPlaceholder(sql.AddParameter(values[columns[i]]));
        }

        if (key != 0)
        {
            sql.Append(" AND ").AppendName(schema.PrimaryKey.Name).Append(" <> ").AppendValue(key);
        }

        sql.Append(" LIMIT 1");
        return await database.ScalarAsync(sql, async: true, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>A CHECK holds when its condition is true or unknown (NULL), exactly as the database decides.</summary>
    private static async Task<bool> CheckHoldsAsync(Database database, TableSchema schema, CheckConstraintSchema check, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var sql = new SqlWriter(database.Dialect);
        sql.Append("SELECT COALESCE((");
        check.Condition!(TableRef.Bound(schema.Name, values)).WriteTo(sql);
        sql.Append("), 1)");
        return Convert.ToInt64(await database.ScalarAsync(sql, async: true, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Django's default verbose name of a model, capitalized: <c>BlogPost</c> → <c>Blog post</c>.</summary>
    public static string VerboseModelName(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var words = new StringBuilder(typeName.Length + 4);
        for (var i = 0; i < typeName.Length; i++)
        {
            if (i > 0 && char.IsUpper(typeName[i]) && !char.IsUpper(typeName[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(typeName[i]));
        }

        return FieldValidators.Capitalized(words.ToString());
    }
}

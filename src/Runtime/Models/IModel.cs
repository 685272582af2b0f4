using System.Data.Common;
using Reinhardt.Data;

namespace Reinhardt;

/// <summary>
/// What the generator implements for every <c>[Model]</c> class: its schema, its row reader and
/// its values, as static members, so the ORM runtime works on any model without reflection.
/// </summary>
/// <typeparam name="TSelf">The model class.</typeparam>
public interface IModel<TSelf>
    where TSelf : class, IModel<TSelf>
{
    /// <summary>The model's table, columns first-to-last in declaration order, primary key first.</summary>
    static abstract TableSchema Schema { get; }

    /// <summary>Reads one row whose columns are in <see cref="Schema"/> order from <paramref name="offset"/>.</summary>
    static abstract TSelf ReadRow(DbDataReader reader, int offset);

    /// <summary>The primary key; 0 for an instance not saved yet.</summary>
    static abstract long GetKey(TSelf model);

    /// <summary>Sets the primary key after an insert.</summary>
    static abstract void SetKey(TSelf model, long key);

    /// <summary>Adds the value of every column but the primary key, in <see cref="Schema"/> order.</summary>
    static abstract void AddValues(TSelf model, ValueList values);

    /// <summary>Copies every column value from <paramref name="source"/> into <paramref name="target"/> and forgets loaded relations (for <c>RefreshAsync</c>).</summary>
    static abstract void CopyFields(TSelf source, TSelf target);

    /// <summary>Django's model label in fixtures: <c>polls.question</c>.</summary>
    static abstract string ModelLabel { get; }

    /// <summary>Writes the <c>fields</c> object of a fixture entry (Django's serialization: foreign keys by key).</summary>
    static abstract void WriteFixtureFields(TSelf model, System.Text.Json.Utf8JsonWriter writer);

    /// <summary>Reads a fixture entry's <c>fields</c>; fields it lacks keep their defaults, unknown ones are errors.</summary>
    static abstract TSelf ReadFixture(long key, System.Text.Json.JsonElement fields);

    /// <summary>Runs the field validators (blank, lengths, ranges, patterns) and the model's <c>Clean</c> hook.</summary>
    static abstract void CleanFields(TSelf model, ValidationErrors errors);

    /// <summary>The database the instance was read from or saved to (for reverse accessors), or null.</summary>
    static abstract Database? GetDatabase(TSelf model);

    /// <summary>Remembers the database the instance was read from or saved to.</summary>
    static abstract void Attach(TSelf model, Database database);

    /// <summary>The model's <c>DoesNotExist</c> exception.</summary>
    static abstract ObjectDoesNotExistException DoesNotExist(string message);

    /// <summary>The model's <c>MultipleObjectsReturned</c> exception.</summary>
    static abstract MultipleObjectsReturnedException MultipleObjectsReturned(string message);
}

/// <summary>The typed columns of a model, for building query expressions (<c>q =&gt; q.PubDate &lt;= now</c>).</summary>
/// <typeparam name="TSelf">The generated columns class.</typeparam>
public interface IColumnSet<TSelf> : IColumnSet
    where TSelf : class, IColumnSet<TSelf>
{
    /// <summary>The columns of the table reached as <paramref name="table"/>.</summary>
    static abstract TSelf Create(TableRef table);
}

/// <summary>The columns of a model's table, reached directly or through foreign keys.</summary>
public interface IColumnSet
{
    /// <summary>The table these columns belong to.</summary>
    TableRef Table { get; }
}

/// <summary>Parameter values being collected for an INSERT or UPDATE, converted by the dialect.</summary>
public sealed class ValueList
{
    [ThreadStatic]
    private static ValueList? t_cached;

    private readonly List<object?> _values;
    private SqlDialect _dialect;

    internal ValueList(SqlDialect dialect, int capacity)
    {
        _dialect = dialect;
        _values = new List<object?>(capacity);
    }

    /// <summary>A cleared list from this thread's cache (single-row saves run one at a time per thread).</summary>
    internal static ValueList Rent(SqlDialect dialect)
    {
        var list = t_cached ?? new ValueList(dialect, 8);
        t_cached = null;
        list._dialect = dialect;
        list._values.Clear();
        return list;
    }

    /// <summary>Gives the list back to this thread's cache.</summary>
    internal void Return()
    {
        if (_values.Count <= 64)
        {
            _values.Clear();
            t_cached = this;
        }
    }

    /// <summary>Adds a value.</summary>
    public void Add<T>(T value) => _values.Add(_dialect.ToDbValue(value));

    internal IReadOnlyList<object?> Values => _values;

    internal void Clear() => _values.Clear();
}

/// <summary>Django's <c>ObjectDoesNotExist</c>: <c>Get</c> found no row. Each model has its own subclass.</summary>
public class ObjectDoesNotExistException(string message) : Exception(message);

/// <summary>Django's <c>MultipleObjectsReturned</c>: <c>Get</c> found more than one row. Each model has its own subclass.</summary>
public class MultipleObjectsReturnedException(string message) : Exception(message);

/// <summary>What the generator implements for every <c>[Database]</c> class.</summary>
/// <typeparam name="TSelf">The database class.</typeparam>
public interface IDatabase<TSelf>
    where TSelf : Database, IDatabase<TSelf>
{
    /// <summary>Creates the database.</summary>
    static abstract TSelf Create(DatabaseOptions options);

    /// <summary>The tables of every model in the app, in dependency order (referenced tables first).</summary>
    static abstract IReadOnlyList<TableSchema> Tables { get; }

    /// <summary>Every <c>[RegisterMigration]</c> class of the app.</summary>
    static abstract IReadOnlyList<Data.Migrations.Migration> Migrations { get; }

    /// <summary>Every model, for fixtures.</summary>
    static abstract IReadOnlyList<FixtureModel> FixtureModels { get; }

    /// <summary>Every app-defined <c>[Command]</c>.</summary>
    static abstract IReadOnlyList<Management.CommandRegistration> Commands { get; }

    /// <summary>Every model as a content type, installed apps' first: the permissions <c>migrate</c> creates.</summary>
    static abstract IReadOnlyList<ModelContentType> ModelContentTypes { get; }
}

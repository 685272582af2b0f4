using System.Text;

namespace Reinhardt.Data;

/// <summary>
/// Accumulates SQL text and its parameter values while an expression tree is written. Values never
/// enter the text: every one becomes a parameter, so there is nothing to inject into.
/// </summary>
public sealed class SqlWriter
{
    [ThreadStatic]
    private static StringBuilder? t_cachedText;

    private StringBuilder _text;
    private readonly List<object?> _parameters = [];
    private Dictionary<TableRef, string>? _aliases;
    private List<TableRef>? _joins;

    private readonly bool _inlineValues;

    /// <summary>Creates a writer for a dialect.</summary>
    /// <param name="dialect">The SQL dialect.</param>
    /// <param name="inlineValues">
    /// Write values as SQL literals instead of parameters: only for DDL (CHECK constraints), whose
    /// values come from the model's own code, never from input.
    /// </param>
    public SqlWriter(SqlDialect dialect, bool inlineValues = false)
    {
        Dialect = dialect;
        _inlineValues = inlineValues;
        _text = t_cachedText ?? new StringBuilder(256);
        t_cachedText = null;
    }

    /// <summary>The dialect whose syntax is written.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The parameter values, in placeholder order.</summary>
    public IReadOnlyList<object?> Parameters => _parameters;

    /// <summary>The tables joined so far, in the order they were first referenced.</summary>
    public IReadOnlyList<TableRef> Joins => (IReadOnlyList<TableRef>?)_joins ?? [];

    /// <summary>Appends raw SQL text (only ever constant text from Reinhardt or generated code).</summary>
    public SqlWriter Append(string sql)
    {
        _text.Append(sql);
        return this;
    }

    /// <summary>Appends one character of SQL.</summary>
    public SqlWriter Append(char sql)
    {
        _text.Append(sql);
        return this;
    }

    /// <summary>Appends a quoted identifier.</summary>
    public SqlWriter AppendName(string name)
    {
        Dialect.AppendQuotedName(_text, name);
        return this;
    }

    /// <summary>Adds a parameter (converted to its database representation) and appends its placeholder.</summary>
    public SqlWriter AppendValue<T>(T value)
    {
        if (_inlineValues)
        {
            Dialect.AppendLiteral(_text, Dialect.ToDbValue(value));
            return this;
        }

        return AppendPlaceholder(AddParameter(Dialect.ToDbValue(value)));
    }

    /// <summary>Adds an already-converted value and returns its index, for reuse with <see cref="AppendPlaceholder"/>.</summary>
    public int AddParameter(object? dbValue)
    {
        _parameters.Add(dbValue);
        return _parameters.Count - 1;
    }

    /// <summary>Appends the placeholder of parameter <paramref name="index"/>.</summary>
    public SqlWriter AppendPlaceholder(int index)
    {
        Dialect.AppendParameterName(_text, index);
        return this;
    }

    /// <summary>Appends <c>"alias"."column"</c>, registering the table's join on first use.</summary>
    public SqlWriter AppendColumn(TableRef table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.BoundValues is { } values)
        {
            return values.TryGetValue(column, out var value)
                ? AppendPlaceholder(AddParameter(value))
                : throw new InvalidOperationException($"No value for column '{column}'.");
        }

        if (table.IsUnqualified)
        {
            return AppendName(column);
        }

        AppendName(AliasOf(table)).Append('.').AppendName(column);
        return this;
    }

    /// <summary>The alias of a table in this statement: the root table's own name, <c>T2</c>, <c>T3</c>, ... for joins.</summary>
    public string AliasOf(TableRef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Parent is not { } parent)
        {
            return table.TableName; // the query's own table goes by its name; only joins need aliases
        }

        _aliases ??= [];
        if (_aliases.TryGetValue(table, out var alias))
        {
            return alias;
        }

        AliasOf(parent); // the parent joins first
        _joins ??= [];
        alias = "T" + (_joins.Count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _joins.Add(table);
        _aliases.Add(table, alias);
        return alias;
    }

    /// <summary>A point to <see cref="Rewind"/> to: the text length, parameter count and joins so far.</summary>
    public (int Length, int Parameters, int Joins) Mark() => (_text.Length, _parameters.Count, _joins?.Count ?? 0);

    /// <summary>Takes back everything written since <paramref name="mark"/>, joins included.</summary>
    public void Rewind((int Length, int Parameters, int Joins) mark)
    {
        _text.Length = mark.Length;
        _parameters.RemoveRange(mark.Parameters, _parameters.Count - mark.Parameters);
        if (_joins is not null)
        {
            foreach (var table in _joins.Skip(mark.Joins))
            {
                _aliases!.Remove(table);
            }

            _joins.RemoveRange(mark.Joins, _joins.Count - mark.Joins);
        }
    }

    /// <summary>The current length of the text, to splice in clauses later (joins go after FROM).</summary>
    public int Length => _text.Length;

    /// <summary>Inserts text at a position written earlier.</summary>
    public void Insert(int position, string sql) => _text.Insert(position, sql);

    /// <summary>Writes the JOIN clauses of every table referenced so far.</summary>
    public string JoinClauses()
    {
        if (_joins is null)
        {
            return string.Empty;
        }

        var joins = new SqlWriter(Dialect);
        foreach (var table in _joins)
        {
            var parent = table.Parent!;
            joins.Append(table.Nullable ? " LEFT OUTER JOIN " : " INNER JOIN ")
                .AppendName(table.TableName).Append(' ').AppendName(AliasOf(table))
                .Append(" ON ").AppendName(AliasOf(parent)).Append('.').AppendName(table.ParentColumn!)
                .Append(" = ").AppendName(AliasOf(table)).Append('.').AppendName(table.KeyColumn!);
        }

        return joins.ToString();
    }

    /// <summary>Inserts the JOIN clauses at <paramref name="position"/>, if any table was joined.</summary>
    public void InsertJoins(int position)
    {
        if (_joins is not null)
        {
            Insert(position, JoinClauses());
        }
    }

    /// <summary>The SQL text.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>
    /// The SQL text, handing the writer's buffer back to a per-thread cache (the BCL's
    /// StringBuilderCache pattern): one buffer serves every query a thread builds. The writer must
    /// not be used afterwards.
    /// </summary>
    public string ToStringAndRelease()
    {
        var text = SqlTextCache.Get(_text);
        if (_text.Capacity <= 4096)
        {
            t_cachedText = _text.Clear();
        }

        _text = null!;
        return text;
    }
}

/// <summary>
/// One string per query shape. Values are parameters, so the SQL text of a query depends only on its
/// shape; the text is written into a reused buffer and looked up here by its characters, so a
/// repeated shape allocates no new string and reaches the connection's prepared statement by the
/// same instance.
/// </summary>
internal static class SqlTextCache
{
    /// <summary>Bounds the cache; past it, new shapes are returned without being kept.</summary>
    private const int MaxShapes = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> s_shapes = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_byChars =
        s_shapes.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Get(StringBuilder text)
    {
        ReadOnlyMemory<char> single = default;
        var chunks = 0;
        foreach (var chunk in text.GetChunks())
        {
            single = chunk;
            chunks++;
        }

        if (chunks == 1 && s_byChars.TryGetValue(single.Span, out var cached))
        {
            return cached;
        }

        var created = text.ToString();
        if (s_shapes.Count < MaxShapes)
        {
            created = s_shapes.GetOrAdd(created, created);
        }

        return created;
    }
}

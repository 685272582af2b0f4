using System.Data.Common;
using Reinhardt.Data;

namespace Reinhardt;

/// <summary>What happens to rows that reference a deleted row (Django's <c>on_delete</c>).</summary>
public enum OnDelete
{
    /// <summary>Delete them too (<c>CASCADE</c>).</summary>
    Cascade,
    /// <summary>Refuse the delete while they exist (<c>PROTECT</c>): <see cref="ProtectedErrorException"/>.</summary>
    Protect,
    /// <summary>
    /// Refuse the delete unless they are themselves deleted by a cascade of the same delete
    /// (<c>RESTRICT</c>): <see cref="RestrictedErrorException"/>.
    /// </summary>
    Restrict,
    /// <summary>Set their reference to NULL (<c>SET_NULL</c>); the column must be nullable.</summary>
    SetNull,
    /// <summary>Leave them; the database's own constraint decides (<c>DO_NOTHING</c>).</summary>
    DoNothing,
}

/// <summary>
/// A many-to-one relation (Django's <c>ForeignKey</c>) on a <c>partial</c> property whose type is
/// another model: the column is <c>&lt;name&gt;_id</c> and the generator adds a <c>&lt;Name&gt;Id</c>
/// property unless you declare it.
/// </summary>
/// <param name="onDelete">What deleting the referenced row does to this one.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ForeignKeyAttribute(OnDelete onDelete = OnDelete.Cascade) : Attribute
{
    /// <summary>What deleting the referenced row does to this one.</summary>
    public OnDelete OnDelete { get; } = onDelete;

    /// <summary>The name of the reverse accessor on the referenced model; the plural of this model's name by default.</summary>
    public string? RelatedName { get; set; }
}

/// <summary>A one-to-one relation (Django's <c>OneToOneField</c>): a unique foreign key.</summary>
/// <param name="onDelete">What deleting the referenced row does to this one.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class OneToOneAttribute(OnDelete onDelete = OnDelete.Cascade) : Attribute
{
    /// <summary>What deleting the referenced row does to this one.</summary>
    public OnDelete OnDelete { get; } = onDelete;

    /// <summary>The name of the reverse accessor on the referenced model; this model's name by default.</summary>
    public string? RelatedName { get; set; }
}

/// <summary>Django's <c>ProtectedError</c>: the delete would remove rows that a <c>PROTECT</c> foreign key references.</summary>
public sealed class ProtectedErrorException(string message) : Exception(message);

/// <summary>Django's <c>RestrictedError</c>: the delete would remove rows that a <c>RESTRICT</c> foreign key references.</summary>
public sealed class RestrictedErrorException(string message) : Exception(message);

/// <summary>
/// A related object was read before it was loaded. Unlike Django, Reinhardt never runs a hidden
/// query on property access: load it with <c>SelectRelated</c>, <c>PrefetchRelated</c>, or a query.
/// </summary>
public sealed class RelatedObjectNotLoadedException(string message) : InvalidOperationException(message);

/// <summary>How a forward relation's target row is read and attached, for <c>SelectRelated</c>.</summary>
public sealed class ForwardRelation
{
    /// <summary>Creates the description; generated code calls this.</summary>
    public ForwardRelation(TableSchema target, Func<DbDataReader, int, object> read, Action<object, object?> attach, Action<object, Database> attachDatabase)
    {
        Target = target;
        Read = read;
        Attach = attach;
        AttachDatabase = attachDatabase;
    }

    /// <summary>The description of a relation to <typeparamref name="TTarget"/>; generated code calls this.</summary>
    public static ForwardRelation For<TTarget>(Action<object, TTarget?> attach)
        where TTarget : class, IModel<TTarget>
    {
        ArgumentNullException.ThrowIfNull(attach);
        return new(
            TTarget.Schema,
            static (reader, offset) => TTarget.ReadRow(reader, offset),
            (owner, value) => attach(owner, (TTarget?)value),
            static (value, database) => TTarget.Attach((TTarget)value, database));
    }

    /// <summary>Remembers the database on a loaded target (for its own reverse accessors).</summary>
    public Action<object, Database> AttachDatabase { get; }

    /// <summary>The target's table.</summary>
    public TableSchema Target { get; }

    /// <summary>Reads a target row from the given ordinal.</summary>
    public Func<DbDataReader, int, object> Read { get; }

    /// <summary>Sets the loaded target (or null) on the owning instance.</summary>
    public Action<object, object?> Attach { get; }
}

/// <summary>A relation whose rows can be loaded for many owners in one extra query (Django's <c>prefetch_related</c>).</summary>
/// <typeparam name="TOwner">The model the query set reads.</typeparam>
public interface IPrefetch<TOwner>
    where TOwner : class, IModel<TOwner>
{
    /// <summary>Loads the related rows of <paramref name="owners"/> and attaches them.</summary>
    ValueTask PrefetchAsync(Database database, IReadOnlyList<TOwner> owners, bool async, CancellationToken cancellationToken);
}

/// <summary>
/// The other side of a foreign key, from the referenced model (<c>question.Choices</c>): a query
/// set of the rows that point at the owner, cached when prefetched.
/// </summary>
/// <typeparam name="TOwner">The referenced model.</typeparam>
/// <typeparam name="TChild">The model holding the foreign key.</typeparam>
/// <typeparam name="TChildColumns">The child's columns.</typeparam>
public sealed class ReverseRelation<TOwner, TChild, TChildColumns> : IPrefetch<TOwner>
    where TOwner : class, IModel<TOwner>
    where TChild : class, IModel<TChild>
    where TChildColumns : class, IColumnSet<TChildColumns>
{
    private readonly Func<TChildColumns, long[], Q> _keyFilter;
    private readonly Func<TChild, long?> _childKey;
    private readonly Func<TOwner, RelatedSet<TOwner, TChild, TChildColumns>> _accessor;

    /// <summary>Creates the description; generated code calls this.</summary>
    public ReverseRelation(string name, Func<TChildColumns, long[], Q> keyFilter, Func<TChild, long?> childKey, Func<TOwner, RelatedSet<TOwner, TChild, TChildColumns>> accessor)
    {
        Name = name;
        _keyFilter = keyFilter;
        _childKey = childKey;
        _accessor = accessor;
    }

    /// <summary>The accessor's name (<c>Choices</c>).</summary>
    public string Name { get; }

    internal QuerySet<TChild, TChildColumns> For(Database database, long ownerKey) =>
        new QuerySet<TChild, TChildColumns>(database).Where(_keyFilter(QuerySet<TChild, TChildColumns>.Columns, [ownerKey]));

    /// <inheritdoc />
    public async ValueTask PrefetchAsync(Database database, IReadOnlyList<TOwner> owners, bool async, CancellationToken cancellationToken)
    {
        var keys = owners.Select(TOwner.GetKey).Distinct().ToArray();
        var byOwner = new Dictionary<long, List<TChild>>();
        foreach (var chunk in keys.Chunk(SqlLimits.MaxParameters))
        {
            var query = new QuerySet<TChild, TChildColumns>(database).Where(_keyFilter(QuerySet<TChild, TChildColumns>.Columns, chunk));
            foreach (var child in async ? await query.ToListAsync(cancellationToken).ConfigureAwait(false) : query.ToList())
            {
                if (_childKey(child) is long key)
                {
                    if (!byOwner.TryGetValue(key, out var list))
                    {
                        byOwner[key] = list = [];
                    }

                    list.Add(child);
                }
            }
        }

        foreach (var owner in owners)
        {
            _accessor(owner).SetPrefetched(byOwner.TryGetValue(TOwner.GetKey(owner), out var children) ? children : []);
        }
    }
}

/// <summary>
/// Related rows of one owner, read from the prefetched rows when <c>PrefetchRelated</c> loaded
/// them, otherwise by a query: the common part of reverse and many-to-many accessors.
/// </summary>
/// <typeparam name="TTarget">The related model.</typeparam>
public abstract class RelatedRows<TTarget>
    where TTarget : class, IModel<TTarget>
{
    private List<TTarget>? _prefetched;

    private protected RelatedRows()
    {
    }

    /// <summary>The prefetched rows, or null when they were not prefetched.</summary>
    public IReadOnlyList<TTarget>? Prefetched => _prefetched;

    internal void SetPrefetched(List<TTarget>? rows) => _prefetched = rows;

    /// <summary>The related rows: the prefetched ones, or a query.</summary>
    public async Task<List<TTarget>> ToListAsync(CancellationToken cancellationToken = default) =>
        _prefetched is { } rows ? [.. rows] : await QueryListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>How many related rows there are.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        _prefetched is { } rows ? rows.Count : await QueryCountAsync(cancellationToken).ConfigureAwait(false);

    private protected abstract Task<List<TTarget>> QueryListAsync(CancellationToken cancellationToken);

    private protected abstract Task<long> QueryCountAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The rows of <typeparamref name="TChild"/> that reference one owner (Django's
/// <c>question.choice_set</c>). Reads use the prefetched rows when <c>PrefetchRelated</c> loaded
/// them; otherwise they query through the database the owner was read from or saved to.
/// </summary>
public sealed class RelatedSet<TOwner, TChild, TChildColumns> : RelatedRows<TChild>
    where TOwner : class, IModel<TOwner>
    where TChild : class, IModel<TChild>
    where TChildColumns : class, IColumnSet<TChildColumns>
{
    private readonly TOwner _owner;
    private readonly ReverseRelation<TOwner, TChild, TChildColumns> _relation;

    /// <summary>Creates the set; generated code calls this.</summary>
    public RelatedSet(TOwner owner, ReverseRelation<TOwner, TChild, TChildColumns> relation)
    {
        _owner = owner;
        _relation = relation;
    }

    /// <summary>A query set of the related rows (always queries; Django's <c>.all()</c> after a filter).</summary>
    public QuerySet<TChild, TChildColumns> All() => _relation.For(
        TOwner.GetDatabase(_owner) ?? throw new RelatedObjectNotLoadedException(
            $"{typeof(TOwner).Name}.{_relation.Name} cannot query: this {typeof(TOwner).Name} was not read from or saved to a database. Prefetch it, or query the database directly."),
        TOwner.GetKey(_owner));

    private protected override Task<List<TChild>> QueryListAsync(CancellationToken cancellationToken) => All().ToListAsync(cancellationToken);

    private protected override Task<long> QueryCountAsync(CancellationToken cancellationToken) => All().CountAsync(cancellationToken);
}

/// <summary>
/// A many-to-many relation (Django's <c>ManyToManyField</c>) on a <c>partial</c> property of type
/// <see cref="ManyToMany{TTarget}"/>. The rows live in an automatic through table
/// <c>&lt;table&gt;_&lt;field&gt;</c>, or in an explicit <see cref="Through"/> model.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ManyToManyAttribute : Attribute
{
    /// <summary>An explicit through model with one foreign key to each side (Django's <c>through=</c>).</summary>
    public Type? Through { get; set; }

    /// <summary>The name of the reverse accessor on the target; the plural of this model's name by default.</summary>
    public string? RelatedName { get; set; }
}

/// <summary>
/// The related rows of a many-to-many relation (Django's related manager): read them, add, remove,
/// replace or clear them. Reads use prefetched rows when <c>PrefetchRelated</c> loaded them.
/// </summary>
/// <typeparam name="TTarget">The related model.</typeparam>
public abstract class ManyToMany<TTarget> : RelatedRows<TTarget>
    where TTarget : class, IModel<TTarget>
{
    private protected ManyToMany()
    {
    }

    /// <summary>Relates the targets (already related ones are left as they are).</summary>
    public abstract Task AddAsync(IEnumerable<TTarget> targets, CancellationToken cancellationToken = default);

    /// <summary>Relates the targets.</summary>
    public Task AddAsync(params TTarget[] targets) => AddAsync(targets, CancellationToken.None);

    /// <summary>Removes the relations to the targets (the target rows stay).</summary>
    public abstract Task RemoveAsync(IEnumerable<TTarget> targets, CancellationToken cancellationToken = default);

    /// <summary>Removes the relations to the targets.</summary>
    public Task RemoveAsync(params TTarget[] targets) => RemoveAsync(targets, CancellationToken.None);

    /// <summary>Makes exactly these targets related, in one transaction.</summary>
    public abstract Task SetAsync(IEnumerable<TTarget> targets, CancellationToken cancellationToken = default);

    /// <summary>Removes every relation of the owner.</summary>
    public abstract Task ClearAsync(CancellationToken cancellationToken = default);
}

/// <summary>A many-to-many relation as data: the through table and its two key columns.</summary>
public sealed class ManyToManyRelation<TOwner, TTarget, TTargetColumns> : IPrefetch<TOwner>
    where TOwner : class, IModel<TOwner>
    where TTarget : class, IModel<TTarget>
    where TTargetColumns : class, IColumnSet<TTargetColumns>
{
    private readonly Func<TOwner, ManyToManySet<TOwner, TTarget, TTargetColumns>> _accessor;

    /// <summary>Creates the description; generated code calls this.</summary>
    public ManyToManyRelation(string name, string throughTable, string ownerColumn, string targetColumn, Func<TOwner, ManyToManySet<TOwner, TTarget, TTargetColumns>> accessor)
    {
        Name = name;
        ThroughTable = throughTable;
        OwnerColumn = ownerColumn;
        TargetColumn = targetColumn;
        _accessor = accessor;
    }

    /// <summary>The accessor name.</summary>
    public string Name { get; }

    /// <summary>The through table.</summary>
    public string ThroughTable { get; }

    /// <summary>The through table's key column pointing at the owner.</summary>
    public string OwnerColumn { get; }

    /// <summary>The through table's key column pointing at the target.</summary>
    public string TargetColumn { get; }

    /// <inheritdoc />
    public async ValueTask PrefetchAsync(Database database, IReadOnlyList<TOwner> owners, bool async, CancellationToken cancellationToken)
    {
        var byOwner = new Dictionary<long, List<TTarget>>();
        var target = TTarget.Schema;
        foreach (var chunk in owners.Select(TOwner.GetKey).Distinct().Chunk(SqlLimits.MaxParameters))
        {
            // SELECT through.owner, target.* FROM through JOIN target ON target.pk = through.target WHERE through.owner IN (...)
            var sql = new SqlWriter(database.Dialect);
            sql.Append("SELECT ").AppendName("t").Append('.').AppendName(OwnerColumn);
            foreach (var column in target.Columns)
            {
                sql.Append(", ").AppendName(target.Name).Append('.').AppendName(column.Name);
            }

            sql.Append(" FROM ").AppendName(ThroughTable).Append(" ").AppendName("t")
                .Append(" INNER JOIN ").AppendName(target.Name).Append(" ON ").AppendName(target.Name).Append('.').AppendName(target.PrimaryKey.Name)
                .Append(" = ").AppendName("t").Append('.').AppendName(TargetColumn)
                .Append(" WHERE ").AppendName("t").Append('.').AppendName(OwnerColumn).Append(" IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i > 0 ? ", " : string.Empty).AppendValue(chunk[i]);
            }

            sql.Append(") ORDER BY ").AppendName(target.Name).Append('.').AppendName(target.PrimaryKey.Name);
            var rows = await database.ReadAsync(sql, static reader => (Owner: reader.GetInt64(0), Target: TTarget.ReadRow(reader, 1)), async, cancellationToken).ConfigureAwait(false);
            foreach (var (owner, row) in rows)
            {
                TTarget.Attach(row, database);
                if (!byOwner.TryGetValue(owner, out var list))
                {
                    byOwner[owner] = list = [];
                }

                list.Add(row);
            }
        }

        foreach (var owner in owners)
        {
            _accessor(owner).SetPrefetched(byOwner.TryGetValue(TOwner.GetKey(owner), out var related) ? related : []);
        }
    }

    internal Q IsRelatedTo(long ownerKey) => new RelatedThroughQ(
        new Column<long>(QuerySet<TTarget, TTargetColumns>.Columns.Table, TTarget.Schema.PrimaryKey.Name), ThroughTable, TargetColumn, OwnerColumn, ownerKey);
}

/// <summary>The related rows of one owner; see <see cref="ManyToMany{TTarget}"/>.</summary>
public sealed class ManyToManySet<TOwner, TTarget, TTargetColumns> : ManyToMany<TTarget>
    where TOwner : class, IModel<TOwner>
    where TTarget : class, IModel<TTarget>
    where TTargetColumns : class, IColumnSet<TTargetColumns>
{
    private readonly TOwner _owner;
    private readonly ManyToManyRelation<TOwner, TTarget, TTargetColumns> _relation;

    /// <summary>Creates the set; generated code calls this.</summary>
    public ManyToManySet(TOwner owner, ManyToManyRelation<TOwner, TTarget, TTargetColumns> relation)
    {
        _owner = owner;
        _relation = relation;
    }

    /// <summary>A query set of the related rows (always queries).</summary>
    public QuerySet<TTarget, TTargetColumns> All() =>
        new QuerySet<TTarget, TTargetColumns>(Database).Where(_relation.IsRelatedTo(OwnerKey));

    private protected override Task<List<TTarget>> QueryListAsync(CancellationToken cancellationToken) => All().ToListAsync(cancellationToken);

    private protected override Task<long> QueryCountAsync(CancellationToken cancellationToken) => All().CountAsync(cancellationToken);

    /// <inheritdoc />
    public override async Task AddAsync(IEnumerable<TTarget> targets, CancellationToken cancellationToken = default)
    {
        var keys = Keys(targets);
        if (keys.Length == 0)
        {
            return;
        }

        var database = Database;
        await database.AtomicAsync(async () =>
        {
            foreach (var chunk in keys.Chunk(SqlLimits.MaxParameters / 2))
            {
                var sql = new SqlWriter(database.Dialect);
                sql.Append("INSERT INTO ").AppendName(_relation.ThroughTable).Append(" (").AppendName(_relation.OwnerColumn).Append(", ").AppendName(_relation.TargetColumn).Append(") VALUES ");
                for (var i = 0; i < chunk.Length; i++)
                {
                    sql.Append(i > 0 ? ", (" : "(").AppendValue(OwnerKey).Append(", ").AppendValue(chunk[i]).Append(')');
                }

                sql.Append(" ON CONFLICT DO NOTHING");
                await database.NonQueryAsync(sql, async: true, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        SetPrefetched(null);
    }

    /// <inheritdoc />
    public override async Task RemoveAsync(IEnumerable<TTarget> targets, CancellationToken cancellationToken = default)
    {
        var keys = Keys(targets);
        foreach (var chunk in keys.Chunk(SqlLimits.MaxParameters - 1))
        {
            await Delete(chunk, cancellationToken).ConfigureAwait(false);
        }

        SetPrefetched(null);
    }

    /// <inheritdoc />
    public override async Task SetAsync(IEnumerable<TTarget> targets, CancellationToken cancellationToken = default)
    {
        var wanted = targets.ToList();
        await Database.AtomicAsync(async () =>
        {
            await ClearAsync(cancellationToken).ConfigureAwait(false);
            await AddAsync(wanted, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await Delete(null, cancellationToken).ConfigureAwait(false);
        SetPrefetched(null);
    }

    private async Task Delete(long[]? keys, CancellationToken cancellationToken)
    {
        var sql = new SqlWriter(Database.Dialect);
        sql.Append("DELETE FROM ").AppendName(_relation.ThroughTable).Append(" WHERE ").AppendName(_relation.OwnerColumn).Append(" = ").AppendValue(OwnerKey);
        if (keys is not null)
        {
            sql.Append(" AND ").AppendName(_relation.TargetColumn).Append(" IN (");
            for (var i = 0; i < keys.Length; i++)
            {
                sql.Append(i > 0 ? ", " : string.Empty).AppendValue(keys[i]);
            }

            sql.Append(')');
        }

        await Database.NonQueryAsync(sql, async: true, cancellationToken).ConfigureAwait(false);
    }

    private Database Database => TOwner.GetDatabase(_owner) ?? throw new RelatedObjectNotLoadedException(
        $"{typeof(TOwner).Name}.{_relation.Name} cannot query: this {typeof(TOwner).Name} was not read from or saved to a database.");

    private long OwnerKey => TOwner.GetKey(_owner) is var key and not 0
        ? key
        : throw new InvalidOperationException($"{typeof(TOwner).Name} needs a primary key before its '{_relation.Name}' relation can be used.");

    private static long[] Keys(IEnumerable<TTarget> targets) => targets.Select(t => TTarget.GetKey(t) is var key and not 0
        ? key
        : throw new InvalidOperationException($"An unsaved {typeof(TTarget).Name} cannot be related; save it first.")).Distinct().ToArray();
}

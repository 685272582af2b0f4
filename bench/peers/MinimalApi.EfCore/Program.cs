using Microsoft.EntityFrameworkCore;
using Peers;

// Minimal API + EF Core 6: a pooled DbContext, compiled no-tracking queries; updates tracked and saved in one SaveChanges.
var builder = WebApplication.CreateSlimBuilder(args);
Tfb.Configure(builder);
var connectionString = Tfb.ConnectionString(builder.Configuration);
builder.Services.AddDbContextPool<TfbContext>(options => options.UseSqlite(connectionString), poolSize: 256);
var app = builder.Build();
var writers = new SemaphoreSlim(1, 1);

app.MapGet("/plaintext", () => TypedResults.Text(Tfb.HelloWorld));
app.MapGet("/json", () => TypedResults.Json(new Greeting(Tfb.HelloWorld), PeerJsonContext.Default.Greeting));
app.MapGet("/db", async (TfbContext db) =>
{
    var world = await TfbContext.WorldById(db, Tfb.RandomNumber());
    return TypedResults.Json(new WorldRow { Id = world.Id, RandomNumber = world.RandomNumber }, PeerJsonContext.Default.WorldRow);
});
app.MapGet("/queries", async (string? queries, TfbContext db) =>
{
    var rows = new WorldRow[Tfb.QueryCount(queries)];
    for (var i = 0; i < rows.Length; i++)
    {
        var world = await TfbContext.WorldById(db, Tfb.RandomNumber());
        rows[i] = new WorldRow { Id = world.Id, RandomNumber = world.RandomNumber };
    }

    return TypedResults.Json(rows, PeerJsonContext.Default.WorldRowArray);
});
app.MapGet("/fortunes", async (TfbContext db) =>
{
    var fortunes = new List<FortuneRow>();
    await foreach (var fortune in TfbContext.AllFortunes(db))
    {
        fortunes.Add(new FortuneRow { Id = fortune.Id, Message = fortune.Message });
    }

    return Tfb.FortunesPage(fortunes);
});
app.MapGet("/updates", async (string? queries, TfbContext db) =>
{
    var ids = Tfb.DistinctIds(Tfb.QueryCount(queries));
    var rows = new WorldRow[ids.Length];
    for (var i = 0; i < ids.Length; i++)
    {
        var world = await db.Worlds.FirstAsync(w => w.Id == ids[i]);
        world.RandomNumber = Tfb.RandomNumber();
        rows[i] = new WorldRow { Id = world.Id, RandomNumber = world.RandomNumber };
    }

    await writers.WaitAsync();
    try
    {
        await db.SaveChangesAsync();
    }
    finally
    {
        writers.Release();
    }

    return TypedResults.Json(rows, PeerJsonContext.Default.WorldRowArray);
});
await app.RunAsync();

/// <summary>A World row.</summary>
public sealed class World
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The number.</summary>
    public int RandomNumber { get; set; }
}

/// <summary>A fortune.</summary>
public sealed class Fortune
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The message.</summary>
    public string Message { get; set; } = "";
}

/// <summary>The two tables samples/Bench created.</summary>
public sealed class TfbContext(DbContextOptions<TfbContext> options) : DbContext(options)
{
    /// <summary>World.</summary>
    public DbSet<World> Worlds => Set<World>();

    /// <summary>Fortune.</summary>
    public DbSet<Fortune> Fortunes => Set<Fortune>();

    /// <summary>One world by id, no tracking.</summary>
    public static readonly Func<TfbContext, int, Task<World>> WorldById =
        EF.CompileAsyncQuery((TfbContext db, int id) => db.Worlds.AsNoTracking().First(w => w.Id == id));

    /// <summary>Every fortune, no tracking.</summary>
    public static readonly Func<TfbContext, IAsyncEnumerable<Fortune>> AllFortunes =
        EF.CompileAsyncQuery((TfbContext db) => db.Fortunes.AsNoTracking());

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<World>(world =>
        {
            world.ToTable("World");
            world.Property(w => w.Id).HasColumnName("id");
            world.Property(w => w.RandomNumber).HasColumnName("random_number");
        });
        modelBuilder.Entity<Fortune>(fortune =>
        {
            fortune.ToTable("Fortune");
            fortune.Property(f => f.Id).HasColumnName("id");
            fortune.Property(f => f.Message).HasColumnName("message");
        });
    }
}

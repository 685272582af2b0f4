using Bench.Models;
using Reinhardt.Views;

namespace Bench;

/// <summary>
/// The TechEmpower Framework Benchmarks test types on Reinhardt: a SQLite file with TechEmpower's <c>World</c>
/// (10,000 rows) and <c>Fortune</c> (12 rows) tables, created and filled at startup when missing.
/// </summary>
public static class BenchApp
{
    /// <summary>The database file unless <c>ConnectionStrings:Default</c> says otherwise.</summary>
    public const string DefaultConnectionString = "Data Source=bench.sqlite3";

    /// <summary>Builds the app from command-line arguments (<c>--urls</c>, <c>--ConnectionStrings:Default=...</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ReinhardtApp.CreateBuilder(args);
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1";
        // TechEmpower's rules want the Server and Date headers (Kestrel sends both)
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDatabase<BenchDb>(builder.Configuration, DefaultConnectionString);
        builder.Services.AddHostedService(services => new DatabaseInitializer(services.GetRequiredService<BenchDb>()));
        var app = builder.Build();
        app.UseReinhardt(RouteTable.Instance);
        return app;
    }

    /// <summary>Creates the tables and fills them before the server accepts requests.</summary>
    private sealed class DatabaseInitializer(BenchDb database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => SeedAsync(database, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Rows of the <c>World</c> table.</summary>
    public const int WorldRows = 10_000;

    /// <summary>TechEmpower's fortunes, in their order (ids 1 to 12).</summary>
    public static IReadOnlyList<string> FortuneMessages { get; } =
    [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ];

    /// <summary>Creates the tables if missing and fills empty ones: 10,000 worlds with random numbers 1-10,000, the 12 fortunes.</summary>
    public static async Task SeedAsync(BenchDb database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.EnsureCreatedAsync(cancellationToken);
        if (!await database.Worlds.ExistsAsync(cancellationToken))
        {
            await database.Worlds.BulkCreateAsync(
                Enumerable.Range(1, WorldRows).Select(id => new World { Id = id, RandomNumber = RandomNumber() }),
                cancellationToken: cancellationToken);
        }

        if (!await database.Fortunes.ExistsAsync(cancellationToken))
        {
            await database.Fortunes.BulkCreateAsync(
                FortuneMessages.Select((message, i) => new Fortune { Id = i + 1, Message = message }),
                cancellationToken: cancellationToken);
        }
    }

    /// <summary>A random id or number, 1 to 10,000.</summary>
    public static int RandomNumber() => Random.Shared.Next(1, WorldRows + 1);
}

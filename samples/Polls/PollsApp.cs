using Polls.Models;
using Reinhardt.Management;
using Reinhardt.Views;

namespace Polls;

/// <summary>
/// The Polls app: models, migrations, management commands, views and routes are Reinhardt's; the page
/// HTML is still hand-written until templates and forms land.
/// </summary>
public static class PollsApp
{
    /// <summary>Builds the app from command-line arguments (<c>--urls</c>, configuration overrides).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ReinhardtApp.CreateBuilder(args);

        // the tutorial's runserver: local hosts unless configuration says otherwise
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1;[::1]";
        builder.Services.AddDatabase<PollsDb>(builder.Configuration, "Data Source=polls.sqlite3");
        builder.Services.AddHostedService<DatabaseInitializer>();

        var app = builder.Build();
        app.UseReinhardt(RouteTable.Instance);
        return app;
    }

    /// <summary>Prepares the database before the server accepts requests.</summary>
    private sealed class DatabaseInitializer(PollsDb database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => InitializeDatabaseAsync(database, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Where <c>makemigrations</c> writes the app's migrations.</summary>
    public static ManagementOptions Management { get; } = new() { DefaultApp = "polls", MigrationsNamespace = "Polls.Migrations" };

    /// <summary>Migrates the database and adds a first question to a new one (the development convenience of the README's main command).</summary>
    public static async Task InitializeDatabaseAsync(PollsDb database, CancellationToken cancellationToken = default)
    {
        await database.MigrateAsync(cancellationToken: cancellationToken);
        if (!await database.Questions.ExistsAsync(cancellationToken))
        {
            await database.SaveAsync(new Question { QuestionText = "What's up?", PubDate = DateTimeOffset.UtcNow }, cancellationToken);
        }
    }
}

using Polls.Admin;
using Polls.Models;
using Reinhardt.Admin;
using Reinhardt.Auth;
using Reinhardt.Management;
using Reinhardt.Views;

namespace Polls;

/// <summary>
/// The Polls app of Django's tutorial: models, migrations, management commands, views, compiled templates
/// and the vote form.
/// </summary>
public static class PollsApp
{
    /// <summary>Builds the app from command-line arguments (<c>--urls</c>, configuration overrides).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = ReinhardtApp.CreateBuilder(args);

        // the tutorial's runserver: local hosts unless configuration says otherwise
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1;[::1]";
        // Django's STATIC_ROOT: the app's static/ folder, copied next to the binary by the build and by publish
        builder.Configuration["StaticFiles:Root"] ??= Path.Combine(AppContext.BaseDirectory, "static");
        builder.Services.AddDatabase<PollsDb>(builder.Configuration, "Data Source=polls.sqlite3");
        // users, login and the /accounts/ pages (the auth tables come with PollsDb's InstalledApps)
        builder.Services.AddReinhardtAuth(builder.Configuration);
        var loadDemoData = builder.Configuration[LoadDemoDataKey] is not { } setting || bool.Parse(setting);
        builder.Services.AddHostedService(services => new DatabaseInitializer(services.GetRequiredService<PollsDb>(), loadDemoData));

        var app = builder.Build();
        app.UseReinhardt(RouteTable.Instance.WithAuthViews().WithAdmin(AdminSite));
        return app;
    }

    /// <summary>The admin site at <c>/admin/</c> (Django's <c>admin.site</c> with the tutorial's <c>QuestionAdmin</c>).</summary>
    public static AdminSite AdminSite { get; } = CreateAdminSite();

    /// <summary>A new admin site with the app's model admins registered.</summary>
    public static AdminSite CreateAdminSite() => Reinhardt.Admin.AdminSite.For<PollsDb>().Register(new QuestionAdmin());

    /// <summary>Prepares the database before the server accepts requests.</summary>
    private sealed class DatabaseInitializer(PollsDb database, bool loadDemoData) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => InitializeDatabaseAsync(database, loadDemoData, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Where <c>makemigrations</c> writes the app's migrations.</summary>
    public static ManagementOptions Management { get; } = new() { DefaultApp = "polls", MigrationsNamespace = "Polls.Migrations" };

    /// <summary>Configuration key: whether an empty database gets the demo fixture at startup (default <c>true</c>).</summary>
    public const string LoadDemoDataKey = "Polls:LoadDemoData";

    /// <summary>
    /// Migrates the database and, when <paramref name="loadDemoData"/> and it has no question yet, loads the demo
    /// fixture <c>Fixtures/demo.json</c> (the development convenience of the README's main command).
    /// </summary>
    public static async Task InitializeDatabaseAsync(PollsDb database, bool loadDemoData = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.MigrateAsync(cancellationToken: cancellationToken);
        if (loadDemoData && !await database.Questions.ExistsAsync(cancellationToken))
        {
            await Fixtures.LoadAsync(database, PollsDb.FixtureModels, DemoFixture(), "demo.json", cancellationToken: cancellationToken);
        }
    }

    /// <summary>The demo fixture, in Django's format (embedded in the binary, so the published app needs no file).</summary>
    public static byte[] DemoFixture()
    {
        using var stream = typeof(PollsApp).Assembly.GetManifestResourceStream("Polls.Fixtures.demo.json")
            ?? throw new InvalidOperationException("The demo fixture is not embedded in the Polls assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

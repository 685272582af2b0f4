using System.Text;
using System.Text.Encodings.Web;
using Polls.Models;
using Reinhardt.Management;

namespace Polls;

/// <summary>
/// The Polls app: models, migrations and management commands are Reinhardt's; the index page is still
/// hand-written until views, templates and forms land.
/// </summary>
public static class PollsApp
{
    /// <summary>Builds the app from command-line arguments (<c>--urls</c>, configuration overrides).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            // Django's runserver default; --urls or ASPNETCORE_URLS override it
            builder.WebHost.UseUrls("http://127.0.0.1:8000");
        }

        builder.Services.AddDatabase<PollsDb>(builder.Configuration, "Data Source=polls.sqlite3");
        builder.Services.AddHostedService<DatabaseInitializer>();

        var app = builder.Build();
        // RequestDelegate endpoints: no reflection over handler signatures (the views issue
        // replaces these with a generated route table)
        app.MapGet("/", context =>
        {
            context.Response.Redirect("/polls/");
            return Task.CompletedTask;
        });
        app.MapGet("/polls/", Index);
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

    private static async Task Index(HttpContext context)
    {
        var database = context.RequestServices.GetRequiredService<PollsDb>();
        var cancellationToken = context.RequestAborted;

        // the five latest questions not published in the future, newest first (tutorial part 5)
        var now = DateTimeOffset.UtcNow;
        var questions = await database.Questions
            .Filter(q => q.PubDate <= now)
            .OrderBy(q => q.PubDate.Descending())
            .Take(5)
            .ToListAsync(cancellationToken);

        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Polls</title></head>\n<body>\n");
        if (questions.Count == 0)
        {
            html.Append("<p>No polls are available.</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var question in questions)
            {
                html.Append("  <li>").Append(HtmlEncoder.Default.Encode(question.QuestionText)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.Append("</body>\n</html>\n").ToString(), cancellationToken);
    }
}

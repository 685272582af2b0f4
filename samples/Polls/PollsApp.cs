using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Data.Sqlite;
using Polls.Models;
using Reinhardt.Data.Sqlite;

namespace Polls;

/// <summary>
/// The Polls app. This first version lists the latest questions from the embedded SQLite file;
/// views, templates, forms and migrations replace the hand-written parts as those features land.
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

        var connectionString = builder.Configuration.GetConnectionString("Default") ?? "Data Source=polls.sqlite3";
        builder.Services.AddSingleton(new SqliteConnectionFactory(connectionString));
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
    private sealed class DatabaseInitializer(SqliteConnectionFactory database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => InitializeDatabaseAsync(database, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Creates the table and a first question on a new database.</summary>
    public static async Task InitializeDatabaseAsync(SqliteConnectionFactory database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteDialect.CreateTableSql(Question.Schema, ifNotExists: true) + ";" +
            $"INSERT INTO {Question.TableName} (question_text, pub_date) SELECT $text, $date WHERE NOT EXISTS (SELECT 1 FROM {Question.TableName})";
        command.Parameters.Add(new SqliteParameter("$text", "What's up?"));
        command.Parameters.Add(new SqliteParameter("$date", DateTimeOffset.UtcNow));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task Index(HttpContext context)
    {
        var database = context.RequestServices.GetRequiredService<SqliteConnectionFactory>();
        var cancellationToken = context.RequestAborted;
        var questions = new List<Question>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            // the five latest questions not published in the future, newest first (tutorial part 5)
            command.CommandText = $"SELECT {Question.ColumnList} FROM {Question.TableName} WHERE pub_date <= $now ORDER BY pub_date DESC LIMIT 5";
            command.Parameters.Add(new SqliteParameter("$now", DateTimeOffset.UtcNow));
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                questions.Add(Question.ReadRow(reader));
            }
        }

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

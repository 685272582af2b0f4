using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polls.Models;
using Reinhardt.Http;
using Reinhardt.Testing;

namespace Reinhardt.Integration.Tests.Http;

/// <summary>A clock the tests move forward.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A small app with sessions and messages over the real middleware, for the session and messages tests:
/// the database engine uses the Polls sample's database (registered with <c>AddDatabase</c>).
/// </summary>
public static class SessionTestApp
{
    public const string Secret = "integration-test-secret-key";

    public static Task<LoopbackApp> StartAsync(SessionEngine engine, ManualClock? clock = null, params string[] settings) =>
        LoopbackApp.StartAsync(args => Build(args, clock), [$"--SecretKey={Secret}", $"--Sessions:Engine={engine}", .. settings]);

    public static WebApplication Build(string[] args, ManualClock? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        if (builder.Configuration["Sessions:Engine"] != nameof(SessionEngine.SignedCookie) && builder.Configuration["NoDatabase"] is null)
        {
            builder.Services.AddDatabase<PollsDb>(builder.Configuration);
        }

        builder.Services.AddReinhardtSessions(builder.Configuration);
        var app = builder.Build();
        app.Use(next => new ErrorPageMiddleware(next, app.Environment, app.Services.GetRequiredService<ILogger<ErrorPageMiddleware>>()).InvokeAsync);

        // stands in for a TLS-terminating server: the request is HTTPS when the test says so
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey("X-Test-Https"))
            {
                context.Request.Scheme = "https";
            }

            return next(context);
        });
        app.UseRouting();
        app.UseReinhardtSessions();
        app.UseReinhardtMessages();

        app.MapGet("/session/set", context =>
        {
            var session = context.GetSession();
            session.Set(context.Request.Query["key"].ToString(), context.Request.Query["value"].ToString());
            return Text(context, "set");
        });
        app.MapGet("/session/get", context => Text(context, context.GetSession().GetString(context.Request.Query["key"].ToString()) ?? "(none)"));
        app.MapGet("/session/count", async context =>
        {
            var session = await context.GetSessionAsync();
            var count = (session.GetInt32("count") ?? 0) + 1;
            session.Set("count", count);
            await Text(context, count.ToString(CultureInfo.InvariantCulture));
        });
        app.MapGet("/session/typed", context =>
        {
            var session = context.GetSession();
            if (context.Request.Query.ContainsKey("write"))
            {
                session.Set("s", "text");
                session.Set("l", 1L << 40);
                session.Set("i", 7);
                session.Set("b", true);
                session.Set("d", 2.5);
                session.Set("j", new System.Text.Json.Nodes.JsonObject { ["nested"] = new System.Text.Json.Nodes.JsonArray(1, 2) });
                return Text(context, "written");
            }

            return Text(context, string.Join('|',
                session.GetString("s"), session.GetInt64("l"), session.GetInt32("i"), session.GetBoolean("b"),
                session.GetDouble("d")?.ToString(CultureInfo.InvariantCulture), session.Get("j")?.ToJsonString(),
                session.GetInt32("s") is null, string.Join(',', session.Keys)));
        });
        app.MapGet("/session/remove", context => Text(context, context.GetSession().Remove(context.Request.Query["key"].ToString()).ToString()));
        app.MapGet("/session/key", context => Text(context, context.GetSession().SessionKey ?? "(none)"));
        app.MapGet("/session/nothing", context => Text(context, "nothing"));
        app.MapGet("/session/flush", context =>
        {
            context.GetSession().Flush();
            return Text(context, "flushed");
        });
        app.MapGet("/session/cycle", context =>
        {
            context.GetSession().CycleKey();
            return Text(context, "cycled");
        });
        app.MapGet("/session/expiry", context =>
        {
            context.GetSession().SetExpiry(int.Parse(context.Request.Query["seconds"].ToString(), CultureInfo.InvariantCulture));
            return Text(context, "expiry");
        });
        app.MapGet("/session/fail", context =>
        {
            context.GetSession().Set("failed", "yes");
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Text(context, "failed");
        });
        app.MapGet("/session/stream", async context =>
        {
            context.GetSession().Set("streamed", "yes");
            await context.Response.WriteAsync("started");
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(" and finished");
        });
        app.MapGet("/session/deleted-meanwhile", async context =>
        {
            // a concurrent request (a logout) deletes the stored session while this one runs
            var session = await context.GetSessionAsync();
            await context.RequestServices.GetRequiredService<SessionStore>().DeleteAsync(session.SessionKey!);
            session.Set("late", "write");

            // no body: the session is saved after the handler returns, where a failure becomes an error page
        });

        app.MapPost("/messages/add", context =>
        {
            var level = Enum.Parse<MessageLevel>(context.Request.Query["level"].ToString() is { Length: > 0 } name ? name : "Success");
            if (context.Request.Query.ContainsKey("min"))
            {
                Messages.SetLevel(context, Enum.Parse<MessageLevel>(context.Request.Query["min"].ToString()));
            }

            Messages.Add(context, level, context.Request.Query["text"].ToString(), context.Request.Query.ContainsKey("tags") ? context.Request.Query["tags"].ToString() : null);
            context.Response.Redirect("/messages/show");
            return Task.CompletedTask;
        });
        app.MapGet("/messages/show", context =>
        {
            var text = new StringBuilder();
            foreach (var message in Messages.Get(context))
            {
                text.Append((int)message.Level).Append('|').Append(message.Tags).Append('|').Append(message.Text).Append('\n');
            }

            if (context.Request.Query.ContainsKey("then-add"))
            {
                Messages.Info(context, context.Request.Query["then-add"].ToString());
            }

            return Text(context, text.ToString());
        });
        app.MapGet("/messages/count", context => Text(context, Messages.Get(context).Count.ToString(CultureInfo.InvariantCulture)));
        return app;
    }

    /// <summary>The value of the session cookie the client holds; null when none.</summary>
    public static string? SessionCookie(this LoopbackApp app) => app.Cookies.GetCookies(app.BaseAddress)["sessionid"]?.Value;

    /// <summary>Every Set-Cookie header of a response.</summary>
    public static string[] SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];

    /// <summary>The rows of django_session, read from the app's SQLite file.</summary>
    public static async Task<List<(string Key, string Data, string ExpireDate)>> SessionRowsAsync(this LoopbackApp app)
    {
        await using var connection = new SqliteConnection(app.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_key, session_data, expire_date FROM django_session ORDER BY expire_date";
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>The rows of django_session, or none when the table does not exist.</summary>
    public static async Task<List<(string Key, string Data, string ExpireDate)>> SessionRowsOrNothingAsync(this LoopbackApp app)
    {
        try
        {
            return await app.SessionRowsAsync();
        }
        catch (SqliteException)
        {
            return [];
        }
    }

    /// <summary>GETs a path and returns the body, failing on any status but 200.</summary>
    public static async Task<string> GetTextAsync(this LoopbackApp app, string path)
    {
        using var response = await app.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        }

        return body;
    }

    private static Task Text(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }
}

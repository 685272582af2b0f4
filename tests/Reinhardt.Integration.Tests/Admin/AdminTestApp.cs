using System.Collections.Frozen;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polls;
using Polls.Models;
using Reinhardt.Admin;
using Reinhardt.Auth;
using Reinhardt.Testing;
using Reinhardt.Views;

namespace Reinhardt.Integration.Tests.Admin;

/// <summary>A choice admin for the tests: a foreign key filter and column, pagination by two, and a custom action.</summary>
[Admin(
    typeof(Choice),
    ListDisplay = [nameof(Choice.ChoiceText), nameof(Choice.Votes), nameof(Choice.Question)],
    ListFilter = [nameof(Choice.Question)],
    SearchFields = [nameof(Choice.ChoiceText)],
    Ordering = [nameof(Choice.ChoiceText)],
    ListPerPage = 2,
    ReadonlyFields = [nameof(Choice.Votes)])]
public partial class TestChoiceAdmin
{
    /// <summary>Sets the votes of the selected choices to zero.</summary>
    [AdminAction("Reset votes of selected choices")]
    public Task ResetVotes(QuerySet<Choice, Choice.Columns> selected, CancellationToken cancellationToken) =>
        selected.UpdateAsync(c => c.Votes.Set(0), cancellationToken);
}

/// <summary>
/// The Polls app with auth, its admin and a test choice admin. Requests carrying <c>X-Test-User</c>
/// (<c>name|flags|perm,perm</c>, flags <c>s</c> staff, <c>S</c> superuser, <c>i</c> inactive) are made as that user, one of
/// the real <c>auth_user</c> rows created at startup (<see cref="UserNames"/>), with the permissions the header lists; the
/// others go through the session, as a real login does. The header is read after the authentication middleware (by a
/// route table wrapper), so it wins over the session.
/// </summary>
internal static class AdminTestApp
{
    public const string UserHeader = "X-Test-User";

    /// <summary>The users created at startup; each password is <see cref="PasswordOf"/>.</summary>
    public static readonly string[] UserNames = ["admin", "bob", "viewer", "editor", "nobody"];

    public static string PasswordOf(string user) => "correct horse " + user + " 42";

    public static Task<LoopbackApp> StartAsync() => LoopbackApp.StartAsync(Build, "--" + PollsApp.LoadDemoDataKey + "=false");

    public static WebApplication Build(string[] args)
    {
        var builder = ReinhardtApp.CreateBuilder(args);
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1;[::1]";
        // the test users' hashes: Django's format, fewer rounds than production so each app starts quickly
        builder.Configuration["Auth:PasswordIterations"] ??= "1000";
        builder.Services.AddDatabase<PollsDb>(builder.Configuration, "Data Source=polls.sqlite3");
        builder.Services.AddReinhardtAuth(builder.Configuration);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        builder.Services.AddHostedService(services => new Initializer(services.GetRequiredService<PollsDb>(), services.GetRequiredService<AuthService>(), ids));
        var app = builder.Build();
        var site = PollsApp.CreateAdminSite().Register(new TestChoiceAdmin());
        app.UseReinhardt(new HeaderUserRoutes(RouteTable.Instance.WithAuthViews().WithAdmin(site), ids));
        return app;
    }

    private sealed class Initializer(PollsDb database, AuthService auth, Dictionary<string, long> ids) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await PollsApp.InitializeDatabaseAsync(database, loadDemoData: false, cancellationToken);
            foreach (var name in UserNames)
            {
                var user = await auth.CreateUserAsync(name, null, PasswordOf(name), isStaff: name != "bob", isSuperuser: name == "admin", cancellationToken);
                ids[name] = user.Id;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class HeaderUserRoutes(IRouteTable inner, Dictionary<string, long> ids) : IRouteTable
    {
        public bool HasWebSocketRoutes => inner.HasWebSocketRoutes;

        public IReadOnlyList<string> Templates => inner.Templates;

        public bool MatchesPath(string path) => inner.MatchesPath(path);

        public Endpoint? Match(HttpContext context)
        {
            if (context.Request.Headers[UserHeader].ToString() is { Length: > 0 } header)
            {
                var parts = header.Split('|');
                var flags = parts.Length > 1 ? parts[1] : "";
                var permissions = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet() : FrozenSet<string>.Empty;
                context.SetRequestUser(new RequestUser(ids[parts[0]], parts[0], isActive: !flags.Contains('i'), isStaff: flags.Contains('s'), isSuperuser: flags.Contains('S'), permissions));
            }

            return inner.Match(context);
        }
    }

    public static PollsDb Database(LoopbackApp app) => new(new Reinhardt.Data.DatabaseOptions { ConnectionString = app.ConnectionString });

    /// <summary>A client request as a user.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, string? user, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(LoopbackApp app, string url, string? user = Superuser)
    {
        var response = await app.Client.SendAsync(Request(HttpMethod.Get, url, user));
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response, page);
    }

    /// <summary>Gets a page with a form and posts <paramref name="form"/> with its CSRF token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(LoopbackApp app, string url, IEnumerable<KeyValuePair<string, string>> form, string? user = Superuser, string? tokenPage = null)
    {
        var (_, page) = await GetAsync(app, tokenPage ?? "/admin/login/", tokenPage is null ? null : user);
        var token = page.QuerySelector("input[name=csrfmiddlewaretoken]")?.GetAttribute("value") ?? "";
        return await app.Client.SendAsync(Request(HttpMethod.Post, url, user, [new("csrfmiddlewaretoken", token), .. form]));
    }

    public const string Superuser = "admin|sS";
}

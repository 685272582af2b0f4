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
/// The Polls app with its admin and a test choice admin; the request user comes from the <c>X-Test-User</c> header
/// (<c>name|flags|perm,perm</c>, flags <c>s</c> staff, <c>S</c> superuser, <c>i</c> inactive) instead of a login.
/// </summary>
internal static class AdminTestApp
{
    public const string UserHeader = "X-Test-User";

    public static Task<LoopbackApp> StartAsync() => LoopbackApp.StartAsync(Build, "--" + PollsApp.LoadDemoDataKey + "=false");

    public static WebApplication Build(string[] args)
    {
        var builder = ReinhardtApp.CreateBuilder(args);
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1;[::1]";
        builder.Services.AddDatabase<PollsDb>(builder.Configuration, "Data Source=polls.sqlite3");
        builder.Services.AddHostedService(services => new Initializer(services.GetRequiredService<PollsDb>()));
        var app = builder.Build();
        app.Use(next => context =>
        {
            if (context.Request.Headers[UserHeader].ToString() is { Length: > 0 } header)
            {
                var parts = header.Split('|');
                var flags = parts.Length > 1 ? parts[1] : "";
                var permissions = parts.Length > 2 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet() : FrozenSet<string>.Empty;
                context.SetRequestUser(new RequestUser(7, parts[0], isActive: !flags.Contains('i'), isStaff: flags.Contains('s'), isSuperuser: flags.Contains('S'), permissions));
            }

            return next(context);
        });
        var site = PollsApp.CreateAdminSite().Register(new TestChoiceAdmin());
        site.UserNames = (_, keys, _) => Task.FromResult<IReadOnlyDictionary<long, string>>(keys.ToDictionary(k => k, k => "user" + k));
        app.UseReinhardt(RouteTable.Instance.WithAdmin(site));
        return app;
    }

    private sealed class Initializer(PollsDb database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => PollsApp.InitializeDatabaseAsync(database, loadDemoData: false, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public static PollsDb Database(LoopbackApp app) => new(new Reinhardt.Data.DatabaseOptions { ConnectionString = app.ConnectionString });

    /// <summary>A client request as a user.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, string user, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(UserHeader, user);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(LoopbackApp app, string url, string user = Superuser)
    {
        var response = await app.Client.SendAsync(Request(HttpMethod.Get, url, user));
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response, page);
    }

    /// <summary>Gets <paramref name="url"/> and posts <paramref name="form"/> with the page's CSRF token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(LoopbackApp app, string url, IEnumerable<KeyValuePair<string, string>> form, string user = Superuser, string? tokenPage = null)
    {
        var (_, page) = await GetAsync(app, tokenPage ?? "/admin/polls/question/add/", Superuser);
        var token = page.QuerySelector("input[name=csrfmiddlewaretoken]")?.GetAttribute("value") ?? "";
        return await app.Client.SendAsync(Request(HttpMethod.Post, url, user, [new("csrfmiddlewaretoken", token), .. form]));
    }

    public const string Superuser = "admin|sS";
}

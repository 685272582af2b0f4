using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polls.Models;
using Reinhardt.Auth;
using Reinhardt.Http;
using Reinhardt.Testing;

namespace Reinhardt.Integration.Tests.Auth;

/// <summary>Polls' database (which installs auth) with the account pages and the guarded views below.</summary>
public sealed partial class AuthTestApp : IAsyncDisposable
{
    private AuthTestApp(LoopbackApp loopback, WebApplication app)
    {
        Loopback = loopback;
        App = app;
    }

    public LoopbackApp Loopback { get; }

    public WebApplication App { get; }

    public HttpClient Client => Loopback.Client;

    public AuthService Auth => App.Services.GetRequiredService<AuthService>();

    public PollsDb Database => App.Services.GetRequiredService<PollsDb>();

    /// <summary>Starts the app; tests hash with few iterations unless they say otherwise (Django's tests do the same).</summary>
    public static async Task<AuthTestApp> StartAsync(params string[] extraArgs)
    {
        WebApplication? built = null;
        var loopback = await LoopbackApp.StartAsync(args =>
        {
            var builder = ReinhardtApp.CreateBuilder(args);
            builder.Configuration["AllowedHosts"] = "127.0.0.1;localhost";
            builder.Configuration["Auth:PasswordIterations"] ??= "1000";
            builder.Services.AddDatabase<PollsDb>(builder.Configuration);
            builder.Services.AddReinhardtAuth(builder.Configuration);
            var app = builder.Build();
            app.UseReinhardt(RouteTable.Instance.WithAuthViews());
            return built = app;
        }, extraArgs);
        var result = new AuthTestApp(loopback, built!);
        await result.Database.MigrateAsync();
        return result;
    }

    public Task<User> CreateUserAsync(string username, string password, string email = "", bool staff = false, bool superuser = false) =>
        Auth.CreateUserAsync(username, email, password, staff, superuser);

    /// <summary>A new client with its own cookies, on the same app.</summary>
    public (HttpClient Client, CookieContainer Cookies) NewClient()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true }) { BaseAddress = Loopback.BaseAddress }, cookies);
    }

    public string? Cookie(string name, CookieContainer? cookies = null) =>
        (cookies ?? Loopback.Cookies).GetCookies(Loopback.BaseAddress)[name]?.Value;

    /// <summary>GETs a form page and POSTs the fields with the page's CSRF token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync(path);
        var token = CsrfField().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent([new("csrfmiddlewaretoken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    public Task<HttpResponseMessage> LoginAsync(string username, string password, HttpClient? client = null) =>
        SubmitAsync(client ?? Client, "/accounts/login/", ("username", username), ("password", password));

    public async Task<string> WhoAmIAsync(HttpClient? client = null) => await (client ?? Client).GetStringAsync("/authguard/whoami/");

    [GeneratedRegex("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Loopback.DisposeAsync();
    }
}

[View(Prefix = "/authguard")]
public partial class AuthGuardViews
{
    [Get("/whoami/")]
    public static IResult WhoAmI(HttpContext context) =>
        Results.Text(context.GetRequestUser() is { IsAuthenticated: true } user ? user.Username : "(anonymous)", "text/plain; charset=utf-8");

    [Get("/touch/")]
    public static IResult Touch(HttpContext context)
    {
        context.GetSession().Set("visited", true);
        return Results.Text("touched", "text/plain; charset=utf-8");
    }

    [Get("/private/")]
    [LoginRequired]
    public static IResult Private(HttpContext context) => Results.Text("private:" + context.GetRequestUser().Username, "text/plain; charset=utf-8");

    [Get("/change-question/")]
    [PermissionRequired("polls.change_question")]
    public static IResult ChangeQuestion() => Results.Text("may change questions", "text/plain; charset=utf-8");

    [Get("/staff/")]
    [StaffRequired]
    public static IResult Staff() => Results.Text("staff only", "text/plain; charset=utf-8");
}

/// <summary>A class-based guard: every handler of the class needs the permission.</summary>
[View(Prefix = "/authguard/votes")]
[PermissionRequired("polls.delete_choice")]
public partial class AuthGuardedClassViews
{
    [Get("/")]
    public static IResult Index() => Results.Text("may delete choices", "text/plain; charset=utf-8");
}

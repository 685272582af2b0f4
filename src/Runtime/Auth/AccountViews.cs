using Reinhardt.Data;
using Reinhardt.Http;
using Reinhardt.Templates;
using Reinhardt.Views;

namespace Reinhardt.Auth;

/// <summary>
/// Django's account views (<c>django.contrib.auth.views</c>) with its URLs, in front of the app's routes: see
/// <see cref="AuthSetup.WithAuthViews"/>.
/// </summary>
internal sealed class AccountRouteTable : IRouteTable
{
    private const string ResetPrefix = "/accounts/reset/";

    /// <summary>Django's <c>INTERNAL_RESET_SESSION_TOKEN</c>.</summary>
    internal const string ResetSessionTokenKey = "_password_reset_token";

    /// <summary>Django's <c>reset_url_token</c>: the link's token is swapped for this, so it never leaks through a <c>Referer</c>.</summary>
    internal const string ResetUrlToken = "set-password";

    private static readonly string[] Patterns =
    [
        "/accounts/login/", "/accounts/logout/", "/accounts/password_change/", "/accounts/password_change/done/",
        "/accounts/password_reset/", "/accounts/password_reset/done/", "/accounts/reset/done/",
    ];

    private readonly IRouteTable _inner;
    private readonly Dictionary<string, PatternEndpoints> _fixed;
    private readonly PatternEndpoints _reset;

    public AccountRouteTable(IRouteTable inner)
    {
        _inner = inner;
        _fixed = new Dictionary<string, PatternEndpoints>(StringComparer.Ordinal)
        {
            ["/accounts/login/"] = new("/accounts/login/", Get("/accounts/login/", "login", LoginAsync), Post("/accounts/login/", "login", LoginAsync)),
            ["/accounts/logout/"] = new("/accounts/logout/", Post("/accounts/logout/", "logout", LogoutAsync)),
            ["/accounts/password_change/"] = new("/accounts/password_change/",
                Get("/accounts/password_change/", "password_change", PasswordChangeAsync, new LoginRequiredAttribute()),
                Post("/accounts/password_change/", "password_change", PasswordChangeAsync, new LoginRequiredAttribute())),
            ["/accounts/password_change/done/"] = new("/accounts/password_change/done/",
                Get("/accounts/password_change/done/", "password_change_done", context => new PasswordChangeDonePage().ExecuteAsync(context), new LoginRequiredAttribute())),
            ["/accounts/password_reset/"] = new("/accounts/password_reset/",
                Get("/accounts/password_reset/", "password_reset", PasswordResetAsync), Post("/accounts/password_reset/", "password_reset", PasswordResetAsync)),
            ["/accounts/password_reset/done/"] = new("/accounts/password_reset/done/",
                Get("/accounts/password_reset/done/", "password_reset_done", context => new PasswordResetDonePage().ExecuteAsync(context))),
            ["/accounts/reset/done/"] = new("/accounts/reset/done/",
                Get("/accounts/reset/done/", "password_reset_complete", context => new PasswordResetCompletePage(SafeString.MarkSafe(Auth(context).Options.LoginUrl)).ExecuteAsync(context))),
        };
        _reset = new("/accounts/reset/<uidb64>/<token>/",
            Get("/accounts/reset/<uidb64>/<token>/", "password_reset_confirm", ResetConfirmAsync),
            Post("/accounts/reset/<uidb64>/<token>/", "password_reset_confirm", ResetConfirmAsync));
    }

    public bool HasWebSocketRoutes => _inner.HasWebSocketRoutes;

    public IReadOnlyList<string> Templates => [.. Patterns, "/accounts/reset/<uidb64>/<token>/", .. _inner.Templates];

    public Endpoint? Match(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (_fixed.TryGetValue(path, out var endpoints))
        {
            return endpoints.Select(context.Request.Method);
        }

        if (ResetSegments(path) is { } segments)
        {
            context.Request.RouteValues["uidb64"] = segments.Uid;
            context.Request.RouteValues["token"] = segments.Token;
            return _reset.Select(context.Request.Method);
        }

        return _inner.Match(context);
    }

    public bool MatchesPath(string path) => _fixed.ContainsKey(path) || ResetSegments(path) is not null || _inner.MatchesPath(path);

    private static (string Uid, string Token)? ResetSegments(string path)
    {
        if (!path.StartsWith(ResetPrefix, StringComparison.Ordinal) || !path.EndsWith('/'))
        {
            return null;
        }

        var parts = path[ResetPrefix.Length..^1].Split('/');
        return parts is [{ Length: > 0 } uid, { Length: > 0 } token] ? (uid, token) : null;
    }

    private static ViewEndpoint Get(string template, string name, RequestDelegate handler, params object[] metadata) =>
        new(HttpMethods.Get, template, name, handler, metadata);

    private static ViewEndpoint Post(string template, string name, RequestDelegate handler, params object[] metadata) =>
        new(HttpMethods.Post, template, name, handler, metadata);

    private static AuthService Auth(HttpContext context) => context.RequestServices.GetRequiredService<AuthService>();

    private static bool IsPost(HttpContext context) => HttpMethods.IsPost(context.Request.Method);

    private static string Field(IFormCollection form, string name) => form[name].ToString();

    /// <summary>Django's <c>LoginView</c>.</summary>
    private static async Task LoginAsync(HttpContext context)
    {
        var auth = Auth(context);
        if (!IsPost(context))
        {
            await new LoginPage("", context.Request.Query["next"].ToString(), []).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var username = Field(form, "username");
        var password = Field(form, "password");
        var next = form.ContainsKey("next") ? Field(form, "next") : context.Request.Query["next"].ToString();
        var errors = new List<string>();
        if (username.Length == 0 || password.Length == 0)
        {
            errors.Add("This field is required.");
        }
        else
        {
            var throttle = context.RequestServices.GetRequiredService<LoginThrottle>();
            if (throttle.Attempt(context, username) is { } retryAfter)
            {
                await LoginThrottle.WriteThrottledAsync(context, retryAfter).ConfigureAwait(false);
                return;
            }

            if (await auth.AuthenticateAsync(username, password, context.RequestAborted).ConfigureAwait(false) is { } user)
            {
                await auth.LoginAsync(context, user, context.RequestAborted).ConfigureAwait(false);
                context.Response.Redirect(RedirectUrls.SafeOrDefault(context.Request, next, auth.Options.LoginRedirectUrl));
                return;
            }

            errors.Add("Please enter a correct username and password. Note that both fields may be case-sensitive.");
        }

        await new LoginPage(username, next, errors).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Django's <c>LogoutView</c>: POST only (the table answers GET with 405).</summary>
    private static async Task LogoutAsync(HttpContext context)
    {
        var auth = Auth(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        await auth.LogoutAsync(context, context.RequestAborted).ConfigureAwait(false);
        var next = form.ContainsKey("next") ? Field(form, "next") : context.Request.Query["next"].ToString();
        var target = next.Length > 0 && RedirectUrls.HasAllowedHostAndScheme(context.Request, next) ? next : auth.Options.LogoutRedirectUrl;
        if (!string.IsNullOrEmpty(target))
        {
            context.Response.Redirect(target);
            return;
        }

        await new LoggedOutPage(SafeString.MarkSafe(auth.Options.LoginUrl)).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Django's <c>PasswordChangeView</c> with <c>PasswordChangeForm</c>.</summary>
    private static async Task PasswordChangeAsync(HttpContext context)
    {
        var auth = Auth(context);
        var help = auth.Validation.HelpTexts;
        if (!IsPost(context))
        {
            await new PasswordChangePage([], help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var user = await auth.Database.Users().Filter(u => u.Id == context.GetRequestUser().Id).FirstAsync(context.RequestAborted).ConfigureAwait(false);
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var errors = new List<string>();
        if (!user.CheckPassword(Field(form, "old_password")))
        {
            errors.Add("Your old password was entered incorrectly. Please enter it again.");
        }

        errors.AddRange(NewPasswordErrors(auth, user, Field(form, "new_password1"), Field(form, "new_password2")));
        if (errors.Count > 0)
        {
            await new PasswordChangePage(errors, help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await auth.SetPasswordAsync(user, Field(form, "new_password1"), context.RequestAborted).ConfigureAwait(false);
        await auth.UpdateSessionAuthHashAsync(context, user, context.RequestAborted).ConfigureAwait(false);
        context.Response.Redirect("/accounts/password_change/done/");
    }

    /// <summary>Django's <c>SetPasswordForm</c>: both fields required, equal, and accepted by the validators.</summary>
    private static IEnumerable<string> NewPasswordErrors(AuthService auth, User user, string password1, string password2)
    {
        if (password1.Length == 0 || password2.Length == 0)
        {
            return ["This field is required."];
        }

        return password1 != password2 ? ["The two password fields didn’t match."] : auth.Validation.Validate(password2, user);
    }

    /// <summary>
    /// Django's <c>PasswordResetView</c>: emails a link to every active user with this address and a usable password,
    /// and always answers the same redirect, so the page never tells whether an address has an account.
    /// </summary>
    private static async Task PasswordResetAsync(HttpContext context)
    {
        var auth = Auth(context);
        if (!IsPost(context))
        {
            await new PasswordResetPage("", []).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var email = Field(form, "email").Trim();
        if (email.Length == 0 || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal))
        {
            await new PasswordResetPage(email, [email.Length == 0 ? "This field is required." : "Enter a valid email address."]).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var users = await auth.Database.Users().Filter(u => u.Email.IExact(email) & u.IsActive == true).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        var sender = context.RequestServices.GetRequiredService<IEmailSender>();
        var site = context.Request.Host.Value ?? "localhost";
        foreach (var user in users.Where(u => u.HasUsablePassword && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            var link = context.Request.Scheme + "://" + site + ResetPrefix + PasswordResetTokens.EncodeUid(user.Id) + "/" + auth.ResetTokens.Make(user) + "/";
            var body = "You're receiving this email because you requested a password reset for your user account at " + site + ".\n\n"
                + "Please go to the following page and choose a new password:\n\n" + link + "\n\n"
                + "Your username, in case you’ve forgotten: " + user.Username + "\n\n"
                + "Thanks for using our site!\n\nThe " + site + " team\n";
            await sender.SendAsync(new EmailMessage(auth.Options.DefaultFromEmail, [user.Email], "Password reset on " + site, body), context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Redirect("/accounts/password_reset/done/");
    }

    /// <summary>
    /// Django's <c>PasswordResetConfirmView</c>: a valid link's token moves into the session and the browser is sent to
    /// <c>.../set-password/</c>; there the new password is set, which also makes the token invalid.
    /// </summary>
    private static async Task ResetConfirmAsync(HttpContext context)
    {
        var auth = Auth(context);
        var uid = (string)context.Request.RouteValues["uidb64"]!;
        var token = (string)context.Request.RouteValues["token"]!;
        var id = PasswordResetTokens.DecodeUid(uid);
        var user = id is { } key ? await auth.Database.Users().Filter(u => u.Id == key).FirstOrDefaultAsync(context.RequestAborted).ConfigureAwait(false) : null;
        var help = auth.Validation.HelpTexts;
        if (user is null)
        {
            await new PasswordResetConfirmPage(false, [], help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var session = await context.GetSessionAsync(context.RequestAborted).ConfigureAwait(false);
        if (token != ResetUrlToken)
        {
            if (auth.ResetTokens.Check(user, token))
            {
                session.Set(ResetSessionTokenKey, token);
                context.Response.Redirect(ResetPrefix + uid + "/" + ResetUrlToken + "/");
                return;
            }

            await new PasswordResetConfirmPage(false, [], help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!auth.ResetTokens.Check(user, session.GetString(ResetSessionTokenKey)))
        {
            await new PasswordResetConfirmPage(false, [], help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!IsPost(context))
        {
            await new PasswordResetConfirmPage(true, [], help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var errors = NewPasswordErrors(auth, user, Field(form, "new_password1"), Field(form, "new_password2")).ToList();
        if (errors.Count > 0)
        {
            await new PasswordResetConfirmPage(true, errors, help).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await auth.SetPasswordAsync(user, Field(form, "new_password1"), context.RequestAborted).ConfigureAwait(false);
        session.Remove(ResetSessionTokenKey);
        context.Response.Redirect("/accounts/reset/done/");
    }
}

/// <summary>Writing a compiled page as the response.</summary>
file static class PageResponses
{
    public static Task ExecuteAsync(this ITemplatePage page, HttpContext context) => TemplateRendering.WriteResponseAsync(page, context);
}

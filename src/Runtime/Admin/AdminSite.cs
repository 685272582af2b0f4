using System.Collections.Frozen;
using System.Globalization;
using Reinhardt.Auth;
using Reinhardt.Data;
using Reinhardt.Forms;
using Reinhardt.Http;
using Reinhardt.Views;

namespace Reinhardt.Admin;

/// <summary>One admin request: the site, the database, the user.</summary>
public sealed class AdminRequest
{
    internal AdminRequest(HttpContext context, AdminSite site, Database database)
    {
        Context = context;
        Site = site;
        Database = database;
        User = context.GetRequestUser();
    }

    /// <summary>The request.</summary>
    public HttpContext Context { get; }

    /// <summary>The admin site.</summary>
    public AdminSite Site { get; }

    /// <summary>The app's database.</summary>
    public Database Database { get; }

    /// <summary>The logged-in user.</summary>
    public RequestUser User { get; }

    /// <summary>The request's cancellation.</summary>
    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>The page chrome: header, user tools, breadcrumbs and the messages waiting for this request.</summary>
    public AdminChrome Chrome(string title, IReadOnlyList<AdminLink> breadcrumbs, string bodyClass)
    {
        var messages = new List<AdminMessage>();
        foreach (var message in Messages.Get(Context))
        {
            messages.Add(new AdminMessage(message.LevelTag, message.Text));
        }

        return new AdminChrome(
            Site.SiteHeader,
            Site.SiteTitle,
            title,
            Site.Url(""),
            Site.Url("static/admin/"),
            User.IsAuthenticated ? User.Username : null,
            User.IsAuthenticated && Context.RequestServices.GetService<AuthService>() is not null ? Site.Url("logout/") : null,
            breadcrumbs,
            messages,
            bodyClass);
    }
}

/// <summary>What a delete would remove: Django's <c>get_deleted_objects</c>.</summary>
/// <param name="Deleted">Every object, as "Model: text".</param>
/// <param name="Summary">Counts per model, as "Questions: 1".</param>
/// <param name="Protected">Why the delete is refused (protected or restricted references), or empty.</param>
public sealed record AdminDeletion(IReadOnlyList<string> Deleted, IReadOnlyList<string> Summary, IReadOnlyList<string> Protected);

/// <summary>
/// Django's <c>AdminSite</c>: the registered model admins, served under <see cref="Prefix"/> (<c>/admin/</c>) by
/// <see cref="AdminSiteExtensions.WithAdmin"/>. Staff only: anyone else is redirected to the login page.
/// </summary>
/// <example>
/// <code>
/// var admin = AdminSite.For&lt;PollsDb&gt;().Register(new QuestionAdmin());
/// app.UseReinhardt(RouteTable.Instance.WithAdmin(admin));
/// </code>
/// </example>
public sealed class AdminSite
{
    private readonly List<IModelAdmin> _admins = [];
    private readonly Func<IServiceProvider, Database> _database;
    private FrozenDictionary<string, ModelDescriber>? _describers;

    /// <summary>A site whose models live in <paramref name="database"/> (resolved per request).</summary>
    public AdminSite(Func<IServiceProvider, Database> database, string prefix = "/admin")
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.StartsWith('/') || prefix.EndsWith('/'))
        {
            throw new ArgumentException("The prefix starts with '/' and does not end with one, e.g. '/admin'.", nameof(prefix));
        }

        _database = database;
        Prefix = prefix;
    }

    /// <summary>A site over the app's <typeparamref name="TDatabase"/> service.</summary>
    public static AdminSite For<TDatabase>(string prefix = "/admin")
        where TDatabase : Database =>
        new(static services => services.GetRequiredService<TDatabase>(), prefix);

    /// <summary>Where the admin is served (<c>/admin</c>).</summary>
    public string Prefix { get; }

    /// <summary>Django's <c>site_header</c>.</summary>
    public string SiteHeader { get; set; } = "Reinhardt administration";

    /// <summary>Django's <c>site_title</c>.</summary>
    public string SiteTitle { get; set; } = "Reinhardt site admin";

    /// <summary>Django's <c>index_title</c>.</summary>
    public string IndexTitle { get; set; } = "Site administration";

    /// <summary>The registered model admins.</summary>
    public IReadOnlyList<IModelAdmin> Registry => _admins;

    /// <summary>Registers a model admin (Django's <c>site.register</c>).</summary>
    public AdminSite Register(IModelAdmin admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (_admins.Any(a => a.AppLabel == admin.AppLabel && a.ModelName == admin.ModelName))
        {
            throw new InvalidOperationException($"The model {admin.AppLabel}.{admin.ModelName} is already registered.");
        }

        _admins.Add(admin);
        _describers = null;
        return this;
    }

    /// <summary>A URL below the prefix: <c>Url("polls/")</c> is <c>/admin/polls/</c>.</summary>
    public AdminUrl Url(string path) => new(Prefix + "/" + path);

    /// <summary>Answers a request below <see cref="Prefix"/>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "";
        var rest = path.Length > Prefix.Length ? path[(Prefix.Length + 1)..] : "";
        if (rest.StartsWith("static/", StringComparison.Ordinal))
        {
            await AdminStaticFiles.ServeAsync(context, rest["static/".Length..]).ConfigureAwait(false);
            return;
        }

        var request = new AdminRequest(context, this, _database(context.RequestServices));
        if (rest == "login/")
        {
            await LoginAsync(request).ConfigureAwait(false);
            return;
        }

        var user = request.User;
        if (!user.IsActive || !user.IsStaff)
        {
            // Django's admin_view: anyone but active staff goes to the login page, coming back here after it
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = Prefix + "/login/?" + QueryString.Create("next", path + context.Request.QueryString).ToString()[1..];
            return;
        }

        if (rest == "logout/")
        {
            await LogoutAsync(request).ConfigureAwait(false);
            return;
        }

        var segments = rest.Split('/');
        // every admin URL ends with a slash: "", "polls/", "polls/question/", "polls/question/add/", "polls/question/1/change/"
        if (segments[^1].Length != 0)
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var parts = segments[..^1];
        if (parts.Length == 0)
        {
            await IndexAsync(request, null).ConfigureAwait(false);
            return;
        }

        if (parts.Length == 1)
        {
            await IndexAsync(request, parts[0]).ConfigureAwait(false);
            return;
        }

        var admin = _admins.FirstOrDefault(a => a.AppLabel == parts[0] && a.ModelName == parts[1]);
        if (admin is null)
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        switch (parts.Length)
        {
            case 2:
                await admin.HandleAsync(request, "changelist", null).ConfigureAwait(false);
                return;
            case 3 when parts[2] == "add":
                await admin.HandleAsync(request, "add", null).ConfigureAwait(false);
                return;
            case 3:
                // Django: /admin/polls/question/1/ redirects to its change page
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = path + "change/";
                return;
            case 4 when parts[3] is "change" or "delete" or "history":
                await admin.HandleAsync(request, parts[3], parts[2]).ConfigureAwait(false);
                return;
            default:
                await ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound).ConfigureAwait(false);
                return;
        }
    }

    private async Task IndexAsync(AdminRequest request, string? appLabel)
    {
        if (!HttpMethods.IsGet(request.Context.Request.Method) && !HttpMethods.IsHead(request.Context.Request.Method))
        {
            await ErrorPages.WriteAsync(request.Context, StatusCodes.Status405MethodNotAllowed).ConfigureAwait(false);
            return;
        }

        var apps = new List<AdminAppLink>();
        foreach (var group in _admins.Where(a => appLabel is null || a.AppLabel == appLabel).GroupBy(a => a.AppLabel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var models = new List<AdminModelLink>();
            foreach (var admin in group.OrderBy(a => a.VerboseNamePlural, StringComparer.OrdinalIgnoreCase))
            {
                var user = request.User;
                var canView = admin.HasPermission(user, "view");
                var canAdd = admin.HasPermission(user, "add");
                if (!canView && !canAdd && !admin.HasPermission(user, "delete"))
                {
                    continue;
                }

                models.Add(new AdminModelLink(
                    AdminDisplay.CapFirst(admin.VerboseNamePlural),
                    canView ? Url($"{admin.AppLabel}/{admin.ModelName}/") : null,
                    canAdd ? Url($"{admin.AppLabel}/{admin.ModelName}/add/") : null,
                    !admin.HasPermission(user, "change")));
            }

            if (models.Count > 0)
            {
                apps.Add(new AdminAppLink(AdminDisplay.CapFirst(group.Key), group.Key, Url(group.Key + "/"), models));
            }
        }

        if (appLabel is not null && apps.Count == 0)
        {
            // Django: an app the user has no permission in (or that does not exist) is a 404
            await ErrorPages.WriteAsync(request.Context, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var title = appLabel is null ? IndexTitle : $"{AdminDisplay.CapFirst(appLabel)} administration";
        IReadOnlyList<AdminLink> crumbs = appLabel is null ? [] : [new AdminLink(AdminDisplay.CapFirst(appLabel), null)];
        var page = new AdminIndexPage(request.Chrome(title, crumbs, appLabel is null ? "dashboard" : $"app-{appLabel} dashboard"), apps);
        await ((IResult)page).ExecuteAsync(request.Context).ConfigureAwait(false);
    }

    private async Task LoginAsync(AdminRequest request)
    {
        var context = request.Context;
        var next = context.Request.Query["next"].ToString();
        string? error = null;
        var username = "";
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var data = await Form.ReadSubmissionAsync(context).ConfigureAwait(false);
            username = data?["username"].ToString() ?? "";
            var password = data?["password"].ToString() ?? "";
            next = data?["next"].ToString() is { Length: > 0 } posted ? posted : next;
            var auth = context.RequestServices.GetService<AuthService>();
            if (auth is null)
            {
                error = "Authentication is not configured for this site (services.AddReinhardtAuth).";
            }
            else if (username.Length > 0 && password.Length > 0)
            {
                // the auth app's brute-force limit applies here as on /accounts/login/
                if (context.RequestServices.GetService<LoginThrottle>()?.Attempt(context, username) is { } retryAfter)
                {
                    await LoginThrottle.WriteThrottledAsync(context, retryAfter).ConfigureAwait(false);
                    return;
                }

                // Django's AdminAuthenticationForm: a valid account that is not staff is refused before it is logged in
                if (await auth.AuthenticateAsync(username, password, context.RequestAborted).ConfigureAwait(false) is { IsStaff: true } user)
                {
                    await auth.LoginAsync(context, user, context.RequestAborted).ConfigureAwait(false);
                    context.Response.StatusCode = StatusCodes.Status302Found;
                    context.Response.Headers.Location = SafeNext(context, next);
                    return;
                }
            }

            error ??= "Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.";
        }
        else if (request.User is { IsActive: true, IsStaff: true })
        {
            // Django: a logged-in staff user visiting the login page goes straight to the index
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = SafeNext(context, next);
            return;
        }
        else if (request.User.IsAuthenticated)
        {
            error = $"You are authenticated as {request.User.Username}, but are not authorized to access this page. Would you like to login to a different account?";
        }

        var page = new AdminLoginPage(request.Chrome("Log in", [], "login"), Url("login/"), next, username, error);
        await ((IResult)page).ExecuteAsync(context).ConfigureAwait(false);
    }

    // Django's url_has_allowed_host_and_scheme: only a local path is followed, anything else goes to the index
    private string SafeNext(HttpContext context, string next) =>
        next.Length > 0 && RedirectUrls.HasAllowedHostAndScheme(context.Request, next) && next.StartsWith('/') && !next.StartsWith("//", StringComparison.Ordinal)
            ? next
            : Prefix + "/";

    private async Task LogoutAsync(AdminRequest request)
    {
        var context = request.Context;
        // Django 5: logout by POST only
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Log out with a POST request.").ConfigureAwait(false);
            return;
        }

        if (context.RequestServices.GetService<AuthService>() is { } auth)
        {
            await auth.LogoutAsync(context, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = Prefix + "/login/";
    }

    /// <summary>Usernames of <paramref name="keys"/> (<c>auth_user</c>), for the history page.</summary>
    internal static async Task<IReadOnlyDictionary<long, string>> UserNamesAsync(Database database, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        var names = new Dictionary<long, string>();
        foreach (var chunk in keys.Chunk(SqlLimits.MaxParameters))
        {
            foreach (var user in await database.Users().Filter(u => u.Id.In(chunk)).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                names[user.Id] = user.Username;
            }
        }

        return names;
    }

    /// <summary>What deleting <paramref name="keys"/> of <paramref name="table"/> would remove, described by the registered models.</summary>
    public async Task<AdminDeletion> DescribeDeletionAsync(Database database, TableSchema table, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(table);
        IReadOnlyList<(TableSchema Table, IReadOnlyCollection<long> Keys)> collected;
        try
        {
            collected = await new DeleteCollector(database).CollectOnlyAsync(table, keys, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ProtectedErrorException or RestrictedErrorException)
        {
            return new AdminDeletion([], [], [e.Message]);
        }

        _describers ??= _admins.SelectMany(a => a.Describers).GroupBy(d => d.Table).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var deleted = new List<string>();
        var summary = new List<string>();
        foreach (var (target, targetKeys) in collected)
        {
            if (_describers.TryGetValue(target.Name, out var describer))
            {
                foreach (var text in await describer.Describe(database, targetKeys, cancellationToken).ConfigureAwait(false))
                {
                    deleted.Add($"{AdminDisplay.CapFirst(describer.VerboseName)}: {text}");
                }

                summary.Add($"{AdminDisplay.CapFirst(targetKeys.Count == 1 ? describer.VerboseName : describer.VerboseNamePlural)}: {targetKeys.Count.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                deleted.AddRange(targetKeys.Select(k => $"{target.Name}: #{k.ToString(CultureInfo.InvariantCulture)}"));
                summary.Add($"{target.Name}: {targetKeys.Count.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return new AdminDeletion(deleted, summary, []);
    }
}

/// <summary>Mounting an <see cref="AdminSite"/> in an app's route table.</summary>
public static class AdminSiteExtensions
{
    /// <summary>
    /// The app's routes plus the admin under <see cref="AdminSite.Prefix"/>: pass the result to
    /// <c>app.UseReinhardt(...)</c>, so the admin runs after sessions, authentication, request limits and CSRF.
    /// </summary>
    public static IRouteTable WithAdmin(this IRouteTable routes, AdminSite site)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(site);
        return new AdminRouteTable(routes, site);
    }

    private sealed class AdminRouteTable(IRouteTable inner, AdminSite site) : IRouteTable
    {
        private readonly Endpoint _endpoint = new(site.HandleAsync, new EndpointMetadataCollection(), "Reinhardt admin");
        private readonly string _prefix = site.Prefix + "/";

        public bool HasWebSocketRoutes => inner.HasWebSocketRoutes;

        public IReadOnlyList<string> Templates { get; } = [.. inner.Templates, site.Prefix.TrimStart('/') + "/"];

        public Endpoint? Match(HttpContext context) =>
            (context.Request.Path.Value ?? "").StartsWith(_prefix, StringComparison.Ordinal) ? _endpoint : inner.Match(context);

        public bool MatchesPath(string path) => path.StartsWith(_prefix, StringComparison.Ordinal) || inner.MatchesPath(path);
    }
}

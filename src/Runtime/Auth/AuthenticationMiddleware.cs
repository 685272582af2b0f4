using Reinhardt.Http;
using Reinhardt.Views;

namespace Reinhardt.Auth;

/// <summary>
/// Django's <c>AuthenticationMiddleware</c>: sets the request's <see cref="RequestUser"/> once, from the session
/// (<see cref="AuthService.GetSessionUserAsync"/>, which also logs out a session whose password hash no longer matches).
/// A request without a session cookie is anonymous at no cost. Place it after the session middleware.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, AuthService auth, IOptions<ReinhardtSessionOptions> sessionOptions)
{
    private readonly string _cookieName = sessionOptions.Value.CookieName;

    /// <summary>Loads the user, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.ContainsKey(_cookieName)
            && await auth.GetSessionUserAsync(context, context.RequestAborted).ConfigureAwait(false) is { } user)
        {
            await auth.SetRequestUserAsync(context, user, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            context.SetRequestUser(RequestUser.Anonymous);
        }

        await next(context).ConfigureAwait(false);
    }
}

/// <summary>
/// Enforces <see cref="LoginRequiredAttribute"/>, <see cref="StaffRequiredAttribute"/> and
/// <see cref="PermissionRequiredAttribute"/> from the matched endpoint's metadata (put there by the generated route
/// table): anonymous → 302 to <see cref="AuthOptions.LoginUrl"/> with <c>?next=</c>; logged in but not allowed → 403.
/// Runs after routing, just before the view.
/// </summary>
public sealed class ViewGuardMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
{
    private readonly string _loginUrl = options.Value.LoginUrl;

    /// <summary>Checks the endpoint's requirements, then calls the view or answers instead.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata is null)
        {
            return next(context);
        }

        var login = metadata.GetMetadata<LoginRequiredAttribute>() is not null;
        var staff = metadata.GetMetadata<StaffRequiredAttribute>() is not null;
        var permissions = metadata.GetOrderedMetadata<PermissionRequiredAttribute>();
        if (!login && !staff && permissions.Count == 0)
        {
            return next(context);
        }

        var user = context.GetRequestUser();
        if (!user.IsAuthenticated)
        {
            context.Response.Redirect(LoginRedirect(_loginUrl, context.Request));
            return Task.CompletedTask;
        }

        if (staff && !(user.IsActive && user.IsStaff))
        {
            return ErrorPages.WriteAsync(context, StatusCodes.Status403Forbidden, "This page is for staff members only.");
        }

        foreach (var required in permissions)
        {
            foreach (var permission in required.Permissions)
            {
                if (!user.HasPermission(permission))
                {
                    return ErrorPages.WriteAsync(context, StatusCodes.Status403Forbidden, "You do not have permission to access this page.");
                }
            }
        }

        return next(context);
    }

    /// <summary>Django's <c>redirect_to_login</c>: the login URL with <c>next</c> set to the request's path and query (slashes left as they are).</summary>
    public static string LoginRedirect(string loginUrl, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(loginUrl);
        ArgumentNullException.ThrowIfNull(request);
        var next = request.PathBase.Add(request.Path).ToString() + request.QueryString.ToString();
        var encoded = Uri.EscapeDataString(next).Replace("%2F", "/", StringComparison.Ordinal);
        return loginUrl + (loginUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "next=" + encoded;
    }
}

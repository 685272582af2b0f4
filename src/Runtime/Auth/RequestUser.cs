using System.Collections.Frozen;

namespace Reinhardt.Auth;

/// <summary>
/// Who made a request: Django's <c>request.user</c>. The authentication middleware loads it once per request
/// (from the session) and stores it as an <see cref="HttpContext"/> feature; everything else (view guards,
/// the admin, templates) reads it through <see cref="RequestUserExtensions.GetRequestUser"/>.
/// </summary>
public sealed class RequestUser
{
    /// <summary>The anonymous user: not authenticated, no permission.</summary>
    public static RequestUser Anonymous { get; } = new(0, "", isActive: false, isStaff: false, isSuperuser: false, FrozenSet<string>.Empty, isAuthenticated: false);

    /// <summary>Creates an authenticated user.</summary>
    /// <param name="id">The user's primary key.</param>
    /// <param name="username">The user's username.</param>
    /// <param name="isActive">Django's <c>is_active</c>.</param>
    /// <param name="isStaff">Django's <c>is_staff</c>: may log in to the admin.</param>
    /// <param name="isSuperuser">Django's <c>is_superuser</c>: has every permission while active.</param>
    /// <param name="permissions">Permissions held directly or through groups, as <c>app_label.codename</c>.</param>
    public RequestUser(long id, string username, bool isActive, bool isStaff, bool isSuperuser, IReadOnlySet<string> permissions)
        : this(id, username, isActive, isStaff, isSuperuser, permissions, isAuthenticated: true)
    {
    }

    private RequestUser(long id, string username, bool isActive, bool isStaff, bool isSuperuser, IReadOnlySet<string> permissions, bool isAuthenticated)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(permissions);
        Id = id;
        Username = username;
        IsActive = isActive;
        IsStaff = isStaff;
        IsSuperuser = isSuperuser;
        Permissions = permissions;
        IsAuthenticated = isAuthenticated;
    }

    /// <summary>The user's primary key (0 for <see cref="Anonymous"/>).</summary>
    public long Id { get; }

    /// <summary>The username ("" for <see cref="Anonymous"/>).</summary>
    public string Username { get; }

    /// <summary>Whether the request carries a logged-in user.</summary>
    public bool IsAuthenticated { get; }

    /// <summary>Django's <c>is_active</c>.</summary>
    public bool IsActive { get; }

    /// <summary>Django's <c>is_staff</c>.</summary>
    public bool IsStaff { get; }

    /// <summary>Django's <c>is_superuser</c>.</summary>
    public bool IsSuperuser { get; }

    /// <summary>Permissions held directly or through groups, as <c>app_label.codename</c> (e.g. <c>polls.change_question</c>).</summary>
    public IReadOnlySet<string> Permissions { get; }

    /// <summary>
    /// Django's <c>has_perm</c>: an inactive user has no permission, an active superuser has all of them,
    /// anyone else those in <see cref="Permissions"/>.
    /// </summary>
    /// <param name="permission">The permission as <c>app_label.codename</c>, e.g. <c>polls.change_question</c>.</param>
    public bool HasPermission(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return IsActive && (IsSuperuser || Permissions.Contains(permission));
    }

    /// <summary>Django's <c>has_module_perms</c>: whether the user holds any permission of an app.</summary>
    /// <param name="appLabel">The app label, e.g. <c>polls</c>.</param>
    public bool HasAppPermission(string appLabel)
    {
        ArgumentNullException.ThrowIfNull(appLabel);
        if (!IsActive)
        {
            return false;
        }

        if (IsSuperuser)
        {
            return true;
        }

        foreach (var permission in Permissions)
        {
            if (permission.Length > appLabel.Length && permission[appLabel.Length] == '.' && permission.StartsWith(appLabel, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Reading and setting the <see cref="RequestUser"/> of a request.</summary>
public static class RequestUserExtensions
{
    /// <summary>The request's user, or <see cref="RequestUser.Anonymous"/> when nobody is logged in.</summary>
    public static RequestUser GetRequestUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<RequestUser>() ?? RequestUser.Anonymous;
    }

    /// <summary>Sets the request's user (the authentication middleware's job, and login's).</summary>
    public static void SetRequestUser(this HttpContext context, RequestUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        context.Features.Set(user);
    }
}

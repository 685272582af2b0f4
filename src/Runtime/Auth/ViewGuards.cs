namespace Reinhardt.Views;

/// <summary>
/// Django's <c>login_required</c>: an anonymous request is redirected to <c>Auth:LoginUrl</c> with <c>?next=</c> the
/// requested path. On a view method or a <c>[View]</c> class (all its handlers); the generator puts it in the route table.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class LoginRequiredAttribute : Attribute
{
}

/// <summary>
/// Django's <c>staff_member_required</c>: an anonymous request is redirected to the login page; a logged-in user who
/// is not active staff gets 403.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class StaffRequiredAttribute : Attribute
{
}

/// <summary>
/// Django's <c>PermissionRequiredMixin</c>: the user must hold every listed permission (<c>app_label.codename</c>,
/// directly, through a group, or as an active superuser). Anonymous: redirected to the login page; logged in without
/// the permission: 403. Several attributes (on the class and the method) all apply.
/// </summary>
/// <param name="permissions">The permissions, e.g. <c>polls.change_question</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class PermissionRequiredAttribute(params string[] permissions) : Attribute
{
    /// <summary>The permissions, as <c>app_label.codename</c>.</summary>
    public IReadOnlyList<string> Permissions { get; } = permissions ?? [];
}

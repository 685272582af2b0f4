using Reinhardt.Templates;

namespace Reinhardt.Auth;

/// <summary>The context of <c>registration/login.html</c>.</summary>
/// <param name="Username">The user name typed (kept when the form is shown again).</param>
/// <param name="Next">Where to go after logging in.</param>
/// <param name="Errors">The form's errors.</param>
[Template("registration/login.html")]
public sealed partial record LoginPage(string Username, string Next, IReadOnlyList<string> Errors);

/// <summary>The context of <c>registration/logged_out.html</c>.</summary>
/// <param name="LoginUrl">The login page (<c>Auth:LoginUrl</c>, configuration the app trusts).</param>
[Template("registration/logged_out.html")]
public sealed partial record LoggedOutPage(SafeString LoginUrl);

/// <summary>The context of <c>registration/password_change_form.html</c>.</summary>
/// <param name="Errors">The form's errors.</param>
/// <param name="HelpTexts">The password validators' help texts.</param>
[Template("registration/password_change_form.html")]
public sealed partial record PasswordChangePage(IReadOnlyList<string> Errors, IReadOnlyList<string> HelpTexts);

/// <summary>The context of <c>registration/password_change_done.html</c>.</summary>
[Template("registration/password_change_done.html")]
public sealed partial record PasswordChangeDonePage;

/// <summary>The context of <c>registration/password_reset_form.html</c>.</summary>
/// <param name="Email">The address typed.</param>
/// <param name="Errors">The form's errors.</param>
[Template("registration/password_reset_form.html")]
public sealed partial record PasswordResetPage(string Email, IReadOnlyList<string> Errors);

/// <summary>The context of <c>registration/password_reset_done.html</c>.</summary>
[Template("registration/password_reset_done.html")]
public sealed partial record PasswordResetDonePage;

/// <summary>The context of <c>registration/password_reset_confirm.html</c>.</summary>
/// <param name="ValidLink">Whether the link is valid (otherwise the page says so, and shows no form).</param>
/// <param name="Errors">The form's errors.</param>
/// <param name="HelpTexts">The password validators' help texts.</param>
[Template("registration/password_reset_confirm.html")]
public sealed partial record PasswordResetConfirmPage(bool ValidLink, IReadOnlyList<string> Errors, IReadOnlyList<string> HelpTexts);

/// <summary>The context of <c>registration/password_reset_complete.html</c>.</summary>
/// <param name="LoginUrl">The login page (<c>Auth:LoginUrl</c>, configuration the app trusts).</param>
[Template("registration/password_reset_complete.html")]
public sealed partial record PasswordResetCompletePage(SafeString LoginUrl);

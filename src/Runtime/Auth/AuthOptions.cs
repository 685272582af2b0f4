namespace Reinhardt.Auth;

/// <summary>Authentication settings: configuration section <c>Auth</c> (Django's <c>LOGIN_URL</c>, <c>PASSWORD_RESET_TIMEOUT</c>...).</summary>
public sealed class AuthOptions
{
    /// <summary>Where <c>[LoginRequired]</c> sends anonymous users, with <c>?next=</c> (Django's <c>LOGIN_URL</c>).</summary>
    public string LoginUrl { get; set; } = "/accounts/login/";

    /// <summary>
    /// Where login goes without a safe <c>next</c> (Django's <c>LOGIN_REDIRECT_URL</c>). Django's default is
    /// <c>/accounts/profile/</c>, a page it does not provide; Reinhardt's is the site root.
    /// </summary>
    public string LoginRedirectUrl { get; set; } = "/";

    /// <summary>Where logout goes without a safe <c>next</c>; empty (the default) shows the "Logged out" page (Django's <c>LOGOUT_REDIRECT_URL</c>).</summary>
    public string? LogoutRedirectUrl { get; set; }

    /// <summary>PBKDF2 iterations of new hashes; a login with an older, weaker hash upgrades it.</summary>
    public int PasswordIterations { get; set; } = PasswordHasher.DefaultIterations;

    /// <summary>How long a password reset link works, in seconds (Django's <c>PASSWORD_RESET_TIMEOUT</c>: 3 days).</summary>
    public int PasswordResetTimeout { get; set; } = 259_200;

    /// <summary>The minimum password length of <see cref="PasswordValidation"/> (Django's <c>MinimumLengthValidator</c>: 8).</summary>
    public int PasswordMinimumLength { get; set; } = 8;

    /// <summary>Login attempts allowed per client IP address (a rate like <c>20/m</c>; empty disables it).</summary>
    public string? LoginRateLimitPerIp { get; set; } = "20/m";

    /// <summary>Login attempts allowed per user name, whoever tries (a rate like <c>5/m</c>; empty disables it).</summary>
    public string? LoginRateLimitPerUsername { get; set; } = "5/m";

    /// <summary>Where emails go: <c>Console</c> (the default, Django's console backend) or <c>File</c> (one file per message in <see cref="EmailFilePath"/>).</summary>
    public string EmailBackend { get; set; } = "Console";

    /// <summary>The folder of the file email backend (Django's <c>EMAIL_FILE_PATH</c>).</summary>
    public string EmailFilePath { get; set; } = "sent-emails";

    /// <summary>The sender of password reset emails (Django's <c>DEFAULT_FROM_EMAIL</c>).</summary>
    public string DefaultFromEmail { get; set; } = "webmaster@localhost";
}

using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Reinhardt.Data;
using Reinhardt.Http;

namespace Reinhardt.Auth;

/// <summary>
/// Django's <c>django.contrib.auth</c> functions over the app's database (which must install
/// <see cref="AuthDatabase"/>): <see cref="AuthenticateAsync"/>, <see cref="LoginAsync"/>, <see cref="LogoutAsync"/>,
/// the session's user (<see cref="GetSessionUserAsync"/>), passwords, and the <see cref="RequestUser"/> of a user.
/// A singleton, registered by <c>services.AddReinhardtAuth(configuration)</c>.
/// </summary>
public sealed class AuthService
{
    /// <summary>Django's <c>SESSION_KEY</c>: the user's primary key, as a string.</summary>
    public const string SessionUserIdKey = "_auth_user_id";

    /// <summary>Django's <c>BACKEND_SESSION_KEY</c>.</summary>
    public const string SessionBackendKey = "_auth_user_backend";

    /// <summary>Django's <c>HASH_SESSION_KEY</c>: <see cref="SessionAuthHash"/> at login, so a password change logs other sessions out.</summary>
    public const string SessionHashKey = "_auth_user_hash";

    /// <summary>The backend recorded in the session: Django's <c>ModelBackend</c>, so sessions move between Django and Reinhardt.</summary>
    public const string ModelBackend = "django.contrib.auth.backends.ModelBackend";

    private const string SessionHashSalt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";

    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public AuthService(Database database, SecretKey secretKey, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Database = database;
        SecretKey = secretKey;
        Options = options.Value;
        _time = timeProvider;
        Hasher = new PasswordHasher(Options.PasswordIterations);
        Validation = new PasswordValidation(Options.PasswordMinimumLength);
        ResetTokens = new PasswordResetTokens(secretKey, TimeSpan.FromSeconds(Options.PasswordResetTimeout), timeProvider);
    }

    /// <summary>The app's database (with the auth tables).</summary>
    public Database Database { get; }

    /// <summary>The settings.</summary>
    public AuthOptions Options { get; }

    /// <summary>The hasher of new passwords, at <see cref="AuthOptions.PasswordIterations"/>.</summary>
    public PasswordHasher Hasher { get; }

    /// <summary>The password validators (Django's default <c>AUTH_PASSWORD_VALIDATORS</c>).</summary>
    public PasswordValidation Validation { get; }

    /// <summary>Password reset tokens.</summary>
    public PasswordResetTokens ResetTokens { get; }

    private SecretKey SecretKey { get; }

    /// <summary>
    /// Django's <c>authenticate()</c> with <c>ModelBackend</c>: the active user with this user name and password, or
    /// null. Hashes a password even for an unknown user, so timing does not tell which user names exist. A correct
    /// password stored with fewer iterations than configured is re-hashed and saved (Django's hash upgrade).
    /// </summary>
    public async Task<User?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var user = await Database.Users().Filter(u => u.Username == username).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            // Django's ModelBackend: run the hasher once to reduce the timing difference with an existing user
            Hasher.Hash(password);
            return null;
        }

        if (!user.CheckPassword(password) || !user.IsActive)
        {
            return null;
        }

        if (Hasher.NeedsRehash(user.Password))
        {
            user.Password = Hasher.Hash(password);
            await Database.Users().Filter(u => u.Id == user.Id).UpdateAsync(u => u.Password.Set(user.Password), cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>
    /// Django's <c>login()</c>: keeps the session's data under a new key (or flushes a session that belonged to someone
    /// else), stores the user's id, backend and <see cref="SessionAuthHash"/>, rotates the CSRF token, records
    /// <c>last_login</c> and sets the request's <see cref="RequestUser"/>.
    /// </summary>
    public async Task LoginAsync(HttpContext context, User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var session = await context.GetSessionAsync(cancellationToken).ConfigureAwait(false);
        var hash = SessionAuthHash(user);
        if (session.ContainsKey(SessionUserIdKey))
        {
            if (session.GetString(SessionUserIdKey) != UserIdString(user)
                || !FixedTimeEquals(session.GetString(SessionHashKey) ?? "", hash))
            {
                session.Flush();
            }
        }
        else
        {
            session.CycleKey();
        }

        session.Set(SessionUserIdKey, UserIdString(user));
        session.Set(SessionBackendKey, ModelBackend);
        session.Set(SessionHashKey, hash);
        if (context.Features.Get<CsrfRequestState>() is not null)
        {
            CsrfToken.Rotate(context);
        }

        // Django's update_last_login (the user_logged_in signal)
        user.LastLogin = _time.GetUtcNow();
        var lastLogin = user.LastLogin;
        await Database.Users().Filter(u => u.Id == user.Id).UpdateAsync(u => u.LastLogin.Set(lastLogin), cancellationToken).ConfigureAwait(false);
        await SetRequestUserAsync(context, user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Django's <c>logout()</c>: flushes the session (its data and key) and makes the request anonymous.</summary>
    public async Task LogoutAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.GetSessionAsync(cancellationToken).ConfigureAwait(false);
        session.Flush();
        context.SetRequestUser(RequestUser.Anonymous);
        context.User = new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>
    /// Django's <c>update_session_auth_hash</c>: after <paramref name="user"/> changed their own password, keeps this
    /// session logged in (new key, new hash) while every other session of the user stops verifying.
    /// </summary>
    public async Task UpdateSessionAuthHashAsync(HttpContext context, User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var session = await context.GetSessionAsync(cancellationToken).ConfigureAwait(false);
        session.CycleKey();
        if (context.GetRequestUser().Id == user.Id)
        {
            session.Set(SessionHashKey, SessionAuthHash(user));
        }
    }

    /// <summary>
    /// Django's <c>get_user(request)</c>: the session's user when the session names an active user and its hash still
    /// matches the password; a hash made with a fallback secret key is renewed; otherwise the session is flushed.
    /// </summary>
    public async Task<User?> GetSessionUserAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = await context.GetSessionAsync(cancellationToken).ConfigureAwait(false);
        if (session.GetString(SessionUserIdKey) is not { } idText
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || session.GetString(SessionBackendKey) != ModelBackend)
        {
            return null;
        }

        var user = await Database.Users().Filter(u => u.Id == id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is { IsActive: true })
        {
            var stored = session.GetString(SessionHashKey);
            if (stored is not null && FixedTimeEquals(stored, SessionAuthHash(user)))
            {
                return user;
            }

            if (stored is not null && SecretKey.Fallbacks.Any(key => FixedTimeEquals(stored, SessionAuthHashWith(user, key))))
            {
                session.CycleKey();
                session.Set(SessionHashKey, SessionAuthHash(user));
                return user;
            }
        }

        session.Flush();
        return null;
    }

    /// <summary>Loads the user's permissions and sets the request's <see cref="RequestUser"/> (and <see cref="HttpContext.User"/>, for per-user rate limits).</summary>
    public async Task<RequestUser> SetRequestUserAsync(HttpContext context, User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestUser = await ToRequestUserAsync(user, cancellationToken).ConfigureAwait(false);
        context.SetRequestUser(requestUser);
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Username)], "Session"));
        return requestUser;
    }

    /// <summary>The <see cref="RequestUser"/> of <paramref name="user"/>: its permissions, direct and through groups, as <c>app_label.codename</c>.</summary>
    public async Task<RequestUser> ToRequestUserAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var permissions = user.IsActive && !user.IsSuperuser
            ? await PermissionsOfAsync(user.Id, cancellationToken).ConfigureAwait(false)
            : FrozenSet<string>.Empty;
        return new RequestUser(user.Id, user.Username, user.IsActive, user.IsStaff, user.IsSuperuser, permissions);
    }

    /// <summary>Django's <c>get_all_permissions</c>: the user's own and their groups' permissions, as <c>app_label.codename</c>.</summary>
    public async Task<FrozenSet<string>> PermissionsOfAsync(long userId, CancellationToken cancellationToken = default)
    {
        var sql = new SqlWriter(Database.Dialect);
        var id = sql.AddParameter(userId);
        sql.Append("SELECT ct.app_label, p.codename FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id")
            .Append(" JOIN auth_user_user_permissions up ON up.permission_id = p.id WHERE up.user_id = ").AppendPlaceholder(id)
            .Append(" UNION SELECT ct.app_label, p.codename FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id")
            .Append(" JOIN auth_group_permissions gp ON gp.permission_id = p.id JOIN auth_user_groups ug ON ug.group_id = gp.group_id WHERE ug.user_id = ").AppendPlaceholder(id);
        var rows = await Database.ReadAsync(sql, reader => reader.GetString(0) + "." + reader.GetString(1), async: true, cancellationToken).ConfigureAwait(false);
        return rows.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Django's <c>get_session_auth_hash</c>: the hex HMAC-SHA256 of the password hash under a key derived from the secret
    /// key, stored in the session at login; changing the password changes it, which logs out other sessions.
    /// </summary>
    public string SessionAuthHash(User user) => SessionAuthHashWith(user, SecretKey.Value);

    private static string SessionAuthHashWith(User user, string secret)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Convert.ToHexStringLower(SaltedHmac.Compute(SessionHashSalt, user.Password, secret));
    }

    /// <summary>Sets and saves a new password (hashed at the configured iterations); validate it first with <see cref="Validation"/>.</summary>
    public async Task SetPasswordAsync(User user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.SetPassword(password, Hasher);
        var hash = user.Password;
        await Database.Users().Filter(u => u.Id == user.Id).UpdateAsync(u => u.Password.Set(hash), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Django's <c>create_user</c> / <c>create_superuser</c>: saves a new user with a hashed password (null: unusable)
    /// and <c>date_joined</c> now. It does not run the password validators.
    /// </summary>
    public async Task<User> CreateUserAsync(string username, string? email, string? password, bool isStaff = false, bool isSuperuser = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        var user = new User
        {
            Username = username,
            Email = NormalizeEmail(email ?? ""),
            IsStaff = isStaff,
            IsSuperuser = isSuperuser,
            IsActive = true,
            DateJoined = _time.GetUtcNow(),
        };
        user.SetPassword(password, Hasher);
        await Database.SaveAsync(user, cancellationToken).ConfigureAwait(false);
        return user;
    }

    /// <summary>Django's <c>normalize_email</c>: the domain part in lower case.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at < 0 ? email : email[..at] + "@" + email[(at + 1)..].ToLowerInvariant();
    }

    private static string UserIdString(User user) => user.Id.ToString(CultureInfo.InvariantCulture);

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reinhardt.Auth;
using Reinhardt.Http;
using Xunit;

namespace Reinhardt.Integration.Tests.Auth;

/// <summary>Login, logout, passwords and view guards over real HTTP, on a real SQLite file.</summary>
public sealed partial class AuthTests
{
    /// <summary>
    /// Made by Django 3.2.25 (Debian's python3-django) on 2025-06: <c>/usr/bin/python3 -c "from django.conf import settings;
    /// settings.configure(); from django.contrib.auth.hashers import make_password; print(make_password('correct horse battery staple'))"</c>.
    /// </summary>
    private const string DjangoHash = "pbkdf2_sha256$260000$LNGf5z6fRJypjZ5Hg2766R$7jvWb9F4hC2J/pL6VmhUe6KmcbvU/ayPL5GSVKVt6Cw=";

    private const string Password = "tr0mbone-Ukulele";

    [Fact]
    public async Task Login_redirects_records_last_login_and_sets_the_user()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        Assert.Equal("(anonymous)", await app.WhoAmIAsync());

        var response = await app.LoginAsync("alice", Password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal("alice", await app.WhoAmIAsync());
        var user = await app.Database.Users().GetAsync(u => u.Username == "alice");
        Assert.NotNull(user.LastLogin);
        Assert.True(DateTimeOffset.UtcNow - user.LastLogin!.Value < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Login_follows_a_safe_next_and_ignores_another_host()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        var page = await app.Client.GetStringAsync("/accounts/login/?next=/polls/");
        Assert.Contains("name=\"next\" value=\"/polls/\"", page, StringComparison.Ordinal);
        var safe = await AuthTestApp.SubmitAsync(app.Client, "/accounts/login/", ("username", "alice"), ("password", Password), ("next", "/polls/"));
        Assert.Equal("/polls/", safe.Headers.Location!.OriginalString);

        var (other, _) = app.NewClient();
        var evil = await AuthTestApp.SubmitAsync(other, "/accounts/login/", ("username", "alice"), ("password", Password), ("next", "https://evil.example/"));
        Assert.Equal("/", evil.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_failure_shows_the_form_again_with_Djangos_message()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        var inactive = await app.CreateUserAsync("bob", Password);
        inactive.IsActive = false;
        await app.Database.SaveAsync(inactive);

        foreach (var (username, password) in new[] { ("alice", "wrong-password"), ("nobody", Password), ("bob", Password) })
        {
            var response = await app.LoginAsync(username, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Please enter a correct username and password. Note that both fields may be case-sensitive.", html, StringComparison.Ordinal);
            Assert.Contains($"value=\"{username}\"", html, StringComparison.Ordinal);
            Assert.Equal("(anonymous)", await app.WhoAmIAsync());
        }
    }

    [Fact]
    public async Task Login_rotates_the_session_key_and_the_csrf_token()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        await app.Client.GetStringAsync("/authguard/touch/");
        await app.Client.GetStringAsync("/accounts/login/");
        var sessionBefore = app.Cookie("sessionid");
        var csrfBefore = app.Cookie("csrftoken");
        Assert.NotNull(sessionBefore);
        Assert.NotNull(csrfBefore);

        await app.LoginAsync("alice", Password);
        var sessionAfter = app.Cookie("sessionid");
        Assert.NotEqual(sessionBefore, sessionAfter);
        Assert.NotEqual(csrfBefore, app.Cookie("csrftoken"));
        Assert.Equal("alice", await app.WhoAmIAsync());

        // session fixation: the key planted before login is worth nothing after it
        var (attacker, cookies) = app.NewClient();
        cookies.Add(app.Loopback.BaseAddress, new Cookie("sessionid", sessionBefore));
        Assert.Equal("(anonymous)", await app.WhoAmIAsync(attacker));
        var (victim, victimCookies) = app.NewClient();
        victimCookies.Add(app.Loopback.BaseAddress, new Cookie("sessionid", sessionAfter));
        Assert.Equal("alice", await app.WhoAmIAsync(victim));
    }

    [Fact]
    public async Task Logout_is_POST_only_and_flushes_the_session()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        await app.LoginAsync("alice", Password);
        var session = app.Cookie("sessionid");

        var get = await app.Client.GetAsync("/accounts/logout/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("alice", await app.WhoAmIAsync());

        var token = Regex.Match(await app.Client.GetStringAsync("/accounts/login/"), "name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await app.Client.PostAsync("/accounts/logout/", new FormUrlEncodedContent([new("csrfmiddlewaretoken", token)]));
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Contains("Logged out", await logout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("(anonymous)", await app.WhoAmIAsync());

        // the old session is gone from the database, not just from this browser
        var (other, cookies) = app.NewClient();
        cookies.Add(app.Loopback.BaseAddress, new Cookie("sessionid", session));
        Assert.Equal("(anonymous)", await app.WhoAmIAsync(other));
    }

    [Fact]
    public async Task A_Django_created_hash_verifies_and_is_upgraded_on_login()
    {
        Assert.True(PasswordHasher.Verify("correct horse battery staple", DjangoHash));
        Assert.False(PasswordHasher.Verify("correct horse battery stapler", DjangoHash));

        await using var app = await AuthTestApp.StartAsync("--Auth:PasswordIterations=300000");
        var user = await app.CreateUserAsync("django", "placeholder");
        await app.Database.Users().Filter(u => u.Id == user.Id).UpdateAsync(u => u.Password.Set(DjangoHash));

        var response = await app.LoginAsync("django", "correct horse battery staple");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var stored = (await app.Database.Users().GetAsync(u => u.Id == user.Id)).Password;
        Assert.StartsWith("pbkdf2_sha256$300000$", stored, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", stored));

        // the upgrade changed the hash, but this session was made with the new one: still logged in
        Assert.Equal("django", await app.WhoAmIAsync());
    }

    [Fact]
    public async Task Password_validators_give_Djangos_messages()
    {
        var validation = new PasswordValidation();
        var user = new User { Username = "johnsmith", FirstName = "John", LastName = "Smith", Email = "john.smith@example.com" };
        Assert.Equal(["This password is too short. It must contain at least 8 characters.", "This password is entirely numeric."], validation.Validate("93847"));
        // (each expectation here is what Django 3.2's validate_password says with the default validators)
        Assert.Equal(["This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."], validation.Validate("1234"));
        Assert.Equal(["This password is too common.", "This password is entirely numeric."], validation.Validate("12345678"));
        Assert.Equal(["This password is too common."], validation.Validate("Password "));
        Assert.Equal(["The password is too similar to the username."], validation.Validate("johnsmith1", user));
        Assert.Equal(["The password is too similar to the email address."], validation.Validate("example.com", new User { Username = "x", Email = "j@example.com" }));
        Assert.Empty(validation.Validate(Password, user));
        Assert.Equal(["This password is too short. It must contain at least 1 character."], new PasswordValidation(1).Validate(""));
        // SequenceMatcher('abcd', 'bcde').quick_ratio() == 0.75 in Python
        Assert.Equal(0.75, PasswordValidation.QuickRatio("abcd", "bcde"));

        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        await app.LoginAsync("alice", Password);
        var response = await AuthTestApp.SubmitAsync(app.Client, "/accounts/password_change/", ("old_password", Password), ("new_password1", "alice123"), ("new_password2", "alice123"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The password is too similar to the username.", html, StringComparison.Ordinal);
        Assert.Contains("This password is too common.", html, StringComparison.Ordinal);

        var mismatch = await AuthTestApp.SubmitAsync(app.Client, "/accounts/password_change/", ("old_password", "nope"), ("new_password1", "Different-1"), ("new_password2", "Different-2"));
        html = WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync());
        Assert.Contains("Your old password was entered incorrectly. Please enter it again.", html, StringComparison.Ordinal);
        Assert.Contains("The two password fields didn’t match.", html, StringComparison.Ordinal);
        Assert.True((await app.Database.Users().GetAsync(u => u.Username == "alice")).CheckPassword(Password));
    }

    [Fact]
    public async Task Password_change_keeps_this_session_and_logs_out_the_others()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.CreateUserAsync("alice", Password);
        var (laptop, _) = app.NewClient();
        await app.LoginAsync("alice", Password);
        await app.LoginAsync("alice", Password, laptop);
        Assert.Equal("alice", await app.WhoAmIAsync(laptop));

        var response = await AuthTestApp.SubmitAsync(app.Client, "/accounts/password_change/", ("old_password", Password), ("new_password1", "Brand-new-secret-9"), ("new_password2", "Brand-new-secret-9"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/accounts/password_change/done/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/accounts/password_change/done/")).StatusCode);
        Assert.Equal("alice", await app.WhoAmIAsync());
        Assert.Equal("(anonymous)", await app.WhoAmIAsync(laptop));
        Assert.Equal(HttpStatusCode.OK, (await app.LoginAsync("alice", Password, app.NewClient().Client)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await app.LoginAsync("alice", "Brand-new-secret-9", app.NewClient().Client)).StatusCode);
    }

    [Fact]
    public async Task Password_change_needs_login()
    {
        await using var app = await AuthTestApp.StartAsync();
        var response = await app.Client.GetAsync("/accounts/password_change/");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/accounts/login/?next=/accounts/password_change/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Password_reset_by_email_link_works_once()
    {
        var outbox = Path.Combine(Path.GetTempPath(), "reinhardt-tests", "mail-" + Guid.NewGuid().ToString("N"));
        await using var app = await AuthTestApp.StartAsync("--Auth:EmailBackend=File", "--Auth:EmailFilePath=" + outbox);
        await app.CreateUserAsync("alice", Password, "Alice@Example.com");

        // an unknown address gets the same answer and no email
        var unknown = await AuthTestApp.SubmitAsync(app.Client, "/accounts/password_reset/", ("email", "nobody@example.com"));
        Assert.Equal("/accounts/password_reset/done/", unknown.Headers.Location!.OriginalString);
        Assert.False(Directory.Exists(outbox));

        var known = await AuthTestApp.SubmitAsync(app.Client, "/accounts/password_reset/", ("email", "alice@example.COM"));
        Assert.Equal("/accounts/password_reset/done/", known.Headers.Location!.OriginalString);
        var mail = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(outbox)));
        Assert.Contains("To: Alice@example.com", mail, StringComparison.Ordinal);
        Assert.Contains("Subject: Password reset on 127.0.0.1:", mail, StringComparison.Ordinal);
        var link = new Uri(ResetLink().Match(mail).Value);
        var uid = link.AbsolutePath.Split('/')[3];
        var token = link.AbsolutePath.Split('/')[4];

        // a tampered token
        var tampered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        var bad = await app.Client.GetStringAsync($"/accounts/reset/{uid}/{tampered}/");
        Assert.Contains("Password reset unsuccessful", bad, StringComparison.Ordinal);

        var (browser, _) = app.NewClient();
        var open = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Found, open.StatusCode);
        Assert.Equal($"/accounts/reset/{uid}/set-password/", open.Headers.Location!.OriginalString);
        var weak = await AuthTestApp.SubmitAsync(browser, $"/accounts/reset/{uid}/set-password/", ("new_password1", "12345678"), ("new_password2", "12345678"));
        Assert.Contains("This password is too common.", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var set = await AuthTestApp.SubmitAsync(browser, $"/accounts/reset/{uid}/set-password/", ("new_password1", "Reset-secret-42"), ("new_password2", "Reset-secret-42"));
        Assert.Equal("/accounts/reset/done/", set.Headers.Location!.OriginalString);
        Assert.Contains("Password reset complete", await browser.GetStringAsync("/accounts/reset/done/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await app.LoginAsync("alice", "Reset-secret-42")).StatusCode);

        // used: the password changed, so the link no longer works
        var (again, _) = app.NewClient();
        Assert.Contains("Password reset unsuccessful", await again.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Directory.Delete(outbox, recursive: true);
    }

    [Fact]
    public async Task An_expired_reset_token_is_refused()
    {
        await using var app = await AuthTestApp.StartAsync();
        var user = await app.CreateUserAsync("alice", Password, "alice@example.com");
        var secret = app.App.Services.GetRequiredService<SecretKey>();
        var fourDaysAgo = new PasswordResetTokens(secret, TimeSpan.FromDays(3), new FixedTime(DateTimeOffset.UtcNow.AddDays(-4)));
        var twoDaysAgo = new PasswordResetTokens(secret, TimeSpan.FromDays(3), new FixedTime(DateTimeOffset.UtcNow.AddDays(-2)));
        Assert.True(app.Auth.ResetTokens.Check(user, twoDaysAgo.Make(user)));
        Assert.False(app.Auth.ResetTokens.Check(user, fourDaysAgo.Make(user)));
        var uid = PasswordResetTokens.EncodeUid(user.Id);
        Assert.Equal("MQ", PasswordResetTokens.EncodeUid(1));
        Assert.Contains("Password reset unsuccessful", await app.Client.GetStringAsync($"/accounts/reset/{uid}/{fourDaysAgo.Make(user)}/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await app.Client.GetAsync($"/accounts/reset/{uid}/{twoDaysAgo.Make(user)}/")).StatusCode);

        // a login changes last_login, which invalidates earlier tokens
        var token = app.Auth.ResetTokens.Make(user);
        await app.LoginAsync("alice", Password);
        var reloaded = await app.Database.Users().GetAsync(u => u.Id == user.Id);
        Assert.False(app.Auth.ResetTokens.Check(reloaded, token));
    }

    [Fact]
    public async Task Login_is_rate_limited_per_user_name()
    {
        await using var app = await AuthTestApp.StartAsync("--Auth:LoginRateLimitPerUsername=3/m");
        await app.CreateUserAsync("alice", Password);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.LoginAsync("alice", "guess-" + i)).StatusCode);
        }

        // from another client too, and even with the right password
        var throttled = await app.LoginAsync("alice", Password, app.NewClient().Client);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Contains("Too many login attempts.", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // another user name is not affected
        await app.CreateUserAsync("bob", Password);
        Assert.Equal(HttpStatusCode.Found, (await app.LoginAsync("bob", Password)).StatusCode);
    }

    [Fact]
    public async Task Login_is_rate_limited_per_client_address()
    {
        await using var app = await AuthTestApp.StartAsync("--Auth:LoginRateLimitPerIp=2/m");
        Assert.Equal(HttpStatusCode.OK, (await app.LoginAsync("a", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.LoginAsync("b", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.LoginAsync("c", "x")).StatusCode);
    }

    [Fact]
    public async Task View_guards_redirect_forbid_or_allow()
    {
        await using var app = await AuthTestApp.StartAsync();
        var anonymous = await app.Client.GetAsync("/authguard/change-question/?page=2");
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.Equal("/accounts/login/?next=/authguard/change-question/%3Fpage%3D2", anonymous.Headers.Location!.OriginalString);
        Assert.Equal("/accounts/login/?next=/authguard/private/", (await app.Client.GetAsync("/authguard/private/")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, (await app.Client.GetAsync("/authguard/staff/")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await app.Client.GetAsync("/authguard/votes/")).StatusCode);

        // a plain user: logged in, no permission, not staff
        await app.CreateUserAsync("plain", Password);
        var (plain, _) = app.NewClient();
        await app.LoginAsync("plain", Password, plain);
        Assert.Equal("private:plain", await plain.GetStringAsync("/authguard/private/"));
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/authguard/change-question/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/authguard/staff/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/authguard/votes/")).StatusCode);

        // permission through a group, and directly
        var editor = await app.CreateUserAsync("editor", Password, staff: true);
        var group = new Reinhardt.Auth.Group { Name = "Editors" };
        await app.Database.SaveAsync(group);
        await group.Permissions.AddAsync(await app.Database.Permissions().GetAsync(p => p.Codename == "change_question"));
        await editor.Groups.AddAsync(group);
        await editor.UserPermissions.AddAsync(await app.Database.Permissions().GetAsync(p => p.Codename == "delete_choice"));
        var (editorClient, _) = app.NewClient();
        await app.LoginAsync("editor", Password, editorClient);
        Assert.Equal("may change questions", await editorClient.GetStringAsync("/authguard/change-question/"));
        Assert.Equal("may delete choices", await editorClient.GetStringAsync("/authguard/votes/"));
        Assert.Equal("staff only", await editorClient.GetStringAsync("/authguard/staff/"));

        // a superuser has every permission without being given it
        await app.CreateUserAsync("root", Password, superuser: true);
        var (root, _) = app.NewClient();
        await app.LoginAsync("root", Password, root);
        Assert.Equal("may change questions", await root.GetStringAsync("/authguard/change-question/"));
        Assert.Equal("may delete choices", await root.GetStringAsync("/authguard/votes/"));
    }

    [Fact]
    public async Task Migrate_creates_the_permissions_of_every_model()
    {
        await using var app = await AuthTestApp.StartAsync();
        await app.Database.MigrateAsync();
        await using var connection = new SqliteConnection(app.Loopback.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ct.app_label || '.' || p.codename || '|' || p.name FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id ORDER BY 1";
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        var models = new[] { ("admin", "logentry", "log entry"), ("auth", "group", "group"), ("auth", "permission", "permission"), ("auth", "user", "user"), ("contenttypes", "contenttype", "content type"), ("polls", "choice", "choice"), ("polls", "question", "question") };
        var expected = models
            .SelectMany(m => new[] { "add", "change", "delete", "view" }.Select(a => $"{m.Item1}.{a}_{m.Item2}|Can {a} {m.Item3}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, rows);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/accounts/reset/[^\s]+/")]
    private static partial Regex ResetLink();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

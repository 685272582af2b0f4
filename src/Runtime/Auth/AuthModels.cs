namespace Reinhardt.Auth;

/// <summary>
/// Django's <c>ContentType</c> (table <c>django_content_type</c>): one row per model of every installed app, created by
/// <c>migrate</c>; permissions point at it.
/// </summary>
[Model(App = "contenttypes", Table = "django_content_type")]
[UniqueTogether(nameof(AppLabel), nameof(Model))]
public partial class ContentType
{
    /// <summary>The primary key.</summary>
    public long Id { get; set; }

    /// <summary>The app label (<c>polls</c>).</summary>
    [MaxLength(100)]
    public string AppLabel { get; set; } = "";

    /// <summary>The model name in lower case (<c>question</c>).</summary>
    [MaxLength(100)]
    public string Model { get; set; } = "";

    /// <summary><c>app_label | model</c>, as Django shows it.</summary>
    public override string ToString() => AppLabel + " | " + Model;
}

/// <summary>Django's <c>Permission</c> (table <c>auth_permission</c>): <c>polls.change_question</c> is app label + codename.</summary>
[Model(App = "auth")]
[UniqueTogether(nameof(ContentType), nameof(Codename))]
public partial class Permission
{
    /// <summary>The primary key.</summary>
    public long Id { get; set; }

    /// <summary>The human-readable name (<c>Can change question</c>).</summary>
    [MaxLength(255)]
    public string Name { get; set; } = "";

    /// <summary>The model the permission is about.</summary>
    [ForeignKey(OnDelete.Cascade)]
    public partial ContentType ContentType { get; set; }

    /// <summary>The code name (<c>change_question</c>).</summary>
    [MaxLength(100)]
    public string Codename { get; set; } = "";

    /// <summary>The permission's name.</summary>
    public override string ToString() => Name;
}

/// <summary>Django's <c>Group</c> (table <c>auth_group</c>): its members hold its permissions.</summary>
[Model(App = "auth")]
public partial class Group
{
    /// <summary>The primary key.</summary>
    public long Id { get; set; }

    /// <summary>The unique name.</summary>
    [MaxLength(150), Unique]
    public string Name { get; set; } = "";

    /// <summary>The group's permissions (table <c>auth_group_permissions</c>).</summary>
    [ManyToMany(RelatedName = "Groups")]
    public partial ManyToMany<Permission> Permissions { get; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// Django's <c>User</c> (table <c>auth_user</c>, same columns), so a Django database's users log in unchanged. Set the
/// password with <see cref="SetPassword"/> (a <see cref="PasswordHasher"/> hash), never the column directly.
/// </summary>
[Model(App = "auth")]
public partial class User
{
    /// <summary>The primary key.</summary>
    public long Id { get; set; }

    /// <summary>The encoded password hash (<c>pbkdf2_sha256$...</c>); an unusable password starts with <c>!</c>.</summary>
    [MaxLength(128)]
    public string Password { get; set; } = "";

    /// <summary>When the user last logged in.</summary>
    public DateTimeOffset? LastLogin { get; set; }

    /// <summary>Has every permission without being given them.</summary>
    public bool IsSuperuser { get; set; }

    /// <summary>The unique user name (150 characters: letters, digits and @/./+/-/_).</summary>
    [MaxLength(150), Unique]
    public string Username { get; set; } = "";

    /// <summary>The first name.</summary>
    [MaxLength(150), Blank]
    public string FirstName { get; set; } = "";

    /// <summary>The last name.</summary>
    [MaxLength(150), Blank]
    public string LastName { get; set; } = "";

    /// <summary>The email address.</summary>
    [MaxLength(254), Blank]
    public string Email { get; set; } = "";

    /// <summary>May log in to the admin site.</summary>
    public bool IsStaff { get; set; }

    /// <summary>Whether the account is active: unselect this instead of deleting accounts.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>When the account was created.</summary>
    public DateTimeOffset DateJoined { get; set; }

    /// <summary>The groups the user belongs to (table <c>auth_user_groups</c>).</summary>
    [ManyToMany(RelatedName = "Users")]
    public partial ManyToMany<Group> Groups { get; }

    /// <summary>Permissions given to the user directly (table <c>auth_user_user_permissions</c>).</summary>
    [ManyToMany(RelatedName = "Users")]
    public partial ManyToMany<Permission> UserPermissions { get; }

    /// <summary>Stores <paramref name="password"/> hashed (Django's <c>set_password</c>); null makes the password unusable.</summary>
    public void SetPassword(string? password, PasswordHasher? hasher = null) =>
        Password = password is null ? UnusablePassword() : (hasher ?? PasswordHasher.Default).Hash(password);

    /// <summary>Whether <paramref name="password"/> is the user's (Django's <c>check_password</c>).</summary>
    public bool CheckPassword(string password) => PasswordHasher.Verify(password, Password);

    /// <summary>Whether the user has a password that can log in (Django's <c>has_usable_password</c>).</summary>
    public bool HasUsablePassword => !Password.StartsWith('!');

    /// <summary>Django's <c>get_full_name</c>.</summary>
    public string FullName => (FirstName + " " + LastName).Trim();

    /// <summary>The user name.</summary>
    public override string ToString() => Username;

    // Django's UNUSABLE_PASSWORD_PREFIX + 40 random characters
    private static string UnusablePassword() => "!" + System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40);
}

/// <summary>
/// Reinhardt's built-in apps as a database of their own: <c>contenttypes</c> and <c>auth</c>. Install them in the app's
/// database with <c>[Database(InstalledApps = new[] { typeof(AuthDatabase) })]</c>: their tables, migrations and
/// commands join the app's, and <see cref="AuthQueries"/> gives their query sets on the app's database.
/// </summary>
[Database]
public partial class AuthDatabase;

/// <summary>The query sets of the auth models on any database that installs <see cref="AuthDatabase"/>.</summary>
public static class AuthQueries
{
    /// <summary>All <c>auth_user</c> rows.</summary>
    public static QuerySet<User, User.Columns> Users(this Data.Database database) => new(database);

    /// <summary>All <c>auth_group</c> rows.</summary>
    public static QuerySet<Group, Group.Columns> Groups(this Data.Database database) => new(database);

    /// <summary>All <c>auth_permission</c> rows.</summary>
    public static QuerySet<Permission, Permission.Columns> Permissions(this Data.Database database) => new(database);

    /// <summary>All <c>django_content_type</c> rows.</summary>
    public static QuerySet<ContentType, ContentType.Columns> ContentTypes(this Data.Database database) => new(database);
}

namespace Reinhardt;

/// <summary>
/// Marks a <c>partial</c> class as a database model. Reinhardt's generator adds the table name,
/// the schema and a by-ordinal row reader to the class at build time.
/// </summary>
/// <remarks>
/// Names follow Django so existing Django databases and fixtures fit: the table is
/// <c>&lt;app&gt;_&lt;model name in lower case&gt;</c> and columns are the snake_case property names.
/// A <see cref="long"/> or <see cref="int"/> property named <c>Id</c> is the primary key.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>
    /// The Django app label (<c>polls</c>); defaults to <see cref="AppLabelAttribute"/> on the
    /// assembly, or else the assembly name in lower case.
    /// </summary>
    public string? App { get; set; }

    /// <summary>An explicit table name, like Django's <c>Meta.db_table</c>.</summary>
    public string? Table { get; set; }
}

/// <summary>The default Django app label for every model in this assembly.</summary>
/// <param name="label">The app label, e.g. <c>polls</c>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class AppLabelAttribute(string label) : Attribute
{
    /// <summary>The app label.</summary>
    public string Label { get; } = label;
}

/// <summary>
/// The maximum length of a string field, like Django's <c>CharField(max_length=...)</c>:
/// the column becomes <c>varchar(n)</c> and forms and validation enforce the same limit.
/// </summary>
/// <param name="length">The maximum number of characters.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class MaxLengthAttribute(int length) : Attribute
{
    /// <summary>The maximum number of characters.</summary>
    public int Length { get; } = length;
}

/// <summary>
/// Declares a string field deliberately unbounded, like Django's <c>TextField</c>: the column is
/// <c>text</c> and rule RH1006 (string field without a maximum length) does not apply.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class TextAttribute : Attribute
{
}

/// <summary>
/// Marks a <c>partial</c> class as the app's database: the generator makes it a
/// <see cref="Data.Database"/> with one query set per model (<c>db.Questions</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DatabaseAttribute : Attribute
{
    /// <summary>
    /// Other <c>[Database]</c> classes whose apps this database includes (Django's <c>INSTALLED_APPS</c>): their
    /// tables, migrations, fixtures models, management commands and content types come first in this database's lists,
    /// so <c>migrate</c> creates them and <c>makemigrations</c> leaves them alone. Reinhardt's own:
    /// <c>typeof(Reinhardt.Auth.AuthDatabase)</c> (contenttypes and auth: users, groups, permissions).
    /// </summary>
    public Type[]? InstalledApps { get; set; }
}

/// <summary>
/// Django's <c>primary_key=True</c>: this <see cref="long"/> or <see cref="int"/> property is the
/// auto-increment primary key instead of <c>Id</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class PrimaryKeyAttribute : Attribute
{
}

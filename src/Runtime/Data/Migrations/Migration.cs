namespace Reinhardt.Data.Migrations;

/// <summary>
/// A migration file (Django's <c>Migration</c>): an app label, a name like <c>0002_add_choice_votes</c>,
/// the migrations it depends on, and its ordered operations.
/// </summary>
public abstract class Migration
{
    /// <summary>The app label (<c>polls</c>).</summary>
    public abstract string App { get; }

    /// <summary>The name (<c>0001_initial</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The migrations that must be applied first, as (app, name).</summary>
    public virtual IReadOnlyList<(string App, string Name)> Dependencies => [];

    /// <summary>The operations, in order.</summary>
    public abstract IReadOnlyList<MigrationOperation> Operations { get; }

    /// <summary><c>app.name</c>.</summary>
    public string Key => App + "." + Name;
}

/// <summary>
/// Registers a migration file with the app: the generator lists every marked class on the
/// <c>[Database]</c> class (no reflection) and checks their names and dependencies at build time.
/// <c>makemigrations</c> writes it on every file.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class RegisterMigrationAttribute : Attribute
{
}

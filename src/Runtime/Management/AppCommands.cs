namespace Reinhardt.Management;

/// <summary>
/// An app-defined management command (Django's <c>BaseCommand</c> in <c>management/commands/</c>):
/// <c>Polls resetvotes 3</c>. The generator registers every marked class on the <c>[Database]</c>
/// and constructs it from the app's services, without reflection.
/// </summary>
/// <param name="name">The command name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class CommandAttribute(string name) : Attribute
{
    /// <summary>The command name.</summary>
    public string Name { get; } = name;

    /// <summary>The help text.</summary>
    public string? Description { get; set; }
}

/// <summary>What an app-defined command does.</summary>
public interface IManagementCommand
{
    /// <summary>Runs the command with its arguments; returns the exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>A registered app-defined command; generated code creates these.</summary>
/// <param name="Name">The command name.</param>
/// <param name="Description">The help text.</param>
/// <param name="Create">Constructs the command from the app's services.</param>
public sealed record CommandRegistration(string Name, string Description, Func<IServiceProvider, IManagementCommand> Create);

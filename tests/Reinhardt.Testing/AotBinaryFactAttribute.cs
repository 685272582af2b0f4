using Xunit;

namespace Reinhardt.Testing;

/// <summary>
/// A test that runs against a published Native AOT binary named by an environment variable.
/// <c>.ci/run</c> publishes the binary and sets the variable; elsewhere the test is reported as
/// skipped with the reason, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AotBinaryFactAttribute : FactAttribute
{
    /// <summary>The environment variable that holds the Polls AOT binary's path.</summary>
    public const string PollsVariable = "POLLS_AOT_BINARY";

    /// <summary>Skips unless <see cref="PollsVariable"/> names an existing file.</summary>
    public AotBinaryFactAttribute()
    {
        if (PollsBinary is null)
        {
            Skip = $"{PollsVariable} is not set to a published binary (.ci/run sets it)";
        }
    }

    /// <summary>The Polls AOT binary, or null.</summary>
    public static string? PollsBinary =>
        Environment.GetEnvironmentVariable(PollsVariable) is { Length: > 0 } path && File.Exists(path) ? Path.GetFullPath(path) : null;
}

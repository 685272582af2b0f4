using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Reinhardt.Testing;

/// <summary>
/// Approved-file baselines for generated sources: <c>Baselines/&lt;Test&gt;/&lt;HintName&gt;.txt</c>
/// next to the test file. The set of hint names is asserted too. Set
/// <c>REINHARDT_UPDATE_BASELINES=1</c> to rewrite the files; the test then fails on purpose so an
/// update can never pass unnoticed.
/// </summary>
public static partial class Baselines
{
    /// <summary>The environment variable that switches on rewriting.</summary>
    public const string UpdateVariable = "REINHARDT_UPDATE_BASELINES";

    /// <summary>Compares every generated source of a run with the approved files.</summary>
    public static void Verify(GeneratorRun run, [CallerFilePath] string callerFilePath = "", [CallerMemberName] string testName = "") =>
        Verify(run.Sources, callerFilePath, testName);

    /// <summary>Compares named texts with the approved files of a test.</summary>
    public static void Verify(IReadOnlyDictionary<string, string> actual, string callerFilePath, string testName)
    {
        var directory = Path.Combine(Path.GetDirectoryName(RepositoryPaths.ResolveSourcePath(callerFilePath))!, "Baselines", testName);
        var scrubbed = actual.ToDictionary(kv => kv.Key + ".txt", kv => Scrub(kv.Value), StringComparer.Ordinal);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (name, text) in scrubbed)
            {
                File.WriteAllText(Path.Combine(directory, name), text);
            }

            Assert.Fail($"Baselines of {testName} rewritten in {directory}; run again without {UpdateVariable} to verify.");
        }

        var expectedNames = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.txt").Where(f => !f.EndsWith(".received.txt", StringComparison.Ordinal)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.True(
            expectedNames.SequenceEqual(scrubbed.Keys.Order(StringComparer.Ordinal)),
            $"Generated files differ from the baselines of {testName}.{Environment.NewLine}Expected: {string.Join(", ", expectedNames)}{Environment.NewLine}Actual: {string.Join(", ", scrubbed.Keys.Order(StringComparer.Ordinal))}{Environment.NewLine}Set {UpdateVariable}=1 to rewrite.");

        foreach (var (name, text) in scrubbed)
        {
            var path = Path.Combine(directory, name);
            var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (expected != text)
            {
                File.WriteAllText(Path.ChangeExtension(path, ".received.txt"), text);
                Assert.Equal(expected, text);
            }
        }
    }

    /// <summary>Removes what changes between builds without changing behaviour: tool versions and line endings.</summary>
    public static string Scrub(string text) =>
        GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "GeneratedCode(\"$1\", \"{version}\")");

    [GeneratedRegex("GeneratedCode\\(\"([^\"]+)\", \"[^\"]+\"\\)")]
    private static partial Regex GeneratedCodeVersion();
}

using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Reinhardt.Testing;

/// <summary>Checks that every diagnostic of an assembly is documented and release-tracked.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>The public static <see cref="DiagnosticDescriptor"/> fields of a descriptors class.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> DescriptorsOf(Type descriptorsClass) =>
        descriptorsClass.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    /// <summary>
    /// Each descriptor: an <c>RH</c> + 4 digit ID used once, a help link to its page, the page
    /// <c>docs/diagnostics/ID.md</c>, and a row in the project's <c>AnalyzerReleases.*.md</c>.
    /// </summary>
    public static void AssertComplete(Type descriptorsClass, string projectDirectory)
    {
        var descriptors = DescriptorsOf(descriptorsClass);
        Assert.NotEmpty(descriptors);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        var releases = string.Join("\n", Directory.GetFiles(Path.Combine(RepositoryPaths.Root, projectDirectory), "AnalyzerReleases.*.md").Select(File.ReadAllText));
        foreach (var descriptor in descriptors)
        {
            Assert.Matches(IdPattern(), descriptor.Id);
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} has no page at {page}");
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.True(
                Regex.IsMatch(releases, $@"^{descriptor.Id}\s*\|\s*{descriptor.Category}\s*\|\s*{descriptor.DefaultSeverity}\s*\|", RegexOptions.Multiline),
                $"{descriptor.Id} ({descriptor.Category}, {descriptor.DefaultSeverity}) is missing from {projectDirectory}/AnalyzerReleases.*.md");
        }
    }

    [GeneratedRegex("^RH[0-9]{4}$")]
    private static partial Regex IdPattern();
}

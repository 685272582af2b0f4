using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Reinhardt.Testing;

/// <summary>
/// Asserts that a generator is really incremental: after an edit that does not concern it, every
/// tracked step is Cached or Unchanged and the sources are identical; and no tracked output holds a
/// compilation, a symbol, a syntax node or an <see cref="ImmutableArray{T}"/> (which compares by
/// reference and so defeats caching even when its contents are equal).
/// </summary>
public static class IncrementalCaching
{
    /// <summary>The edit that every caching test starts with: re-using a clone of the same compilation.</summary>
    public static Compilation Clone(Compilation compilation) => compilation.Clone();

    /// <summary>Adds an unrelated file.</summary>
    public static Compilation AddUnrelatedFile(Compilation compilation) =>
        compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            "namespace Unrelated { internal static class Edit { public static int Value => 42; } }",
            CompilationFactory.ParseOptions,
            path: "Unrelated.cs"));

    /// <summary>Replaces text in the syntax tree at <paramref name="path"/>.</summary>
    public static Func<Compilation, Compilation> ReplaceText(string path, string oldText, string newText) => compilation =>
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText().ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(oldText, newText, StringComparison.Ordinal))));
    };

    /// <summary>
    /// Runs the generators, applies <paramref name="edit"/>, runs them again with the same driver,
    /// and returns both runs for assertions.
    /// </summary>
    public static CachingRun Run(IEnumerable<IIncrementalGenerator> generators, Compilation compilation, Func<Compilation, Compilation> edit, IReadOnlyDictionary<string, string>? buildProperties = null, IEnumerable<Microsoft.CodeAnalysis.AdditionalText>? additionalTexts = null)
    {
        var first = GeneratorHarness.Run(generators, compilation, buildProperties, additionalTexts);
        var second = GeneratorHarness.Run(first.Driver, edit(compilation));
        return new CachingRun(first, second);
    }

    /// <summary>
    /// The full check for one edit: <paramref name="stepNames"/> all ran, none of their outputs holds
    /// a forbidden type, and after the edit they are all Cached or Unchanged with identical sources.
    /// </summary>
    public static void AssertCached(IEnumerable<IIncrementalGenerator> generators, Compilation compilation, Func<Compilation, Compilation> edit, IEnumerable<string> stepNames) =>
        Run(generators, compilation, edit).AssertTrackedStepsRan(stepNames).AssertNoForbiddenOutputs(stepNames).AssertAllCached(stepNames);

    /// <summary>Finds a forbidden object in an output graph; null when there is none.</summary>
    public static string? FindForbidden(object? value) => FindForbidden(value, "output", new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);

    private static string? FindForbidden(object? value, string path, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 32)
        {
            return null;
        }

        var type = value.GetType();
        if (value is Compilation or ISymbol or SyntaxNode or SemanticModel or SyntaxTree)
        {
            return $"{path} is a {type.Name}";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return $"{path} is an {type.Name} (reference equality)";
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal or DateTime or DateTimeOffset or Guid || type.IsPointer)
        {
            return null;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return null;
        }

        if (value is IEnumerable sequence and not IDictionary)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                if (FindForbidden(item, $"{path}[{index++}]", seen, depth + 1) is { } found)
                {
                    return found;
                }
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer)
                {
                    continue;
                }

                if (FindForbidden(field.GetValue(value), path + "." + field.Name, seen, depth + 1) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}

/// <summary>Two runs of the same driver, before and after an edit.</summary>
public sealed class CachingRun(GeneratorRun first, GeneratorRun second)
{
    /// <summary>The run before the edit.</summary>
    public GeneratorRun First { get; } = first;

    /// <summary>The run after the edit.</summary>
    public GeneratorRun Second { get; } = second;

    /// <summary>The reasons of every output of a tracked step in the second run.</summary>
    public IReadOnlyList<IncrementalStepRunReason> Reasons(string stepName) =>
        Second.Result.Results
            .SelectMany(r => r.TrackedSteps.TryGetValue(stepName, out var steps) ? steps : [])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToList();

    /// <summary>Fails unless every named step ran in the first run and produced at least one output overall.</summary>
    public CachingRun AssertTrackedStepsRan(IEnumerable<string> stepNames)
    {
        var tracked = First.Result.Results.SelectMany(r => r.TrackedSteps).ToList();
        foreach (var name in stepNames)
        {
            Assert.True(tracked.Any(kv => kv.Key == name), $"Step '{name}' was not tracked: is it named with WithTrackingName?");
        }

        Assert.True(
            tracked.Where(kv => stepNames.Contains(kv.Key)).SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Any(),
            "No tracked step produced an output; the test would pass without checking anything.");
        return this;
    }

    /// <summary>
    /// Fails when an output of a named step in either run reaches a symbol, syntax, compilation or
    /// ImmutableArray. (Roslyn's own tracked steps, such as the compilation itself, are not ours to check.)
    /// </summary>
    public CachingRun AssertNoForbiddenOutputs(IEnumerable<string> stepNames)
    {
        foreach (var run in new[] { First, Second })
        {
            foreach (var (name, steps) in run.Result.Results.SelectMany(r => r.TrackedSteps).Where(kv => stepNames.Contains(kv.Key)))
            {
                foreach (var output in steps.SelectMany(s => s.Outputs))
                {
                    var found = IncrementalCaching.FindForbidden(output.Value);
                    Assert.True(found is null, $"Step '{name}' outputs something that defeats caching: {found}");
                }
            }
        }

        return this;
    }

    /// <summary>Fails unless every output of the named steps is Cached or Unchanged and the sources are identical.</summary>
    public CachingRun AssertAllCached(IEnumerable<string> stepNames)
    {
        foreach (var name in stepNames)
        {
            var bad = Reasons(name).Where(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
            Assert.True(bad.Count == 0, $"Step '{name}' re-ran after an unrelated edit: {string.Join(", ", Reasons(name))}");
        }

        Assert.Equal(First.Sources, Second.Sources);
        return this;
    }

    /// <summary>Fails unless some output of the named step was New or Modified (a real change must flow through).</summary>
    public CachingRun AssertModified(string stepName)
    {
        var reasons = Reasons(stepName);
        Assert.True(
            reasons.Any(r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New),
            $"Step '{stepName}' did not see the change: {string.Join(", ", reasons)}");
        return this;
    }
}

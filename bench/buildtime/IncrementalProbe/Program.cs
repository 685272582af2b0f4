// Runs Reinhardt's four generators in process, as the compiler server or the IDE does, over the project written by
// bench/buildtime/generate.py (after one build of it, which writes obj/probe-*.txt: sources, references, templates,
// the analyzer config), and prints markdown tables:
//   - a full run with a fresh driver (first one cold, then warm: median), per generator;
//   - the incremental path: one-line edits, each followed by a rerun of the same driver, per generator (median);
//   - where the time goes: the tracked steps (IncrementalGeneratorRunStep.ElapsedTime), summed per step name.
// Usage: dotnet run -c Release --project bench/buildtime/IncrementalProbe -- <project dir> [edits] [full runs]
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Reinhardt.Generators.Forms;
using Reinhardt.Generators.Models;
using Reinhardt.Generators.Templates;
using Reinhardt.Generators.Views;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: IncrementalProbe <project dir> [edits=9] [full runs=3]");
    return 2;
}

var project = Path.GetFullPath(args[0]);
var edits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
var fullRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
string[] Lines(string name) => File.ReadAllLines(Path.Combine(project, "obj", name)).Where(l => l.Length > 0).ToArray();

var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
var trees = Lines("probe-sources.txt")
    .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path), Encoding.UTF8), parseOptions, path))
    .ToList();
var references = Lines("probe-references.txt").Select(path => MetadataReference.CreateFromFile(path)).ToList();
var additional = Lines("probe-additional.txt")
    .Select(path => (AdditionalText)new FileText(path, SourceText.From(File.ReadAllText(path), Encoding.UTF8)))
    .ToImmutableArray();
var globalOptions = new Dictionary<string, string>(StringComparer.Ordinal);
var editorConfig = Path.Combine(project, Lines("probe-editorconfig.txt")[0]);
foreach (var line in File.ReadAllLines(editorConfig))
{
    var equals = line.IndexOf('=', StringComparison.Ordinal);
    if (line.StartsWith("build_", StringComparison.Ordinal) && equals > 0)
    {
        globalOptions[line[..equals].Trim()] = line[(equals + 1)..].Trim();
    }
}

// a new compilation per run: its symbols are bound afresh, as in a new csc compilation or after an IDE edit
Compilation NewCompilation() => CSharpCompilation.Create(
    "Bench",
    trees,
    references,
    new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
var compilation = NewCompilation();
var generators = new IIncrementalGenerator[] { new ModelGenerator(), new ViewGenerator(), new FormGenerator(), new TemplateGenerator() }
    .Select(g => g.AsSourceGenerator())
    .ToImmutableArray();
var optionsProvider = new GlobalOptionsProvider(globalOptions);

GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
    generators,
    additional,
    parseOptions,
    optionsProvider,
    new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

// the full run: the first one pays the JIT (what a cold csc process pays every build); warm ones are what the
// compiler server pays for a full rebuild
var fullTimes = new List<Dictionary<string, double>>();
GeneratorDriver driver = NewDriver();
Compilation output = compilation;
for (var run = 0; run <= fullRuns; run++)
{
    driver = NewDriver().RunGeneratorsAndUpdateCompilation(run == 0 ? compilation : NewCompilation(), out output, out var diagnostics);
    if (run == 0)
    {
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"the probe's compilation has {errors.Count} errors, first: {errors[0]}");
            return 1;
        }
    }

    fullTimes.Add(Timings(driver));
}

var fullSteps = StepTimes(driver);
if (Environment.GetEnvironmentVariable("PROBE_DUMP") is { Length: > 0 } dump)
{
    // the generated sources, to compare two versions of the generators
    Directory.CreateDirectory(dump);
    foreach (var source in driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources))
    {
        File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
    }
}

var generatedTrees = output.SyntaxTrees.Count() - compilation.SyntaxTrees.Count();
var generatedChars = output.SyntaxTrees.Skip(compilation.SyntaxTrees.Count()).Sum(t => t.Length);

// the incremental path: the driver that has run once, then one-line edits, each followed by a run
var unrelated = trees.First(t => t.FilePath.EndsWith("PriceRule0.cs", StringComparison.Ordinal));
var model = trees.First(t => t.FilePath.EndsWith("Product1.cs", StringComparison.Ordinal));
var template = additional.First(t => t.Path.EndsWith("product_1_list.html", StringComparison.Ordinal));
var scenarios = new (string Name, Func<int, (Compilation, GeneratorDriver)> Edit)[]
{
    ("unrelated file (a constant in a plain class)", i => (Replace(compilation, unrelated, "Rate = 0.01m", $"Rate = 0.{i + 2:00}m"), driver)),
    ("model file, method body (ToString)", i => (Replace(compilation, model, "=> Name;", $"=> Name + \"{i}\";"), driver)),
    ("one template, one line", i => (compilation, driver.ReplaceAdditionalText(template, new FileText(template.Path, SourceText.From(template.GetText()!.ToString().Replace("<h1>", $"<h1 data-edit=\"{i}\">", StringComparison.Ordinal)))))),
};

var incremental = new List<(string Name, Dictionary<string, double> Median, Dictionary<string, double> Steps)>();
foreach (var (name, edit) in scenarios)
{
    var baseDriver = NewDriver().RunGenerators(compilation);
    var runs = new List<Dictionary<string, double>>();
    Dictionary<string, double>? steps = null;
    for (var i = 0; i < edits + 1; i++)
    {
        // each edit starts from the same state (the unedited project, generated once), so every sample is alike
        driver = baseDriver;
        var (edited, editDriver) = edit(i);
        var ran = editDriver.RunGenerators(edited);
        if (i > 0)
        {
            runs.Add(Timings(ran));
            steps = StepTimes(ran);
        }
    }

    incremental.Add((name, Median(runs), steps!));
}

var order = new[] { "ModelGenerator", "ViewGenerator", "FormGenerator", "TemplateGenerator", "total" };
var out_ = new StringBuilder();
out_.AppendLine(CultureInfo.InvariantCulture, $"Generators in process (Roslyn {typeof(Compilation).Assembly.GetName().Version}), {trees.Count} sources, {additional.Length} templates; generated {generatedTrees} files, {generatedChars / 1024} KiB.");
out_.AppendLine();
out_.AppendLine("| run | " + string.Join(" | ", order) + " |");
out_.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", order.Length)));
out_.AppendLine("| full, first run (cold JIT, as a csc process without the server) | " + Row(fullTimes[0]) + " |");
out_.AppendLine(CultureInfo.InvariantCulture, $"| full, warm (median of {fullRuns}, as the compiler server) | {Row(Median(fullTimes.Skip(1).ToList()))} |");
foreach (var (name, median, _) in incremental)
{
    out_.AppendLine(CultureInfo.InvariantCulture, $"| edit: {name} (median of {edits}) | {Row(median)} |");
}

out_.AppendLine();
out_.AppendLine("Slowest pipeline steps (ms, summed over a step's items) in a warm full run, and after an unrelated edit:");
out_.AppendLine();
out_.AppendLine("| step | full | unrelated edit |");
out_.AppendLine("|---|---:|---:|");
foreach (var step in fullSteps.OrderByDescending(s => s.Value).Take(12))
{
    out_.AppendLine(CultureInfo.InvariantCulture, $"| {step.Key} | {step.Value:0.0} | {incremental[0].Steps.GetValueOrDefault(step.Key):0.00} |");
}

Console.Write(out_.ToString());
return 0;

string Row(Dictionary<string, double> times) => string.Join(" | ", order.Select(g => times.TryGetValue(g, out var ms) ? ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms" : "-"));

static Dictionary<string, double> Timings(GeneratorDriver driver)
{
    var info = driver.GetTimingInfo();
    var times = info.GeneratorTimes.ToDictionary(t => t.Generator.GetGeneratorType().Name, t => t.ElapsedTime.TotalMilliseconds);
    times["total"] = info.ElapsedTime.TotalMilliseconds;
    return times;
}

static Dictionary<string, double> StepTimes(GeneratorDriver driver)
{
    var steps = new Dictionary<string, double>(StringComparer.Ordinal);
    foreach (var result in driver.GetRunResult().Results)
    {
        var generator = result.Generator.GetGeneratorType().Name.Replace("Generator", string.Empty, StringComparison.Ordinal);
        foreach (var (name, runSteps) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
        {
            var key = generator + ": " + name;
            steps[key] = steps.GetValueOrDefault(key) + runSteps.Sum(s => s.ElapsedTime.TotalMilliseconds);
        }
    }

    return steps;
}

static Dictionary<string, double> Median(List<Dictionary<string, double>> runs) =>
    runs[0].Keys.ToDictionary(k => k, k =>
    {
        var values = runs.Select(r => r.GetValueOrDefault(k)).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    });

static Compilation Replace(Compilation compilation, SyntaxTree tree, string from, string to)
{
    var text = tree.GetText();
    var start = text.ToString().IndexOf(from, StringComparison.Ordinal);
    if (start < 0)
    {
        throw new InvalidOperationException($"'{from}' is not in {tree.FilePath}");
    }

    return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, from.Length), to))));
}

/// <summary>A template as the compiler passes it: a path and its text.</summary>
internal sealed class FileText(string path, SourceText text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => text;
}

/// <summary>The project's build properties (RootNamespace...) as the generators read them.</summary>
internal sealed class GlobalOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Admin;
using Reinhardt.Generators.Common;
using Reinhardt.Generators.Models;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Generators.Tests.Admin;

public class AdminGeneratorTests
{
    // the model generator runs too: the admin's code uses the generated columns, and the run must compile
    private static readonly IIncrementalGenerator[] Generators = [new ModelGenerator(), new AdminGenerator()];

    private const string PollsAdmin = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Reinhardt;
        using Reinhardt.Admin;

        namespace Polls;

        [Model(App = "polls")]
        public partial class Question
        {
            public long Id { get; set; }
            [MaxLength(200)] public string QuestionText { get; set; } = "";
            public DateTimeOffset PubDate { get; set; }
            public bool Featured { get; set; }
            public bool WasPublishedRecently() => PubDate >= DateTimeOffset.UtcNow.AddDays(-1);
            public override string ToString() => QuestionText;
        }

        [Model(App = "polls")]
        public partial class Choice
        {
            public long Id { get; set; }
            [ForeignKey(OnDelete.Cascade)] public partial Question Question { get; set; }
            [MaxLength(200)] public string ChoiceText { get; set; } = "";
            public int Votes { get; set; }
        }

        [Admin(typeof(Question),
            ListDisplay = [nameof(Question.QuestionText), nameof(Question.PubDate), nameof(Question.WasPublishedRecently)],
            ListFilter = [nameof(Question.PubDate), nameof(Question.Featured)],
            SearchFields = [nameof(Question.QuestionText)],
            Ordering = ["-PubDate", "QuestionText"],
            ListPerPage = 50,
            ReadonlyFields = [nameof(Question.WasPublishedRecently)],
            DateHierarchy = nameof(Question.PubDate),
            Inlines = [typeof(ChoiceInline)])]
        [Fieldset(null, nameof(Question.QuestionText), nameof(Question.Featured))]
        [Fieldset("Date information", nameof(Question.PubDate), nameof(Question.WasPublishedRecently), Classes = "collapse")]
        public partial class QuestionAdmin
        {
            [AdminAction("Feature selected questions")]
            public Task Feature(QuerySet<Question, Question.Columns> selected, CancellationToken cancellationToken) =>
                selected.UpdateAsync(c => c.Featured.Set(true), cancellationToken: cancellationToken);
        }

        [TabularInline(typeof(Choice), Extra = 3)]
        public partial class ChoiceInline;

        [Admin(typeof(Choice), ListDisplay = [nameof(Choice.ChoiceText), nameof(Choice.Question)], ListFilter = [nameof(Choice.Question)])]
        public partial class ChoiceAdmin;

        public class NotAnAdmin
        {
            public int Value { get; set; }
        }
        """;

    private static GeneratorRun RunPolls() => GeneratorHarness.Run(Generators, CompilationFactory.Create(PollsAdmin));

    private static void VerifyAdminSources(GeneratorRun run, [CallerFilePath] string callerFilePath = "", [CallerMemberName] string testName = "") =>
        Baselines.Verify(run.Sources.Where(s => !s.Key.EndsWith(".Model.g.cs", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value), callerFilePath, testName);

    [Fact]
    public void Polls_admin_matches_its_baselines()
    {
        var run = RunPolls().AssertClean();
        VerifyAdminSources(run);
    }

    [Fact]
    public void The_admin_gets_its_base_class_form_and_typed_definition()
    {
        var source = RunPolls().AssertClean().Source("Polls.QuestionAdmin.Admin.g.cs");
        Assert.Contains("partial class QuestionAdmin : global::Reinhardt.Admin.ModelAdmin<global::Polls.Question, global::Polls.Question.Columns, global::Polls.QuestionAdmin.AdminForm>", source, StringComparison.Ordinal);
        Assert.Contains("Search = static (c, word) => global::Reinhardt.Data.StringLookups.IContains(c.QuestionText, word),", source, StringComparison.Ordinal);
        Assert.Contains("static c => c.PubDate.Descending(), static c => c.QuestionText.Ascending()", source, StringComparison.Ordinal);
        Assert.Contains("new(\"was_published_recently\", \"Was published recently\", static m => m.WasPublishedRecently(), null),", source, StringComparison.Ordinal);
        Assert.Contains("global::Reinhardt.Admin.AdminFilters.Boolean<global::Polls.Question.Columns>(\"featured\", \"featured\", static c => c.Featured),", source, StringComparison.Ordinal);
        Assert.Contains("(rows, cancellationToken) => Feature(rows, cancellationToken)", source, StringComparison.Ordinal);
        // the form has the fieldsets' editable fields, not the read-only one
        var form = RunPolls().Source("Polls.QuestionAdmin.AdminForm.Form.g.cs");
        Assert.Contains("public string QuestionText { get; set; }", form, StringComparison.Ordinal);
        Assert.Contains("public global::System.DateTimeOffset PubDate { get; set; }", form, StringComparison.Ordinal);
        Assert.DoesNotContain("WasPublishedRecently", form, StringComparison.Ordinal);
        Assert.Contains("public bool Featured { get; set; }", form, StringComparison.Ordinal);
        var inline = RunPolls().Source("Polls.ChoiceInline.Inline.g.cs");
        Assert.Contains("OfParent = static (c, key) => c.QuestionId == key,", inline, StringComparison.Ordinal);
        Assert.Contains("ForeignKey = \"question\",", inline, StringComparison.Ordinal);
        var inlineForm = RunPolls().Source("Polls.ChoiceInline.AdminForm.Form.g.cs");
        Assert.Contains("ChoiceText", inlineForm, StringComparison.Ordinal);
        Assert.DoesNotContain("public global::Polls.Question Question", inlineForm, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<Compilation, Compilation>> UnrelatedEdits => new()
    {
        { "clone", IncrementalCaching.Clone },
        { "unrelated file", IncrementalCaching.AddUnrelatedFile },
        { "same file, outside the admins", IncrementalCaching.ReplaceText("Source0.cs", "public int Value { get; set; }", "public int Value { get; set; } public int Other => 1;") },
    };

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void Unrelated_edits_leave_every_step_cached(string edit, Func<Compilation, Compilation> apply)
    {
        Assert.NotNull(edit);
        IncrementalCaching.AssertCached(Generators, CompilationFactory.Create(PollsAdmin), apply, StepNames.Admin);
    }

    [Fact]
    public void An_action_body_edit_leaves_the_generated_source_unchanged()
    {
        var edit = IncrementalCaching.ReplaceText("Source0.cs", "c.Featured.Set(true)", "c.Featured.Set(false)");
        var second = GeneratorHarness.Run(Generators, edit(CompilationFactory.Create(PollsAdmin))).AssertClean();
        Assert.Equal(RunPolls().Source("Polls.QuestionAdmin.Admin.g.cs"), second.Source("Polls.QuestionAdmin.Admin.g.cs"));
    }

    [Fact]
    public void A_new_search_field_flows_through_to_the_output()
    {
        var edit = IncrementalCaching.ReplaceText("Source0.cs", "SearchFields = [nameof(Question.QuestionText)]", "SearchFields = [nameof(Question.QuestionText), \"QuestionText\"]");
        var run = GeneratorHarness.Run(Generators, edit(CompilationFactory.Create(PollsAdmin))).AssertClean();
        Assert.Contains("IContains(c.QuestionText, word) | global::Reinhardt.Data.StringLookups.IContains(c.QuestionText, word)", run.Source("Polls.QuestionAdmin.Admin.g.cs"), StringComparison.Ordinal);
    }

    private const string Models = """
        [Model(App = "app")] public partial class Tag { public long Id { get; set; } public string Name { get; set; } = ""; public int Rank { get; set; } public int Score() => 1; }
        [Model(App = "app")] public partial class Post { public long Id { get; set; } [ForeignKey(OnDelete.Cascade)] public partial Tag Tag { get; set; } [ForeignKey(OnDelete.Cascade)] public partial Tag Other { get; set; } }
        [Model(App = "app")] public partial class Note { public long Id { get; set; } public string Text { get; set; } = ""; }

        """;

    [Theory]
    [InlineData("RH0060", "[Admin(typeof(Tag))] public class {|Plain|} { }")]
    [InlineData("RH0061", "[Admin(typeof(Tag), ListDisplay = [{|\"Nmae\"|}])] public partial class A;")]
    [InlineData("RH0061", "[Admin(typeof(Tag), SearchFields = new[] { \"Name\", {|\"Missing\"|} })] public partial class A;")]
    [InlineData("RH0061", "[Admin(typeof(Tag), Ordering = [{|\"-Nope\"|}])] public partial class A;")]
    [InlineData("RH0061", "[Admin(typeof(Tag))][Fieldset(null, \"Name\", {|\"Nope\"|})] public partial class A;")]
    [InlineData("RH0062", "[Admin(typeof(Tag), SearchFields = [{|\"Rank\"|}])] public partial class A;")]
    [InlineData("RH0062", "[Admin(typeof(Tag), ListFilter = [{|\"Name\"|}])] public partial class A;")]
    [InlineData("RH0062", "[Admin(typeof(Tag), {|DateHierarchy = \"Rank\"|})] public partial class A;")]
    [InlineData("RH0062", "[Admin(typeof(Tag))][Fieldset(null, {|\"Score\"|})] public partial class A;")]
    [InlineData("RH0063", "[Admin(typeof(Note), Inlines = [{|typeof(PostInline)|}])] public partial class A; [TabularInline(typeof(Post), ForeignKey = \"Tag\")] public partial class PostInline;")]
    [InlineData("RH0063", "[{|TabularInline(typeof(Post))|}] public partial class PostInline;")]
    [InlineData("RH0064", "[Admin(typeof(Tag))] public partial class A { [AdminAction(\"x\")] public void {|Go|}() { } }")]
    public void Misuse_is_reported_at_its_location(string id, string marked)
    {
        var start = marked.IndexOf("{|", StringComparison.Ordinal);
        var end = marked.IndexOf("|}", StringComparison.Ordinal);
        var text = marked.Substring(start + 2, end - start - 2);
        var source = "using Reinhardt;\nusing Reinhardt.Admin;\nnamespace App;\n" + Models + marked.Replace("{|", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(Generators, CompilationFactory.Create(source));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        var span = diagnostic.Location.SourceSpan;
        Assert.Equal(text, source.Substring(span.Start, span.Length));
        Assert.Single(run.GeneratorDiagnostics);
    }
}

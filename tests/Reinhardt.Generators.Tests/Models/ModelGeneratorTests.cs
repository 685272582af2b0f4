using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;
using Reinhardt.Generators.Models;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Generators.Tests.Models;

public class ModelGeneratorTests
{
    private const string PollsModels = """
        using System;
        using Reinhardt;

        namespace Polls;

        [Model(App = "polls")]
        public partial class Question
        {
            public long Id { get; set; }
            [MaxLength(200)] public string QuestionText { get; set; } = "";
            public DateTimeOffset PubDate { get; set; }

            public bool WasPublishedRecently(DateTimeOffset now) => PubDate >= now.AddDays(-1) && PubDate <= now;
        }

        [Model(App = "polls")]
        public partial class Choice
        {
            public long Id { get; set; }
            [ForeignKey(OnDelete.Cascade)] public partial Question Question { get; set; }
            [ForeignKey(OnDelete.SetNull, RelatedName = "Picks")] public partial Choice? Parent { get; set; }
            [MaxLength(200), MinLength(1)] public string ChoiceText { get; set; } = "";
            [Range(0, 1000000)] public int Votes { get; set; }
            [Text] public string? Notes { get; set; }
            public decimal? Weight { get; set; }
        }

        public class NotAModel
        {
            public int Value { get; set; }
        }

        [Database]
        public partial class PollsDb;
        """;

    private static IIncrementalGenerator[] Generators => [new ModelGenerator()];

    [Fact]
    public void Polls_models_match_their_baselines()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), PollsModels).AssertClean();
        Baselines.Verify(run);
    }

    [Fact]
    public void Table_and_columns_follow_Django_names()
    {
        var source = GeneratorHarness.Run(new ModelGenerator(), PollsModels).AssertClean().Source("Polls.Question.Model.g.cs");
        Assert.Contains("public const string TableName = \"polls_question\";", source, StringComparison.Ordinal);
        Assert.Contains("public const string ColumnList = \"\\\"id\\\", \\\"question_text\\\", \\\"pub_date\\\"\";", source, StringComparison.Ordinal);
    }

    [Fact]
    public void App_label_defaults_to_the_assembly_attribute()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), """
            [assembly: Reinhardt.AppLabel("blog")]
            namespace Blog;
            [Reinhardt.Model] public partial class BlogPost { public long Id { get; set; } }
            """).AssertClean();
        Assert.Contains("TableName = \"blog_blogpost\"", run.Source("Blog.BlogPost.Model.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void App_label_falls_back_to_the_assembly_name()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), "[Reinhardt.Model] public partial class Tag { public int Id { get; set; } }").AssertClean();
        Assert.Contains("TableName = \"testapp_tag\"", run.Source("Tag.Model.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_models_reopen_their_containing_types()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), """
            namespace Shop;
            public static partial class Catalog
            {
                [Reinhardt.Model(App = "shop", Table = "shop_items")]
                public partial record Item { public long Id { get; set; } public bool InStock { get; set; } }
            }
            """).AssertClean();
        var source = run.Source("Shop.Catalog.Item.Model.g.cs");
        Assert.Contains("partial class Catalog", source, StringComparison.Ordinal);
        Assert.Contains("partial record Item", source, StringComparison.Ordinal);
        Assert.Contains("TableName = \"shop_items\"", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public class Question { public long Id { get; set; } }", "RH0001", "Question")]
    [InlineData("public partial class Question { public long Id { get; set; } public System.Uri Link { get; set; } = null!; }", "RH0002", "Link")]
    [InlineData("public partial class Question { public string Name { get; set; } = \"\"; }", "RH0003", "Question")]
    [InlineData("[Reinhardt.Database] public class AppDb { }", "RH0004", "AppDb")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.ForeignKey] public Question Parent { get; set; } = null!; }", "RH0005", "Parent")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.ForeignKey] public partial System.Uri Link { get; set; } }", "RH0006", "Link")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.ForeignKey(Reinhardt.OnDelete.SetNull)] public partial Question Parent { get; set; } }", "RH0007", "Parent")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.Check] public Reinhardt.Data.Q Positive(Columns c) => c.Id > 0; }", "RH0008", "Positive")]
    [InlineData("[Reinhardt.Model(App = \"polls\"), Reinhardt.UniqueTogether(\"Id\", \"Missing\")] public partial class Question { public long Id { get; set; } }", "RH0009", "Reinhardt.UniqueTogether(\"Id\", \"Missing\")", "'Missing'")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.Range(1, 2)] public string Name { get; set; } = \"\"; }", "RH0010", "Reinhardt.Range(1, 2)", "[Range] on 'Question.Name'")]
    [InlineData("public partial class Question { public long Id { get; set; } public static string TableName => \"x\"; }", "RH0011", "TableName")]
    [InlineData("public partial class Question { [Reinhardt.PrimaryKey] public long Code { get; set; } [Reinhardt.PrimaryKey] public long Other { get; set; } }", "RH0013", "Other")]
    [InlineData("public partial class Question { [Reinhardt.PrimaryKey] public string Code { get; set; } = \"\"; }", "RH0014", "Code")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.ManyToMany(Through = typeof(Question))] public partial Reinhardt.ManyToMany<Question> Links { get; } }", "RH0015", "Links")]
    [InlineData("public partial class Question { public long Id { get; set; } [Reinhardt.Choices(\"Missing\")] public int Kind { get; set; } }", "RH0016", "Reinhardt.Choices(\"Missing\")", "'Missing'")]
    [InlineData("public partial class Question { public long Id { get; set; } public static string[] Kinds => []; [Reinhardt.Choices(nameof(Kinds))] public int Kind { get; set; } }", "RH0016", "Reinhardt.Choices(nameof(Kinds))", "'int'")]
    [InlineData("[Reinhardt.Model(App = \"polls\"), Reinhardt.Index(\"Missing\")] public partial class Question { public long Id { get; set; } }", "RH0019", "Reinhardt.Index(\"Missing\")", "'Missing'")]
    [InlineData("[Reinhardt.Management.Command(\"go\")] public class Go { }", "RH0020", "Go")]
    public void Invalid_models_report_one_diagnostic_at_the_symbol(string declaration, string id, string symbol, string? messagePart = null)
    {
        var source = "namespace Polls;\n" + (declaration.StartsWith('[') ? declaration : "[Reinhardt.Model(App = \"polls\")]\n" + declaration);
        var run = GeneratorHarness.Run(new ModelGenerator(), source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(symbol, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains(messagePart ?? symbol, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    public static TheoryData<string, Func<Compilation, Compilation>> UnrelatedEdits => new()
    {
        { "clone", IncrementalCaching.Clone },
        { "unrelated file", IncrementalCaching.AddUnrelatedFile },
        { "same file, outside the model", IncrementalCaching.ReplaceText("Source0.cs", "public int Value { get; set; }", "public int Value { get; set; } public int Other => 1;") },
        { "method body of the model", IncrementalCaching.ReplaceText("Source0.cs", "AddDays(-1)", "AddDays(-2)") },
    };

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void Unrelated_edits_leave_every_step_cached(string edit, Func<Compilation, Compilation> apply)
    {
        Assert.NotNull(edit);
        IncrementalCaching.AssertCached(Generators, CompilationFactory.Create(PollsModels), apply, StepNames.All);
    }

    private const string MigrationFiles = """
        using System.Collections.Generic;
        using Reinhardt.Data.Migrations;
        namespace Polls.Migrations;
        [RegisterMigration] public sealed class Migration_0001_initial : Migration
        {
            public override string App => "polls";
            public override string Name => "0001_initial";
            public override IReadOnlyList<MigrationOperation> Operations => [];
        }
        [RegisterMigration] public sealed class Migration_0002_more : Migration
        {
            public override string App => "polls";
            public override string Name => "0002_more";
            public override IReadOnlyList<(string App, string Name)> Dependencies => [("polls", "0001_initial")];
            public override IReadOnlyList<MigrationOperation> Operations => [];
        }
        """;

    [Fact]
    public void The_database_lists_the_registered_migrations()
    {
        var run = GeneratorHarness.Run([new ModelGenerator()], CompilationFactory.Create(PollsModels, MigrationFiles)).AssertClean();
        var source = run.Source("Polls.PollsDb.Database.g.cs");
        Assert.Contains("new global::Polls.Migrations.Migration_0001_initial(),", source, StringComparison.Ordinal);
        Assert.Contains("new global::Polls.Migrations.Migration_0002_more(),", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"0002_more\"", "\"0001_initial\"", "RH0017", "Migration_0002_more")]
    [InlineData("(\"polls\", \"0001_initial\")", "(\"polls\", \"0000_missing\")", "RH0018", "Migration_0002_more")]
    public void Migration_files_are_checked_at_build_time(string from, string to, string id, string at)
    {
        var run = GeneratorHarness.Run([new ModelGenerator()], CompilationFactory.Create(PollsModels, MigrationFiles.Replace(from, to, StringComparison.Ordinal)));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(at, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public void Two_models_with_one_table_are_reported_at_the_second()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), """
            namespace Shop;
            [Reinhardt.Model(App = "shop", Table = "items")] public partial class Item { public long Id { get; set; } }
            [Reinhardt.Model(App = "shop", Table = "items")] public partial class Thing { public long Id { get; set; } }
            """);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("RH0012", diagnostic.Id);
        Assert.Equal("Thing", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public void A_primary_key_attribute_replaces_the_implicit_Id()
    {
        var source = GeneratorHarness.Run(new ModelGenerator(), "[Reinhardt.Model(App = \"a\")] public partial class Item { public long Id { get; set; } [Reinhardt.PrimaryKey] public int Number { get; set; } }").AssertClean().Source("Item.Model.g.cs");
        Assert.Contains("new global::Reinhardt.Data.ColumnSchema(\"number\", global::Reinhardt.Data.ColumnType.Int32, Nullable: false, PrimaryKey: true", source, StringComparison.Ordinal);
        Assert.Contains("model.Number = checked((int)key)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_to_many_declares_its_through_table_and_both_accessors()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), """
            namespace Blog;
            [Reinhardt.Model(App = "blog")] public partial class Tag { public long Id { get; set; } }
            [Reinhardt.Model(App = "blog")] public partial class Article { public long Id { get; set; } [Reinhardt.ManyToMany] public partial Reinhardt.ManyToMany<Tag> Tags { get; } }
            [Reinhardt.Database] public partial class BlogDb;
            """).AssertClean();
        Assert.Contains("public static global::Reinhardt.Data.TableSchema TagsThrough", run.Source("Blog.Article.Model.g.cs"), StringComparison.Ordinal);
        Assert.Contains("\"blog_article_tags\", \"article_id\", \"tag_id\"", run.Source("Blog.Article.Model.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public global::Reinhardt.ManyToMany<global::Blog.Article> Articles", run.Source("Blog.Tag.Model.g.cs"), StringComparison.Ordinal);
        Assert.Contains("global::Blog.Article.TagsThrough,", run.Source("Blog.BlogDb.Database.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Relations_get_reverse_accessors_on_their_targets()
    {
        var run = GeneratorHarness.Run(new ModelGenerator(), PollsModels).AssertClean();
        Assert.Contains("public global::Reinhardt.RelatedSet<global::Polls.Question, global::Polls.Choice, global::Polls.Choice.Columns> Choices", run.Source("Polls.Question.Model.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public global::Reinhardt.RelatedSet<global::Polls.Choice, global::Polls.Choice, global::Polls.Choice.Columns> Picks", run.Source("Polls.Choice.Model.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public long? ParentId { get; set; }", run.Source("Polls.Choice.Model.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_relation_changes_only_its_target_and_itself()
    {
        var run = IncrementalCaching.Run(
            Generators,
            CompilationFactory.Create(PollsModels),
            IncrementalCaching.ReplaceText("Source0.cs", "public int Votes { get; set; }", "public int Votes { get; set; } [ForeignKey] public partial Question? Other { get; set; }"));
        run.AssertModified(StepNames.ModelRelations);
        Assert.Contains("OtherId", run.Second.Source("Polls.Choice.Model.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public global::Reinhardt.RelatedSet<global::Polls.Question, global::Polls.Choice, global::Polls.Choice.Columns> Choices", run.Second.Source("Polls.Question.Model.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_gets_a_query_set_per_model()
    {
        var source = GeneratorHarness.Run(new ModelGenerator(), PollsModels).AssertClean().Source("Polls.PollsDb.Database.g.cs");
        Assert.Contains("public global::Reinhardt.QuerySet<global::Polls.Question, global::Polls.Question.Columns> Questions { get; }", source, StringComparison.Ordinal);
        Assert.Contains("public global::Reinhardt.QuerySet<global::Polls.Choice, global::Polls.Choice.Columns> Choices { get; }", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_model_reaches_the_database()
    {
        var run = IncrementalCaching.Run(
            Generators,
            CompilationFactory.Create(PollsModels),
            c => IncrementalCaching.ReplaceText("Source0.cs", "public int Value { get; set; }", "public long Id { get; set; }")(
                IncrementalCaching.ReplaceText("Source0.cs", "public class NotAModel", "[Model(App = \"polls\")] public partial class NotAModel")(c)));
        run.AssertModified(StepNames.DatabaseModels);
        Assert.Contains("NotAModels", run.Second.Source("Polls.PollsDb.Database.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_field_flows_through_to_the_output()
    {
        var run = IncrementalCaching.Run(
            Generators,
            CompilationFactory.Create(PollsModels),
            IncrementalCaching.ReplaceText("Source0.cs", "public int Votes { get; set; }", "public int Votes { get; set; } public bool Hidden { get; set; }"));
        run.AssertModified(StepNames.ModelSpecs);
        Assert.All(run.Reasons(StepNames.DatabaseModels), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Contains("\\\"hidden\\\"", run.Second.Source("Polls.Choice.Model.g.cs"), StringComparison.Ordinal);
    }
}

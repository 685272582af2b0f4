using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Templates;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Generators.Tests.Templates;

public class TemplateContextTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        namespace Polls;

        public class Question
        {
            public long Id { get; set; }
            public string QuestionText { get; set; } = "";
            public DateTimeOffset PubDate { get; set; }
            public IReadOnlyList<Choice> Choices { get; set; } = [];
            public Question? Previous { get; set; }
            public Uri? Link { get; set; }
            public bool WasPublishedRecently() => true;
            public void Touch() { }
            public string Format(string pattern) => pattern;
            internal string Secret => "";
            public static int Count => 0;
        }

        public class Choice
        {
            public string ChoiceText { get; set; } = "";
            public int Votes { get; set; }
            public Question Question { get; set; } = null!;
        }

        public record DetailPage(Question Question, string? ErrorMessage, Dictionary<string, int> Counts, int? Page, string[] Tags);
        """;

    private static Dictionary<string, TemplateType> Collect()
    {
        var compilation = CompilationFactory.Create(Source);
        var root = compilation.GetTypeByMetadataName("Polls.DetailPage")!;
        return TemplateContextParser.CollectTypes(root, compilation, CancellationToken.None).ToDictionary(t => t.Key);
    }

    [Fact]
    public void App_types_are_expanded_with_snake_case_names_and_framework_types_are_leaves()
    {
        var types = Collect();
        var question = types["global::Polls.Question"];
        Assert.Equal(TemplateValueKind.Object, question.Kind);
        Assert.Equal(
            ["choices", "id", "link", "previous", "pub_date", "question_text", "was_published_recently"],
            question.Members.Select(m => m.TemplateName));
        var method = Assert.Single(question.Members, m => m.Name == "WasPublishedRecently");
        Assert.True(method.IsMethod);
        Assert.Equal("bool", method.TypeKey);
        Assert.True(Assert.Single(question.Members, m => m.Name == "Previous").Nullable);
        Assert.Equal(TemplateValueKind.Object, types["global::System.Uri"].Kind);
        Assert.Empty(types["global::System.Uri"].Members);
        Assert.Equal(TemplateValueKind.DateTime, types["global::System.DateTimeOffset"].Kind);
    }

    [Fact]
    public void Sequences_mappings_and_nullable_values_are_classified()
    {
        var types = Collect();
        var choices = types["global::System.Collections.Generic.IReadOnlyList<global::Polls.Choice>"];
        Assert.Equal(TemplateValueKind.Sequence, choices.Kind);
        Assert.True(choices.Indexable);
        Assert.Equal("global::Polls.Choice", choices.ElementTypeKey);
        Assert.Equal(TemplateValueKind.Mapping, types["global::System.Collections.Generic.Dictionary<string, int>"].Kind);
        Assert.Equal("int", types["global::System.Collections.Generic.Dictionary<string, int>"].ElementTypeKey);
        Assert.True(types["string[]"].Indexable);

        var page = types["global::Polls.DetailPage"];
        var number = Assert.Single(page.Members, m => m.Name == "Page");
        Assert.Equal("int", number.TypeKey);
        Assert.True(number.Nullable);
        Assert.True(Assert.Single(page.Members, m => m.Name == "ErrorMessage").Nullable);
        Assert.Equal(TemplateValueKind.Integer, types["int"].Kind);
    }

    [Fact]
    public void Cycles_are_walked_once_and_the_result_is_ordered()
    {
        var compilation = CompilationFactory.Create(Source);
        var root = compilation.GetTypeByMetadataName("Polls.DetailPage")!;
        var first = TemplateContextParser.CollectTypes(root, compilation, CancellationToken.None);
        var second = TemplateContextParser.CollectTypes(root, compilation.Clone(), CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(first.Select(t => t.Key).Order(StringComparer.Ordinal), first.Select(t => t.Key));
        Assert.Single(first, t => t.Key == "global::Polls.Question");
    }

    [Fact]
    public void Contexts_of_one_compilation_share_type_shapes_and_each_still_gets_only_what_it_reaches()
    {
        // the shapes are computed once per compilation (a table shared by the contexts): a second context must see the
        // same Question, and must not inherit types that only the first context reaches
        var compilation = CompilationFactory.Create(Source + """

            public record ChoicePage(Choice Choice);
            public record CountPage(int Count);
            """);
        var detail = TemplateContextParser.CollectTypes(compilation.GetTypeByMetadataName("Polls.DetailPage")!, compilation, CancellationToken.None);
        var choice = TemplateContextParser.CollectTypes(compilation.GetTypeByMetadataName("Polls.ChoicePage")!, compilation, CancellationToken.None);
        var count = TemplateContextParser.CollectTypes(compilation.GetTypeByMetadataName("Polls.CountPage")!, compilation, CancellationToken.None);

        Assert.Equal(detail.Single(t => t.Key == "global::Polls.Question"), choice.Single(t => t.Key == "global::Polls.Question"));
        Assert.Contains(choice, t => t.Key == "global::System.Uri");
        Assert.DoesNotContain(choice, t => t.Key == "global::Polls.DetailPage" || t.Key.StartsWith("global::System.Collections.Generic.Dictionary", StringComparison.Ordinal));
        Assert.Equal(["global::Polls.CountPage", "int"], count.Select(t => t.Key));
        Assert.Equal(detail, TemplateContextParser.CollectTypes(compilation.GetTypeByMetadataName("Polls.DetailPage")!, compilation.Clone(), CancellationToken.None));
    }
}

using Reinhardt.Generators.Common;
using Reinhardt.Generators.Templates;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Generators.Tests.Templates;

public class TemplateBinderTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        namespace Polls;
        public class Question
        {
            public string QuestionText { get; set; } = "";
            public IReadOnlyList<Choice> Choices { get; set; } = [];
            public Question? Previous { get; set; }
            public Uri? Link { get; set; }
            public bool WasPublishedRecently() => true;
        }
        public class Choice { public string ChoiceText { get; set; } = ""; public int Votes { get; set; } }
        public record DetailPage(Question Question, Dictionary<string, int> Counts);
        """;

    private static (TemplateBinder Binder, TemplateScope Scope) Create()
    {
        var compilation = CompilationFactory.Create(Source);
        var types = TemplateContextParser.CollectTypes(compilation.GetTypeByMetadataName("Polls.DetailPage")!, compilation, CancellationToken.None);
        var binder = new TemplateBinder(types);
        return (binder, binder.RootScope("global::Polls.DetailPage", "context"));
    }

    private static VariablePath Path(string dotted, int line = 3, int column = 10, int start = 40) =>
        new(new TemplateSpan(start, dotted.Length, line, column), dotted.Split('.').ToEquatableArray());

    [Theory]
    [InlineData("question.question_text", "context.Question.QuestionText", "string", false)]
    [InlineData("question.QuestionText", "context.Question.QuestionText", "string", false)]
    [InlineData("question.was_published_recently", "context.Question.WasPublishedRecently()", "bool", false)]
    [InlineData("question.previous.question_text", "context.Question.Previous?.QuestionText", "string", true)]
    [InlineData("question.choices.0.votes", "global::Reinhardt.Templates.TemplateLookups.At(context.Question.Choices, 0)?.Votes", "int", true)]
    [InlineData("counts.yes", "global::Reinhardt.Templates.TemplateLookups.Get(context.Counts, \"yes\")", "int", true)]
    public void Dotted_lookups_become_member_access(string path, string expression, string type, bool nullable)
    {
        var (binder, scope) = Create();
        var errors = new List<TemplateError>();
        var bound = binder.Bind(Path(path), scope, errors);
        Assert.Empty(errors);
        Assert.Equal(new BoundValue(expression, type, nullable, bound!.Kind), bound);
    }

    [Theory]
    [InlineData("questoin.question_text", 0, "Unknown variable 'questoin'. Did you mean 'question'?")]
    [InlineData("question.question_txt", 1, "'question' (Polls.Question) has no member 'question_txt'. Did you mean 'question_text'?")]
    [InlineData("question.choices.first_choice", 2, "'question.choices' (System.Collections.Generic.IReadOnlyList<Polls.Choice>) has no member 'first_choice'.")]
    [InlineData("question.link.host", 2, "'question.link' is a System.Uri, whose members templates cannot read.")]
    [InlineData("nothing", 0, "Unknown variable 'nothing'.")]
    public void A_lookup_that_does_not_resolve_is_one_error_at_its_part(string path, int part, string message)
    {
        var (binder, scope) = Create();
        var errors = new List<TemplateError>();
        Assert.Null(binder.Bind(Path(path), scope, errors));
        var error = Assert.Single(errors);
        Assert.Equal("RH1007", error.Id);
        Assert.Equal(message, error.Message);
        var offset = path.Split('.').Take(part).Sum(p => p.Length + 1);
        Assert.Equal(new TemplateSpan(40 + offset, path.Split('.')[part].Length, 3, 10 + offset), error.Span);
    }

    [Fact]
    public void Loop_and_with_variables_shadow_the_context_and_go_away_after()
    {
        var (binder, scope) = Create();
        var choices = binder.Bind(Path("question.choices"), scope, [])!;
        var choice = binder.ElementOf(choices, "choice")!;
        scope.Push(new Dictionary<string, BoundValue>(StringComparer.Ordinal) { ["question"] = choice });
        Assert.Equal("choice.ChoiceText", binder.Bind(Path("question.choice_text"), scope, [])!.Expression);
        scope.Pop();
        Assert.Equal("context.Question.QuestionText", binder.Bind(Path("question.question_text"), scope, [])!.Expression);
    }

    [Theory]
    [InlineData("endfro", "endfor")]
    [InlineData("qestion", "question")]
    [InlineData("zzz", null)]
    public void Suggestions_are_the_closest_names(string name, string? expected) =>
        Assert.Equal(expected, TemplateBinder.Closest(name, ["endfor", "endif", "question", "questions"]));
}

namespace Reinhardt.Templates;

/// <summary>
/// Marks a <c>partial</c> record or class as the typed context of a template file (an <c>AdditionalFiles</c>
/// item, <c>Templates/**/*.html</c> by default): <c>[Template("polls/detail.html")] public partial record
/// DetailPage(Question Question, string? ErrorMessage);</c>. The generator compiles the template against the
/// context's members (<c>question.question_text</c> is <c>Question.QuestionText</c>) and adds its renderer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TemplateAttribute(string path) : Attribute
{
    /// <summary>The template's name below the templates folder, with '/' separators.</summary>
    public string Path { get; } = path;
}

using Polls.Models;
using Reinhardt.Admin;

namespace Polls.Admin;

/// <summary>
/// The questions in the admin, as in part 7 of Django's tutorial: two fieldsets, the choices edited inline, the
/// list with the publication date and "published recently", filtered by date and searched by text.
/// </summary>
[Admin(
    typeof(Question),
    ListDisplay = [nameof(Question.QuestionText), nameof(Question.PubDate), nameof(Question.WasPublishedRecently)],
    ListFilter = [nameof(Question.PubDate)],
    SearchFields = [nameof(Question.QuestionText)],
    Ordering = ["-" + nameof(Question.PubDate)],
    DateHierarchy = nameof(Question.PubDate),
    Inlines = [typeof(ChoiceInline)])]
[Fieldset(null, nameof(Question.QuestionText))]
[Fieldset("Date information", nameof(Question.PubDate))]
public partial class QuestionAdmin;

/// <summary>The choices of a question, as table rows with three empty ones (the tutorial's <c>ChoiceInline</c>).</summary>
[TabularInline(typeof(Choice), Extra = 3)]
public partial class ChoiceInline;

using System.Text;
using System.Text.Encodings.Web;
using Polls.Models;
using Reinhardt.Views;

namespace Polls.Views;

/// <summary>
/// The polls pages (Django tutorial parts 3-5). The HTML is still written by hand here until compiled
/// templates land; the routes, reverse URLs and binding are generated.
/// </summary>
[View(Prefix = "/polls", Namespace = "polls")]
public partial class PollViews(PollsDb db)
{
    /// <summary>The five latest questions not published in the future, newest first (tutorial part 5).</summary>
    [Get("/", Name = "index")]
    public async Task<IResult> Index(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var questions = await db.Questions
            .Filter(q => q.PubDate <= now)
            .OrderBy(q => q.PubDate.Descending())
            .Take(5)
            .ToListAsync(cancellationToken);

        var html = Page("Polls");
        if (questions.Count == 0)
        {
            html.Append("<p>No polls are available.</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var question in questions)
            {
                html.Append("  <li><a href=\"").Append(Encode(Urls.Polls.Detail(question.Id))).Append("\">")
                    .Append(Encode(question.QuestionText)).Append("</a></li>\n");
            }

            html.Append("</ul>\n");
        }

        return Html(html);
    }

    /// <summary>One question and its choices; 404 for a missing or future question.</summary>
    [Get("/{id:int}/", Name = "detail")]
    public async Task<IResult> Detail(long id, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var question = await db.Questions.Filter(q => q.Id == id & q.PubDate <= now).FirstOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return Results.NotFound();
        }

        var choices = await db.Choices.Filter(c => c.QuestionId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var html = Page(question.QuestionText).Append("<h1>").Append(Encode(question.QuestionText)).Append("</h1>\n<ul>\n");
        foreach (var choice in choices)
        {
            html.Append("  <li>").Append(Encode(choice.ChoiceText)).Append("</li>\n");
        }

        return Html(html.Append("</ul>\n<p><a href=\"").Append(Encode(Urls.Polls.Index())).Append("\">All polls</a></p>\n"));
    }

    private static StringBuilder Page(string title) =>
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title></head>\n<body>\n");

    private static IResult Html(StringBuilder html) => Results.Content(html.Append("</body>\n</html>\n").ToString(), "text/html; charset=utf-8");

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}

/// <summary>The site root.</summary>
[View]
public partial class SiteViews
{
    /// <summary>The root redirects to the polls index.</summary>
    [Get("/", Name = "home")]
    public static IResult Home() => Results.Redirect(Urls.Polls.Index());
}

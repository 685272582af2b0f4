using Polls.Models;
using Reinhardt.Testing;
using Xunit;
using static Reinhardt.Integration.Tests.Admin.AdminTestApp;

namespace Reinhardt.Integration.Tests.Admin;

/// <summary>
/// The admin in headless Chromium (Chrome DevTools Protocol): create a question with two inline choices, search and filter
/// the list, edit, delete with confirmation; the list and change pages are saved to docs/images/.
/// </summary>
public sealed class AdminBrowserTests
{
    private static string Js(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString() is var encoded ? "\"" + encoded + "\"" : "";

    private static async Task FillAsync(Chromium browser, string name, string value) =>
        Assert.Equal("true", await browser.EvaluateAsync($"(() => {{ const e = document.querySelector('[name={name}]'); if (!e) return false; e.value = {Js(value)}; return true; }})()"));

    [ChromiumFact]
    public async Task Staff_user_creates_searches_filters_edits_and_deletes_a_question()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var now = DateTimeOffset.UtcNow;
        foreach (var (text, age) in new[] { ("What's up?", 1), ("Which framework?", 40), ("Favourite season?", 400) })
        {
            var q = new Question { QuestionText = text, PubDate = now.AddDays(-age) };
            await db.SaveAsync(q);
            await db.SaveAsync(new Choice { ChoiceText = "Yes", QuestionId = q.Id });
        }

        await using var browser = await Chromium.LaunchAsync();
        var root = app.BaseAddress.ToString().TrimEnd('/');

        // the admin sends an anonymous visitor to its login page; the superuser logs in and comes back to the index
        await browser.NavigateAsync(root + "/admin/");
        Assert.Equal("/admin/login/", await browser.EvaluateAsync("location.pathname"));
        Assert.Equal("Log in | Reinhardt site admin", await browser.EvaluateAsync("document.title"));
        await FillAsync(browser, "username", "admin");
        await FillAsync(browser, "password", PasswordOf("admin"));
        await browser.NavigateByAsync("document.querySelector('#login-form input[type=submit]').click()");
        Assert.Equal("/admin/", await browser.EvaluateAsync("location.pathname"));
        Assert.Equal("Site administration | Reinhardt site admin", await browser.EvaluateAsync("document.title"));
        Assert.Equal("admin", await browser.EvaluateAsync("document.querySelector('#user-tools strong').textContent"));
        await browser.NavigateByAsync("document.querySelector('a.addlink[href=\"/admin/polls/question/add/\"]').click()");
        Assert.Equal("Add question", await browser.EvaluateAsync("document.querySelector('h1').textContent"));

        // the form with two inline choices
        await FillAsync(browser, "question_text", "Best colour?");
        await FillAsync(browser, "pub_date", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await FillAsync(browser, "choice_set-0-choice_text", "Red");
        await FillAsync(browser, "choice_set-1-choice_text", "Blue");
        await browser.NavigateByAsync("document.querySelector('input[name=_save]').click()");
        Assert.Equal("/admin/polls/question/", await browser.EvaluateAsync("location.pathname"));
        Assert.Contains("was added successfully", await browser.EvaluateAsync("document.querySelector('.messagelist').textContent"));
        var added = db.Questions.Filter(q => q.QuestionText == "Best colour?").First();
        Assert.Equal(["Red", "Blue"], db.Choices.Filter(c => c.QuestionId == added.Id).OrderBy(c => c.Id).ToList().Select(c => c.ChoiceText).ToList());

        // the list, as it looks
        await browser.ScreenshotAsync(Path.Combine(RepositoryPaths.Root, "docs", "images", "admin-changelist.png"));

        // search
        await FillAsync(browser, "q", "colour");
        await browser.NavigateByAsync("document.getElementById('changelist-search').submit()");
        Assert.Equal("[\"Best colour?\"]", await browser.EvaluateAsync("JSON.stringify([...document.querySelectorAll('#result_list tbody th a')].map(a => a.textContent))"));

        // filter: clear the search, then "Past 7 days" in the sidebar
        await browser.NavigateAsync(root + "/admin/polls/question/");
        await browser.NavigateByAsync("[...document.querySelectorAll('#changelist-filter a')].find(a => a.textContent === 'Past 7 days').click()");
        Assert.Equal("[\"Best colour?\",\"What's up?\"]", await browser.EvaluateAsync("JSON.stringify([...document.querySelectorAll('#result_list tbody th a')].map(a => a.textContent))"));

        // edit: open it from the list, change the text, save and continue
        await browser.NavigateByAsync("[...document.querySelectorAll('#result_list tbody th a')].find(a => a.textContent === 'Best colour?').click()");
        Assert.Equal("Change question", await browser.EvaluateAsync("document.querySelector('h1').textContent"));
        await FillAsync(browser, "question_text", "Best colour ever?");
        await browser.NavigateByAsync("document.querySelector('input[name=_continue]').click()");
        Assert.Contains("was changed successfully", await browser.EvaluateAsync("document.querySelector('.messagelist').textContent"));
        Assert.Equal("Best colour ever?", db.Questions.Filter(q => q.Id == added.Id).First().QuestionText);
        await browser.ScreenshotAsync(Path.Combine(RepositoryPaths.Root, "docs", "images", "admin-change.png"));

        // delete, with its confirmation page listing the choices
        await browser.NavigateByAsync("document.querySelector('a.deletelink').click()");
        Assert.Equal("Are you sure?", await browser.EvaluateAsync("document.querySelector('h1').textContent"));
        Assert.Equal("[\"Question: Best colour ever?\",\"Choice: Red\",\"Choice: Blue\"]", await browser.EvaluateAsync("JSON.stringify([...document.querySelectorAll('#deleted-objects li')].map(l => l.textContent))"));
        await browser.NavigateByAsync("document.querySelector('input[type=submit][value^=Yes]').click()");
        Assert.Equal("/admin/polls/question/", await browser.EvaluateAsync("location.pathname"));
        Assert.False(await db.Questions.Filter(q => q.Id == added.Id).ExistsAsync());
        Assert.False(await db.Choices.Filter(c => c.QuestionId == added.Id).ExistsAsync());

        // log out (a POST from the header's button)
        await browser.NavigateByAsync("document.querySelector('#logout-form button').click()");
        Assert.Equal("/admin/login/", await browser.EvaluateAsync("location.pathname"));
        await browser.NavigateAsync(root + "/admin/polls/question/");
        Assert.Equal("/admin/login/", await browser.EvaluateAsync("location.pathname"));
    }

    [ChromiumFact]
    public async Task Keyboard_users_reach_the_content_through_the_skip_link()
    {
        await using var app = await StartAsync();
        await using var browser = await Chromium.LaunchAsync();
        await browser.SetExtraHeadersAsync(new Dictionary<string, string> { [UserHeader] = "admin|sS" });
        await browser.NavigateAsync(app.BaseAddress + "admin/polls/question/add/");
        // the first Tab lands on the skip link, which becomes visible; following it focuses the main content
        await browser.SendAsync("Input.dispatchKeyEvent", new System.Text.Json.Nodes.JsonObject { ["type"] = "keyDown", ["key"] = "Tab", ["code"] = "Tab", ["windowsVirtualKeyCode"] = 9 });
        await browser.SendAsync("Input.dispatchKeyEvent", new System.Text.Json.Nodes.JsonObject { ["type"] = "keyUp", ["key"] = "Tab", ["code"] = "Tab", ["windowsVirtualKeyCode"] = 9 });
        Assert.Equal("skip-to-content-link", await browser.EvaluateAsync("document.activeElement.className"));
        Assert.Equal("true", await browser.EvaluateAsync("document.activeElement.getBoundingClientRect().top >= 0"));
        // every visible input of the form has a label
        Assert.Equal("[]", await browser.EvaluateAsync(
            "JSON.stringify([...document.querySelectorAll('#changeform input:not([type=hidden]):not([type=submit]), #changeform select, #changeform textarea')].filter(e => !(e.labels && e.labels.length)).map(e => e.name))"));
    }
}

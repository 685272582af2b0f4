using System.Net;
using Polls.Models;
using Reinhardt.Admin;
using Reinhardt.Auth;
using Reinhardt.Testing;
using Xunit;
using static Reinhardt.Integration.Tests.Admin.AdminTestApp;

namespace Reinhardt.Integration.Tests.Admin;

/// <summary>The admin over real HTTP against the Polls app and SQLite: every page, every write, every refusal.</summary>
public sealed class AdminTests
{
    private static async Task<Question> AddQuestionAsync(PollsDb db, string text, DateTimeOffset pubDate, params string[] choices)
    {
        var question = new Question { QuestionText = text, PubDate = pubDate };
        await db.SaveAsync(question);
        foreach (var choice in choices)
        {
            await db.SaveAsync(new Choice { ChoiceText = choice, QuestionId = question.Id });
        }

        return question;
    }

    private static List<string> Column(AngleSharp.Html.Dom.IHtmlDocument page, int index) =>
        [.. page.QuerySelectorAll("#result_list tbody tr").Select(r => r.QuerySelectorAll("th, td")[index].TextContent.Trim())];

    [Fact]
    public async Task Anonymous_and_non_staff_users_are_redirected_to_the_login_page_with_next()
    {
        await using var app = await StartAsync();
        using var anonymous = await app.Client.GetAsync("/admin/polls/question/?q=x");
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.Equal("/admin/login/?next=%2Fadmin%2Fpolls%2Fquestion%2F%3Fq%3Dx", anonymous.Headers.Location!.OriginalString);

        var (notStaff, _) = await GetAsync(app, "/admin/", "bob|");
        Assert.Equal(HttpStatusCode.Found, notStaff.StatusCode);
        var (inactive, _) = await GetAsync(app, "/admin/", "bob|si");
        Assert.Equal(HttpStatusCode.Found, inactive.StatusCode);

        var (login, page) = await GetAsync(app, "/admin/login/?next=/admin/polls/", "bob|");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("You are authenticated as bob, but are not authorized", page.QuerySelector(".errornote")!.TextContent);
        Assert.Equal("/admin/polls/", page.QuerySelector("input[name=next]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("label[for=id_username]"));
        Assert.NotNull(page.QuerySelector("label[for=id_password]"));
    }

    private static async Task<HttpResponseMessage> LoginAsync(LoopbackApp app, string username, string password, string next = "/admin/")
    {
        var (_, page) = await GetAsync(app, "/admin/login/?next=" + Uri.EscapeDataString(next), null);
        var token = page.QuerySelector("#login-form input[name=csrfmiddlewaretoken]")!.GetAttribute("value")!;
        return await app.Client.PostAsync("/admin/login/", new FormUrlEncodedContent([new("csrfmiddlewaretoken", token), new("username", username), new("password", password), new("next", next)]));
    }

    [Fact]
    public async Task A_staff_user_logs_in_with_the_auth_app_and_logs_out_by_post()
    {
        await using var app = await StartAsync();
        var sessionBefore = app.Cookies.GetCookies(app.BaseAddress)["sessionid"]?.Value;
        using var login = await LoginAsync(app, "admin", PasswordOf("admin"), "/admin/polls/");
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/admin/polls/", login.Headers.Location!.OriginalString);
        Assert.NotEqual(sessionBefore, app.Cookies.GetCookies(app.BaseAddress)["sessionid"]?.Value);

        // the session now carries the user: no header
        var (index, page) = await GetAsync(app, "/admin/", null);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("admin", page.QuerySelector("#user-tools strong")!.TextContent);
        var logoutForm = page.QuerySelector("#logout-form")!;
        Assert.Equal("/admin/logout/", logoutForm.GetAttribute("action"));

        // GET does not log out; POST does, and the admin is closed again
        var (get, _) = await GetAsync(app, "/admin/logout/", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        var token = logoutForm.QuerySelector("input[name=csrfmiddlewaretoken]")!.GetAttribute("value")!;
        using var logout = await app.Client.PostAsync("/admin/logout/", new FormUrlEncodedContent([new("csrfmiddlewaretoken", token)]));
        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        var (after, _) = await GetAsync(app, "/admin/", null);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
    }

    [Theory]
    [InlineData("admin", "wrong password")]
    [InlineData("bob", null)]          // right password, not staff: refused before login
    [InlineData("nobody-at-all", "x")]
    public async Task Bad_credentials_and_non_staff_accounts_cannot_log_in(string username, string? password)
    {
        await using var app = await StartAsync();
        using var response = await LoginAsync(app, username, password ?? PasswordOf(username), "https://evil.example/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.", page.QuerySelector(".errornote")!.TextContent);
        Assert.Equal(username, page.QuerySelector("#id_username")!.GetAttribute("value"));
        var (index, _) = await GetAsync(app, "/admin/", null);
        Assert.Equal(HttpStatusCode.Found, index.StatusCode);
    }

    [Fact]
    public async Task Login_follows_next_only_to_a_local_path()
    {
        await using var app = await StartAsync();
        using var response = await LoginAsync(app, "admin", PasswordOf("admin"), "https://evil.example/");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/admin/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Index_lists_the_apps_and_models_the_user_may_see()
    {
        await using var app = await StartAsync();
        var (response, page) = await GetAsync(app, "/admin/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Site administration | Reinhardt site admin", page.Title);
        var models = page.QuerySelectorAll(".app-polls th a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Choices", "Questions"], models);
        Assert.NotNull(page.QuerySelector("a.skip-to-content-link[href='#content-start']"));
        Assert.NotNull(page.QuerySelector("link[href='/admin/static/admin/css/dark_mode.css']"));

        // a view-only user sees the questions, with "View" and no "Add"; nothing of choices
        var (_, viewer) = await GetAsync(app, "/admin/", "viewer|s|polls.view_question");
        Assert.Equal(["Questions"], viewer.QuerySelectorAll(".app-polls th a").Select(a => a.TextContent).ToList());
        Assert.Null(viewer.QuerySelector("a.addlink"));
        Assert.NotNull(viewer.QuerySelector("a.viewlink"));

        // staff without any permission: nothing to see, and the app page is a 404
        var (_, nobody) = await GetAsync(app, "/admin/", "nobody|s");
        Assert.Contains("You don’t have permission to view or edit anything.", nobody.Body!.TextContent);
        var (appPage, _) = await GetAsync(app, "/admin/polls/", "nobody|s");
        Assert.Equal(HttpStatusCode.NotFound, appPage.StatusCode);
    }

    [Fact]
    public async Task Static_files_are_served_from_the_package()
    {
        await using var app = await StartAsync();
        using var css = await app.Client.GetAsync("/admin/static/admin/css/base.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("--body-bg", await css.Content.ReadAsStringAsync());
        using var dark = await app.Client.GetAsync("/admin/static/admin/css/dark_mode.css");
        Assert.Contains("prefers-color-scheme: dark", await dark.Content.ReadAsStringAsync());
        using var missing = await app.Client.GetAsync("/admin/static/admin/css/nope.css");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Change_list_searches_filters_sorts_and_paginates()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var now = DateTimeOffset.UtcNow;
        await AddQuestionAsync(db, "What's up?", now.AddHours(-1), "Not much", "The sky");
        await AddQuestionAsync(db, "Old news", now.AddYears(-2), "Yes", "No", "Maybe");
        await AddQuestionAsync(db, "What is new", now.AddDays(-3), "Nothing");

        var (response, page) = await GetAsync(app, "/admin/polls/question/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["What's up?", "What is new", "Old news"], Column(page, 1));  // ordering: -pub_date
        Assert.Equal("3 questions", page.QuerySelector(".paginator")!.TextContent.Trim());
        Assert.Equal(["Question text", "Pub date", "Was published recently"], page.QuerySelectorAll("#result_list thead th .text").Select(t => t.TextContent.Trim()).ToList());
        Assert.Equal(["yes", "no", "no"], page.QuerySelectorAll("#result_list tbody td img").Select(i => i.GetAttribute("alt") == "True" ? "yes" : "no").ToList());

        // search: icontains, every word must match
        (_, page) = await GetAsync(app, "/admin/polls/question/?q=WHAT");
        Assert.Equal(["What's up?", "What is new"], Column(page, 1));
        (_, page) = await GetAsync(app, "/admin/polls/question/?q=what+new");
        Assert.Equal(["What is new"], Column(page, 1));
        Assert.Contains("1 question", page.QuerySelector(".paginator")!.TextContent);
        Assert.Contains("3 total", page.QuerySelector(".paginator")!.TextContent);
        (_, page) = await GetAsync(app, "/admin/polls/question/?q=%25");
        Assert.Empty(Column(page, 1));

        // date filter choices, and their effect
        (_, page) = await GetAsync(app, "/admin/polls/question/");
        Assert.Equal(["All", "Today", "Past 7 days", "This month", "This year"], page.QuerySelectorAll("#changelist-filter li a").Select(a => a.TextContent).ToList());
        (_, page) = await GetAsync(app, "/admin/polls/question/?pub_date=past_7_days");
        Assert.Equal(["What's up?", "What is new"], Column(page, 1));
        Assert.Equal("Past 7 days", page.QuerySelector("#changelist-filter li.selected a")!.TextContent);
        (_, page) = await GetAsync(app, "/admin/polls/question/?pub_date=bogus");
        Assert.Equal(3, Column(page, 1).Count);

        // sortable columns: o=1 sorts by question text ascending, o=-1 descending
        (_, page) = await GetAsync(app, "/admin/polls/question/?o=1");
        Assert.Equal(["Old news", "What is new", "What's up?"], Column(page, 1));
        Assert.Equal("ascending", page.QuerySelector("#result_list thead th.sorted")!.GetAttribute("aria-sort"));
        (_, page) = await GetAsync(app, "/admin/polls/question/?o=-1");
        Assert.Equal(["What's up?", "What is new", "Old news"], Column(page, 1));
        (_, page) = await GetAsync(app, "/admin/polls/question/?o=3");  // a method column is not sortable: ignored
        Assert.Equal(["What's up?", "What is new", "Old news"], Column(page, 1));

        // date hierarchy: the years
        Assert.Equal(2, page.QuerySelectorAll(".toplinks a").Length);
        var thisYear = now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (_, page) = await GetAsync(app, "/admin/polls/question/?pub_date__year=" + thisYear);
        Assert.DoesNotContain("Old news", Column(page, 1));

        // pagination: the choice admin shows two per page, ordered by text
        (_, page) = await GetAsync(app, "/admin/polls/choice/");
        Assert.Equal(["Maybe", "No"], Column(page, 1));
        Assert.Equal("1", page.QuerySelector(".paginator .this-page")!.TextContent);
        Assert.Contains("6 choices", page.QuerySelector(".paginator")!.TextContent);
        (_, page) = await GetAsync(app, "/admin/polls/choice/?p=3");
        Assert.Equal(["The sky", "Yes"], Column(page, 1));
        var (tooFar, _) = await GetAsync(app, "/admin/polls/choice/?p=4");
        Assert.Equal(HttpStatusCode.NotFound, tooFar.StatusCode);
        var (notNumber, _) = await GetAsync(app, "/admin/polls/choice/?p=x");
        Assert.Equal(HttpStatusCode.NotFound, notNumber.StatusCode);

        // the foreign key filter lists the questions
        (_, page) = await GetAsync(app, "/admin/polls/choice/");
        Assert.Equal(["All", "What's up?", "Old news", "What is new"], page.QuerySelectorAll("#changelist-filter li a").Select(a => a.TextContent).ToList());
        var oldNews = db.Questions.Filter(q => q.QuestionText == "Old news").First();
        (_, page) = await GetAsync(app, $"/admin/polls/choice/?question__id__exact={oldNews.Id}");
        Assert.Equal(["Maybe", "No"], Column(page, 1));
        Assert.Contains("3 choices", page.QuerySelector(".paginator")!.TextContent);
        Assert.Equal(["Old news", "Old news"], Column(page, 3));  // the foreign key column shows the question
    }

    [Fact]
    public async Task Add_with_inline_choices_saves_everything_and_logs_it()
    {
        await using var app = await StartAsync();
        var (form, page) = await GetAsync(app, "/admin/polls/question/add/");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(["Date information"], page.QuerySelectorAll("fieldset h2.fieldset-heading").Select(h => h.TextContent).ToList());
        Assert.Equal(3, page.QuerySelectorAll("#choice_set-group tbody tr.form-row").Length);
        Assert.NotNull(page.QuerySelector("label[for=id_question_text]"));
        Assert.Equal("3", page.QuerySelector("input[name=choice_set-TOTAL_FORMS]")!.GetAttribute("value"));

        using var saved = await PostAsync(app, "/admin/polls/question/add/",
        [
            new("question_text", "Best colour?"), new("pub_date", "2024-05-17T09:30"),
            new("choice_set-TOTAL_FORMS", "3"), new("choice_set-INITIAL_FORMS", "0"), new("choice_set-MIN_NUM_FORMS", "0"), new("choice_set-MAX_NUM_FORMS", "1000"),
            new("choice_set-0-choice_text", "Red"), new("choice_set-0-votes", "0"),
            new("choice_set-1-choice_text", "Blue"), new("choice_set-1-votes", "2"),
            new("choice_set-2-choice_text", ""), new("choice_set-2-votes", "0"),
            new("_continue", "Save and continue editing"),
        ]);
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        var db = Database(app);
        var question = db.Questions.First();
        Assert.Equal("Best colour?", question.QuestionText);
        Assert.Equal(new DateTimeOffset(2024, 5, 17, 9, 30, 0, TimeSpan.Zero), question.PubDate);
        Assert.Equal($"/admin/polls/question/{question.Id}/change/", saved.Headers.Location!.OriginalString);
        Assert.Equal(["Red", "Blue"], db.Choices.OrderBy(c => c.Id).ToList().Select(c => c.ChoiceText).ToList());
        Assert.Equal(2, db.Choices.Filter(c => c.QuestionId == question.Id).ToList().Single(c => c.ChoiceText == "Blue").Votes);

        // the change page shows the message and the saved choices
        (_, page) = await GetAsync(app, saved.Headers.Location.OriginalString);
        Assert.Contains("The question “Best colour?” was added successfully. You may edit it again below.", page.QuerySelector(".messagelist")!.TextContent);
        Assert.Equal(["Red", "Blue"], page.QuerySelectorAll("#choice_set-group td.original p").Select(p => p.TextContent).ToList());

        var entry = new QuerySet<LogEntry, LogEntry.Columns>(db).First();
        Assert.Equal(LogEntry.Addition, entry.ActionFlag);
        var contentType = db.ContentTypes().Filter(c => c.Id == entry.ContentTypeId!.Value).First();
        Assert.Equal(("polls", "question"), (contentType.AppLabel, contentType.Model));
        Assert.Equal(question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.ObjectId);
        Assert.Equal("Best colour?", entry.ObjectRepr);
        Assert.Equal(db.Users().Filter(u => u.Username == "admin").First().Id, entry.UserId);
        Assert.Equal("""[{"added":{}},{"added":{"name":"choice","object":"Red"}},{"added":{"name":"choice","object":"Blue"}}]""", entry.ChangeMessage);
        Assert.Equal("Added. Added choice “Red”. Added choice “Blue”.", entry.ChangeMessageText());
    }

    [Fact]
    public async Task Change_updates_the_object_and_its_inlines_and_the_history_shows_it()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var question = await AddQuestionAsync(db, "Old text", DateTimeOffset.UtcNow, "One", "Two");
        var choices = db.Choices.OrderBy(c => c.Id).ToList();
        var url = $"/admin/polls/question/{question.Id}/change/";
        var (_, page) = await GetAsync(app, url);
        Assert.Equal("Old text", page.QuerySelector("input[name=question_text]")!.GetAttribute("value"));
        Assert.Equal("Change question", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(5, page.QuerySelectorAll("#choice_set-group tbody tr.form-row").Length);

        using var saved = await PostAsync(app, url,
        [
            new("question_text", "New text"), new("pub_date", page.QuerySelector("input[name=pub_date]")!.GetAttribute("value")!),
            new("choice_set-TOTAL_FORMS", "3"), new("choice_set-INITIAL_FORMS", "2"), new("choice_set-MIN_NUM_FORMS", "0"), new("choice_set-MAX_NUM_FORMS", "1000"),
            new("choice_set-0-id", choices[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("choice_set-0-question", question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("choice_set-0-choice_text", "One!"), new("choice_set-0-votes", "0"),
            new("choice_set-1-id", choices[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("choice_set-1-question", question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("choice_set-1-choice_text", "Two"), new("choice_set-1-votes", "0"), new("choice_set-1-DELETE", "on"),
            new("choice_set-2-choice_text", "Three"), new("choice_set-2-votes", "0"),
            new("_save", "Save"),
        ]);
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        Assert.Equal("/admin/polls/question/", saved.Headers.Location!.OriginalString);
        Assert.Equal("New text", db.Questions.First().QuestionText);
        Assert.Equal(["One!", "Three"], db.Choices.OrderBy(c => c.Id).ToList().Select(c => c.ChoiceText).ToList());

        var entry = new QuerySet<LogEntry, LogEntry.Columns>(db).First();
        Assert.Equal(LogEntry.Change, entry.ActionFlag);
        Assert.Equal("Changed Question text. Added choice “Three”. Changed Choice text for choice “One!”. Deleted choice “Two”.", entry.ChangeMessageText());

        (_, page) = await GetAsync(app, $"/admin/polls/question/{question.Id}/history/");
        var row = page.QuerySelector("#change-history tbody tr")!;
        Assert.Equal("admin", row.QuerySelectorAll("td")[0].TextContent);
        Assert.Equal(entry.ChangeMessageText(), row.QuerySelectorAll("td")[1].TextContent);
    }

    [Fact]
    public async Task Invalid_input_re_renders_the_form_with_errors_and_saves_nothing()
    {
        await using var app = await StartAsync();
        using var response = await PostAsync(app, "/admin/polls/question/add/",
        [
            new("question_text", new string('x', 201)), new("pub_date", "not a date"),
            new("choice_set-TOTAL_FORMS", "1"), new("choice_set-INITIAL_FORMS", "0"),
            new("choice_set-0-choice_text", "Red"), new("choice_set-0-votes", "many"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Please correct the errors below.", page.QuerySelector(".errornote")!.TextContent);
        Assert.Contains("Ensure this value has at most 200 characters (it has 201).", page.QuerySelector(".field-question_text .errorlist")!.TextContent);
        Assert.Contains("Enter a valid date/time.", page.QuerySelector(".field-pub_date .errorlist")!.TextContent);
        Assert.Contains("Enter a whole number.", page.QuerySelector("#choice_set-group .errorlist")!.TextContent);
        var db = Database(app);
        Assert.False(await db.Questions.ExistsAsync());
        Assert.False(await db.Choices.ExistsAsync());
        Assert.False(await new QuerySet<LogEntry, LogEntry.Columns>(db).ExistsAsync());

        // a missing management form is an error on the page, not a 500
        using var tampered = await PostAsync(app, "/admin/polls/question/add/", [new("question_text", "Fine"), new("pub_date", "2024-01-01T00:00")]);
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("ManagementForm data is missing or has been tampered with", await tampered.Content.ReadAsStringAsync());
        Assert.False(await db.Questions.ExistsAsync());
    }

    [Fact]
    public async Task A_foreign_key_is_edited_as_its_key_and_a_missing_row_is_a_form_error()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var question = await AddQuestionAsync(db, "Q", DateTimeOffset.UtcNow);
        var (_, page) = await GetAsync(app, "/admin/polls/choice/add/");
        Assert.NotNull(page.QuerySelector("input[name=question][type=number]"));
        Assert.NotNull(page.QuerySelector("label[for=id_question]"));
        Assert.Null(page.QuerySelector("input[name=votes]"));  // read-only

        using var missing = await PostAsync(app, "/admin/polls/choice/add/", [new("choice_text", "Orphan"), new("question", "424242")]);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Select a valid choice. That choice is not one of the available choices.", await missing.Content.ReadAsStringAsync());
        Assert.False(await db.Choices.ExistsAsync());

        using var saved = await PostAsync(app, "/admin/polls/choice/add/", [new("choice_text", "Kept"), new("question", question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        Assert.Equal(question.Id, db.Choices.First().QuestionId);
    }

    [Theory]
    [InlineData("/admin/polls/question/abc/change/")]
    [InlineData("/admin/polls/question/999/change/")]
    [InlineData("/admin/polls/question/-1/delete/")]
    [InlineData("/admin/polls/question/1/history/")]
    [InlineData("/admin/polls/nothing/")]
    [InlineData("/admin/polls/question/1/frobnicate/")]
    [InlineData("/admin/polls/question/add/extra/")]
    public async Task Bad_urls_and_missing_objects_are_404(string url)
    {
        await using var app = await StartAsync();
        var (response, _) = await GetAsync(app, url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_asks_for_confirmation_listing_cascaded_objects_then_deletes_and_logs()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var question = await AddQuestionAsync(db, "Doomed", DateTimeOffset.UtcNow, "A", "B");
        var url = $"/admin/polls/question/{question.Id}/delete/";
        var (response, page) = await GetAsync(app, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Are you sure?", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Question: Doomed", "Choice: A", "Choice: B"], page.QuerySelectorAll("#deleted-objects li").Select(l => l.TextContent).ToList());
        Assert.Contains("Choices: 2", page.Body!.TextContent);
        Assert.True(await db.Questions.ExistsAsync());

        using var deleted = await PostAsync(app, url, [new("post", "yes")]);
        Assert.Equal(HttpStatusCode.Found, deleted.StatusCode);
        Assert.False(await db.Questions.ExistsAsync());
        Assert.False(await db.Choices.ExistsAsync());
        var entry = new QuerySet<LogEntry, LogEntry.Columns>(db).First();
        Assert.Equal(LogEntry.Deletion, entry.ActionFlag);
        Assert.Equal("Doomed", entry.ObjectRepr);
    }

    [Fact]
    public async Task Bulk_delete_confirms_then_deletes_the_selected_rows()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var a = await AddQuestionAsync(db, "A", DateTimeOffset.UtcNow, "a1");
        var b = await AddQuestionAsync(db, "B", DateTimeOffset.UtcNow);
        var c = await AddQuestionAsync(db, "C", DateTimeOffset.UtcNow);
        string Key(Question q) => q.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var confirm = await PostAsync(app, "/admin/polls/question/", [new("action", "delete_selected"), new("_selected_action", Key(a)), new("_selected_action", Key(b))]);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await confirm.Content.ReadAsStringAsync());
        Assert.Equal(["Question: A", "Question: B", "Choice: a1"], page.QuerySelectorAll("#deleted-objects li").Select(l => l.TextContent).ToList());
        Assert.Equal([Key(a), Key(b)], page.QuerySelectorAll("input[name=_selected_action]").Select(i => i.GetAttribute("value")!).ToList());
        Assert.Equal(3L, await db.Questions.CountAsync());

        using var done = await PostAsync(app, "/admin/polls/question/", [new("action", "delete_selected"), new("_selected_action", Key(a)), new("_selected_action", Key(b)), new("post", "yes")]);
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal(["C"], db.Questions.ToList().Select(q => q.QuestionText).ToList());
        Assert.Equal(2L, await new QuerySet<LogEntry, LogEntry.Columns>(db).Filter(e => e.ActionFlag == LogEntry.Deletion).CountAsync());
        var (_, list) = await GetAsync(app, "/admin/polls/question/");
        Assert.Contains("Successfully deleted 2 questions.", list.QuerySelector(".messagelist")!.TextContent);

        // nothing selected: a warning, nothing deleted
        using var none = await PostAsync(app, "/admin/polls/question/", [new("action", "delete_selected")]);
        Assert.Equal(HttpStatusCode.Found, none.StatusCode);
        Assert.Equal(1L, await db.Questions.CountAsync());
        _ = c;
    }

    [Fact]
    public async Task Custom_action_runs_on_the_selected_rows()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var question = await AddQuestionAsync(db, "Q", DateTimeOffset.UtcNow);
        var one = new Choice { ChoiceText = "one", Votes = 5, QuestionId = question.Id };
        var two = new Choice { ChoiceText = "two", Votes = 6, QuestionId = question.Id };
        await db.SaveAsync(one);
        await db.SaveAsync(two);

        var (_, page) = await GetAsync(app, "/admin/polls/choice/");
        Assert.Equal(["", "delete_selected", "reset_votes"], page.QuerySelectorAll("#action-select option").Select(o => o.GetAttribute("value")!).ToList());
        using var response = await PostAsync(app, "/admin/polls/choice/", [new("action", "reset_votes"), new("_selected_action", one.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal([0, 6], db.Choices.OrderBy(c => c.Id).ToList().Select(c => c.Votes).ToList());
    }

    [Fact]
    public async Task Permissions_hide_links_and_refuse_with_403()
    {
        await using var app = await StartAsync();
        var db = Database(app);
        var question = await AddQuestionAsync(db, "Q", DateTimeOffset.UtcNow, "c");
        var change = $"/admin/polls/question/{question.Id}/change/";
        const string viewer = "viewer|s|polls.view_question";
        const string editor = "editor|s|polls.change_question";

        // view only: the list and the change page read-only, no add, no delete, no actions; every write is a 403
        var (list, page) = await GetAsync(app, "/admin/polls/question/", viewer);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Null(page.QuerySelector(".object-tools a.addlink"));
        Assert.Null(page.QuerySelector("#action-select"));
        Assert.Equal("Select question to view", page.QuerySelector("h1")!.TextContent);
        (_, page) = await GetAsync(app, change, viewer);
        Assert.Equal("View question", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("input[name=question_text]"));
        Assert.Null(page.QuerySelector("input[name=_save]"));
        Assert.Null(page.QuerySelector("a.deletelink"));
        using (var post = await PostAsync(app, change, [new("question_text", "hacked"), new("pub_date", "2024-01-01T00:00")], viewer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal("Q", db.Questions.First().QuestionText);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, "/admin/polls/question/add/", viewer)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, $"/admin/polls/question/{question.Id}/delete/", viewer)).Response.StatusCode);
        using (var bulk = await PostAsync(app, "/admin/polls/question/", [new("action", "delete_selected"), new("_selected_action", question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("post", "yes")], viewer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        }

        Assert.True(await db.Questions.ExistsAsync());

        // change without delete: can edit, cannot delete
        (_, page) = await GetAsync(app, change, editor);
        Assert.NotNull(page.QuerySelector("input[name=question_text]"));
        Assert.Null(page.QuerySelector("a.deletelink"));
        using (var delete = await PostAsync(app, $"/admin/polls/question/{question.Id}/delete/", [new("post", "yes")], editor))
        {
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }

        Assert.True(await db.Questions.ExistsAsync());

        // no permission on the model at all
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, "/admin/polls/choice/", viewer)).Response.StatusCode);
    }

    [Fact]
    public async Task Writes_without_the_csrf_token_are_rejected()
    {
        await using var app = await StartAsync();
        using var response = await app.Client.SendAsync(Request(HttpMethod.Post, "/admin/polls/question/add/", Superuser, [new("question_text", "x"), new("pub_date", "2024-01-01T00:00")]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("CSRF", await response.Content.ReadAsStringAsync());
        Assert.False(await Database(app).Questions.ExistsAsync());

        // every form of the admin carries the token
        var (_, page) = await GetAsync(app, "/admin/polls/question/add/");
        Assert.All(page.QuerySelectorAll("form[method=post]"), f => Assert.NotNull(f.QuerySelector("input[name=csrfmiddlewaretoken]")));
    }

    [AotBinaryFact]
    public async Task The_admin_is_served_by_the_native_aot_binary()
    {
        await using var app = await LoopbackApp.StartProcessAsync(AotBinaryFactAttribute.PollsBinary!, "/polls/", extraArgs: ["--" + global::Polls.PollsApp.LoadDemoDataKey + "=false"]);
        using var index = await app.Client.GetAsync("/admin/");
        Assert.Equal(HttpStatusCode.Found, index.StatusCode);
        Assert.Equal("/admin/login/?next=%2Fadmin%2F", index.Headers.Location!.OriginalString);
        using var login = await app.Client.GetAsync("/admin/login/?next=/admin/");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync());
        Assert.Equal("Log in | Reinhardt site admin", page.Title);
        Assert.NotNull(page.QuerySelector("#login-form input[name=csrfmiddlewaretoken]"));
        using var css = await app.Client.GetAsync("/admin/static/admin/css/base.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("--body-bg", await css.Content.ReadAsStringAsync());

        // a superuser made by the binary's own createsuperuser logs in and adds a question with two choices
        var create = new System.Diagnostics.ProcessStartInfo(AotBinaryFactAttribute.PollsBinary!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "createsuperuser", "--noinput", "--username", "root", "--email", "root@example.com", "--ConnectionStrings:Default=" + app.ConnectionString, "--SecretKey=" + new string('s', 50) })
        {
            create.ArgumentList.Add(arg);
        }

        create.Environment["DJANGO_SUPERUSER_PASSWORD"] = "Aot-admin-pass-1";
        using (var process = System.Diagnostics.Process.Start(create)!)
        {
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, output);
        }

        using var loggedIn = await LoginAsync(app, "root", "Aot-admin-pass-1");
        Assert.Equal(HttpStatusCode.Found, loggedIn.StatusCode);
        var (add, form) = await GetAsync(app, "/admin/polls/question/add/", null);
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var token = form.QuerySelector("#changeform input[name=csrfmiddlewaretoken]")!.GetAttribute("value")!;
        using var saved = await app.Client.PostAsync("/admin/polls/question/add/", new FormUrlEncodedContent(
        [
            new("csrfmiddlewaretoken", token), new("question_text", "Native?"), new("pub_date", "2024-05-17T09:30"),
            new("choice_set-TOTAL_FORMS", "2"), new("choice_set-INITIAL_FORMS", "0"),
            new("choice_set-0-choice_text", "Yes"), new("choice_set-0-votes", "0"), new("choice_set-1-choice_text", "Very"), new("choice_set-1-votes", "0"),
        ]));
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        var (list, listPage) = await GetAsync(app, "/admin/polls/question/?q=native", null);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(["Native?"], Column(listPage, 1));
        var id = listPage.QuerySelector("input[name=_selected_action]")!.GetAttribute("value");
        var (delete, deletePage) = await GetAsync(app, $"/admin/polls/question/{id}/delete/", null);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(["Question: Native?", "Choice: Yes", "Choice: Very"], deletePage.QuerySelectorAll("#deleted-objects li").Select(l => l.TextContent).ToList());
        var (history, historyPage) = await GetAsync(app, $"/admin/polls/question/{id}/history/", null);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("root", historyPage.QuerySelector("#change-history tbody td")!.TextContent);
    }
}

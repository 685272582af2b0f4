using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Reinhardt.Forms;
using Xunit;

namespace Reinhardt.Runtime.Tests.Forms;

public class FormRenderingTests
{
    private static IDocument Parse(string html) => new HtmlParser().ParseDocument("<!doctype html><form>" + html + "</form>");

    internal static IFormCollection FormData(params (string Key, string Value)[] pairs) =>
        new FormCollection(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray())));

    [Fact]
    public void Unbound_form_labels_every_input_and_marks_required_fields()
    {
        var doc = Parse(new ContactForm().Render());
        var subject = doc.QuerySelector("input[name=subject]")!;
        Assert.Equal("text", subject.GetAttribute("type"));
        Assert.Equal("100", subject.GetAttribute("maxlength"));
        Assert.True(subject.HasAttribute("required"));
        Assert.Equal("id_subject", subject.Id);
        Assert.Equal("Subject:", doc.QuerySelector("label[for=id_subject]")!.TextContent);
        foreach (var control in doc.QuerySelectorAll("input, textarea, select"))
        {
            Assert.NotNull(doc.QuerySelector($"label[for={control.Id}]"));
        }

        var sender = doc.QuerySelector("input[name=sender]")!;
        Assert.Equal("email", sender.GetAttribute("type"));
        Assert.Equal("id_sender_helptext", sender.GetAttribute("aria-describedby"));
        Assert.Equal("We never share it.", doc.GetElementById("id_sender_helptext")!.TextContent);
        Assert.False(doc.QuerySelector("input[name=cc_myself]")!.HasAttribute("required"));
        Assert.Equal("Cc myself:", doc.QuerySelector("label[for=id_cc_myself]")!.TextContent);
        Assert.Equal("10", doc.QuerySelector("textarea")!.GetAttribute("rows"));
    }

    [Fact]
    public void Radio_and_checkbox_groups_are_fieldsets_with_legends()
    {
        var doc = Parse(new VoteForm().Render());
        var fieldsets = doc.QuerySelectorAll("fieldset");
        Assert.Equal(2, fieldsets.Length);
        Assert.Equal("Choice:", fieldsets[0].QuerySelector("legend")!.TextContent);
        Assert.False(fieldsets[0].QuerySelector("legend")!.HasAttribute("for"));
        var radios = fieldsets[0].QuerySelectorAll("input[type=radio]");
        Assert.Equal(["1", "2"], radios.Select(r => r.GetAttribute("value")));
        Assert.All(radios, r => Assert.True(r.HasAttribute("required")));
        Assert.Equal("id_choice_1", radios[1].Id);
        Assert.Equal("No <b>way</b>", doc.QuerySelector("label[for=id_choice_1]")!.TextContent.Trim());
        Assert.Empty(doc.QuerySelectorAll("b"));
        Assert.Equal("Tags!", fieldsets[1].QuerySelector("legend")!.TextContent);
        Assert.All(fieldsets[1].QuerySelectorAll("input[type=checkbox]"), c => Assert.False(c.HasAttribute("required")));
    }

    [Fact]
    public void Number_inputs_carry_min_max_and_step_from_validators()
    {
        var doc = Parse(new VoteForm().Render());
        var weight = doc.QuerySelector("input[name=weight]")!;
        Assert.Equal("number", weight.GetAttribute("type"));
        Assert.Equal(("1", "10", "0.5", "1"), (weight.GetAttribute("min"), weight.GetAttribute("max"), weight.GetAttribute("step"), weight.GetAttribute("value")));
        var count = doc.QuerySelector("input[name=count]")!;
        Assert.Equal(("0", "100", null), (count.GetAttribute("min"), count.GetAttribute("max"), count.GetAttribute("step")));
        Assert.False(count.HasAttribute("required"));
        Assert.Equal("date", doc.QuerySelector("input[name=when]")!.GetAttribute("type"));
        var colour = doc.QuerySelector("select[name=colour]")!;
        Assert.Equal(["Red", "Green"], colour.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.True(colour.QuerySelector("option[value=Red]")!.HasAttribute("selected"));
    }

    [Fact]
    public void Errors_are_linked_with_aria_describedby_and_aria_invalid()
    {
        var form = ContactForm.Bind(FormData(("subject", ""), ("sender", "not-an-email")));
        Assert.False(form.IsValid);
        var doc = Parse(form.Render());
        var subject = doc.QuerySelector("input[name=subject]")!;
        Assert.Equal("true", subject.GetAttribute("aria-invalid"));
        Assert.Equal("id_subject_error", subject.GetAttribute("aria-describedby"));
        Assert.Equal("This field is required.", doc.GetElementById("id_subject_error")!.TextContent);
        Assert.Equal("errorlist", doc.GetElementById("id_subject_error")!.ClassName);
        var sender = doc.QuerySelector("input[name=sender]")!;
        Assert.Equal("id_sender_helptext id_sender_error", sender.GetAttribute("aria-describedby"));
        Assert.Equal("not-an-email", sender.GetAttribute("value"));
        Assert.Equal("Enter a valid email address.", doc.GetElementById("id_sender_error")!.TextContent);
        Assert.Null(doc.QuerySelector("input[name=cc_myself]")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Fieldset_groups_take_the_describedby_and_their_inputs_aria_invalid()
    {
        var form = VoteForm.Bind(FormData(("choice", "9")));
        Assert.False(form.IsValid);
        var doc = Parse(form.Render());
        var fieldset = doc.QuerySelectorAll("fieldset")[0];
        Assert.Equal("id_choice_error", fieldset.GetAttribute("aria-describedby"));
        Assert.All(fieldset.QuerySelectorAll("input"), i => Assert.Equal("true", i.GetAttribute("aria-invalid")));
        Assert.Equal("Select a valid choice. 9 is not one of the available choices.", doc.GetElementById("id_choice_error")!.TextContent);
    }

    [Fact]
    public void Hostile_values_are_escaped_in_values_labels_and_errors()
    {
        const string hostile = "\"><script>alert(1)</script>'";
        var form = ContactForm.Bind(FormData(("subject", hostile), ("message", "</textarea><script>x</script>"), ("sender", hostile)));
        var html = form.Render();
        var doc = Parse(html);
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Equal(hostile, doc.QuerySelector("input[name=subject]")!.GetAttribute("value"));
        Assert.Equal("</textarea><script>x</script>", doc.QuerySelector("textarea")!.TextContent);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Passwords_and_files_never_render_their_value_and_disabled_fields_keep_their_initial()
    {
        var vote = VoteForm.Bind(FormData(("secret", "hunter2"), ("token", "t<1>")));
        var doc = Parse(vote.Render());
        Assert.Null(doc.QuerySelector("input[name=secret]")!.GetAttribute("value"));
        Assert.Equal("password", doc.QuerySelector("input[name=secret]")!.GetAttribute("type"));
        var token = doc.QuerySelector("input[type=hidden][name=token]")!;
        Assert.Equal("t<1>", token.GetAttribute("value"));
        Assert.Null(token.GetAttribute("required"));

        var upload = UploadForm.Bind(FormData(("fixed", "changed")));
        Assert.True(upload.IsMultipart);
        Assert.False(upload.IsValid);
        Assert.Equal("kept", upload.Fixed);
        var updoc = Parse(upload.Render());
        Assert.Equal("kept", updoc.QuerySelector("input[name=fixed]")!.GetAttribute("value"));
        Assert.True(updoc.QuerySelector("input[name=fixed]")!.HasAttribute("disabled"));
        Assert.NotNull(updoc.QuerySelector("p > input[type=file][name=document]"));
    }

    [Fact]
    public void Renderer_can_be_chosen_per_call_per_instance_and_per_form()
    {
        var form = new ContactForm();
        Assert.Equal(4, Parse(form.Render()).QuerySelectorAll("form > div").Length);
        Assert.Equal(4, Parse(HtmlOf(form.AsP())).QuerySelectorAll("p").Length);
        Assert.Equal(4, new HtmlParser().ParseDocument("<table>" + HtmlOf(form.AsTable()) + "</table>").QuerySelectorAll("tr th label").Length);
        Assert.Equal(4, new HtmlParser().ParseDocument("<ul>" + HtmlOf(form.AsUl()) + "</ul>").QuerySelectorAll("ul > li").Length);
        form.Renderer = FormRenderer.Ul;
        Assert.Contains("<li>", form.Render(), StringComparison.Ordinal);
        Assert.StartsWith("<p>", new UploadForm().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_fields_expose_django_names()
    {
        var form = new ContactForm { Prefix = "c" };
        var field = form.SenderField;
        Assert.Equal(("sender", "c-sender", "Sender", "id_c-sender", "id_c-sender"), (field.Name, field.HtmlName, field.Label, field.AutoId, field.IdForLabel));
        Assert.Equal("We never share it.", field.HelpText);
        // the string indexer itself is under test here; apps get RH1005 and use SenderField
#pragma warning disable RH1005
        Assert.Same(field, form["sender"]);
#pragma warning restore RH1005
        Assert.Same(field, form[nameof(ContactForm.Sender)]);
        Assert.Equal("<label for=\"id_c-sender\">Sender:</label>", HtmlOf(field.LabelTag()));
        Assert.Equal(4, form.VisibleFields().Count);
        Assert.Empty(form.HiddenFields());
        Assert.Equal("", new VoteForm().ChoiceField.IdForLabel);
        Assert.Equal("<legend>Choice:</legend>", HtmlOf(new VoteForm().ChoiceField.LegendTag()));
    }

    internal static string HtmlOf(Reinhardt.Templates.IHtmlWritable value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new Reinhardt.Templates.TemplateWriter(buffer);
        value.WriteHtml(ref writer);
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

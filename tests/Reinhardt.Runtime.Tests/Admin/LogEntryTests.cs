using Reinhardt.Admin;
using Xunit;

namespace Reinhardt.Runtime.Tests.Admin;

/// <summary>Django's change messages (django/contrib/admin/models.py, tests/admin_utils/test_logentry.py).</summary>
public sealed class LogEntryTests
{
    [Theory]
    [InlineData("""[{"added": {}}]""", 1, "Added.")]
    [InlineData("""[{"changed": {"fields": ["Name", "Birthdate"]}}]""", 2, "Changed Name and Birthdate.")]
    [InlineData("""[{"changed": {"fields": ["Title", "Site", "Date"]}}]""", 2, "Changed Title, Site and Date.")]
    [InlineData("""[{"changed": {"fields": ["Domain"]}}, {"added": {"name": "article", "object": "Added article"}}, {"changed": {"name": "article", "object": "Changed Title", "fields": ["Title", "not_a_form_field"]}}, {"deleted": {"name": "article", "object": "Title second article"}}]""", 2,
        "Changed Domain. Added article “Added article”. Changed Title and not_a_form_field for article “Changed Title”. Deleted article “Title second article”.")]
    [InlineData("[]", 2, "No fields changed.")]
    [InlineData("", 3, "Deleted.")]
    [InlineData("Changed something", 2, "Changed something")]
    [InlineData("[not json", 2, "[not json")]
    public void Change_messages_read_as_django_writes_them(string message, int flag, string expected)
    {
        var entry = new LogEntry { ChangeMessage = message, ActionFlag = flag };
        Assert.Equal(expected, entry.ChangeMessageText());
    }

    [Fact]
    public void Change_messages_are_written_in_djangos_json_shape()
    {
        var message = new ChangeMessageBuilder()
            .Changed(["Question text"])
            .AddedRelated("choice", "Red")
            .ChangedRelated("choice", "Blue", ["Votes"])
            .DeletedRelated("choice", "Green")
            .ToString();
        Assert.Equal("""[{"changed":{"fields":["Question text"]}},{"added":{"name":"choice","object":"Red"}},{"changed":{"name":"choice","object":"Blue","fields":["Votes"]}},{"deleted":{"name":"choice","object":"Green"}}]""", message);
        Assert.Equal("[]", new ChangeMessageBuilder().Changed([]).ToString());
        Assert.Equal("""[{"added":{}}]""", new ChangeMessageBuilder().Added().ToString());
    }
}

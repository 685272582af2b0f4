using Reinhardt.Generators.Common;
using Xunit;

namespace Reinhardt.Generators.Tests.Common;

public class IdentifierCaseTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("QuestionText", "question_text")]
    [InlineData("PubDate", "pub_date")]
    [InlineData("HTMLContent", "html_content")]
    [InlineData("UserID", "user_id")]
    [InlineData("Line2Text", "line2_text")]
    [InlineData("votes", "votes")]
    public void Pascal_case_becomes_Django_snake_case(string name, string expected) =>
        Assert.Equal(expected, IdentifierCase.ToSnakeCase(name));
}

using Reinhardt.Analyzers.CodeFixes.Models;
using Reinhardt.Analyzers.Models;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Analyzers.Tests.Models;

public class QuotedSqlPlaceholderTests
{
    private const string Id = "RH2003";

    // the raw SQL APIs are reached through generated code ([Database], query sets)
    private static Microsoft.CodeAnalysis.IIncrementalGenerator[] Generators => [new Reinhardt.Generators.Models.ModelGenerator()];

    [Theory]
    [InlineData("await db.ExecuteAsync($\"UPDATE polls_question SET question_text = '[|{text}|]' WHERE id = {id}\");")]
    [InlineData("await db.QueryAsync<long>($\"SELECT id FROM polls_question WHERE question_text = '[|{text}|]'\");")]
    [InlineData("await db.Questions.RawAsync($\"SELECT * FROM polls_question WHERE question_text LIKE '[|{text}|]'\");")]
    public async Task Fires_on_a_quoted_hole_in_raw_SQL(string statement) =>
        await AnalyzerHarness.VerifyAsync(new QuotedSqlPlaceholderAnalyzer(), Id, Source(statement), Generators);

    [Theory]
    [InlineData("await db.ExecuteAsync($\"UPDATE polls_question SET question_text = {text} WHERE id = {id}\");")]
    [InlineData("await db.QueryAsync<string>($\"SELECT 'constant' FROM polls_question WHERE id = {id}\");")]
    [InlineData("_ = string.Format(\"'{0}'\", text); _ = $\"'{text}'\";")]
    public async Task Is_silent_on_parameters_and_other_strings(string statement) =>
        await AnalyzerHarness.VerifyAsync(new QuotedSqlPlaceholderAnalyzer(), Id, Source(statement), Generators);

    [Fact]
    public async Task Fix_removes_the_quotes()
    {
        var fixedSource = await AnalyzerHarness.ApplyFixAsync(
            new QuotedSqlPlaceholderAnalyzer(),
            new RemoveSqlPlaceholderQuotesCodeFix(),
            Source("await db.ExecuteAsync($\"UPDATE polls_question SET question_text = '[|{text}|]' WHERE id = {id}\");"),
            Generators);
        Assert.Contains("$\"UPDATE polls_question SET question_text = {text} WHERE id = {id}\"", fixedSource, StringComparison.Ordinal);
    }

    private static string Source(string statement) => $$"""
        using System.Threading.Tasks;
        using Reinhardt;
        using Reinhardt.Data;

        namespace App;

        [Model(App = "polls")]
        public partial class Question
        {
            public long Id { get; set; }
            [MaxLength(200)] public string QuestionText { get; set; } = "";
        }

        [Database] public partial class PollsDb;

        public static class Queries
        {
            public static async Task Run(PollsDb db, string text, long id)
            {
                {{statement}}
            }
        }
        """;
}

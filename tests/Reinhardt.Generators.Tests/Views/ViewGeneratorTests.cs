using Microsoft.CodeAnalysis;
using Reinhardt.Generators.Common;
using Reinhardt.Generators.Views;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Generators.Tests.Views;

public class ViewGeneratorTests
{
    private static readonly IIncrementalGenerator[] Generators = [new ViewGenerator()];

    private static readonly Dictionary<string, string> Properties = new() { ["RootNamespace"] = "Polls" };

    private const string PollsViews = """
        using System;
        using System.Net.WebSockets;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using Reinhardt.Views;

        namespace Polls.Views;

        public sealed class PollsDb { }

        public sealed record VoteInput(long Choice);

        [View(Prefix = "/polls", Namespace = "polls")]
        public partial class PollViews(PollsDb db)
        {
            [Get("/", Name = "index")]
            public Task<IResult> Index(CancellationToken cancellationToken, int page = 1) => Task.FromResult(Results.Ok());

            [Get("/{id:int}/", Name = "detail")]
            public Task<IResult> Detail(long id, CancellationToken cancellationToken) => Task.FromResult(Results.Ok(db));

            [Post("/{id:int}/vote/", Name = "vote")]
            [RateLimit("5/m")]
            public async Task<IResult> Vote(int id, [FromBody] VoteInput input, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return Results.Redirect(Urls.Polls.Detail(id));
            }

            [Get("/by-slug/{slug:slug}/", Name = "by-slug")]
            public static IResult BySlug(string slug, string? q) => Results.Ok();

            [Get("/files/{rest:path}/", Name = "files")]
            public static IResult Files(string rest, HttpContext context) => Results.Ok();

            [Get("/token/{token:uuid}/", Name = "token")]
            [CsrfExempt("webhook")]
            public static ValueTask<IResult> Token(Guid token) => ValueTask.FromResult(Results.Ok());
        }

        [View]
        [Route("/about/", Name = "about")]
        public partial class AboutView
        {
            public IResult Get() => Results.Ok();

            public IResult Post() => Results.Ok();
        }

        [View]
        public partial class Sockets
        {
            [WebSocket("/ws/{room}/", Name = "room")]
            public static Task Room(WebSocket socket, string room, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        public class NotAView
        {
            public int Value { get; set; }
        }
        """;

    private static GeneratorRun RunPolls() =>
        GeneratorHarness.Run(Generators, CompilationFactory.Create(PollsViews), Properties);

    [Fact]
    public void Polls_views_match_their_baselines()
    {
        var run = RunPolls().AssertClean();
        Baselines.Verify(run);
    }

    [Fact]
    public void Generated_route_table_and_urls_compile_and_name_every_route()
    {
        var run = RunPolls().AssertClean();
        var urls = run.Source("Polls.Urls.g.cs");
        Assert.Contains("public static string Detail(long @id) => string.Concat(\"/polls/\", global::Reinhardt.Views.RouteValueEncoder.Digits(@id, \"id\"), \"/\");", urls, StringComparison.Ordinal);
        Assert.Contains("public static string BySlug(string @slug)", urls, StringComparison.Ordinal);
        Assert.Contains("public static string Files(string @rest) => string.Concat(\"/polls/files/\", global::Reinhardt.Views.RouteValueEncoder.Path(@rest, \"rest\"), \"/\");", urls, StringComparison.Ordinal);
        Assert.Contains("public static string Room(string @room)", urls, StringComparison.Ordinal);
        Assert.Contains("public static string About() => \"/about/\";", urls, StringComparison.Ordinal);

        var table = run.Source("Polls.RouteTable.g.cs");
        Assert.Contains("new global::Reinhardt.Views.RateLimitAttribute(\"5/m\") { By = global::Reinhardt.Views.RateLimitKey.Ip }", table, StringComparison.Ordinal);
        Assert.Contains("new global::Reinhardt.Views.CsrfExemptAttribute(\"webhook\")", table, StringComparison.Ordinal);
        Assert.Contains("await global::Reinhardt.Views.ViewBinding.JsonBodyAsync<global::Polls.Views.VoteInput>(context);", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Regex", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_says_whether_it_has_websocket_routes()
    {
        Assert.Contains("public bool HasWebSocketRoutes => true;", RunPolls().Source("Polls.RouteTable.g.cs"), StringComparison.Ordinal);
        var without = GeneratorHarness.Run(new ViewGenerator(), "using Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n[View] public partial class V { [Get(\"/a/\")] public static IResult A() => Results.Ok(); }").AssertClean();
        Assert.Contains("public bool HasWebSocketRoutes => false;", without.Source("RouteTable.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_guards_on_classes_and_handlers_become_endpoint_metadata()
    {
        var run = GeneratorHarness.Run(new ViewGenerator(), """
            using Microsoft.AspNetCore.Http;
            using Reinhardt.Views;
            namespace App;
            [View]
            [LoginRequired]
            [PermissionRequired("polls.view_question")]
            public partial class Guarded
            {
                [Get("/reports/", Name = "reports")]
                [PermissionRequired("polls.change_question", "polls.view_question")]
                public static IResult Reports() => Results.Ok();

                [Get("/staff/", Name = "staff")]
                [StaffRequired]
                public static IResult Staff() => Results.Ok();
            }

            [View]
            public partial class Open
            {
                [Get("/open/", Name = "open")]
                public static IResult Index() => Results.Ok();
            }
            """).AssertClean();
        var table = run.Source("RouteTable.g.cs");

        // the class's guards apply to each of its handlers (not to Open's); permissions merge without repeats, class first
        Assert.Equal(2, Count(table, "new global::Reinhardt.Views.LoginRequiredAttribute()"));
        Assert.Equal(1, Count(table, "new global::Reinhardt.Views.StaffRequiredAttribute()"));
        Assert.Equal(1, Count(table, "new global::Reinhardt.Views.PermissionRequiredAttribute(\"polls.view_question\", \"polls.change_question\")"));
        Assert.Equal(1, Count(table, "new global::Reinhardt.Views.PermissionRequiredAttribute(\"polls.view_question\")"));

        static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
    }

    [Fact]
    public void ReinhardtGeneratedNamespace_overrides_the_root_namespace()
    {
        // the library sets it (Reinhardt.Contrib) so its table never sits beside an app's under `using Reinhardt;`
        var properties = new Dictionary<string, string> { ["RootNamespace"] = "App", ["ReinhardtGeneratedNamespace"] = "App.Routing" };
        var source = "using Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n[View] public partial class V { [Get(\"/a/\", Name = \"a\")] public static IResult A() => Results.Ok(); }";
        var run = GeneratorHarness.Run(Generators, CompilationFactory.Create(source), properties).AssertClean();
        Assert.Contains("namespace App.Routing", run.Source("App.Routing.RouteTable.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace App.Routing", run.Source("App.Routing.Urls.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Root_namespace_falls_back_to_the_assembly_name()
    {
        var run = GeneratorHarness.Run(Generators, CompilationFactory.Create(PollsViews.Replace("namespace Polls.Views;", "namespace TestApp.Views;", StringComparison.Ordinal))).AssertClean();
        Assert.Contains("namespace TestApp", run.Source("TestApp.RouteTable.g.cs"), StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<Compilation, Compilation>> UnrelatedEdits => new()
    {
        { "clone", IncrementalCaching.Clone },
        { "unrelated file", IncrementalCaching.AddUnrelatedFile },
        { "same file, outside the views", IncrementalCaching.ReplaceText("Source0.cs", "public int Value { get; set; }", "public int Value { get; set; } public int Other => 1;") },
        { "method body of a handler", IncrementalCaching.ReplaceText("Source0.cs", "Results.Ok(db)", "Results.Ok(id)") },
    };

    [Fact]
    public void An_edit_that_moves_routes_reruns_only_the_location_bearing_steps()
    {
        // the parse result and the diagnostics keep real locations (so #pragma works); the specs
        // that produce source have none and stay cached when later routes move
        IncrementalCaching.AssertCached(
            Generators,
            CompilationFactory.Create(PollsViews),
            IncrementalCaching.ReplaceText("Source0.cs", "await Task.Yield();", "await Task.Delay(1);"),
            [StepNames.ViewSpecs, StepNames.RouteTable]);
    }

    [Theory]
    [MemberData(nameof(UnrelatedEdits))]
    public void Unrelated_edits_leave_every_step_cached(string edit, Func<Compilation, Compilation> apply)
    {
        Assert.NotNull(edit);
        IncrementalCaching.AssertCached(Generators, CompilationFactory.Create(PollsViews), apply, StepNames.Views);
    }

    [Fact]
    public void A_new_route_flows_through_to_the_table_and_urls()
    {
        var run = IncrementalCaching.Run(
            Generators,
            CompilationFactory.Create(PollsViews),
            IncrementalCaching.ReplaceText("Source0.cs", "public IResult Post() => Results.Ok();", "public IResult Post() => Results.Ok();\n[Get(\"/contact/\", Name = \"contact\")] public static IResult Contact() => Results.Ok();"),
            Properties);
        run.AssertModified(StepNames.RouteTable);
        Assert.Contains("public static string Contact() => \"/contact/\";", run.Second.Source("Polls.Urls.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[View] public class V { [Get(\"/a/\")] public static IResult A() => Results.Ok(); }", "RH0030", "V")]
    [InlineData("[View] public partial class V<T> { [Get(\"/a/\")] public static IResult A() => Results.Ok(); }", "RH0030", "V")]
    [InlineData("[View] public partial class V { [Get(\"a/\")] public static IResult A() => Results.Ok(); }", "RH0031", "Get(\"a/\")", "must start with '/'")]
    [InlineData("[View] public partial class V { [Get(\"/a/{id:float}/\")] public static IResult A(int id) => Results.Ok(); }", "RH0031", "Get(\"/a/{id:float}/\")", "'float' is not a converter")]
    [InlineData("[View] public partial class V { [Get(\"/a/x{id:int}/\")] public static IResult A(int id) => Results.Ok(); }", "RH0031", "Get(\"/a/x{id:int}/\")", "whole segment")]
    [InlineData("[View] public partial class V { [Get(\"/a/{p:path}/{id:int}/\")] public static IResult A(string p, int id) => Results.Ok(); }", "RH0031", "Get(\"/a/{p:path}/{id:int}/\")", "last parameter")]
    [InlineData("[View] public partial class V { [Get(\"/a/{id}/{id}/\")] public static IResult A(string id) => Results.Ok(); }", "RH0031", "Get(\"/a/{id}/{id}/\")", "appears twice")]
    [InlineData("[View] public partial class V { [Get(\"/a/\")] public static IResult A(ref int x) => Results.Ok(); }", "RH0032", "x")]
    [InlineData("[View] public partial class V { [Get(\"/a/\")] public static IResult A(object x) => Results.Ok(); }", "RH0032", "x")]
    [InlineData("[View] public partial class V { [Get(\"/a/\")] public static IResult A(System.DateTimeKind? k, System.Collections.Generic.KeyValuePair<int, int> pair) => Results.Ok(); }", "RH0032", "pair")]
    [InlineData("[View] public partial class V { [Get(\"/a/\")] public static string A() => \"\"; }", "RH0033", "A", "returns 'string'")]
    [InlineData("[View] public partial class V { [Get(\"/a/\")] public static Task A() => Task.CompletedTask; }", "RH0033", "A")]
    [InlineData("[View] public partial class V { [Get(\"/a/\"), RateLimit(\"5 per minute\")] public static IResult A() => Results.Ok(); }", "RH0035", "RateLimit(\"5 per minute\")", "'5 per minute'")]
    [InlineData("[View] public partial class V { [WebSocket(\"/ws/\")] public static Task A(CancellationToken ct) => Task.CompletedTask; }", "RH0036", "A")]
    [InlineData("[View] public partial class V { [WebSocket(\"/ws/\")] public static IResult A(System.Net.WebSockets.WebSocket s) => Results.Ok(); }", "RH0036", "A")]
    [InlineData("[View] public partial class V { [Get(\"/a/{id:int}/\")] public static IResult A() => Results.Ok(); }", "RH1003", "A", "'{id}'")]
    [InlineData("[View] public partial class V { [Get(\"/a/{id:int}/\")] public static IResult A(string id) => Results.Ok(); }", "RH1003", "id", "int or long")]
    [InlineData("[View] public partial class V { [Get(\"/a/{id:uuid}/\")] public static IResult A(int id) => Results.Ok(); }", "RH1003", "id", "Guid")]
    [InlineData("[View] public partial class V { [Get(\"/a/{slug:slug}/\")] public static IResult A(int slug) => Results.Ok(); }", "RH1003", "slug", "string")]
    [InlineData("[View] public partial class V { [Get(\"/a/\")] public static IResult A([FromRoute] int id) => Results.Ok(); }", "RH1003", "id", "[FromRoute]")]
    public void Invalid_views_report_one_diagnostic_at_the_symbol(string declaration, string id, string symbol, string? messagePart = null)
    {
        var source = "using System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n" + declaration;
        var run = GeneratorHarness.Run(new ViewGenerator(), source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Equal(symbol, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains(messagePart ?? symbol, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        // the rest of the app still compiles: no cascade of compiler errors from the generated code
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("[Get(\"/a/{x:int}/\")]", "[Get(\"/a/{y:int}/\")]")]
    [InlineData("[Get(\"/a/{x:int}/\")]", "[Get(\"/a/{y:long}/\")]")]
    [InlineData("[Get(\"/a/{x}/\")]", "[Route(\"/a/{y:str}/\", Methods = new[] { \"GET\", \"POST\" })]")]
    [InlineData("[Post(\"/a/\")]", "[Route(\"/a/\", Methods = new[] { \"post\" })]")]
    public void Routes_matching_the_same_urls_and_method_conflict_across_classes(string first, string second)
    {
        var run = GeneratorHarness.Run(new ViewGenerator(),
            "using Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n[View] public partial class One { " + first + " public static IResult A(" + Parameter(first) + ") => Results.Ok(); }",
            "using Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n[View] public partial class Two { " + second + " public static IResult B(" + Parameter(second) + ") => Results.Ok(); }");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("RH1004", diagnostic.Id);
        Assert.Equal("Source1.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Contains("One.A", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Parameter(string attribute) =>
        attribute.Contains("{x:int}", StringComparison.Ordinal) ? "int x" : attribute.Contains("{y:int}", StringComparison.Ordinal) ? "int y"
        : attribute.Contains("{y:long}", StringComparison.Ordinal) ? "long y" : attribute.Contains("{x}", StringComparison.Ordinal) ? "string x"
        : attribute.Contains("{y:str}", StringComparison.Ordinal) ? "string y" : string.Empty;

    [Theory]
    [InlineData("[Get(\"/a/{x:int}/\")]", "[Get(\"/a/{y:slug}/\")]")]
    [InlineData("[Get(\"/a/{x:int}/\")]", "[Post(\"/a/{y:int}/\")]")]
    [InlineData("[Get(\"/a/new/\")]", "[Get(\"/a/{y}/\")]")]
    [InlineData("[Get(\"/a/{x:path}/\")]", "[Get(\"/a/{y}/\")]")]
    public void Routes_distinguished_by_precedence_or_method_do_not_conflict(string first, string second)
    {
        var run = GeneratorHarness.Run(new ViewGenerator(),
            "using Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n[View] public partial class One { " + first + " public static IResult A(" + (first.Contains("{x:int}", StringComparison.Ordinal) ? "int x" : first.Contains("{x:path}", StringComparison.Ordinal) ? "string x" : "") + ") => Results.Ok(); }",
            "using Microsoft.AspNetCore.Http;\nusing Reinhardt.Views;\nnamespace App;\n[View] public partial class Two { " + second + " public static IResult B(" + (second.Contains("{y:int}", StringComparison.Ordinal) ? "int y" : "string y") + ") => Results.Ok(); }");
        run.AssertClean();
    }

    [Fact]
    public void One_name_for_two_urls_is_reported_and_one_name_for_two_methods_is_not()
    {
        var run = GeneratorHarness.Run(new ViewGenerator(), """
            using Microsoft.AspNetCore.Http;
            using Reinhardt.Views;
            namespace App;
            [View] public partial class V
            {
                [Get("/a/", Name = "a")] public static IResult A() => Results.Ok();
                [Post("/a/", Name = "a")] public static IResult APost() => Results.Ok();
                [Get("/b/", Name = "a")] public static IResult B() => Results.Ok();
                [Get("/c/", Name = "c_d")] public static IResult C() => Results.Ok();
                [Get("/d/", Name = "c-d")] public static IResult D() => Results.Ok();
            }
            """);
        Assert.Equal(["RH0034", "RH0034"], run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Equal(["Get(\"/b/\", Name = \"a\")", "Get(\"/d/\", Name = \"c-d\")"], run.GeneratorDiagnostics.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
    }
}

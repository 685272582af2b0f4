using Microsoft.AspNetCore.Http.HttpResults;

namespace HttpBench;

/// <summary>The two load-test endpoints, returning the same results as the Minimal API baseline.</summary>
[View]
public partial class BenchViews
{
    /// <summary>Plain text.</summary>
    [Get("/plaintext")]
    public static ContentHttpResult Plaintext() => TypedResults.Text(BenchHost.Text);

    /// <summary>A JSON object through the source-generated context.</summary>
    [Get("/json")]
    public static JsonHttpResult<Greeting> Json() => TypedResults.Json(new Greeting(BenchHost.Text), BenchJsonContext.Default.Greeting);
}

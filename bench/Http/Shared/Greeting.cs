using System.Text.Json.Serialization;

namespace HttpBench;

/// <summary>The JSON endpoint's body: <c>{"message":"Hello, World!"}</c>.</summary>
/// <param name="Text">The greeting.</param>
public sealed record Greeting([property: JsonPropertyName("message")] string Text);

/// <summary>Source-generated serialization, shared by both contenders.</summary>
[JsonSerializable(typeof(Greeting))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

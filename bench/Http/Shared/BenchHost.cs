using Microsoft.Extensions.Logging;

namespace HttpBench;

/// <summary>The host settings both contenders share.</summary>
public static class BenchHost
{
    /// <summary>The plaintext body and the JSON message.</summary>
    public const string Text = "Hello, World!";

    /// <summary>Loopback hosts allowed, and logging at Warning so that console logging does not dominate.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }
}

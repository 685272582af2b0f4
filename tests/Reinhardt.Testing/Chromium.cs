using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Reinhardt.Testing;

/// <summary>
/// Runs only where Chromium is installed; in CI (<c>CI</c> or <c>REINHARDT_REQUIRE_CHROMIUM</c> set, as .ci/run does after
/// installing Debian's <c>chromium</c>) it always runs, so a missing browser fails instead of skipping.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Skips outside CI when no Chromium binary is found.</summary>
    public ChromiumFactAttribute()
    {
        if (Chromium.ExecutablePath is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("REINHARDT_REQUIRE_CHROMIUM")))
        {
            Skip = "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped";
        }
    }
}

/// <summary>
/// Headless Chromium driven over the Chrome DevTools Protocol (a WebSocket and JSON messages; no package): navigate,
/// run JavaScript in the page, wait for navigations, take screenshots.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private int _nextId;

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser binary: <c>CHROMIUM_PATH</c>, else Debian's <c>/usr/bin/chromium</c>, else null.</summary>
    public static string? ExecutablePath =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Starts a headless browser with a fresh profile and attaches to its page.</summary>
    public static async Task<Chromium> LaunchAsync(int width = 1280, int height = 900)
    {
        var executable = ExecutablePath ?? throw new InvalidOperationException("Chromium is not installed (apt-get install chromium).");
        var profile = Path.Combine(Path.GetTempPath(), "reinhardt-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
            "--remote-debugging-port=0", $"--window-size={width},{height}", "about:blank",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new Chromium(process, profile);
        try
        {
            // the browser writes its port to DevToolsActivePort once it listens
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
            {
                if (DateTime.UtcNow > deadline || process.HasExited)
                {
                    throw new InvalidOperationException("Chromium did not start its DevTools endpoint.");
                }

                await Task.Delay(100);
            }

            var port = (await File.ReadAllLinesAsync(portFile))[0].Trim();
            using var http = new HttpClient();
            using var targets = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"));
            var page = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            await browser._socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None);
            browser._receiving = browser.ReceiveAsync();
            await browser.SendAsync("Page.enable");
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a DevTools command and returns its <c>result</c>; a protocol error throws.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null)
    {
        TaskCompletionSource<JsonElement> reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_pending)
        {
            id = ++_nextId;
            _pending[id] = reply;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            message.WriteTo(writer);
        }

        await _socket.SendAsync(buffer.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Sets headers sent with every request of the page.</summary>
    public async Task SetExtraHeadersAsync(IReadOnlyDictionary<string, string> headers)
    {
        var values = new JsonObject();
        foreach (var (name, value) in headers)
        {
            values[name] = value;
        }

        await SendAsync("Network.enable");
        await SendAsync("Network.setExtraHTTPHeaders", new JsonObject { ["headers"] = values });
    }

    /// <summary>Evaluates JavaScript in the page and returns the value as JSON text-converted string (null for undefined).</summary>
    public async Task<string?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException("JavaScript failed: " + exception.GetRawText());
        }

        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
    }

    /// <summary>Loads <paramref name="url"/> and waits until the document is complete.</summary>
    public Task NavigateAsync(string url) => NavigatingAsync(() => SendAsync("Page.navigate", new JsonObject { ["url"] = url }));

    /// <summary>Runs <paramref name="script"/> (a click, a submit) and waits for the page it loads.</summary>
    public Task NavigateByAsync(string script) => NavigatingAsync(() => EvaluateAsync(script));

    private async Task NavigatingAsync(Func<Task> action)
    {
        // a marker on the old page: the navigation is done when a complete document no longer has it
        await EvaluateAsync("window.__reinhardtOldPage = true");
        await action();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await EvaluateAsync("!window.__reinhardtOldPage && document.readyState === 'complete'") == "true")
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // the context went away mid-navigation: ask again
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The page did not finish loading.");
    }

    /// <summary>Saves a PNG screenshot of the whole page.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = false });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(result.GetProperty("data").GetString()!));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                using (var document = JsonDocument.Parse(message.ToArray()))
                {
                    var root = document.RootElement;
                    if (root.TryGetProperty("id", out var idElement))
                    {
                        TaskCompletionSource<JsonElement>? reply;
                        lock (_pending)
                        {
                            _pending.Remove(idElement.GetInt32(), out reply);
                        }

                        if (root.TryGetProperty("error", out var error))
                        {
                            reply?.TrySetException(new InvalidOperationException("DevTools error: " + error.GetRawText()));
                        }
                        else
                        {
                            reply?.TrySetResult(root.GetProperty("result").Clone());
                        }
                    }
                }

                message.SetLength(0);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Closes the browser and deletes its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Reinhardt.Testing;

/// <summary>
/// An app under test, listening on Kestrel at 127.0.0.1 on a free port, with its own temporary
/// SQLite file; talk to it over real HTTP through <see cref="Client"/>. Either in this process
/// (<see cref="StartAsync"/>, from the app's own builder) or as a separate executable
/// (<see cref="StartProcessAsync"/>, e.g. the Native AOT binary).
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly Process? _process;
    private readonly string _directory;

    private LoopbackApp(WebApplication? app, Process? process, string directory, Uri baseAddress, string databasePath)
    {
        _app = app;
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
        DatabasePath = databasePath;
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's SQLite file (deleted on dispose).</summary>
    public string DatabasePath { get; }

    /// <summary>The connection string the app was given.</summary>
    public string ConnectionString => "Data Source=" + DatabasePath;

    /// <summary>A client that does not follow redirects and keeps cookies.</summary>
    public HttpClient Client { get; }

    /// <summary>The client's cookies.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>What a separate process wrote to stdout and stderr, for failure messages.</summary>
    public string ProcessOutput => _output.ToString();

    private readonly System.Text.StringBuilder _output = new();

    /// <summary>
    /// Builds the app with its own builder function, given command-line arguments that bind it to
    /// 127.0.0.1 on port 0, point <c>ConnectionStrings:Default</c> at a fresh SQLite file and give a random
    /// <c>SecretKey</c>, and starts it.
    /// </summary>
    public static async Task<LoopbackApp> StartAsync(Func<string[], WebApplication> build, params string[] extraArgs)
    {
        var (directory, database) = CreateDatabaseDirectory();
        var app = build([.. BaseArgs("http://127.0.0.1:0", database), .. extraArgs]);
        await app.StartAsync();
        var address = app.Urls.Select(u => new Uri(u)).First(u => u.Host == "127.0.0.1" && u.Port != 0);
        return new LoopbackApp(app, null, directory, address, database);
    }

    /// <summary>Starts an executable the same way and waits until it answers <paramref name="readyPath"/>.</summary>
    public static async Task<LoopbackApp> StartProcessAsync(string executable, string readyPath = "/", TimeSpan? timeout = null, int? port = null, params string[] extraArgs)
    {
        var (directory, database) = CreateDatabaseDirectory();
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in BaseArgs(address.ToString().TrimEnd('/'), database).Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + executable);
        var app = new LoopbackApp(null, process, directory, address, database);
        process.OutputDataReceived += (_, e) => { lock (app._output) { app._output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (app._output) { app._output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode}:{Environment.NewLine}{app.ProcessOutput}");
            }

            try
            {
                using var response = await app.Client.GetAsync(readyPath);
                return app;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }
        }

        await app.DisposeAsync();
        throw new TimeoutException($"{executable} did not answer on {address}:{Environment.NewLine}{app.ProcessOutput}");
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // a fresh secret key per app: the tests run outside Development, where one is required
    private static string[] BaseArgs(string url, string database) =>
        ["--urls", url, "--ConnectionStrings:Default=Data Source=" + database, "--SecretKey=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))];

    private static (string Directory, string Database) CreateDatabaseDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reinhardt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return (directory, Path.Combine(directory, "db.sqlite3"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a pool elsewhere; the OS temp cleanup takes it
        }
    }
}

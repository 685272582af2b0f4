using System.Globalization;
using System.Text;

namespace Reinhardt.Auth;

/// <summary>An email message: sender, recipients, subject and plain-text body.</summary>
/// <param name="From">The sender.</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject (one line).</param>
/// <param name="Body">The plain-text body.</param>
public sealed record EmailMessage(string From, IReadOnlyList<string> To, string Subject, string Body)
{
    /// <summary>The message in the shape Django's console and file backends write (headers, a blank line, the body).</summary>
    public string ToText(DateTimeOffset date)
    {
        var text = new StringBuilder();
        text.Append("Content-Type: text/plain; charset=\"utf-8\"\n");
        text.Append("MIME-Version: 1.0\n");
        text.Append("Content-Transfer-Encoding: 8bit\n");
        text.Append("Subject: ").Append(Subject.ReplaceLineEndings(" ")).Append('\n');
        text.Append("From: ").Append(From).Append('\n');
        text.Append("To: ").Append(string.Join(", ", To)).Append('\n');
        text.Append("Date: ").Append(date.ToString("r", CultureInfo.InvariantCulture)).Append('\n');
        text.Append('\n').Append(Body).Append('\n');
        return text.ToString();
    }
}

/// <summary>Sends email (Django's <c>EMAIL_BACKEND</c>). Register your own SMTP or API sender to replace the development backends.</summary>
public interface IEmailSender
{
    /// <summary>Sends the message.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Django's console backend: writes each message to a text writer (standard output by default).</summary>
public sealed class ConsoleEmailSender(TextWriter? output = null, TimeProvider? timeProvider = null) : IEmailSender
{
    private readonly TextWriter _output = output ?? Console.Out;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.ToText(_time.GetUtcNow()) + new string('-', 79) + "\n";
        lock (_lock)
        {
            _output.Write(text);
            _output.Flush();
        }

        return Task.CompletedTask;
    }
}

/// <summary>Django's file-based backend: each message is a new <c>.log</c> file in a folder (created when missing).</summary>
public sealed class FileEmailSender(string directory, TimeProvider? timeProvider = null) : IEmailSender
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The folder messages are written to.</summary>
    public string Directory { get; } = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <inheritdoc />
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.IO.Directory.CreateDirectory(Directory);
        var now = _time.GetUtcNow();
        // Django's name: a timestamp and a random part, so concurrent messages never share a file
        var name = now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N") + ".log";
        await File.WriteAllTextAsync(Path.Combine(Directory, name), message.ToText(now) + new string('-', 79) + "\n", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }
}

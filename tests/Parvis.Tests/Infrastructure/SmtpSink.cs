using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback that keeps what it receives, so tests read the messages
/// MailKit actually sent over the wire.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly Task _loop;

    public SmtpSink()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    private TaskCompletionSource<MimeMessage>? _hold;

    /// <summary>
    /// The next message is read but never acknowledged nor kept: the sender waits, as on a stalled server, until its
    /// connection closes. Returns that message once it is held, so a test can stop its sender mid-send.
    /// </summary>
    public Task<MimeMessage> HoldNextAsync()
    {
        _hold = new TaskCompletionSource<MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _hold.Task;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyCollection<MimeMessage> Messages => _messages.ToArray();

    /// <summary>Waits for a message to this address whose subject matches, and returns it.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? match = null, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = _messages.LastOrDefault(m =>
                m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (match?.Invoke(m) ?? true));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No e-mail to {to} within {timeoutSeconds} s; received: {string.Join(", ", _messages.Select(m => m.Subject))}");
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 parvis-test-sink ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-parvis-test-sink");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }
                    MimeMessage message;
                    using (var content = new MemoryStream(Encoding.UTF8.GetBytes(data.ToString())))
                    {
                        message = await MimeMessage.LoadAsync(content);
                    }
                    if (Interlocked.Exchange(ref _hold, null) is { } hold)
                    {
                        hold.SetResult(message);
                        // Never answered: the sender is left waiting until its connection closes.
                        while (await reader.ReadLineAsync() is not null)
                        {
                        }
                        return;
                    }
                    _messages.Enqueue(message);
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}

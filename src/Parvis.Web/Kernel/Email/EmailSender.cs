using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Email;

public sealed class EmailOptions
{
    public string From { get; set; } = "Parvis <no-reply@parvis.localhost>";

    /// <summary>When empty, messages are written as .eml files under the data directory instead of sent.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>"auto" (STARTTLS when offered), "none", "starttls" or "tls".</summary>
    public string SmtpSecurity { get; set; } = "auto";
}

public interface IEmailSender
{
    /// <summary>Queues the message: it leaves after the answer, so no page waits for a mail server.</summary>
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>
/// Queues messages for <see cref="EmailDelivery"/>. A page's answer then takes the same time whether it sent a message
/// or not (whether an account exists or not), and a slow mail server slows no page. The queue is bounded.
/// </summary>
public sealed class EmailSender(MailTransport transport, ILogger<EmailSender> logger) : IEmailSender
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateBounded<MimeMessage>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<MimeMessage> Queue => _queue.Reader;

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        // Forms check addresses first (MailboxAttribute); one from elsewhere (an identity provider's) that the mail
        // library cannot read is dropped, not thrown after the caller's data is stored.
        if (!MailboxAddress.TryParse(to, out var recipient))
        {
            logger.LogWarning("{Subject} was not sent: the address cannot be read", subject);
            return Task.CompletedTask;
        }
        var message = new MimeMessage();
        message.From.Add(transport.From);
        message.To.Add(recipient);
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        // Never waits: a mail server away must not hold pages (nor tell, by their time, which answers send a message).
        if (!_queue.Writer.TryWrite(message))
        {
            logger.LogError("The e-mail queue is full: {Subject} to one person was dropped", subject);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Delivers queued messages one by one through <see cref="MailTransport"/>.</summary>
public sealed class EmailDelivery(EmailSender sender, MailTransport transport, ILogger<EmailDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in sender.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await transport.SendAsync(message, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One message refused or a server away must not stop the others.
                logger.LogError(e, "E-mail {Subject} could not be delivered", message.Subject);
            }
        }
    }
}

/// <summary>Sends a message through SMTP with MailKit when configured; otherwise drops an .eml file so a bare install still works.</summary>
public sealed class MailTransport(Microsoft.Extensions.Options.IOptions<EmailOptions> options, IConfiguration configuration, ILogger<MailTransport> logger)
{
    public MailboxAddress From => MailboxAddress.Parse(options.Value.From);

    /// <summary>Where messages are written when no SMTP server is set.</summary>
    private string Folder => Path.Combine(DataDirectory.Resolve(configuration), "mail");

    /// <summary>
    /// Deletes the copies written to disk before <paramref name="before"/>, and says how many: each holds an address
    /// and a text, kept no longer than the messages sent through SMTP.
    /// </summary>
    public int Forget(DateTimeOffset before)
    {
        var folder = Folder;
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        var old = Directory.EnumerateFiles(folder, "*.eml").Where(f => File.GetLastWriteTimeUtc(f) < before.UtcDateTime).ToList();
        old.ForEach(File.Delete);
        return old.Count;
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var subject = message.Subject;

        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            var folder = Folder;
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
            logger.LogInformation("E-mail {Subject} written to {File}", subject, file);
            return;
        }

        using var client = new SmtpClient();
        var security = settings.SmtpSecurity.ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        logger.LogInformation("E-mail {Subject} sent through {Host}", subject, settings.SmtpHost);
    }
}

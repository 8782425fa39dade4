using System.ComponentModel.DataAnnotations;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Kernel.Processes;

/// <summary>
/// One change to a process after its publication, public: what changed (before and after, as staff's forms describe
/// them), why, and what prompted it (participants' feedback, a meeting, a council decision), by their addresses.
/// </summary>
public sealed class JournalEntry
{
    public const int SubjectMax = 200;
    public const int StateMax = 4_000;
    public const int ReasonMax = 2_000;
    public const int PromptsMax = 2_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What changed ("Phase « Propositions »").</summary>
    public required string Subject { get; set; }

    public string Before { get; set; } = "";
    public string After { get; set; } = "";
    public required string Reason { get; set; }

    /// <summary>The addresses of what prompted the change, one per line.</summary>
    public string Prompts { get; set; } = "";

    /// <summary>The language staff wrote it in ("fr", "en"): pages in the other language mark it.</summary>
    public string Language { get; set; } = "fr";

    public IEnumerable<string> PromptList => Prompts.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Why staff change a published process, as its forms ask: a public reason, and what prompted it.</summary>
public sealed class ChangeReasonInput
{
    // Optional to the binder: only a published process's change needs it, which the journal checks with its own message.
    [StringLength(JournalEntry.ReasonMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.JournalReason")]
    public string? Reason { get; set; }

    [StringLength(JournalEntry.PromptsMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.JournalPrompts")]
    public string? Prompts { get; set; }
}

/// <summary>
/// The public journal of each process: a change made once the process is published is written there, in the same
/// transaction, with its reason, and told to those who follow the process. A change with no reason is refused; a
/// change to a draft is not written (nobody has seen it yet).
/// </summary>
public sealed class ProcessJournal(DatabaseOnDemand database, Notifier notifier, TimeProvider clock, Authorizer authorizer)
{
    public const int MostPrompts = 10;

    /// <summary>A change changes something only if its description does.</summary>
    public sealed record Change(string Subject, string Before, string After);

    /// <summary>Why the reason and prompts cannot be kept (a text key), or null; and the prompts as kept.</summary>
    public static (string? Error, string Prompts) Check(ChangeReasonInput given)
    {
        if (string.IsNullOrWhiteSpace(given.Reason))
        {
            return ("Journal.ReasonRequired", "");
        }
        if (given.Reason.Trim().Length > JournalEntry.ReasonMax || (given.Prompts?.Length ?? 0) > JournalEntry.PromptsMax)
        {
            return ("Journal.TooLong", "");
        }
        var prompts = (given.Prompts ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (prompts.Count > MostPrompts)
        {
            return ("Journal.TooManyPrompts", "");
        }
        // A plain path of this site, or a web page elsewhere: nothing a link could run or disguise.
        if (prompts.Any(p => !Web.LocalAddresses.IsPlain(p) && !IsWebPage(p)))
        {
            return ("Journal.PromptInvalid", "");
        }
        return (null, string.Join('\n', prompts));
    }

    public static bool IsWebPage(string address) =>
        !address.StartsWith('/') && Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Writes the changes that change something, if the process was published before them, and tells its followers.
    /// Returns the reason's error key when one is needed and missing or wrong.
    /// </summary>
    public async Task<string?> RecordAsync(Process process, bool wasPublished, ChangeReasonInput given, IEnumerable<Change> changes)
    {
        var real = changes.Where(c => c.Before != c.After).ToList();
        // A draft's changes were seen by nobody; a process taken back to draft has no public page to write them on.
        if (!wasPublished || !process.Published || real.Count == 0)
        {
            return null;
        }
        var (error, prompts) = Check(given);
        if (error is not null)
        {
            return error;
        }
        var now = clock.GetUtcNow();
        var reason = given.Reason!.Trim();
        foreach (var change in real)
        {
            database.Context.JournalEntries.Add(new JournalEntry
            {
                OrganisationId = process.OrganisationId,
                ProcessId = process.Id,
                At = now,
                Subject = Text.Excerpts.Fit(change.Subject, JournalEntry.SubjectMax),
                Before = Text.Excerpts.Fit(change.Before, JournalEntry.StateMax),
                After = Text.Excerpts.Fit(change.After, JournalEntry.StateMax),
                Reason = reason,
                Prompts = prompts,
                Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            });
        }
        await notifier.RaiseAsync(new Notice(KernelNotifications.ProcessChanged, process.OrganisationId, process.Id, process.Id, process.Title,
            $"/processes/{process.Slug}/journal", string.Join(", ", real.Select(c => c.Subject)), reason)
        {
            ToProcessFollowers = true,
            ActorId = authorizer.PersonId,
        });
        return null;
    }
}

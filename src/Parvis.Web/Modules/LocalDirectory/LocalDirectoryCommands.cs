using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>
/// Every write of the directory: people propose entries and changes, which wait for staff; staff accept them (the
/// version becomes the entry's content), refuse them with a reason, write entries themselves (accepted at once),
/// confirm an entry is still true, close it or open it again.
/// </summary>
public sealed class LocalDirectoryCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes)
{
    /// <summary>Proposals a person may have waiting at once: enough for a mediator's list of places, not a flood.</summary>
    public const int MostPending = 20;

    /// <summary>
    /// A new entry. From staff it is listed at once as its first version; from anyone else it waits, unseen but by its
    /// proposer and staff.
    /// </summary>
    public async Task<CommandResult> ProposeAsync(Guid processId, EntryContent content, string note)
    {
        var process = await processes.FindAsync(processId, LocalDirectoryModule.Key);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        if (await RefusalAsync(process, content, note) is { } refusal)
        {
            return refusal;
        }
        if (await FullAsync(process.Id))
        {
            return CommandResult.Refused("Directory.Full");
        }
        var now = clock.GetUtcNow();
        var entry = new DirectoryEntry { OrganisationId = organisation.Id, ProcessId = processId, Name = content.Name, CreatedAt = now, UpdatedAt = now };
        entry.Take(content);
        db.DirectoryEntries.Add(entry);
        var version = NewVersion(entry, content, note, now);
        if (await IsStaffAsync(process))
        {
            Accept(entry, version, now);
            db.EntryThemes.AddRange(content.Themes.Select(t => new EntryTheme { EntryId = entry.Id, ThemeId = t }));
        }
        await db.SaveChangesAsync();
        return CommandResult.Done(entry.Id);
    }

    /// <summary>
    /// A change to a listed entry. From staff it is accepted at once; from anyone else it waits, and a person's second
    /// change to the same entry replaces their first one still waiting.
    /// </summary>
    public async Task<CommandResult> ProposeChangeAsync(Guid entryId, EntryContent content, string note)
    {
        var entry = await db.DirectoryEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.OrganisationId == organisation.Id);
        var process = entry is null ? null : await processes.FindAsync(entry.ProcessId, LocalDirectoryModule.Key);
        if (entry is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (entry.State != EntryState.Published)
        {
            return CommandResult.Refused("Directory.NotListed");
        }
        var now = clock.GetUtcNow();
        var waiting = await db.DirectoryVersions.FirstOrDefaultAsync(v => v.EntryId == entryId && v.AuthorId == authorizer.PersonId && v.State == VersionState.Pending);
        if (await RefusalAsync(process, content, note, waiting is null) is { } refusal)
        {
            return refusal;
        }
        if (await IsStaffAsync(process))
        {
            var version = NewVersion(entry, content, note, now);
            entry.Take(content);
            Accept(entry, version, now);
            await SetThemesAsync(entry.Id, content.Themes);
        }
        else if (waiting is not null)
        {
            (waiting.Content, waiting.Note, waiting.ProposedAt, waiting.BasedOn) = (content.ToJson(), note.Trim(), now, entry.Version);
        }
        else
        {
            NewVersion(entry, content, note, now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another version of the entry was written at the same moment, with the same number (a second click).
            return CommandResult.Refused("Directory.AcceptedMeanwhile");
        }
        return CommandResult.Done(entry.Id);
    }

    /// <summary>Staff take a waiting version in: it becomes the entry's content, and the entry is checked as of now.</summary>
    public async Task<CommandResult> AcceptAsync(Guid versionId)
    {
        if (await WaitingAsync(versionId) is not { } found)
        {
            return CommandResult.Missing();
        }
        var (version, entry, process) = found;
        if (await StaffRefusalAsync(process) is { } refusal)
        {
            return refusal;
        }
        // A closed entry is not listed again by a change that waited: staff reopen it first.
        if (entry.State is not (EntryState.Proposed or EntryState.Published))
        {
            return CommandResult.Refused("Directory.NotListed");
        }
        if (entry.State == EntryState.Proposed && await FullAsync(process.Id))
        {
            return CommandResult.Refused("Directory.Full");
        }
        var content = EntryContent.FromJson(version.Content);
        // A theme removed from the process since the proposal is dropped rather than refused.
        var themes = await db.Themes.Where(t => t.ProcessId == process.Id && content.Themes.Contains(t.Id)).Select(t => t.Id).ToListAsync();
        var now = clock.GetUtcNow();
        entry.Take(content);
        Accept(entry, version, now);
        await SetThemesAsync(entry.Id, themes);
        audit.Record("directory.accept", $"directory:{entry.Id}", $"{version.Number}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another version of the entry was taken in at the same moment, with the same number.
            return CommandResult.Refused("Directory.AcceptedMeanwhile");
        }
        return CommandResult.Done(entry.Id);
    }

    /// <summary>Staff refuse a waiting version, saying why; a new entry refused in this way is refused as a whole.</summary>
    public async Task<CommandResult> RefuseAsync(Guid versionId, string reason)
    {
        if (await WaitingAsync(versionId) is not { } found)
        {
            return CommandResult.Missing();
        }
        var (version, entry, process) = found;
        if (await StaffRefusalAsync(process) is { } refusal)
        {
            return refusal;
        }
        reason = reason.Trim();
        if (reason.Length is < 5 or > DirectoryVersion.ReasonMax)
        {
            return CommandResult.Refused("Directory.ReasonLength");
        }
        var now = clock.GetUtcNow();
        (version.State, version.Reason, version.DecidedAt, version.DecidedById) = (VersionState.Refused, reason, now, authorizer.PersonId);
        if (entry.State == EntryState.Proposed)
        {
            (entry.State, entry.Reason, entry.UpdatedAt) = (EntryState.Refused, reason, now);
        }
        audit.Record("directory.refuse", $"directory:{entry.Id}", reason);
        await db.SaveChangesAsync();
        return CommandResult.Done(entry.Id);
    }

    /// <summary>Staff confirm a listed entry is still true (they called, they went): its date of check is today.</summary>
    public async Task<CommandResult> ConfirmAsync(Guid entryId)
    {
        if (await ListedAsync(entryId, EntryState.Published) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (await StaffRefusalAsync(found.Process) is { } refusal)
        {
            return refusal;
        }
        found.Entry.CheckedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return CommandResult.Done(entryId);
    }

    /// <summary>Staff close a listed entry (the place shut, the service ended), saying why: its page stays, out of the list.</summary>
    public async Task<CommandResult> CloseAsync(Guid entryId, string reason)
    {
        if (await ListedAsync(entryId, EntryState.Published) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (await StaffRefusalAsync(found.Process) is { } refusal)
        {
            return refusal;
        }
        reason = reason.Trim();
        if (reason.Length is < 5 or > DirectoryVersion.ReasonMax)
        {
            return CommandResult.Refused("Directory.ReasonLength");
        }
        var now = clock.GetUtcNow();
        (found.Entry.State, found.Entry.Reason, found.Entry.UpdatedAt) = (EntryState.Closed, reason, now);
        audit.Record("directory.close", $"directory:{entryId}", reason);
        await db.SaveChangesAsync();
        return CommandResult.Done(entryId);
    }

    /// <summary>Staff list a closed entry again, checked as of now.</summary>
    public async Task<CommandResult> ReopenAsync(Guid entryId)
    {
        if (await ListedAsync(entryId, EntryState.Closed) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (await StaffRefusalAsync(found.Process) is { } refusal)
        {
            return refusal;
        }
        if (await FullAsync(found.Process.Id))
        {
            return CommandResult.Refused("Directory.Full");
        }
        var now = clock.GetUtcNow();
        (found.Entry.State, found.Entry.Reason, found.Entry.UpdatedAt, found.Entry.CheckedAt) = (EntryState.Published, "", now, now);
        audit.Record("directory.reopen", $"directory:{entryId}");
        await db.SaveChangesAsync();
        return CommandResult.Done(entryId);
    }

    /// <summary>
    /// Why the content cannot be taken, as the text key of the first problem found (its field is the key's last part,
    /// see <see cref="FieldOf"/>), or null when it can.
    /// </summary>
    public static string? Problem(EntryContent content, IReadOnlyCollection<Guid> processThemes) => content switch
    {
        { Name.Length: < 2 or > EntryContent.NameMax } => "Directory.Invalid.Name",
        { Description.Length: > EntryContent.DescriptionMax } => "Directory.Invalid.Description",
        { Address.Length: > EntryContent.AddressMax } => "Directory.Invalid.Address",
        { Commune.Length: > EntryContent.CommuneMax } => "Directory.Invalid.Commune",
        { Latitude: null, Longitude: not null } or { Latitude: not null, Longitude: null } => "Directory.Invalid.Latitude",
        { Latitude: < -90 or > 90 } => "Directory.Invalid.Latitude",
        { Longitude: < -180 or > 180 } => "Directory.Invalid.Longitude",
        _ when (content.Access & ~EntryKinds.Accesses.Aggregate(Access.None, (all, one) => all | one)) != 0 => "Directory.Invalid.Access",
        { OpeningHours.Length: > EntryContent.HoursMax } => "Directory.Invalid.OpeningHours",
        { AccessNotes.Length: > EntryContent.AccessNotesMax } => "Directory.Invalid.AccessNotes",
        _ when !IsPhone(content.Phone) => "Directory.Invalid.Phone",
        _ when content.Website.Length > 0 && !IsLink(content.Website) => "Directory.Invalid.Website",
        _ when content.Links.Count > EntryContent.MostLinks || content.Links.Any(l => !IsLink(l)) => "Directory.Invalid.Links",
        _ when content.Themes.Any(t => !processThemes.Contains(t)) => "Directory.Invalid.Themes",
        _ when !Enum.IsDefined(content.Kind) => "Directory.Invalid.Kind",
        _ => null,
    };

    /// <summary>The form field a problem of <see cref="Problem"/> is about.</summary>
    public static string FieldOf(string? problem) => problem?.StartsWith("Directory.Invalid.", StringComparison.Ordinal) == true ? problem["Directory.Invalid.".Length..] : "";

    /// <summary>A phone number as people write it: digits, spaces and the usual separators, or nothing.</summary>
    private static bool IsPhone(string phone) =>
        phone.Length <= EntryContent.PhoneMax && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')')
        && (phone.Length == 0 || phone.Count(char.IsAsciiDigit) >= 3);

    /// <summary>A web address people can follow: http or https, absolute, of a sensible length.</summary>
    private static bool IsLink(string link) =>
        link.Length <= EntryContent.LinkMax && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0;

    private async Task<CommandResult?> RefusalAsync(Process process, EntryContent content, string note, bool adds = true)
    {
        var decision = await authorizer.DecideAsync(LocalDirectoryPermissions.Propose, process);
        // Staff keep the directory up to date whatever the phase.
        if (decision != Decision.Allowed && !await IsStaffAsync(process))
        {
            return CommandResult.Refused(decision);
        }
        var themes = await db.Themes.Where(t => t.ProcessId == process.Id).Select(t => t.Id).ToListAsync();
        if (Problem(content, themes) is { } problem)
        {
            return CommandResult.Refused(problem);
        }
        if (note.Trim().Length > DirectoryVersion.NoteMax)
        {
            return CommandResult.Refused("Directory.Invalid.Note");
        }
        if (adds && await db.DirectoryVersions.CountAsync(v => v.AuthorId == authorizer.PersonId && v.State == VersionState.Pending) >= MostPending)
        {
            return CommandResult.Refused("Directory.TooManyPending");
        }
        return null;
    }

    /// <summary>Whether the process lists as many entries as a directory shows (<see cref="DirectoryListing.MostListed"/>): none is added, so none goes missing.</summary>
    private async Task<bool> FullAsync(Guid processId) =>
        await db.DirectoryEntries.CountAsync(e => e.ProcessId == processId && e.State == EntryState.Published) >= DirectoryListing.MostListed;

    private DirectoryVersion NewVersion(DirectoryEntry entry, EntryContent content, string note, DateTimeOffset now)
    {
        var version = new DirectoryVersion
        {
            EntryId = entry.Id, BasedOn = entry.Version, Content = content.ToJson(), AuthorId = authorizer.PersonId, ProposedAt = now, Note = note.Trim(),
        };
        db.DirectoryVersions.Add(version);
        return version;
    }

    private void Accept(DirectoryEntry entry, DirectoryVersion version, DateTimeOffset now)
    {
        entry.Version++;
        (version.State, version.Number, version.DecidedAt, version.DecidedById) = (VersionState.Accepted, entry.Version, now, authorizer.PersonId);
        (entry.State, entry.Reason, entry.UpdatedAt, entry.CheckedAt) = (EntryState.Published, "", now, now);
    }

    private async Task SetThemesAsync(Guid entryId, IReadOnlyList<Guid> themes)
    {
        db.EntryThemes.RemoveRange(await db.EntryThemes.Where(t => t.EntryId == entryId).ToListAsync());
        db.EntryThemes.AddRange(themes.Distinct().Select(t => new EntryTheme { EntryId = entryId, ThemeId = t }));
    }

    private async Task<(DirectoryVersion Version, DirectoryEntry Entry, Process Process)?> WaitingAsync(Guid versionId)
    {
        var version = await db.DirectoryVersions.FirstOrDefaultAsync(v => v.Id == versionId && v.State == VersionState.Pending);
        var entry = version is null ? null : await db.DirectoryEntries.FirstOrDefaultAsync(e => e.Id == version.EntryId && e.OrganisationId == organisation.Id);
        var process = entry is null ? null : await processes.FindAsync(entry.ProcessId, LocalDirectoryModule.Key);
        return process is null ? null : (version!, entry!, process);
    }

    private async Task<(DirectoryEntry Entry, Process Process)?> ListedAsync(Guid entryId, EntryState state)
    {
        var entry = await db.DirectoryEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.OrganisationId == organisation.Id && e.State == state);
        var process = entry is null ? null : await processes.FindAsync(entry.ProcessId, LocalDirectoryModule.Key);
        return process is null ? null : (entry!, process);
    }

    private async Task<bool> IsStaffAsync(Process process) => await authorizer.DecideAsync(LocalDirectoryPermissions.Manage, process) == Decision.Allowed;

    private async Task<CommandResult?> StaffRefusalAsync(Process process) =>
        await authorizer.DecideAsync(LocalDirectoryPermissions.Manage, process) is var decision && decision == Decision.Allowed ? null : CommandResult.Refused(decision);
}

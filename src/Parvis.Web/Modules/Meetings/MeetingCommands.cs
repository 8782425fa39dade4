using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Meetings;

public sealed record MeetingDraft(
    string Title, string Description, MeetingMode Mode, string? OnlineLink, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Agenda, bool Registration);

/// <summary>A site as edited; Id null for a new one.</summary>
public sealed record SiteDraft(Guid? Id, string Name, string Address, SiteAccess Access, string AccessNotes, int? Capacity, Guid? FacilitatorId,
    Kernel.Text.GeoPoint? Place = null);

/// <summary>What is written after the meeting: minutes, head counts, themes the experts could not cover.</summary>
public sealed record MeetingRecord(string Minutes, int? OnlineAttendance, IReadOnlyDictionary<Guid, int?> Attendance, IReadOnlyCollection<Guid> UncoveredThemes);

/// <summary>Everything that changes meetings and registrations. Each command checks the permission itself.</summary>
public sealed class MeetingCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    SeatMail seats, ProcessAccess processes, ActorMentions actors, MediationCommands mediation)
{
    /// <summary>The kind of mention by which a meeting's site names the actor of the territory it is held at.</summary>
    public const string SiteMention = "meeting";

    /// <summary>A meeting from one of the templates, or a single place named by <paramref name="place"/> (its address too).</summary>
    public async Task<CommandResult> CreateAsync(Guid processId, Guid componentId, string title, DateTimeOffset startsAt, MeetingMode mode, string templateKey,
        string description = "", string? place = null)
    {
        var process = await processes.FindAsync(processId, MeetingsModule.Key, componentId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.Manage, process, componentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!MeetingTemplates.Keys.Contains(templateKey))
        {
            return CommandResult.Refused("Meetings.UnknownTemplate");
        }
        var template = MeetingTemplates.Load(templateKey);
        var meeting = new Meeting
        {
            OrganisationId = organisation.Id,
            ProcessId = process.Id,
            ComponentId = componentId,
            Title = title.Trim(),
            Mode = mode,
            StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(template.Minutes),
            Agenda = template.Agenda.Current,
            Description = description.Trim(),
        };
        meeting.Sites.AddRange(place is null
            ? template.Sites.Select((s, i) => new MeetingSite { Position = i, Name = s.Name.Current, Address = s.Address?.Current ?? "" })
            : [new MeetingSite { Name = place, Address = place }]);
        db.Meetings.Add(meeting);
        audit.Record("meeting.create", $"meeting:{meeting.Id}", meeting.Title);
        await db.SaveChangesAsync();
        return CommandResult.Done(meeting.Id);
    }

    /// <summary>
    /// For staff who manage the component's meetings, the meeting it already holds at that moment in that place (named
    /// as the place), if any: the same desk asked for twice.
    /// </summary>
    public async Task<Guid?> HeldAsync(Guid processId, Guid componentId, DateTimeOffset startsAt, string place)
    {
        var process = await processes.FindAsync(processId, MeetingsModule.Key, componentId);
        if (process is null || !await authorizer.CanAsync(MeetingsPermissions.Manage, process, componentId))
        {
            return null;
        }
        return await db.Meetings.Where(m => m.ComponentId == componentId && m.OrganisationId == organisation.Id && m.StartsAt == startsAt
                && m.Sites.Any(s => s.Name == place))
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync();
    }

    /// <summary>
    /// Replaces the meeting's details and sites with the edited ones, all or nothing. A site where people
    /// registered cannot be removed; raising a site's capacity gives the freed seats to its waiting list.
    /// </summary>
    public async Task<CommandResult> UpdateAsync(Guid meetingId, MeetingDraft draft, IReadOnlyList<SiteDraft> sites)
    {
        var (meeting, process) = await LoadAsync(meetingId);
        if (meeting is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.Manage, process, meeting.ComponentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (Invalid(draft, sites) is { } invalid)
        {
            return CommandResult.Refused(invalid);
        }
        var kept = sites.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        var removed = meeting.Sites.Where(s => !kept.Contains(s.Id)).ToList();
        var removedIds = removed.Select(s => s.Id).ToList();
        // What was said or asked at a site stays tied to it, as do those registered there.
        if (await db.MeetingRegistrations.AnyAsync(r => removedIds.Contains(r.SiteId)) || await db.MeetingRemarks.AnyAsync(r => r.SiteId != null && removedIds.Contains(r.SiteId.Value))
            || await db.ExpertQuestions.AnyAsync(q => q.SiteId != null && removedIds.Contains(q.SiteId.Value)))
        {
            return CommandResult.Refused("Meetings.SiteInUse");
        }
        if (!await RoleHolders.HoldAsync(db, organisation.Id, process.Id, Role.Facilitator, sites.Select(s => (s.Id, s.FacilitatorId)), meeting.Sites.Select(s => (s.Id, s.FacilitatorId))))
        {
            return CommandResult.Refused("Error.NotFacilitator");
        }
        meeting.Title = draft.Title.Trim();
        meeting.Description = draft.Description.Trim();
        meeting.Mode = draft.Mode;
        meeting.OnlineLink = meeting.HasLink ? draft.OnlineLink?.Trim() : null;
        meeting.StartsAt = draft.StartsAt;
        meeting.EndsAt = draft.EndsAt;
        meeting.Agenda = draft.Agenda.Trim();
        meeting.Registration = draft.Registration;
        meeting.Sequence++;
        foreach (var gone in removed)
        {
            meeting.Sites.Remove(gone);
        }
        ChildRows.Save(db, meeting.Sites, sites, (site, edited) => site.Id == edited.Id,
            _ => new MeetingSite { MeetingId = meeting.Id, Name = "" },
            (site, edited, i) =>
            {
                site.Position = i;
                site.Name = edited.Name.Trim();
                site.Address = edited.Address.Trim();
                site.Access = edited.Access;
                site.AccessNotes = edited.AccessNotes.Trim();
                site.Capacity = edited.Capacity;
                site.FacilitatorId = edited.FacilitatorId;
                site.Latitude = edited.Place?.Latitude;
                site.Longitude = edited.Place?.Longitude;
            });
        // A site named as an actor of the directory (but for case and accents) puts the meeting on the actor's entry.
        foreach (var gone in removedIds)
        {
            await actors.SetAsync(gone, SiteMention, null, meeting.ProcessId, "", "");
        }
        foreach (var site in meeting.Sites)
        {
            await actors.SetAsync(site.Id, SiteMention, (await actors.MatchAsync(site.Name))?.Id, meeting.ProcessId, meeting.Title, $"/meetings/{meeting.Id}");
        }
        audit.Record("meeting.update", $"meeting:{meeting.Id}", meeting.Title);
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsConstraintViolation(e))
        {
            // Someone registered, or a remark was recorded, at a removed site meanwhile.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Meetings.SiteInUse");
        }
        var promoted = new List<Guid>();
        foreach (var site in meeting.Sites)
        {
            promoted.AddRange(await Seats.PromoteAsync(db, site.Id));
        }
        await transaction.CommitAsync();
        await seats.TellAsync(meeting.Id, promoted);
        return CommandResult.Done(meeting.Id);
    }

    /// <summary>
    /// Takes a seat at a site for the current person, or a place on its waiting list when the site is full.
    /// Registrations at a site run one after another (each first writes the site's row), so the seats
    /// given never exceed the capacity however many people register at the same moment.
    /// </summary>
    public async Task<CommandResult> RegisterAsync(Guid meetingId, Guid siteId)
    {
        var (meeting, process) = await LoadAsync(meetingId, tracked: false);
        if (meeting is null || process is null || meeting.Sites.All(s => s.Id != siteId))
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.Register, process, meeting.ComponentId) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!meeting.Registration || meeting.EndsAt <= clock.GetUtcNow())
        {
            return CommandResult.Refused("Meetings.RegistrationClosed");
        }
        var personId = authorizer.PersonId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        // No row locked: staff removed the site since it was read.
        if (await Seats.LockAsync(db, siteId) == 0)
        {
            return CommandResult.Missing();
        }
        var existing = await db.MeetingRegistrations.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.PersonId == personId);
        if (existing is not null)
        {
            return existing.SiteId == siteId ? CommandResult.Done(existing.Id) : CommandResult.Refused("Meetings.AlreadyRegistered");
        }
        var capacity = await db.MeetingSites.Where(s => s.Id == siteId).Select(s => s.Capacity).SingleAsync();
        var confirmed = await db.MeetingRegistrations.CountAsync(r => r.SiteId == siteId && r.Status == RegistrationStatus.Confirmed);
        var registration = new MeetingRegistration
        {
            MeetingId = meetingId,
            SiteId = siteId,
            PersonId = personId,
            Status = capacity is null || confirmed < capacity ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting,
            CreatedAt = clock.GetUtcNow(),
        };
        db.MeetingRegistrations.Add(registration);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same person's other request (a double click) registered them at another site a moment ago.
            return CommandResult.Refused("Meetings.AlreadyRegistered");
        }
        await transaction.CommitAsync();
        return CommandResult.Done(registration.Id);
    }

    /// <summary>Gives up the current person's seat (the first person waiting at that site takes it and is told) or their place in line.</summary>
    public async Task<CommandResult> CancelRegistrationAsync(Guid meetingId)
    {
        var (meeting, process) = await LoadAsync(meetingId, tracked: false);
        if (meeting is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (authorizer.PersonId is not { } personId)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        if (authorizer.OutsideMandate(process.Id))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        var registration = await db.MeetingRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.PersonId == personId);
        if (registration is null)
        {
            return CommandResult.Done();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await Seats.LockAsync(db, registration.SiteId);
        await db.MeetingRegistrations.Where(r => r.Id == registration.Id).ExecuteDeleteAsync();
        var promoted = await Seats.PromoteAsync(db, registration.SiteId);
        await mediation.RecordAsync(registration, MandateChange.Withdrawn);
        await transaction.CommitAsync();
        await seats.TellAsync(meeting.Id, promoted);
        return CommandResult.Done();
    }

    /// <summary>Records what happened: minutes, attendance per site and online, themes the experts could not cover.</summary>
    public async Task<CommandResult> RecordAsync(Guid meetingId, MeetingRecord record)
    {
        var (meeting, refusal) = await RunAsync(meetingId);
        if (meeting is null)
        {
            return refusal!;
        }
        if (record.Attendance.Values.Append(record.OnlineAttendance).Any(a => a is < 0 or > Meeting.AttendanceMax))
        {
            return CommandResult.Refused("Meetings.AttendanceInvalid");
        }
        var themes = await db.Themes.Where(t => t.ProcessId == meeting.ProcessId).Select(t => t.Id).ToListAsync();
        if (record.UncoveredThemes.Any(t => !themes.Contains(t)))
        {
            return CommandResult.Missing();
        }
        meeting.Minutes = record.Minutes.Trim();
        meeting.OnlineAttendance = meeting.HasLink ? record.OnlineAttendance : null;
        foreach (var site in meeting.Sites)
        {
            site.Attendance = record.Attendance.GetValueOrDefault(site.Id);
        }
        var uncovered = await db.UncoveredThemes.Where(u => u.MeetingId == meeting.Id).ToListAsync();
        db.UncoveredThemes.RemoveRange(uncovered.Where(u => !record.UncoveredThemes.Contains(u.ThemeId)));
        db.UncoveredThemes.AddRange(record.UncoveredThemes.Distinct().Where(t => uncovered.All(u => u.ThemeId != t))
            .Select(t => new UncoveredTheme { MeetingId = meeting.Id, ThemeId = t }));
        audit.Record("meeting.record", $"meeting:{meeting.Id}", meeting.Title);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two people saved the record at once: the first stands, and the second reads it again.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Meetings.RecordChangedMeanwhile");
        }
        return CommandResult.Done(meeting.Id);
    }

    /// <summary>A facilitator writes down what was said at a site; it belongs to the site, not to a person.</summary>
    public async Task<CommandResult> AddRemarkAsync(Guid meetingId, Guid? siteId, Guid? themeId, string remark)
    {
        var (meeting, refusal) = await RunAsync(meetingId, adding: true);
        if (meeting is null)
        {
            return refusal!;
        }
        var trimmed = remark.Trim();
        if (trimmed.Length == 0)
        {
            return CommandResult.Refused("Meetings.TextRequired");
        }
        if (trimmed.Length > MeetingRemark.TextMax)
        {
            return CommandResult.Refused("Validation.TooLong");
        }
        if (await OriginAsync(meeting, siteId, themeId) is not { } origin)
        {
            return CommandResult.Missing();
        }
        var item = new MeetingRemark
        {
            OrganisationId = meeting.OrganisationId,
            ProcessId = meeting.ProcessId,
            MeetingId = meeting.Id,
            SiteId = siteId,
            ThemeId = themeId,
            Text = trimmed,
            Channel = Channel.Meeting,
            Origin = origin,
            CreatedAt = clock.GetUtcNow(),
        };
        db.MeetingRemarks.Add(item);
        await db.SaveChangesAsync();
        return CommandResult.Done(item.Id);
    }

    /// <summary>
    /// "Site · Meeting" for what a site produced, null when the site or the theme is not the meeting's.
    /// Shared with questions collected at a meeting.
    /// </summary>
    internal async Task<string?> OriginAsync(Meeting meeting, Guid? siteId, Guid? themeId)
    {
        if (themeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme && t.ProcessId == meeting.ProcessId))
        {
            return null;
        }
        if (siteId is null)
        {
            return Clip(meeting.Title);
        }
        return meeting.Sites.FirstOrDefault(s => s.Id == siteId) is { } site ? Clip($"{site.Name} · {meeting.Title}") : null;

        static string Clip(string origin) => Excerpts.Clip(origin, Contribution.OriginMax);
    }

    /// <summary>The meeting, tracked, when the current person may run it (record what was said, the minutes); otherwise why not.</summary>
    internal async Task<(Meeting? Meeting, CommandResult? Refusal)> RunAsync(Guid meetingId, bool adding = false)
    {
        var (meeting, process) = await LoadAsync(meetingId);
        if (meeting is null || process is null)
        {
            return (null, CommandResult.Missing());
        }
        if (await authorizer.DecideAsync(MeetingsPermissions.Run, process, meeting.ComponentId) is var decision and not Decision.Allowed)
        {
            return (null, CommandResult.Refused(decision));
        }
        return adding && ProcessAccess.Closed(process) is { } closed ? (null, closed) : (meeting, null);
    }

    private static string? Invalid(MeetingDraft draft, IReadOnlyList<SiteDraft> sites)
    {
        if (draft.EndsAt <= draft.StartsAt)
        {
            return "Meetings.EndsBeforeStart";
        }
        var link = draft.OnlineLink?.Trim();
        if (draft.Mode != MeetingMode.InPerson && (string.IsNullOrEmpty(link)
            || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return "Meetings.LinkInvalid";
        }
        if (sites.Count == 0)
        {
            return "Meetings.SitesRequired";
        }
        return sites.Any(s => s.Capacity < 1) ? "Meetings.CapacityInvalid" : null;
    }

    private async Task<(Meeting? Meeting, Process? Process)> LoadAsync(Guid meetingId, bool tracked = true)
    {
        var query = db.Meetings.Include(m => m.Sites).Where(m => m.Id == meetingId && m.OrganisationId == organisation.Id);
        var meeting = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        var process = meeting is null ? null : await processes.FindAsync(meeting.ProcessId, MeetingsModule.Key, meeting.ComponentId);
        return (meeting, process);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Organisations;

public sealed record OrganisationSettings(string Name, string AccentColour, string DefaultCulture, string Charter, int RetentionMonths,
    string DataLicence = OpenData.Licences.Default);

/// <summary>An organisation's settings and who holds which role in it; administrators only, every change audited.</summary>
public sealed class OrganisationCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, ProcessJournal journal,
    IStringLocalizer<SharedText> text)
{
    /// <summary>
    /// Saves the settings. The charter is every process's: once one is published and still open, a change to it goes into
    /// each such process's journal with its reason (<paramref name="change"/>), as any change to a process does.
    /// </summary>
    public async Task<CommandResult> UpdateSettingsAsync(OrganisationSettings settings, ChangeReasonInput change)
    {
        var decision = await authorizer.DecideAsync(Permission.ManageOrganisation);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!Colours.IsReadableOnWhite(settings.AccentColour))
        {
            return CommandResult.Refused("Error.AccentContrast");
        }
        if (settings.DefaultCulture is not ("fr" or "en"))
        {
            return CommandResult.Refused("Error.Culture");
        }
        if (settings.RetentionMonths is < Organisation.RetentionMonthsMin or > Organisation.RetentionMonthsMax)
        {
            return CommandResult.Refused("Error.RetentionMonths");
        }
        if (OpenData.Licences.All.All(l => l.Key != settings.DataLicence))
        {
            return CommandResult.Refused("Error.DataLicence");
        }
        var stored = await db.Organisations.FirstAsync(o => o.Id == organisation.Id);
        var charter = settings.Charter.Trim();
        if (charter != stored.Charter)
        {
            foreach (var process in await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.Published && p.ClosedAt == null).ToListAsync())
            {
                if (await journal.RecordAsync(process, wasPublished: true, change, [new(text["Field.Charter"], stored.Charter, charter)]) is { } refused)
                {
                    return CommandResult.Refused(refused);
                }
            }
        }
        stored.Name = settings.Name.Trim();
        stored.AccentColour = settings.AccentColour.ToLowerInvariant();
        stored.DefaultCulture = settings.DefaultCulture;
        stored.Charter = charter;
        stored.RetentionMonths = settings.RetentionMonths;
        stored.DataLicence = settings.DataLicence;
        audit.Record("organisation.update", $"organisation:{stored.Id}", $"{stored.Name}; {stored.RetentionMonths} months; {stored.DataLicence}");
        await db.SaveChangesAsync();
        return CommandResult.Done(stored.Id);
    }

    /// <summary>
    /// Sets the logo (a PNG or a JPEG, by its first bytes, whatever its name) or, given none, removes it. The version the
    /// header's address carries changes with it.
    /// </summary>
    public async Task<CommandResult> SetLogoAsync(byte[]? logo)
    {
        var decision = await authorizer.DecideAsync(Permission.ManageOrganisation);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var mediaType = logo is null ? null : Text.Uploads.MediaTypeOf(logo);
        if (logo is not null && (logo.Length > OrganisationLogo.BytesMax || mediaType is not (Text.Uploads.Png or Text.Uploads.Jpeg)))
        {
            return CommandResult.Refused(logo.Length > OrganisationLogo.BytesMax ? "Error.LogoTooBig" : "Error.LogoType");
        }
        var stored = await db.Organisations.FirstAsync(o => o.Id == organisation.Id);
        var existing = await db.OrganisationLogos.FirstOrDefaultAsync(l => l.OrganisationId == organisation.Id);
        if (existing is not null)
        {
            db.OrganisationLogos.Remove(existing);
        }
        if (logo is not null)
        {
            db.OrganisationLogos.Add(new OrganisationLogo { OrganisationId = stored.Id, Bytes = logo, MediaType = mediaType! });
        }
        stored.LogoVersion = logo is null ? null : Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(logo));
        audit.Record(logo is null ? "organisation.logo.remove" : "organisation.logo", $"organisation:{stored.Id}", logo is null ? "" : $"{mediaType}; {logo.Length} bytes");
        await db.SaveChangesAsync();
        return CommandResult.Done(stored.Id);
    }

    /// <summary>Gives a role to the person with this pseudonym (never looked up by e-mail, which staff do not see).</summary>
    public async Task<CommandResult> GrantAsync(string pseudonym, Role role, Guid? processId)
    {
        var decision = await authorizer.DecideAsync(Permission.ManageRoles);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var person = await db.Users.FirstOrDefaultAsync(u => u.Pseudonym == pseudonym.Trim());
        if (person is null)
        {
            return CommandResult.Refused("Error.UnknownPseudonym");
        }
        if (processId is not null && !await db.Processes.AnyAsync(p => p.Id == processId && p.OrganisationId == organisation.Id))
        {
            return CommandResult.Missing();
        }
        if (role == Role.Participant || await db.RoleAssignments.AnyAsync(r =>
                r.PersonId == person.Id && r.OrganisationId == organisation.Id && r.ProcessId == processId && r.Role == role))
        {
            return CommandResult.Refused("Error.RoleExists");
        }
        db.RoleAssignments.Add(new RoleAssignment { PersonId = person.Id, OrganisationId = organisation.Id, ProcessId = processId, Role = role });
        audit.Record("role.grant", $"person:{person.Id}", $"{role} {processId?.ToString() ?? "organisation"}");
        await db.SaveChangesAsync();
        return CommandResult.Done(person.Id);
    }

    /// <summary>
    /// Verifies that the account with this pseudonym speaks for an organisation: its contributions then carry the
    /// body's badge and declaration of interest. Saying it again changes what the badge says.
    /// </summary>
    public async Task<CommandResult> VerifyVoiceAsync(string pseudonym, string name, VoiceKind kind, string interests)
    {
        var decision = await authorizer.DecideAsync(Permission.ManageRoles);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        (name, interests) = (name.Trim(), interests.Trim());
        var problem = name.Length is < 2 or > OrganisationVoice.NameMax ? "Error.VoiceName"
            : interests.Length > OrganisationVoice.InterestsMax ? "Error.VoiceInterests"
            : !Enum.IsDefined(kind) ? "Error.VoiceKind"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var person = await db.Users.FirstOrDefaultAsync(u => u.Pseudonym == pseudonym.Trim());
        if (person is null)
        {
            return CommandResult.Refused("Error.UnknownPseudonym");
        }
        var voice = await db.OrganisationVoices.FirstOrDefaultAsync(v => v.PersonId == person.Id && v.OrganisationId == organisation.Id);
        if (voice is null)
        {
            voice = new OrganisationVoice { PersonId = person.Id, OrganisationId = organisation.Id, Name = name };
            db.OrganisationVoices.Add(voice);
        }
        (voice.Name, voice.Kind, voice.Interests, voice.VerifiedAt, voice.VerifiedById) = (name, kind, interests, DateTimeOffset.UtcNow, authorizer.PersonId);
        audit.Record("voice.verify", $"person:{person.Id}", $"{kind} {name}");
        await db.SaveChangesAsync();
        return CommandResult.Done(person.Id);
    }

    /// <summary>The account speaks for itself again; what it wrote no longer carries the badge.</summary>
    public async Task<CommandResult> WithdrawVoiceAsync(Guid personId)
    {
        var decision = await authorizer.DecideAsync(Permission.ManageRoles);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (await db.OrganisationVoices.Where(v => v.PersonId == personId && v.OrganisationId == organisation.Id).ExecuteDeleteAsync() == 0)
        {
            return CommandResult.Missing();
        }
        audit.Record("voice.withdraw", $"person:{personId}");
        await db.SaveChangesAsync();
        return CommandResult.Done(personId);
    }

    /// <summary>Removes a role; the last administrator cannot be removed, so the organisation is never left without one.</summary>
    public async Task<CommandResult> RevokeAsync(Guid assignmentId)
    {
        var decision = await authorizer.DecideAsync(Permission.ManageRoles);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == assignmentId && r.OrganisationId == organisation.Id);
        if (assignment is null)
        {
            return CommandResult.Missing();
        }
        if (assignment is { Role: Role.Administrator, ProcessId: null }
            && await db.RoleAssignments.CountAsync(r => r.OrganisationId == organisation.Id && r.ProcessId == null && r.Role == Role.Administrator) == 1)
        {
            return CommandResult.Refused("Error.LastAdministrator");
        }
        db.RoleAssignments.Remove(assignment);
        audit.Record("role.revoke", $"person:{assignment.PersonId}", $"{assignment.Role} {assignment.ProcessId?.ToString() ?? "organisation"}");
        await db.SaveChangesAsync();
        return CommandResult.Done(assignment.Id);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Kernel.Mediation;

/// <summary>The kernel's mediation pages: where a mediator works, and the page that ends acting for someone.</summary>
public static class MediationPages
{
    public const string Home = "/mediation";
    public const string Stop = "/mediation/stop";

    public static string Mandate(Guid id) => $"/mediation/mandates/{id}";
}

/// <summary>What a mandate says, as the forms that write one ask it.</summary>
/// <param name="StructureId">The structure whose mediators act.</param>
/// <param name="ProcessId">The process it is for; null for all.</param>
/// <param name="Allows">What it allows.</param>
/// <param name="Duration">How long it lasts.</param>
public sealed record MandateTerms(Guid StructureId, Guid? ProcessId, MandateAllows Allows, MandateDuration Duration);

/// <summary>
/// Structures and their mediators (declared by administrators), mandates (written with the person, acting once their
/// consent is recorded, revoked at once by them or at their request), accounts held for people without one, and the
/// sessions in which a mediator acts. Every step is in the audit log.
/// </summary>
public sealed class MediationCommands(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    ActingCookie cookie, IHttpContextAccessor http, Notifier notifier)
{
    /// <summary>Mandates one mediator opens in a day beyond which the organisation's administrators are told, and the day flagged.</summary>
    public const int UnusualPerDay = 10;

    private ParvisDbContext Db => database.Context;

    /// <summary>The mandate the current request acts under, if a mediator acts for someone.</summary>
    public ActingUnderMandate? Acting => ActingUnderMandate.Of(http.HttpContext);

    /// <summary>
    /// Journals what a command wrote outside this request's unit of work (a batched writer's, an update in one
    /// statement), when a mediator acts: what goes through the context is journaled by <see cref="MediationInterceptor"/>.
    /// </summary>
    public async Task RecordAsync(IPersonAct act, MandateChange change = MandateChange.Added)
    {
        if (Acting is { } acting)
        {
            Db.MandateActs.Add(acting.ActOf(act, clock.GetUtcNow(), change));
            await Db.SaveChangesAsync();
        }
    }

    /// <summary>Journals an act once a day and subject (taking part in an opinion map), when its lines must not count what was done.</summary>
    public async Task RecordOnceADayAsync(IPersonAct act)
    {
        if (Acting is { } acting && acting.ActOf(act, clock.GetUtcNow()) is var line
            && !await Db.MandateActs.AnyAsync(a => a.MandateId == line.MandateId && a.Kind == line.Kind && a.SubjectId == line.SubjectId && a.At == line.At))
        {
            Db.MandateActs.Add(line);
            await Db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Whether the mediator acting now may act in this vote or petition: each acts for at most the organisation's
    /// number of people in each (the person already counted may act again, for what the module allows).
    /// </summary>
    public async Task<bool> WithinLimitAsync(Guid subjectId)
    {
        if (Acting is not { } acting)
        {
            return true;
        }
        var limit = organisation.Value.PeoplePerMediator;
        var helped = await Db.MandateActs.Where(a => a.MediatorId == acting.MediatorId && a.SubjectId == subjectId).Select(a => a.PersonId).Distinct().ToListAsync();
        return helped.Contains(acting.PersonId) || helped.Count < limit;
    }

    public async Task<CommandResult> AddStructureAsync(string name, StructureKind kind)
    {
        if (await authorizer.DecideAsync(Permission.ManageOrganisation) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        name = name.Trim();
        if (await Db.MediationStructures.AnyAsync(s => s.OrganisationId == organisation.Id && s.Name == name))
        {
            return CommandResult.Refused("Mediation.StructureExists");
        }
        var structure = new MediationStructure { OrganisationId = organisation.Id, Name = name, Kind = kind, CreatedAt = clock.GetUtcNow() };
        Db.MediationStructures.Add(structure);
        audit.Record("mediation.structure.add", $"structure:{structure.Id}", name);
        await Db.SaveChangesAsync();
        return CommandResult.Done(structure.Id);
    }

    public const int LimitMax = 1_000;

    /// <summary>Sets how many people one mediator may act for in one vote or petition.</summary>
    public async Task<CommandResult> SetLimitAsync(int people)
    {
        if (await authorizer.DecideAsync(Permission.ManageOrganisation) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (people is < 1 or > LimitMax)
        {
            return CommandResult.Refused("Mediation.LimitRange");
        }
        var stored = await Db.Organisations.FirstAsync(o => o.Id == organisation.Id);
        stored.PeoplePerMediator = people;
        audit.Record("mediation.limit", $"organisation:{stored.Id}", people.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Db.SaveChangesAsync();
        return CommandResult.Done();
    }

    /// <summary>Gives a person (found by pseudonym) the mediator role in a structure.</summary>
    public async Task<CommandResult> AddMediatorAsync(Guid structureId, string pseudonym)
    {
        if (await authorizer.DecideAsync(Permission.ManageOrganisation) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!await Db.MediationStructures.AnyAsync(s => s.Id == structureId && s.OrganisationId == organisation.Id))
        {
            return CommandResult.Missing();
        }
        var personId = await Db.Users.Where(u => u.Pseudonym == pseudonym.Trim() && u.Email != null).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        if (personId is null)
        {
            return CommandResult.Refused("Admin.UnknownPseudonym");
        }
        if (await Db.Mediators.AnyAsync(m => m.StructureId == structureId && m.PersonId == personId))
        {
            return CommandResult.Refused("Mediation.AlreadyMediator");
        }
        Db.Mediators.Add(new Mediator { OrganisationId = organisation.Id, StructureId = structureId, PersonId = personId.Value, AddedAt = clock.GetUtcNow() });
        audit.Record("mediation.mediator.add", $"structure:{structureId}", $"person:{personId}");
        await Db.SaveChangesAsync();
        return CommandResult.Done();
    }

    /// <summary>Takes the role back: sessions they had running under the structure's mandates end at their next page.</summary>
    public async Task<CommandResult> RemoveMediatorAsync(Guid mediatorId)
    {
        if (await authorizer.DecideAsync(Permission.ManageOrganisation) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var mediator = await Db.Mediators.FirstOrDefaultAsync(m => m.Id == mediatorId && m.OrganisationId == organisation.Id);
        if (mediator is null)
        {
            return CommandResult.Missing();
        }
        Db.Mediators.Remove(mediator);
        audit.Record("mediation.mediator.remove", $"structure:{mediator.StructureId}", $"person:{mediator.PersonId}");
        await Db.SaveChangesAsync();
        return CommandResult.Done();
    }

    /// <summary>The structures the current person mediates for.</summary>
    public async Task<IReadOnlyList<MediationStructure>> MyStructuresAsync() =>
        authorizer.PersonId is not { } me ? [] : await Db.MediationStructures.AsNoTracking()
            .Where(s => s.OrganisationId == organisation.Id && Db.Mediators.Any(m => m.StructureId == s.Id && m.PersonId == me))
            .OrderBy(s => s.Name).ToListAsync();

    private Task<bool> MediatesForAsync(Guid structureId) =>
        authorizer.PersonId is { } me ? Db.Mediators.AnyAsync(m => m.StructureId == structureId && m.PersonId == me && m.OrganisationId == organisation.Id)
            : Task.FromResult(false);

    /// <summary>
    /// Opens an account held for someone without one (a pseudonym, no e-mail address) and writes their mandate, which
    /// acts once their consent is recorded.
    /// </summary>
    public async Task<CommandResult> OpenHeldAccountAsync(string pseudonym, MandateTerms terms)
    {
        if (!await MediatesForAsync(terms.StructureId))
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        if (await TermsProblemAsync(terms) is { } problem)
        {
            return CommandResult.Refused(problem);
        }
        pseudonym = pseudonym.Trim();
        if (await Db.Users.AnyAsync(p => p.Pseudonym == pseudonym))
        {
            return CommandResult.Refused("Account.PseudonymTaken");
        }
        var now = clock.GetUtcNow();
        var person = new Person { Pseudonym = pseudonym, CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N") };
        // Never signed in with: a name only the server uses, until the person claims the account with an address of theirs.
        person.UserName = $"held-{person.Id:N}";
        person.NormalizedUserName = person.UserName.ToUpperInvariant();
        Db.Users.Add(person);
        Db.HeldAccounts.Add(new HeldAccount { PersonId = person.Id, OrganisationId = organisation.Id, StructureId = terms.StructureId, CodeHash = [], CreatedAt = now });
        var mandate = NewMandate(person.Id, terms, now);
        audit.Record("mediation.account.open", $"mandate:{mandate.Id}");
        await TellIfUnusualAsync(terms.StructureId, now);
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same name taken a moment ago (the form sent twice, another desk): nothing of this one is kept.
            Db.ChangeTracker.Clear();
            return CommandResult.Refused("Account.PseudonymTaken");
        }
        return CommandResult.Done(mandate.Id);
    }

    /// <summary>
    /// Tells the administrators, once a day and mediator, when the mandate being opened is one more than a mediator
    /// usually opens in a day: many accounts opened at once may be people enrolled without their consent.
    /// </summary>
    private async Task TellIfUnusualAsync(Guid structureId, DateTimeOffset now)
    {
        var me = authorizer.PersonId!.Value;
        var local = now.ToLocalTime();
        var dayStart = new DateTimeOffset(local.Date, local.Offset);
        var before = await Db.Mandates.CountAsync(m => m.OrganisationId == organisation.Id && m.CreatedById == me && m.PersonId != me && m.CreatedAt >= dayStart);
        if (before != UnusualPerDay)
        {
            return;
        }
        // The structure is named, not the mediator: news and mails keep it after the mediator's account is gone; the
        // mediation page, which names them, reads their pseudonym as it is then.
        var structure = await Db.MediationStructures.Where(s => s.Id == structureId).Select(s => s.Name).FirstAsync();
        var administrators = await Db.RoleAssignments.Where(r => r.OrganisationId == organisation.Id && r.Role == Role.Administrator && r.ProcessId == null)
            .Select(r => r.PersonId).Distinct().ToListAsync();
        await notifier.RaiseAsync(new Notice(KernelNotifications.MediationUnusual, organisation.Id, null, structureId, structure, "/admin/mediation",
            structure, (UnusualPerDay + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            AboutYou = administrators,
        });
    }

    /// <summary>The person, from their own page, asks a structure to help them: a mediator records their consent in person.</summary>
    public async Task<CommandResult> AskAsync(MandateTerms terms)
    {
        if (authorizer.PersonId is not { } me)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        if (!await Db.MediationStructures.AnyAsync(s => s.Id == terms.StructureId && s.OrganisationId == organisation.Id))
        {
            return CommandResult.Refused("Mediation.UnknownStructure");
        }
        if (await TermsProblemAsync(terms) is { } problem)
        {
            return CommandResult.Refused(problem);
        }
        var mandate = NewMandate(me, terms, clock.GetUtcNow());
        await Db.SaveChangesAsync();
        return CommandResult.Done(mandate.Id);
    }

    private async Task<string?> TermsProblemAsync(MandateTerms terms)
    {
        if ((terms.Allows & ~(MandateAllows.Explain | MandateAllows.ContributeWith | MandateAllows.ContributeFor | MandateAllows.VoteFor)) != 0
            || terms.Allows == MandateAllows.None)
        {
            return "Mediation.AllowsNothing";
        }
        if (!Enum.IsDefined(terms.Duration))
        {
            return "Mediation.DurationNeeded";
        }
        if (terms.ProcessId is { } processId && !await Db.Processes.AnyAsync(p => p.Id == processId && p.OrganisationId == organisation.Id && p.Published && p.ClosedAt == null))
        {
            return "Mediation.UnknownProcess";
        }
        return terms.Duration == MandateDuration.Process && terms.ProcessId is null ? "Mediation.ProcessNeeded" : null;
    }

    private Mandate NewMandate(Guid personId, MandateTerms terms, DateTimeOffset now)
    {
        var mandate = new Mandate
        {
            OrganisationId = organisation.Id, PersonId = personId, StructureId = terms.StructureId, ProcessId = terms.ProcessId, Allows = terms.Allows,
            Duration = terms.Duration, ConsentTextVersion = Mandate.ConsentVersion, CreatedById = authorizer.PersonId!.Value, CreatedAt = now,
        };
        Db.Mandates.Add(mandate);
        return mandate;
    }

    /// <summary>
    /// A mediator of the structure records the consent given in person: the signed attestation, from then on the
    /// mandate acts; or an oral consent before a second mediator of the structure (by pseudonym), acting once they confirm.
    /// </summary>
    public async Task<CommandResult> RecordConsentAsync(Guid mandateId, ConsentForm? form, string? witness)
    {
        var mandate = await Db.Mandates.FirstOrDefaultAsync(m => m.Id == mandateId && m.OrganisationId == organisation.Id);
        if (mandate is null)
        {
            return CommandResult.Missing();
        }
        if (!await MediatesForAsync(mandate.StructureId) || mandate.PersonId == authorizer.PersonId)
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        if (mandate.ConsentRecordedAt is not null || mandate.RevokedAt is not null)
        {
            return CommandResult.Refused("Mediation.ConsentAlready");
        }
        if (form is not { } given || !Enum.IsDefined(given))
        {
            return CommandResult.Refused("Mediation.ConsentNeeded");
        }
        Guid? witnessId = null;
        if (given == ConsentForm.WitnessedOral)
        {
            witnessId = await Db.Mediators.Where(m => m.StructureId == mandate.StructureId && m.PersonId != authorizer.PersonId && m.PersonId != mandate.PersonId
                    && Db.Users.Any(u => u.Id == m.PersonId && u.Pseudonym == (witness ?? "").Trim()))
                .Select(m => (Guid?)m.PersonId).FirstOrDefaultAsync();
            if (witnessId is null)
            {
                return CommandResult.Refused("Mediation.WitnessNeeded");
            }
        }

        var now = clock.GetUtcNow();
        (mandate.Consent, mandate.WitnessId, mandate.ConsentRecordedAt, mandate.ConsentRecordedById) = (given, witnessId, now, authorizer.PersonId);
        mandate.ExpiresAt = Mandate.EndOf(mandate.Duration, now);
        audit.Record("mediation.consent", $"mandate:{mandate.Id}", witnessId is null ? given.ToString() : $"{given}; person:{witnessId}");
        await Db.SaveChangesAsync();
        return CommandResult.Done(mandate.Id);
    }

    /// <summary>
    /// The second mediator confirms, from their own account, that they heard the oral consent recorded with their name:
    /// a mediator cannot name a colleague as witness behind their back.
    /// </summary>
    public async Task<CommandResult> ConfirmWitnessAsync(Guid mandateId)
    {
        var mandate = await Db.Mandates.FirstOrDefaultAsync(m => m.Id == mandateId && m.OrganisationId == organisation.Id);
        if (mandate is null || mandate.WitnessId is null || mandate.WitnessId != authorizer.PersonId)
        {
            return CommandResult.Missing();
        }
        if (!await MediatesForAsync(mandate.StructureId))
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        var now = clock.GetUtcNow();
        if (mandate.WitnessConfirmedAt is not null || mandate.RevokedAt is not null || mandate.ExpiresAt <= now)
        {
            return CommandResult.Refused("Mediation.ConsentAlready");
        }
        mandate.WitnessConfirmedAt = now;
        audit.Record("mediation.witness", $"mandate:{mandate.Id}");
        await Db.SaveChangesAsync();
        return CommandResult.Done(mandate.Id);
    }

    /// <summary>Ends a mandate at once: by the person, or by a mediator of the structure at their request. Sessions under it end.</summary>
    public async Task<CommandResult> RevokeAsync(Guid mandateId)
    {
        var mandate = await Db.Mandates.FirstOrDefaultAsync(m => m.Id == mandateId && m.OrganisationId == organisation.Id);
        if (mandate is null)
        {
            return CommandResult.Missing();
        }
        if (mandate.PersonId != authorizer.PersonId && !await MediatesForAsync(mandate.StructureId))
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        if (mandate.RevokedAt is not null)
        {
            return CommandResult.Done(mandate.Id);
        }
        var now = clock.GetUtcNow();
        (mandate.RevokedAt, mandate.RevokedById) = (now, authorizer.PersonId);
        await Db.MediationSessions.Where(s => s.MandateId == mandate.Id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
        audit.Record("mediation.revoke", $"mandate:{mandate.Id}", mandate.PersonId == authorizer.PersonId ? "person" : "mediator");
        await Db.SaveChangesAsync();
        return CommandResult.Done(mandate.Id);
    }

    /// <summary>
    /// A mediator starts acting under a live mandate of their structure, in the mode it allows: from the next page
    /// the site sees the person, and every page says so.
    /// </summary>
    public async Task<CommandResult> StartAsync(Guid mandateId, MediationMode mode)
    {
        var mandate = await Db.Mandates.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mandateId && m.OrganisationId == organisation.Id);
        if (mandate is null)
        {
            return CommandResult.Missing();
        }
        if (authorizer.PersonId is not { } me || me == mandate.PersonId || !await MediatesForAsync(mandate.StructureId))
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        var now = clock.GetUtcNow();
        if (!mandate.ActsAt(now) || (mandate.Duration == MandateDuration.Process && await Db.Processes.AnyAsync(p => p.Id == mandate.ProcessId && p.ClosedAt != null)))
        {
            return CommandResult.Refused("Mediation.NotActing");
        }
        if (!ModesOf(mandate.Allows).Contains(mode))
        {
            return CommandResult.Refused("Mediation.ModeNotAllowed");
        }
        // A mandate for one session has one: it ends with it, or within the day should the mediator never come back.
        if (mandate.Duration == MandateDuration.Session)
        {
            if (await Db.MediationSessions.AnyAsync(s => s.MandateId == mandate.Id))
            {
                return CommandResult.Refused("Mediation.NotActing");
            }
            await Db.Mandates.Where(m => m.Id == mandate.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, now.Add(SessionMandateLimit)));
        }
        var session = new MediationSession { MandateId = mandate.Id, MediatorId = me, Mode = mode, StartedAt = now, LastSeenAt = now };
        Db.MediationSessions.Add(session);
        audit.Record("mediation.start", $"mandate:{mandate.Id}", mode.ToString());
        await Db.SaveChangesAsync();
        cookie.Set(http.HttpContext!, session.Id);
        return CommandResult.Done(session.Id);
    }

    /// <summary>The longest a mandate for one session lasts.</summary>
    public static readonly TimeSpan SessionMandateLimit = TimeSpan.FromHours(12);

    /// <summary>How a mediator may act under a mandate allowing this: explaining always; with the person, or for them (to vote too).</summary>
    public static IReadOnlyList<MediationMode> ModesOf(MandateAllows allows) =>
    [
        MediationMode.Explain,
        .. allows.HasFlag(MandateAllows.ContributeWith) ? [MediationMode.With] : Array.Empty<MediationMode>(),
        .. (allows & (MandateAllows.ContributeFor | MandateAllows.VoteFor)) != 0 ? [MediationMode.For] : Array.Empty<MediationMode>(),
    ];

    /// <summary>The mediator stops acting: they are themselves again from the next page.</summary>
    public async Task StopAsync()
    {
        if (ActingUnderMandate.Of(http.HttpContext) is { } acting)
        {
            await EndSessionAsync(Db, acting.SessionId, clock.GetUtcNow());
        }
        cookie.Clear(http.HttpContext!);
    }

    /// <summary>Ends a session; a mandate for one session ends with it.</summary>
    public static async Task EndSessionAsync(ParvisDbContext db, Guid sessionId, DateTimeOffset now)
    {
        await db.MediationSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
        // Its start set the day's limit: the end comes now, not at that limit.
        await db.Mandates.Where(m => m.Duration == MandateDuration.Session && (m.ExpiresAt == null || m.ExpiresAt > now) && db.MediationSessions.Any(s => s.Id == sessionId && s.MandateId == m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, now));
    }

    /// <summary>
    /// A new code for a held account, printed on the attestation: the person types it with an address of theirs to make
    /// the account their own. Any earlier code stops working.
    /// </summary>
    public async Task<string?> NewClaimCodeAsync(Guid mandateId)
    {
        var now = clock.GetUtcNow();
        // Only under a mandate that still stands: a revoked or ended one gives the structure no hold on the account.
        var held = await Db.Mandates.Where(m => m.Id == mandateId && m.OrganisationId == organisation.Id && m.RevokedAt == null && (m.ExpiresAt == null || m.ExpiresAt > now))
            .Join(Db.HeldAccounts, m => m.PersonId, h => h.PersonId, (m, h) => h)
            .Where(h => Db.Users.Any(p => p.Id == h.PersonId && !p.EmailConfirmed)).FirstOrDefaultAsync();
        if (held is null || !await MediatesForAsync(held.StructureId))
        {
            return null;
        }
        var code = ClaimCodes.New();
        held.CodeHash = ClaimCodes.Hash(code);
        audit.Record("mediation.account.code", $"mandate:{mandateId}");
        await Db.SaveChangesAsync();
        return code;
    }
}

/// <summary>Claim codes: twelve characters from an alphabet without look-alikes, read from paper and typed by hand.</summary>
public static class ClaimCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, HeldAccount.CodeLength);

    /// <summary>As typed: spaces, dashes and case do not matter.</summary>
    public static string Normalise(string typed) => new([.. typed.ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c != '-')]);

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code)));

    /// <summary>In groups of four, as printed.</summary>
    public static string Printed(string code) => string.Join('-', code.Chunk(4).Select(c => new string(c)));
}

/// <summary>The acting cookie: the session it names, protected so that only the server can write one.</summary>
public sealed class ActingCookie(IDataProtectionProvider protection)
{
    public const string Name = "parvis-acting";

    private readonly IDataProtector _protector = protection.CreateProtector("Parvis.Mediation.Acting");

    public void Set(HttpContext context, Guid sessionId) =>
        context.Response.Cookies.Append(Name, _protector.Protect(sessionId.ToString("N")),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(Name);

    public Guid? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var raw))
        {
            return null;
        }
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(raw), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

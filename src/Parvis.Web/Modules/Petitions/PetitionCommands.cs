using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Email;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Petitions;

/// <summary>
/// A petition as its author writes it: a title, a text, its demands (one per item, each answered on its own) and the
/// pseudonyms of the other members of its promoter committee (the author is one).
/// </summary>
public sealed record PetitionDraft(string Title, string Text, IReadOnlyList<string> Demands, IReadOnlyList<string> Committee);

/// <summary>The answer to one demand, and whether it takes the demand up as an action followed in the results.</summary>
public sealed record DemandAnswer(Guid DemandId, string Answer, bool MakeAction);

public sealed record PetitionAnswer(IReadOnlyList<DemandAnswer> Demands, string NextSteps);

/// <summary>Every write of the petitions module, each checked against its permission and the petition's stage.</summary>
public sealed class PetitionCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes,
    FateCommands fates, SynthesisCommands synthesis, IStringLocalizer<SharedText> text, IEmailSender email, Notifier notifier, ProcessJournal journal,
    MediationCommands mediation, Throttles throttles)
{
    /// <summary>One message a minute to an address signing a petition, whatever it holds: nobody floods a mailbox from its page.</summary>
    public static readonly Throttle CodeMail = new("petitions-code", 1, 60);

    /// <summary>Who hears of what happens to a petition: its committee and those who signed it with their account.</summary>
    private IQueryable<Guid> Involved(Guid petitionId) =>
        db.CommitteeMembers.Where(m => m.PetitionId == petitionId).Select(m => m.PersonId)
            .Union(db.PetitionSignatures.Where(s => s.PetitionId == petitionId && s.PersonId != null).Select(s => s.PersonId!.Value));

    /// <summary>How long a code sent to sign without an account can be typed.</summary>
    public static readonly TimeSpan CodeLife = TimeSpan.FromMinutes(30);

    public const int MostDemands = 20;

    /// <summary>A committee is named in one go: more than this is not a committee any more.</summary>
    public const int MostCommittee = 50;

    /// <summary>
    /// A new petition, its author the first member of its committee. The committee's size is the organisation's minimum
    /// for everyone, staff included; the pseudonyms nobody holds are named back and nothing is stored.
    /// </summary>
    public async Task<(CommandResult Result, IReadOnlyList<string> Unknown)> WriteAsync(Guid processId, PetitionDraft draft)
    {
        if (await AllowedAsync(processId, PetitionsPermissions.Write) is { } refusal)
        {
            return (refusal, []);
        }
        var (title, body) = (draft.Title.Trim(), draft.Text.Trim());
        var demands = draft.Demands.Select(d => d.Trim()).Where(d => d.Length > 0).ToList();
        var pseudonyms = draft.Committee.Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var problem = (title.Length, body.Length) switch
        {
            (< 5 or > Petition.TitleMax, _) => "Petitions.TitleLength",
            (_, < 20 or > Petition.TextMax) => "Petitions.TextLength",
            _ when demands.Count is 0 or > MostDemands => "Petitions.DemandCount",
            _ when demands.Any(d => d.Length is < 5 or > PetitionDemand.TextMax) => "Petitions.DemandLength",
            _ when pseudonyms.Count > MostCommittee => "Petitions.CommitteeTooLarge",
            _ => null,
        };
        if (problem is not null)
        {
            return (CommandResult.Refused(problem), []);
        }
        var people = await db.Users.Where(p => pseudonyms.Contains(p.Pseudonym)).Select(p => new { p.Id, p.Pseudonym }).ToListAsync();
        var unknown = pseudonyms.Except(people.Select(p => p.Pseudonym), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return (CommandResult.Refused("Petitions.CommitteeUnknown"), unknown);
        }
        var author = authorizer.PersonId!.Value;
        var members = people.Select(p => p.Id).Where(id => id != author).Distinct().ToList();
        var process = await processes.FindAsync(processId, PetitionsModule.Key);
        var rules = await db.RulesOf(process!.Component(PetitionsModule.Key)!.Id);
        if (members.Count + 1 < rules.CommitteeMinimum)
        {
            return (CommandResult.Refused("Petitions.CommitteeTooSmall"), []);
        }
        var now = clock.GetUtcNow();
        var petition = new Petition
        {
            OrganisationId = organisation.Id, ProcessId = processId, AuthorId = author, Title = title, Text = body, CreatedAt = now,
        };
        db.Petitions.Add(petition);
        db.PetitionDemands.AddRange(demands.Select((d, i) => new PetitionDemand { PetitionId = petition.Id, Number = i + 1, Text = d }));
        db.CommitteeMembers.Add(new CommitteeMember { PetitionId = petition.Id, PersonId = author, ConfirmedAt = now });
        db.CommitteeMembers.AddRange(members.Select(m => new CommitteeMember { PetitionId = petition.Id, PersonId = m }));
        // Where the organisation asks for one member, the author is enough: the committee is complete at once.
        if (rules.CommitteeMinimum <= 1)
        {
            (petition.Stage, petition.SubmittedAt) = (PetitionStage.Review, now);
        }
        await db.SaveChangesAsync();
        return (CommandResult.Done(petition.Id), []);
    }

    /// <summary>A named member confirms; once the committee is complete (at the organisation's minimum), it goes to review.</summary>
    public async Task<CommandResult> ConfirmAsync(Guid petitionId)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (authorizer.PersonId is not { } person)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        if (OutsideMandate(petition))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        var now = clock.GetUtcNow();
        // The confirmation, the stage it may complete and the mediator's journal line together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.CommitteeMembers.Where(m => m.PetitionId == petitionId && m.PersonId == person && m.ConfirmedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ConfirmedAt, now)) == 0)
        {
            // Confirmed already (a second press), or not named at all.
            return await db.CommitteeMembers.AnyAsync(m => m.PetitionId == petitionId && m.PersonId == person)
                ? CommandResult.Done(petitionId) : CommandResult.Refused("Petitions.NotNamed");
        }
        await CommitteeAsync(petitionId, await RulesOfAsync(petition));
        await mediation.RecordAsync(new CommitteeSeat(petitionId));
        await transaction.CommitAsync();
        return CommandResult.Done(petitionId);
    }

    /// <summary>A person named on a committee they do not want to be on takes their name off, while it is forming.</summary>
    public async Task<CommandResult> DeclineAsync(Guid petitionId)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (authorizer.PersonId is not { } person)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        if (OutsideMandate(petition))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        if (petition.Stage != PetitionStage.Committee || petition.AuthorId == person)
        {
            return CommandResult.Refused("Petitions.CannotDecline");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.CommitteeMembers.Where(m => m.PetitionId == petitionId && m.PersonId == person && m.ConfirmedAt == null).ExecuteDeleteAsync() == 0)
        {
            return CommandResult.Refused("Petitions.CannotDecline");
        }
        await mediation.RecordAsync(new CommitteeSeat(petitionId), MandateChange.Withdrawn);
        await transaction.CommitAsync();
        return CommandResult.Done(petitionId);
    }

    /// <summary>Staff's admissibility check against the charter: open to signatures, or refused with a public reason (its fate).</summary>
    public async Task<CommandResult> ReviewAsync(Guid petitionId, bool admissible, string reason)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (await AllowedAsync(petition.ProcessId, PetitionsPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        reason = reason.Trim();
        var problem = petition.Stage != PetitionStage.Review ? "Petitions.NotInReview"
            : !admissible && reason.Length == 0 ? "Petitions.ReasonNeeded"
            : reason.Length > Petition.ReasonMax ? "Petitions.ReasonLength"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        // Two reviewers at once: one decides, the other is told it is no longer in review.
        var (stage, now) = (admissible ? PetitionStage.Signing : PetitionStage.Refused, clock.GetUtcNow());
        // Refused with its public fate, or not at all: out of review, it could not be refused again to give the fate.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Petitions.Where(p => p.Id == petitionId && p.Stage == PetitionStage.Review)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stage, stage).SetProperty(p => p.ReviewedAt, now).SetProperty(p => p.RefusalReason, admissible ? "" : reason)) == 0)
        {
            return CommandResult.Refused("Petitions.NotInReview");
        }
        audit.Record("petition.review", $"petition:{petition.Id}", stage.ToString());
        await db.SaveChangesAsync();
        var decided = admissible ? CommandResult.Done(petition.Id) : await fates.DecideAsync(petition.Id, new FateInput(Fate.NotRetained, reason));
        if (decided.Succeeded)
        {
            await transaction.CommitAsync();
        }
        else
        {
            // Rolled back: nothing of this request is to be saved later.
            db.ChangeTracker.Clear();
        }
        return decided;
    }

    /// <summary>
    /// Signs once: the database refuses a second signature, and signing again says the same as the first time, so that
    /// the answer never tells whether someone had signed. The threshold is checked in the same breath.
    /// </summary>
    public async Task<CommandResult> SignAsync(Guid petitionId, bool shown)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (await AllowedAsync(petition.ProcessId, PetitionsPermissions.Sign) is { } refusal)
        {
            return refusal;
        }
        if (petition.Stage is not (PetitionStage.Signing or PetitionStage.AwaitingAnswer))
        {
            return CommandResult.Refused("Petitions.NotOpen");
        }
        if (!await mediation.WithinLimitAsync(petitionId))
        {
            return CommandResult.Refused("Mediation.LimitReached");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.PetitionSignatures.Add(new PetitionSignature { PetitionId = petitionId, PersonId = authorizer.PersonId, SignedAt = clock.GetUtcNow(), Shown = shown });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                return CommandResult.Done(petitionId);
            }
            await db.Petitions.Where(p => p.Id == petitionId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OnlineSignatures, p => p.OnlineSignatures + 1));
            await transaction.CommitAsync();
        }
        await ThresholdAsync(petition);
        return CommandResult.Done(petitionId);
    }

    /// <summary>
    /// Signing without an account, where the organisation allows it: a name and a postcode (kept for the council's checks,
    /// never shown) and an e-mail address that receives a code to type on the page. An address that has signed already
    /// receives a message saying so instead of a code, and the page answers the same: nobody learns who signed.
    /// </summary>
    /// <returns>The pending signature the code is typed against.</returns>
    public async Task<CommandResult> RequestCodeAsync(Guid petitionId, string name, string postcode, string address)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (await SigningWithoutAccountAsync(petition) is { } refusal)
        {
            return refusal;
        }
        if (authorizer.PersonId is not null)
        {
            // An account signs as itself: a code besides would count the same person twice.
            return CommandResult.Refused("Petitions.SignWithAccount");
        }
        (name, postcode) = (name.Trim(), postcode.Trim().ToUpperInvariant());
        address = Kernel.Email.MailAddresses.Bare(address) ?? "";
        var problem = name.Length is < 2 or > PetitionSignature.NameMax ? "Petitions.NameLength"
            : !_postcodes.IsMatch(postcode) ? "Petitions.Postcode"
            : address.Length == 0 ? "Petitions.Email"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var now = clock.GetUtcNow();
        var key = EmailKey(petitionId, address);
        var code = RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        // One message a minute at most to an address: the pending codes say so across restarts and nodes, the throttle
        // for requests at the same moment, which would all find none yet.
        if (await db.PendingSignatures.AnyAsync(p => p.PetitionId == petitionId && p.EmailKey == key && p.ExpiresAt > now + CodeLife - TimeSpan.FromMinutes(1))
            || !await throttles.TryAsync(CodeMail, key, CancellationToken.None))
        {
            return CommandResult.Refused("Petitions.CodeJustSent");
        }
        var pending = new PendingSignature
        {
            PetitionId = petitionId, EmailKey = key, Name = name, Postcode = postcode, CodeHash = "", ExpiresAt = now + CodeLife,
            AlreadySigned = await db.PetitionSignatures.AnyAsync(s => s.PetitionId == petitionId && s.EmailKey == key),
        };
        pending.CodeHash = CodeHash(pending.Id, code);
        await db.PendingSignatures.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync();
        db.PendingSignatures.Add(pending);
        await db.SaveChangesAsync();
        await (pending.AlreadySigned
            ? email.SendAsync(address, text["Mail.PetitionSigned.Subject"], text["Mail.PetitionSigned.Body", petition.Title])
            : email.SendAsync(address, text["Mail.PetitionCode.Subject", code], text["Mail.PetitionCode.Body", petition.Title, code, (int)CodeLife.TotalMinutes]));
        return CommandResult.Done(pending.Id);
    }

    /// <summary>The code typed: once, within its life, in a few attempts; then the signature counts like any other.</summary>
    public async Task<CommandResult> ConfirmCodeAsync(Guid petitionId, Guid pendingId, string code)
    {
        var now = clock.GetUtcNow();
        var pending = await db.PendingSignatures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pendingId && p.PetitionId == petitionId && p.ExpiresAt >= now);
        var petition = pending is null ? null : await PetitionAsync(pending.PetitionId);
        if (pending is null || petition is null)
        {
            return CommandResult.Refused("Petitions.CodeExpired");
        }
        if (await SigningWithoutAccountAsync(petition) is { } refusal)
        {
            return refusal;
        }
        // The attempt is counted before the code is compared, in one statement, so that parallel guesses count too.
        if (await db.PendingSignatures.Where(p => p.Id == pendingId && p.Attempts < PendingSignature.MostAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Attempts, p => p.Attempts + 1)) == 0)
        {
            return CommandResult.Refused("Petitions.CodeTooManyTries");
        }
        var typed = Encoding.ASCII.GetBytes(CodeHash(pendingId, code.Trim()));
        if (pending.AlreadySigned || !CryptographicOperations.FixedTimeEquals(typed, Encoding.ASCII.GetBytes(pending.CodeHash)))
        {
            return CommandResult.Refused("Petitions.CodeWrong");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Used once: the same code typed twice at once signs once.
            if (await db.PendingSignatures.Where(p => p.Id == pendingId).ExecuteDeleteAsync() == 0)
            {
                return CommandResult.Refused("Petitions.CodeExpired");
            }
            db.PetitionSignatures.Add(new PetitionSignature
            {
                PetitionId = petition.Id, EmailKey = pending.EmailKey, Name = pending.Name, Postcode = pending.Postcode, SignedAt = now,
            });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Two codes for the same address, both typed: the second signs nothing, and says the same.
                db.ChangeTracker.Clear();
                return CommandResult.Done(petition.Id);
            }
            await db.Petitions.Where(p => p.Id == petition.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.OnlineSignatures, p => p.OnlineSignatures + 1));
            await transaction.CommitAsync();
        }
        await ThresholdAsync(petition);
        return CommandResult.Done(petition.Id);
    }

    /// <summary>Letters, digits, spaces and dashes: French postcodes and those of elsewhere.</summary>
    private static readonly System.Text.RegularExpressions.Regex _postcodes = new("^[0-9A-Z][0-9A-Z -]{1,9}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// The address is kept only as this digest, per petition: enough to sign once, not to write to anyone nor to follow
    /// someone from one petition to another; whoever knows an address could still test it (a pseudonym, not anonymity).
    /// </summary>
    private static string EmailKey(Guid petitionId, string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{petitionId:N}\n{address.ToLowerInvariant()}")));

    private static string CodeHash(Guid pendingId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{pendingId:N}:{code}")));

    /// <summary>Signing without an account needs the organisation's leave, the phase's, and a petition open to signatures.</summary>
    private async Task<CommandResult?> SigningWithoutAccountAsync(Petition petition)
    {
        var process = await processes.FindAsync(petition.ProcessId, PetitionsModule.Key);
        if (process?.Component(PetitionsModule.Key) is not { } component)
        {
            return CommandResult.Missing();
        }
        return !(await db.RulesOf(component.Id)).WithoutAccount ? CommandResult.Refused("Petitions.AccountNeeded")
            : authorizer.OpenPhase(process)?.IsOn(component, PetitionsModule.Signing) != true ? CommandResult.Refused("Error.PhaseClosed")
            : petition.Stage is not (PetitionStage.Signing or PetitionStage.AwaitingAnswer) ? CommandResult.Refused("Petitions.NotOpen")
            : null;
    }

    /// <summary>A numbered paper sheet and the signatures it holds, counted by staff, with its scan if given; its number is taken once.</summary>
    public async Task<CommandResult> AddSheetAsync(Guid petitionId, int number, int signatures, byte[]? scan = null)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (await AllowedAsync(petition.ProcessId, PetitionsPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        var problem = petition.Stage is not (PetitionStage.Signing or PetitionStage.AwaitingAnswer) ? "Petitions.NotOpen"
            : number is < 1 or > 100_000 ? "Petitions.SheetNumber"
            : signatures is < 1 or > SignatureSheet.MostSignatures ? "Petitions.SheetCount"
            : scan is not null && (scan.Length > SignatureSheet.ScanMax || SignatureSheet.ScanTypeOf(scan) is null) ? "Petitions.ScanType"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        db.SignatureSheets.Add(new SignatureSheet
        {
            PetitionId = petitionId, Number = number, Signatures = signatures, EnteredBy = authorizer.PersonId, EnteredAt = clock.GetUtcNow(),
            Scan = scan, ScanType = scan is null ? null : SignatureSheet.ScanTypeOf(scan),
        });
        audit.Record("petition.sheet", $"petition:{petition.Id}", $"{number}: {signatures}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Petitions.SheetTaken");
        }
        await ThresholdAsync(petition);
        return CommandResult.Done(petitionId);
    }

    /// <summary>
    /// The council's answer, demand by demand, with what happens next; a demand taken up becomes an action followed in the
    /// results, and the answer is the petition's fate. Once: a second answer is refused.
    /// </summary>
    public async Task<CommandResult> AnswerAsync(Guid petitionId, PetitionAnswer answer)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (await AllowedAsync(petition.ProcessId, PetitionsPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        var demands = await db.PetitionDemands.Where(d => d.PetitionId == petitionId).OrderBy(d => d.Number).ToListAsync();
        var given = answer.Demands.GroupBy(d => d.DemandId).ToDictionary(g => g.Key, g => g.First());
        var nextSteps = answer.NextSteps.Trim();
        var problem = petition.Stage is not (PetitionStage.Signing or PetitionStage.AwaitingAnswer) ? "Petitions.NotToAnswer"
            : demands.Any(d => !given.TryGetValue(d.Id, out var a) || a.Answer.Trim().Length == 0) ? "Petitions.EveryDemand"
            : given.Values.Any(a => a.Answer.Trim().Length > PetitionDemand.AnswerMax) || nextSteps.Length > Petition.TextMax ? "Petitions.AnswerLength"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        // Two presses at once: one answers, the other is told it is done. The answers, the actions, the stage and the
        // fate go in together or not at all: answered without its fate, it could not be answered again to give it.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Petitions.Where(p => p.Id == petitionId && p.AnsweredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.AnsweredAt, now).SetProperty(p => p.Stage, PetitionStage.Answered).SetProperty(p => p.NextSteps, nextSteps)) == 0)
        {
            return CommandResult.Refused("Petitions.AlreadyAnswered");
        }
        foreach (var demand in demands)
        {
            demand.Answer = given[demand.Id].Answer.Trim();
            if (given[demand.Id].MakeAction)
            {
                var action = await synthesis.CreateAsync(petition.ProcessId, new SynthesisDraft(SynthesisItemKind.Action, PetitionDemand.ActionTitle(demand.Text), $"{demand.Text}\n\n{demand.Answer}"));
                if (!action.Succeeded)
                {
                    return action;
                }
                demand.ActionId = action.Id;
            }
        }
        audit.Record("petition.answer", $"petition:{petition.Id}", "");
        await notifier.RaiseAsync(new Notice(PetitionsModule.Answered, organisation.Id, petition.ProcessId, petition.Id, petition.Title, petition.Address,
            Excerpts.Cut(nextSteps.Length > 0 ? nextSteps : demands[0].Answer, 300)) { Involved = Involved(petition.Id), ActorId = authorizer.PersonId });
        await db.SaveChangesAsync();
        // Answered, the petition takes no more signatures: the names, postcodes and scans kept for the council's
        // checks have served, and go.
        await db.PetitionSignatures.Where(s => s.PetitionId == petitionId && s.PersonId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, (string?)null).SetProperty(x => x.Postcode, (string?)null));
        await db.SignatureSheets.Where(s => s.PetitionId == petitionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Scan, (byte[]?)null).SetProperty(x => x.ScanType, (string?)null));
        await db.PendingSignatures.Where(p => p.PetitionId == petitionId).ExecuteDeleteAsync();
        var fate = nextSteps.Length > 0 ? nextSteps : text["Petitions.AnsweredPointByPoint"].Value;
        var decided = await fates.DecideAsync(petition.Id, new FateInput(Fate.Answered, Excerpts.Clip(fate, FateDecision.TextMax)));
        if (decided.Succeeded)
        {
            await transaction.CommitAsync();
        }
        else
        {
            // Rolled back: nothing of this request is to be saved later.
            db.ChangeTracker.Clear();
        }
        return decided;
    }

    /// <summary>The promoter committee's public reply to the answer, once, by one of its confirmed members.</summary>
    public async Task<CommandResult> ReplyAsync(Guid petitionId, string reply)
    {
        var petition = await PetitionAsync(petitionId);
        if (petition is null)
        {
            return CommandResult.Missing();
        }
        if (authorizer.PersonId is not { } person)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        if (!await db.CommitteeMembers.AnyAsync(m => m.PetitionId == petitionId && m.PersonId == person && m.ConfirmedAt != null))
        {
            return CommandResult.Refused("Error.Forbidden");
        }
        if (OutsideMandate(petition))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        reply = reply.Trim();
        var problem = petition.Stage != PetitionStage.Answered ? "Petitions.NotAnswered"
            : reply.Length is < 5 or > Petition.TextMax ? "Petitions.ReplyLength"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Petitions.Where(p => p.Id == petitionId && p.RepliedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommitteeReply, reply).SetProperty(p => p.RepliedAt, now)) == 0)
        {
            return CommandResult.Refused("Petitions.AlreadyReplied");
        }
        await mediation.RecordAsync(new CommitteeReply(petitionId));
        await transaction.CommitAsync();
        return CommandResult.Done(petitionId);
    }

    /// <summary>
    /// A committee's acts are the person's own contributions: a mediator acting for them may do them only where the
    /// mandate lets them contribute in the petition's process.
    /// </summary>
    private bool OutsideMandate(Petition petition) => mediation.Acting is { } acting && !acting.Allows(PetitionsPermissions.Write, petition.ProcessId);

    /// <summary>The organisation's rules for the petitions of a process.</summary>
    public async Task<CommandResult> SetRulesAsync(Guid processId, int committeeMinimum, int threshold, int answerDays, bool withoutAccount, ChangeReasonInput change)
    {
        if (await AllowedAsync(processId, PetitionsPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        var problem = committeeMinimum is < 1 or > MostCommittee ? "Petitions.Rules.Committee"
            : threshold is < 1 or > PetitionRules.MostThreshold ? "Petitions.Rules.Threshold"
            : answerDays is < 1 or > 730 ? "Petitions.Rules.Days"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var process = (await processes.FindAsync(processId, PetitionsModule.Key))!;
        var componentId = process.Component(PetitionsModule.Key)!.Id;
        var rules = await db.PetitionRules.FirstOrDefaultAsync(r => r.ComponentId == componentId);
        if (rules is null)
        {
            rules = new PetitionRules { ComponentId = componentId };
            db.PetitionRules.Add(rules);
        }
        var before = Describe(rules);
        (rules.CommitteeMinimum, rules.Threshold, rules.AnswerDays, rules.WithoutAccount) = (committeeMinimum, threshold, answerDays, withoutAccount);
        // A published process's rules change in its public journal, with their reason.
        if (await journal.RecordAsync(process, process.Published, change, [new(text["Petitions.Rules"], before, Describe(rules))]) is { } refused)
        {
            return CommandResult.Refused(refused);
        }
        audit.Record("petition.rules", $"process:{processId}", $"{committeeMinimum}/{threshold}/{answerDays}/{withoutAccount}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The first rules of the process saved twice at once: the first one stands.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Error.ProcessChangedMeanwhile");
        }
        // A lower minimum or threshold applies to the petitions already there: those that meet it now move on.
        foreach (var petition in await db.Petitions.AsNoTracking().Where(p => p.ProcessId == processId
            && (p.Stage == PetitionStage.Committee || p.Stage == PetitionStage.Signing) && p.HiddenAt == null && p.ErasedAt == null).ToListAsync())
        {
            if (petition.Stage == PetitionStage.Signing)
            {
                await ThresholdAsync(petition);
            }
            else
            {
                await CommitteeAsync(petition.Id, rules);
            }
        }
        return CommandResult.Done(componentId);
    }

    private string Describe(PetitionRules rules) =>
        text["Petitions.Rules.State", rules.CommitteeMinimum, rules.Threshold, rules.AnswerDays, text[rules.WithoutAccount ? "Petitions.Rules.WithoutAccount" : "Petitions.Rules.AccountNeeded"]];

    /// <summary>Once enough members have confirmed (the organisation's minimum), the committee is complete: to review; once.</summary>
    private async Task CommitteeAsync(Guid petitionId, PetitionRules rules)
    {
        if (await db.CommitteeMembers.CountAsync(m => m.PetitionId == petitionId && m.ConfirmedAt != null) >= rules.CommitteeMinimum)
        {
            var now = clock.GetUtcNow();
            await db.Petitions.Where(p => p.Id == petitionId && p.Stage == PetitionStage.Committee)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stage, PetitionStage.Review).SetProperty(p => p.SubmittedAt, now));
        }
    }

    /// <summary>At the threshold, online and paper together, the petition awaits its answer by the due date; once.</summary>
    private async Task ThresholdAsync(Petition petition)
    {
        var rules = await RulesOfAsync(petition);
        var online = await db.Petitions.Where(p => p.Id == petition.Id).Select(p => p.OnlineSignatures).FirstAsync();
        if (online + await db.PaperSignatures(petition.Id) < rules.Threshold)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var due = DateOnly.FromDateTime(clock.GetLocalNow().Date).AddDays(rules.AnswerDays);
        // The stage moves and its news is raised together, or neither.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        if (await db.Petitions.Where(p => p.Id == petition.Id && p.Stage == PetitionStage.Signing)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stage, PetitionStage.AwaitingAnswer).SetProperty(p => p.ThresholdReachedAt, now).SetProperty(p => p.AnswerDue, due)) == 1)
        {
            await notifier.RaiseAsync(new Notice(PetitionsModule.ThresholdReached, petition.OrganisationId, petition.ProcessId, petition.Id, petition.Title,
                petition.Address) { Involved = Involved(petition.Id) });
            await db.SaveChangesAsync();
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
    }

    private async Task<PetitionRules> RulesOfAsync(Petition petition)
    {
        var process = await db.Processes.AsNoTracking().FirstAsync(p => p.Id == petition.ProcessId);
        return await db.RulesOf(process.Component(PetitionsModule.Key)?.Id ?? Guid.Empty);
    }

    private Task<Petition?> PetitionAsync(Guid petitionId) =>
        db.Petitions.FirstOrDefaultAsync(p => p.Id == petitionId && p.OrganisationId == organisation.Id && p.HiddenAt == null && p.ErasedAt == null);

    private async Task<CommandResult?> AllowedAsync(Guid processId, Permission permission)
    {
        var process = await processes.FindAsync(processId, PetitionsModule.Key);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(permission, process);
        return decision == Decision.Allowed ? null : CommandResult.Refused(decision);
    }
}

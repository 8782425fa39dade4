using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Votes;

/// <summary>Who signs a desk's register: a person with an account, or someone without one, by name and birth date.</summary>
public abstract record PaperVoter;

/// <param name="PseudonymOrEmail">The account's pseudonym or e-mail address, typed by the officer; neither is shown back.</param>
public sealed record AccountVoter(string PseudonymOrEmail) : PaperVoter;

public sealed record IdentityVoter(string Surname, string GivenNames, DateOnly BirthDate) : PaperVoter;

/// <param name="Result">Signed, or why not.</param>
/// <param name="Earlier">When the person had already voted: their line, to tell the officer how and when.</param>
public sealed record Signature(CommandResult Result, VoteRegistration? Earlier = null);

/// <summary>The two readings of one sheet.</summary>
public sealed record SheetReading(int Sheet, PaperEntry? First, PaperEntry? Second)
{
    public bool Agree => First is not null && Second is not null && First.Spoiled == Second.Spoiled && First.Content == Second.Content;
}

/// <param name="Desk">The desk.</param>
/// <param name="Signatures">Lines its register holds.</param>
/// <param name="Sheets">Every sheet number from 1 to the highest typed, gaps included.</param>
public sealed record DeskState(VoteDesk Desk, int Signatures, IReadOnlyList<SheetReading> Sheets)
{
    /// <summary>The first sheet this reading has not typed yet.</summary>
    public int NextSheet(int pass) => Sheets.FirstOrDefault(s => (pass == 1 ? s.First : s.Second) is null)?.Sheet ?? Sheets.Count + 1;

    /// <summary>Sheets whose readings differ, or that one reading lacks.</summary>
    public IReadOnlyList<SheetReading> Differences => [.. Sheets.Where(s => !s.Agree)];

    public bool Ready => Sheets.Count > 0 && Sheets.All(s => s.Agree);
}

/// <summary>A desk's line in the results: its register, and once counted its sheets.</summary>
public sealed record DeskSummary(Guid Id, string Name, int Signatures, int Sheets, int Spoiled, bool Counted, string Note);

/// <summary>
/// A desk's tally sheet ("procès-verbal"): per option, how many ballots gave it each value (single choice, approval and
/// budgets: chosen; ranked methods: first place; grades: each grade, lowest first).
/// </summary>
/// <param name="Summary">The desk.</param>
/// <param name="Shown">Whether its figures may be read now: with the results (staff at any time).</param>
/// <param name="Blank">Blank ballots.</param>
/// <param name="Counts">Per option; empty when withheld (a small desk's, read by the public).</param>
public sealed record DeskTally(DeskSummary Summary, bool Shown, int Blank, IReadOnlyList<int[]> Counts);

/// <summary>
/// The register away from the screen: paper desks (their signatures, the double typing of their sheets once the
/// register is closed, their count) and ballots recorded by a mediator. The register is the vote's own: a person
/// signed by their account cannot vote twice, online, at a desk or through a mediator.
/// Someone signed by name and birth date is kept from signing twice at desks; that they have no account is the
/// officer's question to ask, as nothing joins a name to an account.
/// </summary>
public sealed class PaperDesks(
    ParvisDbContext db, VoteCommands votes, Authorizer authorizer, AuditLog audit, TimeProvider clock, ContentChanges changes)
{
    /// <summary>More sheets than any polling station's ballot box holds.</summary>
    public const int SheetsMax = 100_000;

    public const int NameMax = 100;

    /// <summary>Sheets a desk may find beyond its signatures (a ballot slipped in twice): more is a typing mistake.</summary>
    public const int SheetsOverSignatures = 20;

    public async Task<CommandResult> CreateAsync(Guid voteId, string name)
    {
        if (await votes.AccessAsync(voteId, VotesPermissions.Manage) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (!found.Allowed)
        {
            return CommandResult.Refused(found.Decision);
        }
        name = name.Trim();
        if (name.Length is 0 or > VoteDesk.NameMax)
        {
            return CommandResult.Refused("Votes.Desk.NameLength");
        }
        // Once closed, a desk counted after the published count would change it by exactly its ballots.
        if (clock.GetUtcNow() >= found.Vote.ClosesAt)
        {
            return CommandResult.Refused("Votes.Closed");
        }
        // A named vote shows each voter's ballot: a paper ballot, once in the box, is nobody's.
        if (!found.Vote.Secret)
        {
            return CommandResult.Refused("Votes.Desk.NamedVote");
        }
        if (await db.VoteDesks.AnyAsync(d => d.VoteId == voteId && d.Name == name))
        {
            return CommandResult.Refused("Votes.Desk.NameTaken");
        }
        var desk = new VoteDesk { VoteId = voteId, Name = name };
        db.VoteDesks.Add(desk);
        audit.Record("vote.desk.create", $"vote:{voteId}", name);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Votes.Desk.NameTaken");
        }
        return CommandResult.Done(desk.Id);
    }

    /// <summary>The vote's desks with their figures, for those who hold a desk.</summary>
    public async Task<IReadOnlyList<DeskSummary>?> ListAsync(Guid voteId) =>
        await votes.AccessAsync(voteId, VotesPermissions.Desk) is { Allowed: true } ? await db.DeskSummaries(voteId) : null;

    /// <summary>
    /// Signs a person on the register at a desk: refused, with their earlier line, when they already voted by any channel.
    /// </summary>
    /// <param name="voteId">The vote.</param>
    /// <param name="deskId">The desk.</param>
    /// <param name="voter">Who signs.</param>
    /// <param name="attested">Whether the person attested, before the officer, what the vote asks (the territory, the age).</param>
    public async Task<Signature> SignAsync(Guid voteId, Guid deskId, PaperVoter voter, bool attested = false)
    {
        if (await DeskAsync(voteId, deskId) is not { } found)
        {
            return new(CommandResult.Missing());
        }
        if (!found.Allowed)
        {
            return new(CommandResult.Refused(found.Decision));
        }
        if (!found.Vote.IsOpen(clock.GetUtcNow()) || found.Process.ClosedAt is not null)
        {
            return new(CommandResult.Refused("Votes.Closed"));
        }
        if (found.Desk.RegisterClosedAt is not null)
        {
            return new(CommandResult.Refused("Votes.Desk.RegisterClosed"));
        }
        var line = new VoteRegistration { VoteId = voteId, Channel = VoteChannel.Paper, Day = authorizer.Today(), DeskId = deskId };
        return await RegisterAsync(found.Vote, voter, attested, line, null, "vote.desk.sign", found.Desk.Name);
    }

    /// <summary>
    /// A ballot cast through a mediator, where the vote allows it: the mediator signs the person present on the register
    /// (by their account, or by name and birth date) and types the ballot they give, both or neither. The log keeps
    /// which mediator did it; the register keeps the channel.
    /// </summary>
    /// <param name="voteId">The vote.</param>
    /// <param name="voter">The person the mediator votes with.</param>
    /// <param name="values">Their ballot.</param>
    /// <param name="present">Whether the mediator attests the person is there and asked for it.</param>
    /// <param name="attested">Whether the person attested what the vote asks (the territory, the age).</param>
    public async Task<Signature> MediateAsync(Guid voteId, PaperVoter voter, IReadOnlyList<int?> values, bool present, bool attested)
    {
        if (await votes.AccessAsync(voteId, VotesPermissions.Mediate) is not { } access)
        {
            return new(CommandResult.Missing());
        }
        if (!access.Allowed)
        {
            return new(CommandResult.Refused(access.Decision));
        }
        // Off unless the vote allows it; never for a decision by consent, whose objection is the person's own words.
        if (!access.Vote.Mediated || access.Vote.Consenting)
        {
            return new(CommandResult.Refused("Votes.Mediate.NotAllowed"));
        }
        if (!access.Vote.IsOpen(clock.GetUtcNow()) || access.Process.ClosedAt is not null)
        {
            return new(CommandResult.Refused("Votes.Closed"));
        }
        if (!present)
        {
            return new(CommandResult.Refused("Votes.Mediate.PresenceNeeded"));
        }
        if (values.Count != access.Options.Count || BallotContent.Problems(access.Vote, access.Options, values).Count > 0)
        {
            return new(CommandResult.Refused("Votes.Problem.Unknown"));
        }
        var content = BallotContent.Encode(values);
        var line = new VoteRegistration
        {
            VoteId = voteId, Channel = VoteChannel.Mediated, Day = authorizer.Today(), NamedBallot = access.Vote.Secret ? null : content,
        };
        return await RegisterAsync(access.Vote, voter, attested, line, new Envelope { VoteId = voteId, Content = content }, "vote.mediate", "");
    }

    /// <summary>
    /// Puts a person on the register, and with them a ballot when one is given, both or neither: refused, with their
    /// earlier line, when they already voted (this round) by any channel, or when they may not vote.
    /// </summary>
    private async Task<Signature> RegisterAsync(Vote vote, PaperVoter voter, bool attested, VoteRegistration line, Envelope? ballot, string action, string detail)
    {
        if (vote.NeedsAttestation && !attested)
        {
            return new(CommandResult.Refused("Votes.Desk.AttestationNeeded"));
        }
        // A body's members are known by their accounts: someone without one cannot be told a member.
        if (vote.Electorate == Electorate.Body && voter is not AccountVoter)
        {
            return new(CommandResult.Refused("Votes.Desk.BodyNeedsAccount"));
        }
        var (personId, identityKey, problem) = await ResolveAsync(vote, voter, line.Day);
        if (problem is not null)
        {
            return new(CommandResult.Refused(problem));
        }
        (line.PersonId, line.IdentityKey) = (personId, identityKey);
        var (round, earlier, _) = await db.RoundAsync(vote, line.PersonId, line.IdentityKey, line.Day);
        if (round is not { } year)
        {
            return new(CommandResult.Refused("Votes.Desk.AlreadyVoted"), earlier);
        }
        line.Round = year;
        db.VoteRegister.Add(line);
        if (ballot is not null)
        {
            db.Envelopes.Add(ballot);
        }
        // Who voted is the register's; the log keeps that an officer or a mediator signed someone in, and where.
        audit.Record(action, $"vote:{vote.Id}", detail);
        try
        {
            // The register of a secret vote changes no public page; a ballot only the running count's, told below.
            using (ContentChanges.ToldByCaller())
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same person, at the same instant, online or elsewhere: the register's index decided.
            db.ChangeTracker.Clear();
            return new(CommandResult.Refused("Votes.Desk.AlreadyVoted"), (await db.RoundAsync(vote, line.PersonId, line.IdentityKey, line.Day)).Latest);
        }
        if (ballot is not null && vote.ResultsShown(clock.GetUtcNow()))
        {
            changes.Committed(ChangeKind.Content, vote.OrganisationId);
        }
        return new(CommandResult.Done(line.Id));
    }

    /// <summary>Who a desk or a mediator names: their account, or their identity key; or why neither can be told.</summary>
    private async Task<(Guid? PersonId, string? IdentityKey, string? Problem)> ResolveAsync(Vote vote, PaperVoter voter, DateOnly today)
    {
        switch (voter)
        {
            case AccountVoter account:
                var typed = account.PseudonymOrEmail.Trim();
                var normalised = typed.ToUpperInvariant();
                // The same answer whether no account or several match: the officer asks again, nothing is told.
                var people = await db.Users.AsNoTracking().Where(p => p.Pseudonym == typed || p.NormalizedEmail == normalised).Select(p => p.Id).Take(2).ToListAsync();
                if (typed.Length == 0 || people.Count != 1)
                {
                    return (null, null, "Votes.Desk.NoAccount");
                }
                return await votes.InElectorateAsync(vote, people[0]) ? (people[0], null, null) : (null, null, "Votes.NotInBody");
            case IdentityVoter identity:
                if (IdentityKey(vote.Id, identity, today) is not { } key)
                {
                    return (null, null, "Votes.Desk.Identity");
                }
                // The birth date is there: it says what the attestation says, or the person is too young.
                return vote.MinimumAge is { } age && identity.BirthDate.AddYears(age) > today ? (null, null, "Votes.Desk.TooYoung") : (null, key, null);
            default:
                return (null, null, "Votes.Desk.Identity");
        }
    }

    /// <summary>
    /// Strikes a signature from a desk's register while the register is open (a wrong person signed): staff only,
    /// with the reason in the log. Once the register is closed, its signatures match the ballots in the box.
    /// </summary>
    public async Task<CommandResult> StrikeAsync(Guid voteId, Guid deskId, PaperVoter voter, string reason)
    {
        if (await DeskAsync(voteId, deskId) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (!await authorizer.CanAsync(VotesPermissions.Manage, found.Process, found.Vote.ComponentId))
        {
            return CommandResult.Refused(Decision.Forbidden);
        }
        if (found.Desk.RegisterClosedAt is not null)
        {
            return CommandResult.Refused("Votes.Desk.RegisterClosed");
        }
        reason = reason.Trim();
        if (reason.Length is 0 or > VoteDesk.NoteMax)
        {
            return CommandResult.Refused("Votes.Desk.StrikeReason");
        }
        var (personId, identityKey, problem) = await ResolveAsync(found.Vote, voter, authorizer.Today());
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var lines = db.VoteRegister.Where(r => r.DeskId == deskId && (personId != null ? r.PersonId == personId : r.IdentityKey == identityKey));
        // The latest of the person's lines at this desk: a lifelong election's earlier years stay.
        if (await lines.OrderByDescending(r => r.Round).FirstOrDefaultAsync() is not { } line)
        {
            return CommandResult.Refused("Votes.Desk.NotSigned");
        }
        db.VoteRegister.Remove(line);
        audit.Record("vote.desk.strike", $"vote:{voteId}", $"{found.Desk.Name}: {reason}");
        try
        {
            using (ContentChanges.ToldByCaller())
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Struck at the same moment by another click or another officer: the line is gone either way.
            return CommandResult.Refused("Votes.Desk.NotSigned");
        }
        return CommandResult.Done(deskId);
    }

    /// <summary>
    /// The register's key for someone without an account: a hash of the vote, their name and birth date, written the
    /// same whatever the accents, case, hyphens or spaces. It keeps the name out of the database, though whoever holds
    /// a list of names and dates could test them: a pseudonym, not anonymity, as the desk's paper register is not either.
    /// Null when a name is missing or the date is not a birth date.
    /// </summary>
    public static string? IdentityKey(Guid voteId, IdentityVoter voter, DateOnly today)
    {
        var surname = Normalise(voter.Surname);
        var given = Normalise(voter.GivenNames);
        if (surname.Length is 0 or > NameMax || given.Length is 0 or > NameMax || voter.BirthDate.Year < 1900
            || voter.BirthDate > today)
        {
            return null;
        }
        var text = $"{voteId:N}\n{surname}\n{given}\n{voter.BirthDate:yyyy-MM-dd}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Letters and digits only, without accents, upper case, one space between words.</summary>
    private static string Normalise(string name)
    {
        var letters = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToUpperInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && letters.Length > 0 && letters[^1] != ' ')
            {
                letters.Append(' ');
            }
        }
        return letters.ToString().TrimEnd();
    }

    /// <summary>
    /// Closes the desk's register: nobody signs there any more, and its sheets can be typed. Typing only once every
    /// signature is in keeps the order sheets are typed in from following the order people signed.
    /// </summary>
    public async Task<CommandResult> CloseRegisterAsync(Guid voteId, Guid deskId)
    {
        if (await DeskAsync(voteId, deskId) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (!found.Allowed)
        {
            return CommandResult.Refused(found.Decision);
        }
        var now = clock.GetUtcNow();
        if (await db.VoteDesks.Where(d => d.Id == deskId && d.RegisterClosedAt == null).ExecuteUpdateAsync(d => d.SetProperty(x => x.RegisterClosedAt, now)) == 0)
        {
            return CommandResult.Refused("Votes.Desk.RegisterClosed");
        }
        audit.Record("vote.desk.close", $"vote:{voteId}", found.Desk.Name);
        await db.SaveChangesAsync();
        return CommandResult.Done(deskId);
    }

    /// <summary>
    /// Types one sheet as one reader read it (a reader corrects their own reading by typing it again). The second
    /// reading is someone else's: whoever typed a first reading at this desk types no second one, and the reverse.
    /// </summary>
    public async Task<CommandResult> EnterAsync(Guid voteId, Guid deskId, int sheet, int pass, IReadOnlyList<int?> values, bool spoiled)
    {
        if (await ReadingAsync(voteId, deskId, sheet, pass) is { } refusal)
        {
            return refusal;
        }
        var found = (await DeskAsync(voteId, deskId))!;
        if (!spoiled && (values.Count != found.Options.Count || BallotContent.Problems(found.Vote, found.Options, values).Count > 0))
        {
            return CommandResult.Refused("Votes.Problem.Unknown");
        }
        var typist = authorizer.PersonId;
        if (await db.PaperEntries.AnyAsync(e => e.DeskId == deskId && e.Pass != pass && e.TypedBy == typist))
        {
            return CommandResult.Refused("Votes.Desk.SameTypist");
        }
        var content = spoiled ? "" : BallotContent.Encode(values);
        return await WhileUncountedAsync(deskId, async () =>
        {
            var entry = await db.PaperEntries.FirstOrDefaultAsync(e => e.DeskId == deskId && e.Sheet == sheet && e.Pass == pass);
            if (entry is not null && entry.TypedBy != typist)
            {
                return "Votes.Desk.SheetTaken";
            }
            if (entry is null)
            {
                db.PaperEntries.Add(new PaperEntry { DeskId = deskId, Sheet = sheet, Pass = pass, Content = content, Spoiled = spoiled, TypedBy = typist });
            }
            else
            {
                (entry.Content, entry.Spoiled) = (content, spoiled);
            }
            return null;
        });
    }

    /// <summary>Takes back a reading: its reader's own, or any for staff (a sheet number mistyped, a reader gone home).</summary>
    public async Task<CommandResult> EraseReadingAsync(Guid voteId, Guid deskId, int sheet, int pass)
    {
        if (await ReadingAsync(voteId, deskId, sheet, pass) is { } refusal)
        {
            return refusal;
        }
        var found = (await DeskAsync(voteId, deskId))!;
        var manages = await authorizer.CanAsync(VotesPermissions.Manage, found.Process, found.Vote.ComponentId);
        var typist = authorizer.PersonId;
        return await WhileUncountedAsync(deskId, async () =>
        {
            var entry = await db.PaperEntries.FirstOrDefaultAsync(e => e.DeskId == deskId && e.Sheet == sheet && e.Pass == pass);
            if (entry is null || (entry.TypedBy != typist && !manages))
            {
                return "Votes.Desk.NotYourReading";
            }
            db.PaperEntries.Remove(entry);
            return null;
        });
    }

    /// <summary>Why a reading of this sheet cannot be typed or taken back, if it cannot.</summary>
    private async Task<CommandResult?> ReadingAsync(Guid voteId, Guid deskId, int sheet, int pass)
    {
        if (await DeskAsync(voteId, deskId) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (!found.Allowed)
        {
            return CommandResult.Refused(found.Decision);
        }
        if (found.Desk.CountedAt is not null)
        {
            return CommandResult.Refused("Votes.Desk.Counted");
        }
        if (found.Desk.RegisterClosedAt is null)
        {
            return CommandResult.Refused("Votes.Desk.RegisterOpen");
        }
        var signatures = await db.VoteRegister.CountAsync(r => r.DeskId == deskId);
        return sheet < 1 || sheet > signatures + SheetsOverSignatures || pass is not (1 or 2) ? CommandResult.Refused("Votes.Desk.BadSheet") : null;
    }

    /// <summary>
    /// Changes the desk's readings in a transaction that first touches the desk's row while it is uncounted: a count
    /// under way waits for it, or it finds the desk counted and changes nothing.
    /// </summary>
    private async Task<CommandResult> WhileUncountedAsync(Guid deskId, Func<Task<string?>> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.VoteDesks.Where(d => d.Id == deskId && d.CountedAt == null).ExecuteUpdateAsync(d => d.SetProperty(x => x.Note, x => x.Note)) == 0)
        {
            return CommandResult.Refused("Votes.Desk.Counted");
        }
        if (await change() is { } problem)
        {
            return CommandResult.Refused(problem);
        }
        try
        {
            // Typing changes no public page: the desk's ballots count only once it is counted.
            using (ContentChanges.ToldByCaller())
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Votes.Desk.SheetTaken");
        }
        await transaction.CommitAsync();
        return CommandResult.Done();
    }

    /// <summary>The desk, its register's size, and both readings of each sheet.</summary>
    public async Task<DeskState?> StateAsync(Guid voteId, Guid deskId) =>
        await DeskAsync(voteId, deskId) is { Allowed: true, Desk: { } desk } ? await ReadStateAsync(desk) : null;

    private async Task<DeskState> ReadStateAsync(VoteDesk desk)
    {
        var entries = await db.PaperEntries.AsNoTracking().Where(e => e.DeskId == desk.Id).ToListAsync();
        var bySheet = entries.ToLookup(e => e.Sheet);
        var last = entries.Count == 0 ? 0 : entries.Max(e => e.Sheet);
        var sheets = Enumerable.Range(1, last)
            .Select(n => new SheetReading(n, bySheet[n].FirstOrDefault(e => e.Pass == 1), bySheet[n].FirstOrDefault(e => e.Pass == 2))).ToList();
        var signatures = await db.VoteRegister.CountAsync(r => r.DeskId == desk.Id);
        return new DeskState(desk, signatures, sheets);
    }

    /// <summary>
    /// Puts the desk's ballots in the ballot box, once every sheet's two readings agree: spoiled sheets are counted
    /// apart. When the sheets and the signatures differ, the officers say why (it is printed on the tally sheet).
    /// </summary>
    public async Task<CommandResult> CountAsync(Guid voteId, Guid deskId, string? note)
    {
        if (await DeskAsync(voteId, deskId) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (!found.Allowed)
        {
            return CommandResult.Refused(found.Decision);
        }
        note = note?.Trim() ?? "";
        if (note.Length > VoteDesk.NoteMax)
        {
            return CommandResult.Refused("Votes.Desk.NoteLength");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Two officers pressing at once: only one marks the desk counted, so its ballots go in once; a reading being
        // typed finishes first (it touched the desk's row), and none is typed after.
        var now = clock.GetUtcNow();
        if (await db.VoteDesks.Where(d => d.Id == deskId && d.CountedAt == null)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.CountedAt, now).SetProperty(x => x.Note, note)) == 0)
        {
            return CommandResult.Refused("Votes.Desk.Counted");
        }
        // Read within the count's transaction: what goes into the ballot box is what the checks saw.
        var state = await ReadStateAsync(found.Desk);
        var problem = state switch
        {
            { Ready: false } => "Votes.Desk.NotReady",
            // Ballots nobody signed for: nothing holds the public count back for such a desk, which it would then change.
            { Signatures: 0 } when state.Sheets.Count > 0 => "Votes.Desk.NobodySigned",
            _ when state.Sheets.Count != state.Signatures && note.Length == 0 => "Votes.Desk.NoteNeeded",
            _ => null,
        };
        if (problem is not null)
        {
            // Disposed uncommitted: the desk stays uncounted.
            return CommandResult.Refused(problem);
        }
        db.Envelopes.AddRange(state.Sheets.Where(s => !s.First!.Spoiled).Select(s => new Envelope { VoteId = voteId, Content = s.First!.Content }));
        audit.Record("vote.desk.count", $"vote:{voteId}", $"{found.Desk.Name}: {state.Sheets.Count}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(deskId);
    }

    /// <summary>
    /// A desk's tally sheet. Before the count, a blank sheet to tally by hand, for those who hold a desk. Once counted,
    /// its figures with the vote's results (staff at any time); the public reads a small desk's totals, not its votes
    /// per option, which would tell its few voters' ballots.
    /// </summary>
    public async Task<DeskTally?> TallyAsync(Guid voteId, Guid deskId)
    {
        if (await votes.AccessAsync(voteId, VotesPermissions.Desk) is not { } access
            || (await db.DeskSummaries(voteId)).FirstOrDefault(d => d.Id == deskId) is not { } summary)
        {
            return null;
        }
        var (vote, options) = (access.Vote, access.Options);
        // The public reads a desk's figures with the vote's results: once closed, when the last desk has counted too.
        var counting = db.VotesCounting;
        var shown = summary.Counted && (await authorizer.CanAsync(VotesPermissions.Manage, access.Process, vote.ComponentId)
            || (vote.ResultsShown(clock.GetUtcNow()) && !await counting.ContainsAsync(voteId)));
        if (!access.Allowed && !shown)
        {
            return null;
        }
        var width = vote.Graded ? BallotContent.GradeCount(vote.Method) : 1;
        var counts = options.Select(_ => new int[width]).ToList();
        var blank = 0;
        var contents = shown
            ? await db.PaperEntries.AsNoTracking().Where(e => e.DeskId == deskId && e.Pass == 1 && !e.Spoiled).Select(e => e.Content).ToListAsync()
            : [];
        foreach (var values in contents.Select(BallotContent.Decode))
        {
            if (values.All(v => v is null))
            {
                blank++;
                continue;
            }
            for (var o = 0; o < values.Length; o++)
            {
                // Chosen, approved or ranked first: the first column; a grade: its own.
                if (values[o] is { } value && (vote.Graded || value == 1))
                {
                    counts[o][vote.Graded ? value : 0]++;
                }
            }
        }
        var withheld = shown && !access.Allowed && summary.Sheets < ShuffledBox.Together;
        return new DeskTally(summary, shown, blank, withheld ? [] : counts);
    }

    /// <summary>The vote and the desk, and whether the person holds desks there; null when either is missing.</summary>
    private async Task<DeskAccess?> DeskAsync(Guid voteId, Guid deskId)
    {
        if (await votes.AccessAsync(voteId, VotesPermissions.Desk) is not { } access)
        {
            return null;
        }
        var desk = await db.VoteDesks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deskId && d.VoteId == voteId);
        return desk is null ? null : new DeskAccess(access.Vote, access.Options, access.Process, access.Decision, desk);
    }

    private sealed record DeskAccess(Vote Vote, IReadOnlyList<VoteOption> Options, Process Process, Decision Decision, VoteDesk Desk)
    {
        public bool Allowed => Decision == Decision.Allowed;
    }
}

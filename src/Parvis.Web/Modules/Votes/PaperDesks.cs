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
public sealed record DeskTally(DeskSummary Summary, int Blank, IReadOnlyList<int[]> Counts);

/// <summary>
/// Paper ballots: desks, their register, the double typing of their sheets, and their count. The register is the
/// vote's own, so a person who voted online cannot sign at a desk, nor vote online once signed.
/// </summary>
public sealed class PaperDesks(
    ParvisDbContext db, VoteCommands votes, ProcessAccess processes, Authorizer authorizer, AuditLog audit, TimeProvider clock)
{
    /// <summary>More sheets than any polling station's ballot box holds.</summary>
    public const int SheetsMax = 100_000;

    public const int NameMax = 100;

    public async Task<CommandResult> CreateAsync(Guid voteId, string name)
    {
        if (await VoteAsync(voteId, VotesPermissions.Manage) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (found.Refusal is { } refusal)
        {
            return refusal;
        }
        name = name.Trim();
        if (name.Length is 0 or > VoteDesk.NameMax)
        {
            return CommandResult.Refused("Votes.Desk.NameLength");
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
        await VoteAsync(voteId, VotesPermissions.Desk) is { Refusal: null } ? await db.DeskSummaries(voteId) : null;

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
        if (found.Refusal is { } refusal)
        {
            return new(refusal);
        }
        if (!found.Vote.IsOpen(clock.GetUtcNow()) || found.Process.ClosedAt is not null)
        {
            return new(CommandResult.Refused("Votes.Closed"));
        }
        if (found.Desk!.CountedAt is not null)
        {
            return new(CommandResult.Refused("Votes.Desk.Counted"));
        }
        if (found.Vote.NeedsAttestation && !attested)
        {
            return new(CommandResult.Refused("Votes.Desk.AttestationNeeded"));
        }
        // A body's members are known by their accounts: someone without one cannot be told a member.
        if (found.Vote.Electorate == Electorate.Body && voter is not AccountVoter)
        {
            return new(CommandResult.Refused("Votes.Desk.BodyNeedsAccount"));
        }
        var line = new VoteRegistration { VoteId = voteId, Channel = VoteChannel.Paper, Day = authorizer.Today(), DeskId = deskId };
        switch (voter)
        {
            case AccountVoter account:
                var typed = account.PseudonymOrEmail.Trim();
                var normalised = typed.ToUpperInvariant();
                // The same answer whether no account or several match: the officer asks again, nothing is told.
                var people = await db.Users.AsNoTracking().Where(p => p.Pseudonym == typed || p.NormalizedEmail == normalised).Select(p => p.Id).Take(2).ToListAsync();
                if (typed.Length == 0 || people.Count != 1)
                {
                    return new(CommandResult.Refused("Votes.Desk.NoAccount"));
                }
                if (!await votes.InElectorateAsync(found.Vote, people[0]))
                {
                    return new(CommandResult.Refused("Votes.NotInBody"));
                }
                line.PersonId = people[0];
                break;
            case IdentityVoter identity:
                if (IdentityKey(voteId, identity, line.Day) is not { } key)
                {
                    return new(CommandResult.Refused("Votes.Desk.Identity"));
                }
                line.IdentityKey = key;
                break;
        }
        var (round, earlier) = await db.RoundAsync(found.Vote, line.PersonId, line.IdentityKey, line.Day);
        if (round is not { } year)
        {
            return new(CommandResult.Refused("Votes.Desk.AlreadyVoted"), earlier);
        }
        line.Round = year;
        db.VoteRegister.Add(line);
        try
        {
            // The register of a secret vote changes no public page.
            using (ContentChanges.ToldByCaller())
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same person, at the same instant, online or at another desk: the register's index decided.
            db.ChangeTracker.Clear();
            return new(CommandResult.Refused("Votes.Desk.AlreadyVoted"), (await db.RoundAsync(found.Vote, line.PersonId, line.IdentityKey, line.Day)).Latest);
        }
        return new(CommandResult.Done(line.Id));
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
    /// Types one sheet as one reader read it (a reader corrects their own reading by typing it again). The second
    /// reading is someone else's: whoever typed a first reading at this desk types no second one, and the reverse.
    /// </summary>
    public async Task<CommandResult> EnterAsync(Guid voteId, Guid deskId, int sheet, int pass, IReadOnlyList<int?> values, bool spoiled)
    {
        if (await DeskAsync(voteId, deskId) is not { } found)
        {
            return CommandResult.Missing();
        }
        if (found.Refusal is { } refusal)
        {
            return refusal;
        }
        if (found.Desk!.CountedAt is not null)
        {
            return CommandResult.Refused("Votes.Desk.Counted");
        }
        if (sheet is < 1 or > SheetsMax || pass is not (1 or 2))
        {
            return CommandResult.Refused("Votes.Desk.BadSheet");
        }
        if (!spoiled && (values.Count != found.Options.Count || BallotContent.Problems(found.Vote, found.Options, values).Count > 0))
        {
            return CommandResult.Refused("Votes.Problem.Unknown");
        }
        var typist = authorizer.PersonId;
        if (await db.PaperEntries.AnyAsync(e => e.DeskId == deskId && e.Pass != pass && e.TypedBy == typist))
        {
            return CommandResult.Refused("Votes.Desk.SameTypist");
        }
        var entry = await db.PaperEntries.FirstOrDefaultAsync(e => e.DeskId == deskId && e.Sheet == sheet && e.Pass == pass);
        if (entry is not null && entry.TypedBy != typist)
        {
            return CommandResult.Refused("Votes.Desk.SheetTaken");
        }
        var content = spoiled ? "" : BallotContent.Encode(values);
        if (entry is null)
        {
            db.PaperEntries.Add(new PaperEntry { DeskId = deskId, Sheet = sheet, Pass = pass, Content = content, Spoiled = spoiled, TypedBy = typist });
        }
        else
        {
            (entry.Content, entry.Spoiled) = (content, spoiled);
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
        return CommandResult.Done();
    }

    /// <summary>The desk, its register's size, and both readings of each sheet.</summary>
    public async Task<DeskState?> StateAsync(Guid voteId, Guid deskId)
    {
        if (await DeskAsync(voteId, deskId) is not { Refusal: null, Desk: { } desk })
        {
            return null;
        }
        var entries = await db.PaperEntries.AsNoTracking().Where(e => e.DeskId == deskId).ToListAsync();
        var bySheet = entries.ToLookup(e => e.Sheet);
        var last = entries.Count == 0 ? 0 : entries.Max(e => e.Sheet);
        var sheets = Enumerable.Range(1, last)
            .Select(n => new SheetReading(n, bySheet[n].FirstOrDefault(e => e.Pass == 1), bySheet[n].FirstOrDefault(e => e.Pass == 2))).ToList();
        var signatures = await db.VoteRegister.CountAsync(r => r.DeskId == deskId);
        return new DeskState(desk, signatures, sheets);
    }

    /// <summary>
    /// Puts the desk's ballots in the ballot box, once every sheet's two readings agree: spoiled sheets are counted
    /// apart. When the sheets and the signatures differ, the officers say why (it is printed on the tally sheet).
    /// </summary>
    public async Task<CommandResult> CountAsync(Guid voteId, Guid deskId, string? note)
    {
        if (await StateAsync(voteId, deskId) is not { } state)
        {
            return await DeskAsync(voteId, deskId) is { Refusal: { } refusal } ? refusal : CommandResult.Missing();
        }
        if (state.Desk.CountedAt is not null)
        {
            return CommandResult.Refused("Votes.Desk.Counted");
        }
        if (!state.Ready)
        {
            return CommandResult.Refused("Votes.Desk.NotReady");
        }
        note = note?.Trim() ?? "";
        if (note.Length > VoteDesk.NoteMax)
        {
            return CommandResult.Refused("Votes.Desk.NoteLength");
        }
        if (state.Sheets.Count != state.Signatures && note.Length == 0)
        {
            return CommandResult.Refused("Votes.Desk.NoteNeeded");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Two officers pressing at once: only one marks the desk counted, so its ballots go in once.
        var now = clock.GetUtcNow();
        if (await db.VoteDesks.Where(d => d.Id == deskId && d.CountedAt == null)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.CountedAt, now).SetProperty(x => x.Note, note)) == 0)
        {
            return CommandResult.Refused("Votes.Desk.Counted");
        }
        db.Envelopes.AddRange(state.Sheets.Where(s => !s.First!.Spoiled).Select(s => new Envelope { VoteId = voteId, Content = s.First!.Content }));
        audit.Record("vote.desk.count", $"vote:{voteId}", $"{state.Desk.Name}: {state.Sheets.Count}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(deskId);
    }

    /// <summary>
    /// A desk's tally sheet: for those who hold a desk at any time (a blank sheet to tally by hand before the count),
    /// for anyone once the desk is counted and the vote's results are public.
    /// </summary>
    public async Task<DeskTally?> TallyAsync(Guid voteId, Guid deskId)
    {
        if (await votes.FindAsync(voteId) is not var (vote, options)
            || await processes.FindAsync(vote.ProcessId, VotesModule.Key, vote.ComponentId) is not { } process
            || (await db.DeskSummaries(voteId)).FirstOrDefault(d => d.Id == deskId) is not { } summary)
        {
            return null;
        }
        var holdsDesk = await authorizer.CanAsync(VotesPermissions.Desk, process, vote.ComponentId);
        if (!holdsDesk && !(summary.Counted && vote.ResultsShown(clock.GetUtcNow())))
        {
            return null;
        }
        var width = vote.Graded ? BallotContent.GradeCount(vote.Method) : 1;
        var counts = options.Select(_ => new int[width]).ToList();
        var blank = 0;
        var contents = summary.Counted
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
        return new DeskTally(summary, blank, counts);
    }

    private sealed record Found(Vote Vote, IReadOnlyList<VoteOption> Options, Process Process, VoteDesk? Desk, CommandResult? Refusal);

    private async Task<Found?> VoteAsync(Guid voteId, Permission permission)
    {
        if (await votes.FindAsync(voteId) is not var (vote, options)
            || await processes.FindAsync(vote.ProcessId, VotesModule.Key, vote.ComponentId) is not { } process)
        {
            return null;
        }
        var decision = await authorizer.DecideAsync(permission, process, vote.ComponentId);
        return new Found(vote, options, process, null, decision == Decision.Allowed ? null : CommandResult.Refused(decision));
    }

    private async Task<Found?> DeskAsync(Guid voteId, Guid deskId)
    {
        if (await VoteAsync(voteId, VotesPermissions.Desk) is not { } found)
        {
            return null;
        }
        var desk = await db.VoteDesks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deskId && d.VoteId == voteId);
        return desk is null ? null : found with { Desk = desk };
    }
}

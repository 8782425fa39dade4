using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>
/// A paper desk, keyboard first: sign voters on the register, type each sheet (a first and a second reading, by two
/// people), see where the readings differ, and count the desk once they agree.
/// </summary>
public sealed class DeskModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock, PaperDesks desks, Authorizer authorizer)
    : VotePage(db, commands, processes, clock)
{
    /// <summary>Who signs the register.</summary>
    [BindProperty]
    public VoterInput Who { get; set; } = new();

    /// <summary>Whose signature staff strike.</summary>
    [BindProperty]
    public VoterInput Strike { get; set; } = new();

    [BindProperty]
    [StringLength(VoteDesk.NoteMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.StrikeReason")]
    public string? StrikeReason { get; set; }

    /// <summary>Whether the person may strike a signature (staff).</summary>
    public bool Manages { get; private set; }

    /// <summary>Whether the person attested before the officer what the vote asks (the territory, the age).</summary>
    [BindProperty]
    public bool Attested { get; set; }

    [BindProperty]
    [StringLength(VoteDesk.NoteMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DeskNote")]
    public string? Note { get; set; }

    public DeskState State { get; private set; } = default!;

    /// <summary>Which reading this page types: 1 or 2.</summary>
    public int Pass { get; private set; } = 1;

    /// <summary>The sheet the entry form types.</summary>
    public int Sheet { get; private set; }

    public bool Spoiled { get; private set; }

    public int?[] Values { get; private set; } = [];

    public ILookup<int, string> Problems { get; private set; } = BallotForm.NoProblem;

    /// <summary>The line of someone refused at the register because they already voted.</summary>
    public VoteRegistration? Earlier { get; private set; }

    public string Address => $"/votes/{Vote.Id}/desks/{State.Desk.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid deskId, int pass = 1, int? sheet = null)
    {
        if (await PrepareAsync(id, deskId, pass) is { } early)
        {
            return early;
        }
        Sheet = sheet is >= 1 and <= PaperDesks.SheetsMax ? sheet.Value : State.NextSheet(Pass);
        // Typing a sheet again: the reading as this page's reader left it.
        if (State.Sheets.ElementAtOrDefault(Sheet - 1) is { } reading && (Pass == 1 ? reading.First : reading.Second) is { } entry)
        {
            (Spoiled, Values) = (entry.Spoiled, entry.Spoiled ? Values : BallotContent.Decode(entry.Content));
        }
        return Page();
    }

    public Task<IActionResult> OnPostSignAccountAsync(Guid id, Guid deskId) => SignAsync(id, deskId, AccountField, Who.ByAccount());

    public Task<IActionResult> OnPostSignIdentityAsync(Guid id, Guid deskId) => SignAsync(id, deskId, "Who.Surname", Who.ByIdentity());

    private const string AccountField = "Who.Account";

    /// <summary>The attestation boxes of the two forms (by account, by identity), named for their errors.</summary>
    public const string AttestedAccount = "AttestedAccount";
    public const string AttestedIdentity = "AttestedIdentity";

    /// <summary>The attestation box of the form that was sent, shown again as it was left.</summary>
    public string? AttestedBox { get; private set; }

    private async Task<IActionResult> SignAsync(Guid id, Guid deskId, string field, PaperVoter? voter)
    {
        if (await PrepareAsync(id, deskId, 1) is { } early)
        {
            return early;
        }
        Sheet = State.NextSheet(Pass);
        AttestedBox = field == AccountField ? AttestedAccount : AttestedIdentity;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (voter is null)
        {
            ModelState.AddModelError(field, Text[field == AccountField ? "Votes.Desk.AccountNeeded" : "Votes.Desk.IdentityNeeded"]);
            return Page();
        }
        var signature = await desks.SignAsync(id, deskId, voter, Attested);
        Earlier = signature.Earlier;
        if (Earlier is not null)
        {
            ModelState.AddModelError(field, Text[$"Votes.Desk.AlreadyVoted.{Earlier.Channel}", Earlier.Day.ToString("D")]);
            return Page();
        }
        return After(signature.Result, "Votes.Desk.Signed", $"{Address}#register", signature.Result.ErrorKey switch
        {
            "Votes.Desk.AttestationNeeded" => AttestedBox,
            "Votes.Desk.TooYoung" => "Who.BirthDate",
            _ => field,
        });
    }

    public async Task<IActionResult> OnPostEnterAsync(Guid id, Guid deskId, int pass, int sheet, bool spoiled)
    {
        if (await PrepareAsync(id, deskId, pass) is { } early)
        {
            return early;
        }
        (Sheet, Spoiled) = (sheet, spoiled);
        Values = spoiled ? Values : BallotForm.Read(Request.Form, Vote, Options);
        var problems = spoiled ? [] : BallotContent.Problems(Vote, Options, Values);
        Problems = problems.ToLookup(p => p.Position, p => Text[p.Key].Value);
        if (problems.Count > 0)
        {
            // What the sheet says cannot go in the ballot box: the typist corrects it, or marks the sheet spoiled.
            ModelState.AddModelError("", Text["Votes.Desk.SheetRefused"]);
            return Page();
        }
        if (Request.Form.ContainsKey("check"))
        {
            return Page();
        }
        var result = await desks.EnterAsync(id, deskId, sheet, Pass, Values, spoiled);
        if (Refusal(result, "Sheet") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Votes.Desk.Typed", sheet);
        return Redirect($"{Address}?pass={Pass}#entry");
    }

    /// <summary>Strikes a wrong signature, by the same account or name and birth date, with the reason.</summary>
    public async Task<IActionResult> OnPostStrikeAsync(Guid id, Guid deskId)
    {
        if (await PrepareAsync(id, deskId, 1) is { } early)
        {
            return early;
        }
        if (!Manages)
        {
            return Forbid();
        }
        Sheet = State.NextSheet(Pass);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Strike.Voter() is not { } voter)
        {
            ModelState.AddModelError("Strike.Account", Text["Votes.Mediate.WhoNeeded"]);
            return Page();
        }
        var result = await desks.StrikeAsync(id, deskId, voter, StrikeReason ?? "");
        return After(result, "Votes.Desk.Struck", $"{Address}#register", result.ErrorKey == "Votes.Desk.StrikeReason" ? nameof(StrikeReason) : "Strike.Account");
    }

    public async Task<IActionResult> OnPostCloseRegisterAsync(Guid id, Guid deskId)
    {
        if (await PrepareAsync(id, deskId, 1) is { } early)
        {
            return early;
        }
        Sheet = State.NextSheet(Pass);
        return After(await desks.CloseRegisterAsync(id, deskId), "Votes.Desk.RegisterClosedDone", $"{Address}#entry", "Count");
    }

    /// <summary>Takes back a reading of a sheet (one's own, or any for staff).</summary>
    public async Task<IActionResult> OnPostEraseReadingAsync(Guid id, Guid deskId, int pass, int sheet)
    {
        if (await PrepareAsync(id, deskId, pass) is { } early)
        {
            return early;
        }
        Sheet = State.NextSheet(Pass);
        return After(await desks.EraseReadingAsync(id, deskId, sheet, Pass), "Votes.Desk.ReadingErased", $"{Address}?pass={Pass}#count", "Count");
    }

    public async Task<IActionResult> OnPostCountAsync(Guid id, Guid deskId)
    {
        if (await PrepareAsync(id, deskId, 1) is { } early)
        {
            return early;
        }
        Sheet = State.NextSheet(Pass);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await desks.CountAsync(id, deskId, Note);
        // The remarks' problems go next to them; the others (readings that differ, a count already closed) to the section.
        return After(result, "Votes.Desk.CountDone", $"/votes/{id}/desks/{deskId}/sheet", result.ErrorKey?.StartsWith("Votes.Desk.Note", StringComparison.Ordinal) == true ? nameof(Note) : "Count");
    }

    private async Task<IActionResult?> PrepareAsync(Guid id, Guid deskId, int pass)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(VotesPermissions.Desk, Process, Vote.ComponentId)) is { } denied)
        {
            return denied;
        }
        if (await desks.StateAsync(id, deskId) is not { } state)
        {
            return NotFound();
        }
        (State, Pass, Values) = (state, pass == 2 ? 2 : 1, new int?[Options.Count]);
        Manages = await authorizer.CanAsync(VotesPermissions.Manage, Process, Vote.ComponentId);
        return null;
    }

    /// <summary>A reading in words, for comparing two: spoiled, blank, or what it gives each option.</summary>
    public string Describe(PaperEntry? entry)
    {
        if (entry is null)
        {
            return Text["Votes.Desk.NotTyped"];
        }
        if (entry.Spoiled)
        {
            return Text["Votes.Desk.SpoiledShort"];
        }
        var values = BallotContent.Decode(entry.Content);
        var given = Options.Where(o => values[o.Position] is not null).OrderBy(o => Vote.Ranked ? values[o.Position] : o.Position).ToList();
        if (given.Count == 0)
        {
            return Text["Votes.Desk.BlankShort"];
        }
        return string.Join(" · ", given.Select(o => values[o.Position]!.Value switch
        {
            var place when Vote.Ranked => Text["Votes.Desk.Ranked", place, o.Title].Value,
            var grade when Vote.Method == VoteMethod.MajorityJudgment => Text["Votes.Desk.Graded", o.Title, Text[$"Grade.{grade}"].Value].Value,
            var score when Vote.Graded => Text["Votes.Desk.Graded", o.Title, score].Value,
            _ => o.Title,
        }));
    }
}

using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>
/// A mediator records the ballot of a person present who asks for it (a vote that allows it): who the person is, by
/// their account or by name and birth date, then their ballot. One register with every other channel.
/// </summary>
public sealed class MediateModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock, PaperDesks desks, Authorizer authorizer)
    : VotePage(db, commands, processes, clock)
{
    /// <summary>The person the mediator votes with.</summary>
    [BindProperty]
    public VoterInput Who { get; set; } = new();

    [BindProperty]
    public bool Present { get; set; }

    [BindProperty]
    public bool Attested { get; set; }

    public int?[] Values { get; private set; } = [];

    public ILookup<int, string> Problems { get; private set; } = BallotForm.NoProblem;

    public async Task<IActionResult> OnGetAsync(Guid id) => await PrepareAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } early)
        {
            return early;
        }
        Values = BallotForm.Read(Request.Form, Vote, Options);
        var problems = BallotContent.Problems(Vote, Options, Values);
        Problems = problems.ToLookup(p => p.Position, p => Text[p.Key].Value);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (problems.Count > 0)
        {
            ModelState.AddModelError("", Text["Votes.BallotRefused"]);
            return Page();
        }
        if (Request.Form.ContainsKey("check"))
        {
            return Page();
        }
        if (Who.Voter() is not { } voter)
        {
            ModelState.AddModelError(AccountField, Text["Votes.Mediate.WhoNeeded"]);
            return Page();
        }
        var signature = await desks.MediateAsync(id, voter, Values, Present, Attested);
        if (signature.Earlier is { } earlier)
        {
            ModelState.AddModelError(AccountField, Text[$"Votes.Desk.AlreadyVoted.{earlier.Channel}", earlier.Day.ToString("D")]);
            return Page();
        }
        var field = signature.Result.ErrorKey is "Votes.Mediate.PresenceNeeded" or "Votes.Desk.AttestationNeeded" ? nameof(Present) : AccountField;
        return After(signature.Result, "Votes.Mediate.Done", $"/votes/{id}/mediate", field);
    }

    private const string AccountField = "Who.Account";

    private async Task<IActionResult?> PrepareAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(VotesPermissions.Mediate, Process, Vote.ComponentId)) is { } denied)
        {
            return denied;
        }
        if (!Vote.Mediated || Vote.Consenting)
        {
            return NotFound();
        }
        Values = new int?[Options.Count];
        return null;
    }
}

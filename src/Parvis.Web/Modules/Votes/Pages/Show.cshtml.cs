using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>A vote: what it is for, how it is counted, and the ballot. No script needed.</summary>
public sealed class ShowModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock, Authorizer authorizer)
    : VotePage(db, commands, processes, clock)
{
    /// <summary>What the ballot says, as typed, kept when it is refused.</summary>
    public int?[] Values { get; private set; } = [];

    /// <summary>The problems of a refused ballot, per option position (-1: the ballot as a whole).</summary>
    public ILookup<int, string> Problems { get; private set; } = BallotForm.NoProblem;

    /// <summary>A decision by consent: why the person objects, as typed, and what is wrong with it.</summary>
    public string? Reason { get; private set; }

    public string? ReasonProblem { get; private set; }

    /// <summary>A decision by consent: its objections, with who raised them.</summary>
    public IReadOnlyList<(VoteObjection Objection, string? By)> Objections { get; private set; } = [];

    /// <summary>Whether the person ticked the attestation the vote asks for, and what is wrong when not.</summary>
    public bool Attested { get; private set; }

    public string? AttestProblem { get; private set; }

    /// <summary>Whether the person may vote in it: a body's vote is its members'.</summary>
    public bool InElectorate { get; private set; } = true;

    /// <summary>Whether the person answers objections.</summary>
    public bool Manages { get; private set; }

    /// <summary>The signed-in person's line in the register, if they voted.</summary>
    public VoteRegistration? Voted { get; private set; }

    public Decision Decision { get; private set; }

    public bool SignedIn => authorizer.PersonId is not null;

    /// <summary>Whether the person holds the vote's paper desks.</summary>
    public bool HoldsDesk { get; private set; }

    /// <summary>Whether the person may record ballots as a mediator on this vote.</summary>
    public bool Mediates { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await PrepareAsync(id) && await LookUpVotedAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        // Whether the person already voted is the register's unique index's to say, when the ballot goes in.
        if (!await PrepareAsync(id))
        {
            return NotFound();
        }
        Values = BallotForm.Read(Request.Form, Vote, Options);
        Reason = Vote.Consenting ? Request.Form["reason"].ToString() : null;
        Attested = Request.Form["attest"] == "true";
        var problems = BallotContent.Problems(Vote, Options, Values);
        Problems = problems.ToLookup(p => p.Position, p => Text[p.Key].Value);
        if (problems.Count > 0)
        {
            ModelState.AddModelError("", Text["Votes.BallotRefused"]);
            await LookUpVotedAsync(id);
            return Page();
        }
        if (Request.Form.ContainsKey("check"))
        {
            // A basket checked without script: the page again, its total worked out, nothing cast.
            await LookUpVotedAsync(id);
            return Page();
        }
        var result = await Commands.CastAsync(id, Values, Reason, Attested);
        if (result.ErrorKey is "Votes.Problem.ReasonNeeded" or "Votes.Problem.ReasonLength" or "Votes.AttestationNeeded")
        {
            // An objection without its reason, a ballot without its attestation: said next to it, the choices kept.
            var problem = Text[result.ErrorKey].Value;
            (ReasonProblem, AttestProblem) = result.ErrorKey == "Votes.AttestationNeeded" ? ((string?)null, problem) : (problem, null);
            ModelState.AddModelError("", Text["Votes.BallotRefused"]);
            await LookUpVotedAsync(id);
            return Page();
        }
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            await LookUpVotedAsync(id);
            return Page();
        }
        Flash("Votes.Cast");
        return Redirect($"/votes/{id}");
    }

    /// <summary>Records the answer to an objection, next to it.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid id, Guid objectionId, string? answer)
    {
        if (!await PrepareAsync(id))
        {
            return NotFound();
        }
        if (!Manages)
        {
            return Forbid();
        }
        var result = await Commands.AnswerAsync(objectionId, answer ?? "");
        if (Refusal(result, $"answer-{objectionId}") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            await LookUpVotedAsync(id);
            return Page();
        }
        Flash("Votes.Objection.Answered");
        return Redirect($"/votes/{id}#objections");
    }

    private async Task<bool> PrepareAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return false;
        }
        Decision = await authorizer.DecideAsync(VotesPermissions.Cast, Process, Vote.ComponentId);
        if (Decision == Decision.NotInProcess)
        {
            return false;
        }
        Values = new int?[Options.Count];
        HoldsDesk = SignedIn && await authorizer.CanAsync(VotesPermissions.Desk, Process, Vote.ComponentId);
        Mediates = SignedIn && Vote.Mediated && !Vote.Consenting && await authorizer.CanAsync(VotesPermissions.Mediate, Process, Vote.ComponentId);
        InElectorate = await Commands.InElectorateAsync(Vote, authorizer.PersonId);
        if (Vote.Consenting)
        {
            Objections = await Commands.ObjectionsAsync(id);
            Manages = await authorizer.CanAsync(VotesPermissions.Manage, Process, Vote.ComponentId);
        }
        return true;
    }

    /// <summary>A lifelong election: the first day the person may vote again, once they voted this year.</summary>
    public DateOnly? NextRound { get; private set; }

    private async Task<bool> LookUpVotedAsync(Guid id)
    {
        if (authorizer.PersonId is not { } personId)
        {
            return true;
        }
        if (!Vote.Lifelong)
        {
            Voted = await Db.VoteRegister.AsNoTracking().FirstOrDefaultAsync(r => r.VoteId == id && r.PersonId == personId);
            return true;
        }
        // A lifelong election's voter who may vote this year sees the ballot again; otherwise, when they next may.
        var today = authorizer.Today();
        if (await Db.RoundAsync(Vote, personId, null, today) is (null, { } latest, { } first))
        {
            Voted = latest;
            NextRound = Vote.NextRound(today, first);
        }
        return true;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.OpinionMaps;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.OpinionMaps.Pages;

public sealed class StatementInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Statement.TextMax, MinimumLength = Statement.TextMin, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Statement")]
    public string Text { get; set; } = "";
}

/// <summary>One statement at a time, three buttons, and a form to add one's own statement. No script needed.</summary>
public sealed class VoteModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, OpinionMapCommands commands)
    : OpinionMapPage(db, organisation, authorizer)
{
    [BindProperty]
    public StatementInput Input { get; set; } = new();

    public Statement? Next { get; private set; }
    public int Voted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await PrepareAsync(id) ?? Page();

    public async Task<IActionResult> OnPostVoteAsync(Guid id, Guid statementId, int? value)
    {
        if (value is null)
        {
            ModelState.AddModelError("", Text["OpinionMaps.UnknownVote"]);
            return await PrepareAsync(id) ?? Page();
        }
        var result = await commands.VoteAsync(id, statementId, value.Value);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        // Back at the next statement: the next Tab reaches its first answer, not the site's navigation again.
        return result.Succeeded ? Redirect($"/maps/{id}/vote#next") : await PrepareAsync(id) ?? Page();
    }

    public async Task<IActionResult> OnPostStatementAsync(Guid id)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.SubmitStatementAsync(id, Input.Text);
            if (Refusal(result, "Input.Text") is { } refusal)
            {
                return refusal;
            }
            if (result.Succeeded)
            {
                await LoadAsync(id);
                Flash(Map.PreModeration ? "OpinionMaps.StatementWaiting" : "OpinionMaps.StatementPublished");
                return Redirect($"/maps/{id}/vote");
            }
        }
        return await PrepareAsync(id) ?? Page();
    }

    private async Task<IActionResult?> PrepareAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Decision == Decision.SignInRequired)
        {
            return Challenge();
        }
        var voted = Me is null ? [] : (await Db.OpinionVotes.AsNoTracking().Where(v => v.ParticipantId == Me.Id).Select(v => v.StatementId).ToListAsync()).ToHashSet();
        var tallies = Result?.Statements.ToDictionary(t => t.Id) ?? [];
        var candidates = Statements.Values.Select(s => tallies.GetValueOrDefault(s.Number) ?? new StatementTally(s.Number, 0, 0, 0, 0, [], [], []));
        // Only votes on statements still visible count towards progress.
        var votedNumbers = Statements.Values.Where(s => voted.Contains(s.Id)).Select(s => s.Number).ToHashSet();
        Voted = votedNumbers.Count;
        // The same person at the same point sees the same statement again on reload.
        var seed = HashCode.Combine(Me?.Number ?? -1, Voted);
        Next = NextStatement.Choose(candidates, votedNumbers, seed) is { } number ? Statements[number] : null;
        return null;
    }
}

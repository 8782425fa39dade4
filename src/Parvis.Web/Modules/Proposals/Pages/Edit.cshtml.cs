using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Proposals.Pages;

public sealed class EditModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ProposalCommands commands)
    : ParvisPageModel, IProposalForm, IProcessPage
{
    [BindProperty]
    public ProposalInput Input { get; set; } = new();

    public Proposal Proposal { get; private set; } = default!;

    /// <summary>Whether it can still be changed; if not, the page says why instead of showing the form.</summary>
    public bool Editable { get; private set; }
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public Process? Process { get; private set; }
    public string? Language => Proposal.Language;

    /// <summary>The language its author says it is written in (the _ContentLanguage partial's field).</summary>
    [BindProperty(Name = Kernel.Text.ContentLanguage.Field)]
    public string? ChosenLanguage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Input = new ProposalInput { Title = Proposal.Title, Body = Proposal.Body, ThemeId = Proposal.ThemeId };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.EditAsync(id, Input.ToDraft() with { Language = ChosenLanguage });
        if (Refusal(result, result.ErrorKey == "Error.UnknownTheme" ? "Input.ThemeId" : "") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Proposals.Saved");
        return Redirect($"/proposals/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var proposal = await db.Proposals.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id && p.ErasedAt == null);
        if (proposal is null)
        {
            return NotFound();
        }
        if (authorizer.PersonId is null)
        {
            return Challenge();
        }
        if (proposal.AuthorId != authorizer.PersonId)
        {
            return Forbid();
        }
        Proposal = proposal;
        Process = await db.Processes.AsNoTracking().Include(p => p.Themes).FirstOrDefaultAsync(p => p.Id == proposal.ProcessId);
        Themes = Process?.Themes.OrderBy(t => t.Position).ToList() ?? [];
        Editable = Process is not null && await commands.EditableAsync(proposal, Process);
        return null;
    }
}

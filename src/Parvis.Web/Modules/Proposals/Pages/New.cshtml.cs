using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Proposals.Pages;

public sealed class NewModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ProposalCommands commands)
    : ParvisPageModel, IProposalForm, IProcessPage
{
    [BindProperty]
    public ProposalInput Input { get; set; } = new();

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Theme> Themes => Process.Themes.OrderBy(t => t.Position).ToList();
    public Decision Decision { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid || Decision != Decision.Allowed)
        {
            return Page();
        }
        var result = await commands.ProposeAsync(Process.Id, Input.ToDraft());
        if (Refusal(result, result.ErrorKey == "Error.UnknownTheme" ? "Input.ThemeId" : "") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Proposals.Published");
        return Redirect($"/proposals/{result.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().Include(p => p.Phases).Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        Decision = await authorizer.DecideAsync(ProposalsPermissions.Propose, process);
        return Decision == Decision.SignInRequired ? Challenge() : null;
    }
}

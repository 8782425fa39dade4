using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>
/// The person in control: the mandates they gave, everything done under each, revoking one at once, and asking a
/// structure for help (a mediator then records the consent in person). The page prints as the summary handed over.
/// </summary>
public sealed class MandatesModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, MediationCommands commands, TimeProvider clock)
    : ParvisPageModel
{
    public IReadOnlyList<MandateSheet> Sheets { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Structures { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Title)> Processes { get; private set; } = [];

    [BindProperty]
    public MandateTermsInput Terms { get; set; } = new();

    public MandateTermsForm TermsForm => new(Terms, nameof(Terms), Structures, Processes, AskStructure: true);

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnPostAskAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        MandateTermsForm.SayInvalidTerms(ModelState, nameof(Terms), Text["Mediation.TermsInvalid"]);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await commands.AskAsync(Terms.ToTerms()), "Mediation.Asked", "/account/mandates");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid mandateId, bool confirmed)
    {
        if (Unconfirmed(confirmed, "/account/mandates") is { } unconfirmed)
        {
            return unconfirmed;
        }
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        ModelState.Clear();
        return After(await commands.RevokeAsync(mandateId), "Mediation.Revoked", "/account/mandates");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (authorizer.PersonId is not { } me)
        {
            return Challenge();
        }
        var views = await MandateView.ReadAsync(db, db.Mandates.Where(m => m.PersonId == me && m.OrganisationId == organisation.Id));
        var acts = await ActLine.ReadAsync(db, [.. views.Select(v => v.Mandate.Id)]);
        var now = clock.GetUtcNow();
        Sheets = [.. views.Select(v => new MandateSheet(v, [.. acts[v.Mandate.Id]], now))];
        Structures = [.. (await db.MediationStructures.AsNoTracking().Where(s => s.OrganisationId == organisation.Id).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name))];
        Processes = [.. (await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.Published && p.ClosedAt == null)
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync()).Select(p => (p.Id, p.Title))];
        return null;
    }
}

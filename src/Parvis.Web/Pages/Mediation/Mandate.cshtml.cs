using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Mediation;

/// <summary>
/// One mandate at the desk: the attestation to print and sign, recording the consent, acting under it, a claim code
/// for a held account, its journal, and revoking it at the person's request.
/// </summary>
public sealed class MandateModel(ParvisDbContext db, Authorizer authorizer, MediationCommands commands, TimeProvider clock) : ParvisPageModel
{
    public MandateSheet Sheet { get; private set; } = default!;
    public MandateState State { get; private set; }

    [BindProperty]
    public ConsentForm? Consent { get; set; }

    [BindProperty]
    [StringLength(Kernel.People.PersonRules.PseudonymMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Mediation.Witness")]
    public string? Witness { get; set; }

    [BindProperty]
    public MediationMode? Mode { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        ModelState.Clear();
        Mode = MediationMode.Explain;
        return await LoadAsync(id) ?? Page();
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id)
    {
        // A choice not offered is no choice: the command says what is missing, in the interface's words.
        ModelState.Remove(nameof(Consent));
        return await ActAsync(id, () => commands.RecordConsentAsync(id, Consent, Witness),
            Consent == ConsentForm.WitnessedOral ? "Mediation.ConsentRecordedOral" : "Mediation.ConsentRecorded", Consent == ConsentForm.WitnessedOral ? nameof(Witness) : "");
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }
        ModelState.Remove(nameof(Mode));
        var result = Mode is { } mode ? await commands.StartAsync(id, mode) : Kernel.Contributions.CommandResult.Refused("Mediation.ModeNotAllowed");
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Mediation.Started", Sheet.View.Pseudonym);
        // Where the mandate is for: its process, or the list of processes.
        var slug = Sheet.View.Mandate.ProcessId is { } processId ? await db.Processes.Where(p => p.Id == processId).Select(p => p.Slug).FirstOrDefaultAsync() : null;
        return Redirect(slug is null ? "/" : $"/processes/{slug}");
    }

    public async Task<IActionResult> OnPostCodeAsync(Guid id)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }
        ModelState.Clear();
        if (await commands.NewClaimCodeAsync(id) is not { } code)
        {
            return NotFound();
        }
        Sheet = Sheet with { ClaimCode = code };
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool confirmed)
    {
        if (Unconfirmed(confirmed, MediationPages.Mandate(id)) is { } unconfirmed)
        {
            return unconfirmed;
        }
        return await ActAsync(id, () => commands.RevokeAsync(id), "Mediation.Revoked", "");
    }

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Kernel.Contributions.CommandResult>> command, string done, string field)
    {
        if (await LoadAsync(id) is { } denied)
        {
            return denied;
        }
        var result = await command();
        if (Refusal(result, field) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash(done);
        return Redirect(MediationPages.Mandate(id));
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (authorizer.PersonId is null)
        {
            return Challenge();
        }
        var mine = (await commands.MyStructuresAsync()).Select(s => s.Id).ToList();
        if (await MandateView.ReadAsync(db, db.Mandates.Where(m => m.Id == id && mine.Contains(m.StructureId))) is not [var view])
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        Sheet = new MandateSheet(view, [.. (await ActLine.ReadAsync(db, [id]))[id]], now, Level: 2);
        State = view.StateAt(now);
        return null;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Mediation;

/// <summary>A mediator's desk: the mandates of their structures, acting under one, and an account for someone without one.</summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, MediationCommands commands, TimeProvider clock)
    : ParvisPageModel
{
    public IReadOnlyList<MediationStructure> Structures { get; private set; } = [];
    public IReadOnlyList<MandateView> Mandates { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Title)> Processes { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The oral consents recorded with this mediator as witness, waiting for them to confirm.</summary>
    public IReadOnlyList<MandateView> ToWitness { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, MinimumLength = PersonRules.PseudonymMin, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [BindProperty]
    public MandateTermsInput Terms { get; set; } = new();

    public MandateTermsForm TermsForm => new(Terms, nameof(Terms), [.. Structures.Select(s => (s.Id, s.Name))], Processes, AskStructure: false);

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnPostOpenAsync()
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
        var result = await commands.OpenHeldAccountAsync(Pseudonym, Terms.ToTerms());
        if (Refusal(result, result.ErrorKey == "Account.PseudonymTaken" ? nameof(Pseudonym) : "") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Mediation.AccountOpened", Pseudonym.Trim());
        return Redirect(MediationPages.Mandate(result.Id!.Value));
    }

    public async Task<IActionResult> OnPostWitnessAsync(Guid mandateId)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        return After(await commands.ConfirmWitnessAsync(mandateId), "Mediation.WitnessConfirmed", MediationPages.Home);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (authorizer.PersonId is null)
        {
            return Challenge();
        }
        Structures = await commands.MyStructuresAsync();
        if (Structures.Count == 0)
        {
            return Forbid();
        }
        var ids = Structures.Select(s => s.Id).ToList();
        Mandates = await MandateView.ReadAsync(db, db.Mandates.Where(m => ids.Contains(m.StructureId)));
        Processes = [.. (await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.Published && p.ClosedAt == null)
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync()).Select(p => (p.Id, p.Title))];
        Now = clock.GetUtcNow();
        var me = authorizer.PersonId;
        ToWitness = [.. (await MandateView.ReadAsync(db, db.Mandates.Where(m => m.WitnessId == me && m.WitnessConfirmedAt == null && m.RevokedAt == null && ids.Contains(m.StructureId))))
            .Where(v => v.Mandate.ExpiresAt is null || v.Mandate.ExpiresAt > Now)];
        return null;
    }
}

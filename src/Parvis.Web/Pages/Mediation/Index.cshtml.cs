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

/// <summary>
/// A mediator's desk: the mandates of their structures (a page at a time, found by the person's pseudonym), acting under
/// one, and an account for someone without one.
/// </summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, MediationCommands commands, TimeProvider clock)
    : ParvisPageModel
{
    public IReadOnlyList<MediationStructure> Structures { get; private set; } = [];
    public const int PageSize = 50;

    public IReadOnlyList<MandateView> Mandates { get; private set; } = [];

    /// <summary>Part of a pseudonym the list is narrowed to, as typed; empty for every mandate.</summary>
    public string Search { get; private set; } = "";

    public int PageNumber { get; private set; } = 1;
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<(Guid Id, string Title)> Processes { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The oral consents recorded with this mediator as witness, waiting for them to confirm.</summary>
    public IReadOnlyList<MandateView> ToWitness { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, MinimumLength = PersonRules.PseudonymMin, ErrorMessage = "Validation.Length")]
    [Pseudonym]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [BindProperty]
    public MandateTermsInput Terms { get; set; } = new();

    public MandateTermsForm TermsForm => new(Terms, nameof(Terms), [.. Structures.Select(s => (s.Id, s.Name))], Processes, AskStructure: false);

    // The page is read from the query by name: "page" alone would bind Razor Pages' own route value.
    public async Task<IActionResult> OnGetAsync(string? q, [FromQuery(Name = "page")] int number = 1)
    {
        ModelState.Clear();
        // Bounded as the field is, so that the search, its title and its addresses agree.
        var search = (q ?? "").Trim();
        (Search, PageNumber) = (search[..Math.Min(search.Length, PersonRules.PseudonymMax)].Trim(), number);
        return await LoadAsync() ?? Page();
    }

    /// <summary>A page of the list, with its search.</summary>
    public string PageAddress(int number)
    {
        var query = new List<string>();
        if (Search.Length > 0)
        {
            query.Add($"q={Uri.EscapeDataString(Search)}");
        }
        if (number > 1)
        {
            query.Add($"page={number}");
        }
        return $"{MediationPages.Home}{(query.Count > 0 ? "?" + string.Join("&", query) : "")}#mandates";
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
        var mandates = db.Mandates.Where(m => ids.Contains(m.StructureId));
        if (Search.Length > 0)
        {
            var pattern = LikePatterns.Containing(Search);
            var people = db.Users;
            mandates = mandates.Where(m => people.Any(u => u.Id == m.PersonId && EF.Functions.Like(u.Pseudonym.ToLower(), pattern, LikePatterns.Escape)));
        }
        Pages = Math.Max(1, (await mandates.CountAsync() + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Mandates = await MandateView.ReadAsync(db, mandates, (PageNumber - 1) * PageSize, PageSize);
        Processes = [.. (await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.Published && p.ClosedAt == null)
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync()).Select(p => (p.Id, p.Title))];
        Now = clock.GetUtcNow();
        var me = authorizer.PersonId;
        ToWitness = [.. (await MandateView.ReadAsync(db, db.Mandates.Where(m => m.WitnessId == me && m.WitnessConfirmedAt == null && m.RevokedAt == null && ids.Contains(m.StructureId))))
            .Where(v => v.Mandate.ExpiresAt is null || v.Mandate.ExpiresAt > Now)];
        return null;
    }
}

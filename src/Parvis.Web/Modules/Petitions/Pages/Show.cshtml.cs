using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Petitions.Pages;

public sealed class SignerInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PetitionSignature.NameMax, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SignatureName")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PetitionSignature.PostcodeMax, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SignaturePostcode")]
    public string Postcode { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Kernel.Email.Mailbox(ErrorMessage = "Petitions.Email")]
    [StringLength(254, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.SignatureEmail")]
    public string Email { get; set; } = "";
}

/// <summary>A committee member as shown: pseudonym, and whether they confirmed being named.</summary>
public sealed record CommitteeLine(Guid PersonId, string Pseudonym, bool Confirmed);

/// <summary>
/// A petition: its text and demands (with the answer to each once given), where it stands (the committee forming, the
/// review, the signatures against the threshold, the countdown to the answer or its lateness), its committee, the
/// signatories who chose to appear, and its fate. Signing, confirming one's place on the committee and the
/// committee's reply are its forms.
/// </summary>
public sealed class ShowModel(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, PetitionCommands petitions, TimeProvider clock,
    IEnumerable<IContributionSource> sources) : ParvisPageModel, IProcessPage
{
    /// <summary>The signatory chose to appear on the public list.</summary>
    [BindProperty]
    public bool Shown { get; set; }

    [BindProperty]
    [StringLength(Petition.TextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.CommitteeReply")]
    public string? Reply { get; set; }

    /// <summary>Signing without an account: who signs, where they live, where the code goes.</summary>
    [BindProperty]
    public SignerInput Signer { get; set; } = new();

    /// <summary>The signature waiting for its code, once the code is sent.</summary>
    [BindProperty]
    public Guid? PendingId { get; set; }

    [BindProperty]
    [Display(Name = "Field.SignatureCode")]
    public string? Code { get; set; }

    public Petition Petition { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public PetitionRules Rules { get; private set; } = default!;
    public string? Author { get; private set; }
    public IReadOnlyList<PetitionDemand> Demands { get; private set; } = [];
    public IReadOnlyList<CommitteeLine> Committee { get; private set; } = [];
    public const int SignatoriesListed = 200;

    /// <summary>The latest signatories who chose to appear, by pseudonym, oldest first; <see cref="ShownSignatories"/> counts them all.</summary>
    public IReadOnlyList<string> Signatories { get; private set; } = [];

    public int ShownSignatories { get; private set; }
    public int Paper { get; private set; }
    public int Total => Petition.OnlineSignatures + Paper;
    public FateView Fate { get; private set; } = default!;
    public Decision Signing { get; private set; }
    public bool HasSigned { get; private set; }

    /// <summary>Someone without an account may sign here: the organisation allows it and the phase is open to signing.</summary>
    public bool WithoutAccount { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanDecideFate { get; private set; }
    public DateOnly Today { get; private set; }

    public CommitteeLine? Me => authorizer.PersonId is { } person ? Committee.FirstOrDefault(m => m.PersonId == person) : null;

    /// <summary>
    /// The members who have not confirmed are named only to the committee and to staff: anyone can write a pseudonym
    /// down, and nobody is shown publicly as carrying a petition they have not agreed to.
    /// </summary>
    public bool SeesPending => Me is not null || CanManage;

    public bool Open => Petition.Stage is PetitionStage.Signing or PetitionStage.AwaitingAnswer;

    public string Address => $"/petitions/{Petition.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(Guid id)
    {
        // Signing needs nothing the page shows (the command checks the petition, the phase and the person): the page
        // is read only to show a refusal.
        var result = await petitions.SignAsync(id, Shown);
        if (result.Succeeded)
        {
            Flash("Petitions.SignedFlash");
            return Redirect($"/petitions/{id}");
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        return Denied(Signing) ?? After(result, "Petitions.SignedFlash", Address);
    }

    public async Task<IActionResult> OnPostRequestAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        KeepOnly(nameof(Signer));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await petitions.RequestCodeAsync(id, Signer.Name, Signer.Postcode, Signer.Email);
        if (Refusal(result, result.ErrorKey switch
            {
                "Petitions.NameLength" => "Signer.Name",
                "Petitions.Postcode" => "Signer.Postcode",
                "Petitions.Email" or "Petitions.CodeJustSent" => "Signer.Email",
                _ => "",
            }) is { } refusal)
        {
            return refusal;
        }
        PendingId = result.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostCodeAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        KeepOnly(nameof(Code), nameof(PendingId));
        if (PendingId is null)
        {
            return BadRequest();
        }
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), Text["Validation.Required"]);
            return Page();
        }
        var result = await petitions.ConfirmCodeAsync(id, PendingId.Value, Code);
        if (result.ErrorKey is "Petitions.CodeExpired" or "Petitions.CodeTooManyTries")
        {
            // This code is done with: the page offers to ask for another, saying why.
            PendingId = null;
            ModelState.Remove(nameof(PendingId));
            ModelState.AddModelError("Signer.Email", Text[result.ErrorKey]);
            return Page();
        }
        return After(result, "Petitions.SignedFlash", Address, nameof(Code));
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        await LoadAsync(id) ? After(await petitions.DeclineAsync(id), "Petitions.Declined", Address) : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid id) =>
        await LoadAsync(id) ? After(await petitions.ConfirmAsync(id), "Petitions.Confirmed", Address) : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Me is not { Confirmed: true })
        {
            return authorizer.PersonId is null ? Challenge() : Forbid();
        }
        KeepOnly(nameof(Reply));
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await petitions.ReplyAsync(id, Reply ?? ""), "Petitions.Replied", Address, nameof(Reply));
    }

    /// <summary>Days from today to the due date (negative once it has passed), counted at the answer when there is one.</summary>
    public int DaysLeft => Petition.AnswerDue is { } due
        ? due.DayNumber - (Petition.AnsweredAt is { } answered ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(answered, clock.LocalTimeZone).DateTime) : Today).DayNumber
        : 0;

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.PetitionWithProcess(id, organisation.Id, published: true) is not var (petition, process, component))
        {
            return false;
        }
        (Petition, Process, Rules) = (petition, process, await db.RulesOf(component.Id));
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        Author = await db.Users.Where(u => u.Id == petition.AuthorId).Select(u => u.Pseudonym).FirstOrDefaultAsync();
        Demands = await db.PetitionDemands.AsNoTracking().Where(d => d.PetitionId == id).OrderBy(d => d.Number).ToListAsync();
        Committee = [.. (await db.CommitteeMembers.AsNoTracking().Where(m => m.PetitionId == id)
                .Join(db.Users, m => m.PersonId, u => u.Id, (m, u) => new { m.PersonId, u.Pseudonym, m.ConfirmedAt }).ToListAsync())
            .OrderBy(m => m.ConfirmedAt ?? DateTimeOffset.MaxValue).Select(m => new CommitteeLine(m.PersonId, m.Pseudonym, m.ConfirmedAt is not null))];
        var shown = db.PetitionSignatures.AsNoTracking().Where(s => s.PetitionId == id && s.Shown);
        ShownSignatories = await shown.CountAsync();
        // The latest only: a petition of many thousands would send them all on every look.
        Signatories = [.. (await shown.OrderByDescending(s => s.SignedAt).Take(SignatoriesListed)
            .Join(db.Users, s => s.PersonId, u => u.Id, (s, u) => new { u.Pseudonym, s.SignedAt }).ToListAsync())
            .OrderBy(s => s.SignedAt).Select(s => s.Pseudonym)];
        Paper = await db.PaperSignatures(id);
        Fate = await FateView.LoadAsync(db, ShownContributions.Of(db, sources), id);
        Signing = await authorizer.DecideAsync(PetitionsPermissions.Sign, process);
        HasSigned = authorizer.PersonId is { } person && await db.PetitionSignatures.AnyAsync(s => s.PetitionId == id && s.PersonId == person);
        CanManage = await authorizer.CanAsync(PetitionsPermissions.Manage, process);
        WithoutAccount = Rules.WithoutAccount && authorizer.PersonId is null && authorizer.OpenPhase(process)?.IsOn(component, PetitionsModule.Signing) == true;
        CanDecideFate = await authorizer.CanAsync(Permission.Analyse, process);
        return true;
    }
}

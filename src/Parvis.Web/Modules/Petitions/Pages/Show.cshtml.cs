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

    public Petition Petition { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public PetitionRules Rules { get; private set; } = default!;
    public string? Author { get; private set; }
    public IReadOnlyList<PetitionDemand> Demands { get; private set; } = [];
    public IReadOnlyList<CommitteeLine> Committee { get; private set; } = [];
    public IReadOnlyList<string> Signatories { get; private set; } = [];
    public int Paper { get; private set; }
    public int Total => Petition.OnlineSignatures + Paper;
    public FateView Fate { get; private set; } = default!;
    public Decision Signing { get; private set; }
    public bool HasSigned { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanDecideFate { get; private set; }
    public DateOnly Today { get; private set; }

    public CommitteeLine? Me => authorizer.PersonId is { } person ? Committee.FirstOrDefault(m => m.PersonId == person) : null;

    public bool Open => Petition.Stage is PetitionStage.Signing or PetitionStage.AwaitingAnswer;

    public string Address => $"/petitions/{Petition.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Denied(Signing) is { } denied)
        {
            return denied;
        }
        return After(await petitions.SignAsync(id, Shown), "Petitions.SignedFlash", Address);
    }

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
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await petitions.ReplyAsync(id, Reply ?? ""), "Petitions.Replied", Address, nameof(Reply));
    }

    /// <summary>Days from today to the due date (negative once it has passed), counted at the answer when there is one.</summary>
    public int DaysLeft => Petition.AnswerDue is { } due
        ? due.DayNumber - (Petition.AnsweredAt is { } answered ? DateOnly.FromDateTime(answered.ToLocalTime().DateTime) : Today).DayNumber
        : 0;

    private async Task<bool> LoadAsync(Guid id)
    {
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id);
        var process = petition is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petition.ProcessId && p.Published);
        if (petition is null || process?.Component(PetitionsModule.Key) is not { } component)
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
        Signatories = [.. (await db.PetitionSignatures.AsNoTracking().Where(s => s.PetitionId == id && s.Shown)
            .Join(db.Users, s => s.PersonId, u => u.Id, (s, u) => new { u.Pseudonym, s.SignedAt }).ToListAsync())
            .OrderBy(s => s.SignedAt).Select(s => s.Pseudonym)];
        Paper = await db.PaperSignatures(id);
        Fate = await FateView.LoadAsync(db, ShownContributions.Of(db, sources), id);
        Signing = await authorizer.DecideAsync(PetitionsPermissions.Sign, process);
        HasSigned = authorizer.PersonId is { } person && await db.PetitionSignatures.AnyAsync(s => s.PetitionId == id && s.PersonId == person);
        CanManage = await authorizer.CanAsync(PetitionsPermissions.Manage, process);
        CanDecideFate = await authorizer.CanAsync(Permission.Analyse, process);
        return true;
    }
}

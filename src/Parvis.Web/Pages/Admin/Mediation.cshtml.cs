using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>
/// The organisation declares its mediation structures and who mediates for each, and sees the days a mediator wrote
/// unusually many mandates.
/// </summary>
public sealed class MediationModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, MediationCommands commands, TimeProvider clock)
    : ParvisPageModel
{
    /// <summary>How far back unusual days are looked for.</summary>
    private const int LookBackDays = 90;

    public sealed record StructureLine(MediationStructure Structure, IReadOnlyList<(Guid Id, string Pseudonym)> Mediators, int Mandates);

    public sealed record UnusualDay(string Mediator, DateOnly Day, int Mandates);

    public IReadOnlyList<StructureLine> Structures { get; private set; } = [];
    public IReadOnlyList<UnusualDay> Unusual { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(MediationStructure.NameMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Mediation.StructureName")]
    public string Name { get; set; } = "";

    [BindProperty]
    public StructureKind Kind { get; set; } = StructureKind.MediationPlace;

    [BindProperty]
    public Guid StructureId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [BindProperty]
    [Range(1, MediationCommands.LimitMax, ErrorMessage = "Mediation.LimitRange")]
    [Display(Name = "Mediation.Limit")]
    public int PeoplePerMediator { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        PeoplePerMediator = organisation.Value.PeoplePerMediator;
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnPostLimitAsync()
    {
        KeepOnly(nameof(PeoplePerMediator));
        return await PostAsync(() => commands.SetLimitAsync(PeoplePerMediator), "Mediation.LimitSet", nameof(PeoplePerMediator));
    }

    public async Task<IActionResult> OnPostStructureAsync()
    {
        KeepOnly(nameof(Name), nameof(Kind));
        PeoplePerMediator = organisation.Value.PeoplePerMediator;
        return await PostAsync(() => commands.AddStructureAsync(Name, Kind), "Mediation.StructureAdded", nameof(Name));
    }

    public async Task<IActionResult> OnPostMediatorAsync()
    {
        KeepOnly(nameof(StructureId), nameof(Pseudonym));
        PeoplePerMediator = organisation.Value.PeoplePerMediator;
        return await PostAsync(() => commands.AddMediatorAsync(StructureId, Pseudonym), "Mediation.MediatorAdded", nameof(Pseudonym));
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid mediatorId, bool confirmed)
    {
        if (Unconfirmed(confirmed, "/admin/mediation") is { } unconfirmed)
        {
            return unconfirmed;
        }
        ModelState.Clear();
        PeoplePerMediator = organisation.Value.PeoplePerMediator;
        return await PostAsync(() => commands.RemoveMediatorAsync(mediatorId), "Mediation.MediatorRemoved", "");
    }

    private async Task<IActionResult> PostAsync(Func<Task<Kernel.Contributions.CommandResult>> command, string done, string field)
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await command(), done, "/admin/mediation", field);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(Permission.ManageOrganisation)) is { } denied)
        {
            return denied;
        }
        var structures = await db.MediationStructures.AsNoTracking().Where(s => s.OrganisationId == organisation.Id).OrderBy(s => s.Name).ToListAsync();
        var mediators = await db.Mediators.AsNoTracking().Where(m => m.OrganisationId == organisation.Id)
            .Select(m => new { m.Id, m.StructureId, Pseudonym = db.Users.Where(u => u.Id == m.PersonId).Select(u => u.Pseudonym).First() })
            .ToListAsync();
        var mandates = await db.Mandates.Where(m => m.OrganisationId == organisation.Id).GroupBy(m => m.StructureId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Structures = [.. structures.Select(s => new StructureLine(s,
            [.. mediators.Where(m => m.StructureId == s.Id).OrderBy(m => m.Pseudonym).Select(m => (m.Id, m.Pseudonym))], mandates.GetValueOrDefault(s.Id)))];
        // Read back a few months, then counted per local day: the days are few and the providers date differently.
        var since = clock.GetUtcNow().AddDays(-LookBackDays);
        var written = await db.Mandates.AsNoTracking()
            .Where(m => m.OrganisationId == organisation.Id && m.CreatedAt > since && m.CreatedById != m.PersonId)
            .Select(m => new { m.CreatedById, m.CreatedAt }).ToListAsync();
        var days = written.GroupBy(m => (m.CreatedById, Day: DateOnly.FromDateTime(m.CreatedAt.ToLocalTime().DateTime)))
            .Where(g => g.Count() > MediationCommands.UnusualPerDay).ToList();
        var ids = days.Select(d => d.Key.CreatedById).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Pseudonym);
        Unusual = [.. days.OrderByDescending(d => d.Key.Day).Select(d => new UnusualDay(names.GetValueOrDefault(d.Key.CreatedById) ?? "", d.Key.Day, d.Count()))];
        if (StructureId == Guid.Empty && Structures.Count > 0)
        {
            StructureId = Structures[0].Structure.Id;
        }
        return null;
    }
}

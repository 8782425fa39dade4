using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Petitions.Pages;

/// <summary>
/// A paper signature sheet to print, numbered so that staff count each sheet once: the petition's title and demands,
/// what a signature needs, and lines to sign. People who sign on paper give their name and postcode, nothing else.
/// </summary>
public sealed class SheetModel(ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel, IProcessPage
{
    public const int Lines = 20;

    public Petition Petition { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<PetitionDemand> Demands { get; private set; } = [];

    /// <summary>The sheet's number, written at the top and typed by staff with its count.</summary>
    public int Number { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number = 1)
    {
        if (await db.PetitionWithProcess(id, organisation.Id, published: true) is not var (petition, process, _)
            || petition.HiddenAt is not null || petition.ErasedAt is not null || petition.Stage is not (PetitionStage.Signing or PetitionStage.AwaitingAnswer))
        {
            return NotFound();
        }
        (Petition, Process, Number) = (petition, process, Math.Clamp(number, 1, 100_000));
        Demands = await db.PetitionDemands.AsNoTracking().Where(d => d.PetitionId == id).OrderBy(d => d.Number).ToListAsync();
        return Page();
    }
}

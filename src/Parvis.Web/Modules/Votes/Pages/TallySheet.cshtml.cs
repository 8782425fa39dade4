using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>
/// A desk's tally sheet ("procès-verbal"), to print: blank before the count (to tally by hand), with the desk's figures
/// once counted (public then, with the results).
/// </summary>
public sealed class TallySheetModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock, PaperDesks desks)
    : VotePage(db, commands, processes, clock)
{
    public DeskTally Tally { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid deskId)
    {
        if (!await LoadAsync(id) || await desks.TallyAsync(id, deskId) is not { } tally)
        {
            return NotFound();
        }
        Tally = tally;
        return Page();
    }
}

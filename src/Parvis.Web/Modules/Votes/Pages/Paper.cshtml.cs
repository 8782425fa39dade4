using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>A vote's ballot to print, with its instructions, for a polling desk or a mediator's visit.</summary>
public sealed class PaperModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock)
    : VotePage(db, commands, processes, clock)
{
    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Debates.Pages.Admin;

/// <summary>The debates of a process for staff, each leading to its page of invited positions, typed-in arguments and closing.</summary>
public sealed class DebatesModel(ParvisDbContext db, ProcessAccess processes, Authorizer authorizer, TimeProvider clock) : ParvisPageModel, IProcessPage
{
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Debate> Debates { get; private set; } = [];

    /// <summary>Staff open debates; facilitators only type arguments in.</summary>
    public bool Manages { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid processId)
    {
        // As the module's commands find it: a draft for staff preparing it, nothing when the process does not use the module.
        if (await processes.FindAsync(processId, DebatesModule.Key) is not { } process)
        {
            return NotFound();
        }
        Process = process;
        if (Denied(await authorizer.DecideAsync(DebatesPermissions.Enter, process)) is { } denied)
        {
            return denied;
        }
        Manages = await authorizer.CanAsync(DebatesPermissions.Manage, process);
        Debates = await db.Debates.AsNoTracking().Where(d => d.ProcessId == processId).OrderByDescending(d => d.CreatedAt).ToListAsync();
        return Page();
    }
}

using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Processes;

/// <summary>
/// The one way a command loads the process it decides on: the current organisation's, with its phases, themes and
/// components; a draft only for those who may edit it (staff preparing it), so that nobody else acts in a process not
/// yet published; for a module's command, only while the process uses the module, or the given component of it (its
/// pages and commands are then as if they did not exist). What it reads is the same for everyone and kept until processes change: never change it.
/// Commands that change the process itself (ProcessCommands, closing) load it tracked, for that change only.
/// </summary>
public sealed class ProcessAccess(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, SharedData shared)
{
    /// <param name="processId">The process.</param>
    /// <param name="module">The module whose command asks, if any.</param>
    /// <param name="componentId">For a module used more than once, the component the command acts in.</param>
    public async Task<Process?> FindAsync(Guid processId, string? module = null, Guid? componentId = null)
    {
        var process = await shared.GetAsync($"process-by-id:{organisation.Id}:{processId}", () => database.Context.Processes.AsNoTracking()
            .Include(p => p.Themes).FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id), ChangeKind.Processes);
        if (process is null || (module is not null && !(componentId is { } id ? process.Component(id)?.Module == module : process.Uses(module))))
        {
            return null;
        }
        return process.Published || await authorizer.CanAsync(Permission.EditProcess, process) ? process : null;
    }

    /// <summary>
    /// Why a command that adds a contribution refuses: a closed process takes nothing more, since closing it checked
    /// that every contribution had a fate. Staff and facilitators too, whose permissions no phase closes.
    /// </summary>
    public static CommandResult? Closed(Process process) => process.ClosedAt is null ? null : CommandResult.Refused("Error.ProcessClosed");
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Texts.Pages.Admin;

/// <summary>The texts of a process for staff (drafts too), and the form that starts a new one.</summary>
public sealed class TextsModel(ParvisDbContext db, ProcessAccess processes, Authorizer authorizer, TextCommands commands) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    public DescriptionInput Description { get; set; } = new();

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<CollaborativeText> Texts { get; private set; } = [];

    /// <summary>Staff write texts; facilitators only type amendments in.</summary>
    public bool Manages { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid processId) => await LoadAsync(processId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid processId)
    {
        if (await LoadAsync(processId) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.CreateAsync(processId, Description.Draft);
        return After(result, "Texts.Created", result.Id is { } id ? $"/admin/texts/{id}" : Request.Path.Value!, DescriptionInput.Field(nameof(Description), result.ErrorKey));
    }

    private async Task<IActionResult?> LoadAsync(Guid processId)
    {
        // As the module's commands find it: a draft for staff preparing it, nothing when the process does not use the module.
        if (await processes.FindAsync(processId, TextsModule.Key) is not { } process)
        {
            return NotFound();
        }
        Process = process;
        if (Denied(await authorizer.DecideAsync(TextsPermissions.Enter, process)) is { } denied)
        {
            return denied;
        }
        Manages = await authorizer.CanAsync(TextsPermissions.Manage, process);
        Texts = await db.CollaborativeTexts.AsNoTracking().Where(t => t.ProcessId == processId).OrderByDescending(t => t.CreatedAt).ToListAsync();
        return null;
    }
}

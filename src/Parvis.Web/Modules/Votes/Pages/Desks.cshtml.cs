using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>A vote's paper desks, for those who hold one; staff add desks here.</summary>
public sealed class DesksModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock, PaperDesks desks, Authorizer authorizer)
    : VotePage(db, commands, processes, clock)
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(VoteDesk.NameMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DeskName")]
    public string Name { get; set; } = "";

    public IReadOnlyList<DeskSummary> Desks { get; private set; } = [];

    /// <summary>Whether the person may add desks.</summary>
    public bool Manages { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await PrepareAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await desks.CreateAsync(id, Name);
        return After(result, "Votes.Desk.Created", result.Id is { } deskId ? $"/votes/{id}/desks/{deskId}" : "", nameof(Name));
    }

    private async Task<IActionResult?> PrepareAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(VotesPermissions.Desk, Process, Vote.ComponentId)) is { } denied)
        {
            return denied;
        }
        Manages = await authorizer.CanAsync(VotesPermissions.Manage, Process, Vote.ComponentId);
        Desks = await desks.ListAsync(id) ?? [];
        return null;
    }
}

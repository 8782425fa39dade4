using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>Who holds which role, in the organisation or in one process; people are found by pseudonym.</summary>
public sealed class RolesModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, OrganisationCommands commands)
    : ParvisPageModel
{
    public sealed record Line(Guid Id, string Pseudonym, Role Role, string? ProcessTitle, DateTimeOffset GrantedAt);

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PersonRules.PseudonymMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Pseudonym")]
    public string Pseudonym { get; set; } = "";

    [BindProperty]
    public Role Role { get; set; } = Role.Moderator;

    [BindProperty]
    public Guid? ProcessId { get; set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Title)> Processes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        if (await LoadAsync() is { } denied)
        {
            return denied;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.GrantAsync(Pseudonym, Role, ProcessId);
        if (Refusal(result, nameof(Pseudonym)) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Admin.RoleGranted");
        return Redirect("/admin/roles");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid assignmentId, bool confirmed)
    {
        if (Unconfirmed(confirmed, "/admin/roles") is { } unconfirmed)
        {
            return unconfirmed;
        }
        ModelState.Clear();
        var result = await commands.RevokeAsync(assignmentId);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (result.Succeeded)
        {
            Flash("Admin.RoleRevoked");
            return Redirect("/admin/roles");
        }
        return await LoadAsync() ?? Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var decision = await authorizer.DecideAsync(Permission.ManageRoles);
        if (Denied(decision) is { } denied)
        {
            return denied;
        }
        Lines = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.OrganisationId == organisation.Id)
            .OrderBy(r => r.GrantedAt)
            .Select(r => new Line(r.Id,
                db.Users.Where(u => u.Id == r.PersonId).Select(u => u.Pseudonym).First(),
                r.Role,
                db.Processes.Where(p => p.Id == r.ProcessId).Select(p => p.Title).FirstOrDefault(),
                r.GrantedAt))
            .ToListAsync();
        Processes = (await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id)
                .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync())
            .Select(p => (p.Id, p.Title)).ToList();
        return null;
    }
}

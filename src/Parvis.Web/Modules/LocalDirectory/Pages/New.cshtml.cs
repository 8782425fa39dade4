using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>Proposing a new entry to the directory (staff write it at once).</summary>
public sealed class NewModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, LocalDirectoryCommands directory) : EntryFormPage(db, authorizer)
{
    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug) =>
        await LoadAsync(slug) ?? await SendAsync((content, note) => directory.ProposeAsync(Process.Id, content, note), "Directory.Proposed");

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var process = await Db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.OrganisationId == organisation.Id && p.Published);
        return process?.Component(LocalDirectoryModule.Key) is null ? NotFound() : await AllowedAsync(process);
    }
}

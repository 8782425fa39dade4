using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>Proposing a change to a listed entry, the form filled with what it says now (staff change it at once).</summary>
public sealed class ChangeModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, LocalDirectoryCommands directory) : EntryFormPage(db, authorizer)
{
    public DirectoryEntry Entry { get; private set; } = default!;

    public override string? Language => Entry.Language;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        Input = EntryInput.Of(Entry, (await Db.ThemesOf([id]))[id]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await LoadAsync(id) ?? await SendAsync((content, note) => directory.ProposeChangeAsync(id, content, note), "Directory.ChangeProposed");

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await Db.EntryWithProcess(id, organisation.Id, published: true) is not var (entry, process) || entry.State != EntryState.Published)
        {
            return NotFound();
        }
        Entry = entry;
        return await AllowedAsync(process);
    }
}

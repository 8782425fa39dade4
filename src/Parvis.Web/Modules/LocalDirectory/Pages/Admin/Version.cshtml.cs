using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.LocalDirectory.Pages.Admin;

/// <summary>A field side by side: what the entry says now, what the proposal says, and whether they differ.</summary>
public sealed record FieldPair(string Name, string Now, string Proposed, bool Changed, bool Written);

/// <summary>
/// One proposal for staff to decide: each field as the entry says it now and as proposed, the changes marked; a
/// warning when another version was taken in since it was written; accept, or refuse with a public reason.
/// </summary>
public sealed class VersionModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, LocalDirectoryCommands directory) : ParvisPageModel, IProcessPage
{
    public DirectoryVersion Version { get; private set; } = default!;
    public DirectoryEntry Entry { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<FieldPair> Fields { get; private set; } = [];

    /// <summary>The language the proposal says it is written in (the entry's, for one written before they said it).</summary>
    public string ProposedLanguage { get; private set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DirectoryVersion.ReasonMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DirectoryRefusal")]
    public string Reason { get; set; } = "";

    public string Back => $"/admin/processes/{Process.Id}/directory";

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAcceptAsync(Guid id)
    {
        KeepOnly();
        return await LoadAsync(id) ?? After(await directory.AcceptAsync(id), "Directory.Accepted", Back);
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await directory.RefuseAsync(id, Reason), "Directory.Refused", Back, nameof(Reason));
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var version = await db.DirectoryVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.State == VersionState.Pending);
        if (version is null || await db.EntryWithProcess(version.EntryId, organisation.Id, published: false) is not var (entry, process))
        {
            return NotFound();
        }
        (Version, Entry, Process) = (version, entry, process);
        if (Denied(await authorizer.DecideAsync(LocalDirectoryPermissions.Manage, process)) is { } denied)
        {
            return denied;
        }
        var themes = await db.Themes.Where(t => t.ProcessId == process.Id).ToDictionaryAsync(t => t.Id, t => t.Name);
        var proposed = EntryContent.FromJson(version.Content);
        ProposedLanguage = proposed.Language ?? entry.Language;
        var currentJson = entry.Version == 0 ? null
            : await db.DirectoryVersions.Where(v => v.EntryId == entry.Id && v.Number == entry.Version).Select(v => v.Content).FirstOrDefaultAsync();
        var current = currentJson is null ? null : EntryContent.FromJson(currentJson);
        var changed = proposed.ChangedFrom(current);
        var now = current is null ? [] : EntryFields.Of(current, Text, themes);
        Fields = [.. EntryFields.Of(proposed, Text, themes).Select((f, i) => new FieldPair(f.Name, now.Count > i ? now[i].Value : "", f.Value, current is not null && changed.Contains(f.Name), f.Written))];
        return null;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>
/// One entry: what it is and offers, where (with its place on the territory), when it opens, its access, its contact,
/// the themes it works on, and how fresh it is (version and date of the last check). A proposed or refused entry is
/// seen only by its proposer and staff; a closed one says why. Staff confirm, close or reopen it here.
/// </summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, LocalDirectoryCommands directory, TerritoryShapes territory, TerritoryMaps maps,
    ActorMentions mentions, TimeProvider clock)
    : ParvisPageModel, IProcessPage
{
    /// <summary>An entry not checked for this long is said to need checking again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromDays(365);

    public DirectoryEntry Entry { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<string> Themes { get; private set; } = [];
    public bool CanManage { get; private set; }
    public Decision Proposing { get; private set; }
    public int Waiting { get; private set; }
    public bool MineWaiting { get; private set; }
    public bool Stale { get; private set; }
    public MapDrawing Map { get; private set; } = MapDrawing.None;

    /// <summary>The items of the processes that name the entry (a result it carries).</summary>
    public IReadOnlyList<ActorMention> Mentions { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DirectoryVersion.ReasonMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.CloseReason")]
    public string Reason { get; set; } = "";

    public string Address => $"/directory/{Entry.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(Guid id)
    {
        KeepOnly();
        return await LoadAsync(id) ?? After(await directory.ConfirmAsync(id), "Directory.Confirmed", Address);
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id)
    {
        KeepOnly();
        return await LoadAsync(id) ?? After(await directory.ReopenAsync(id), "Directory.Reopened", Address);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await directory.CloseAsync(id, Reason), "Directory.ClosedDone", Address, nameof(Reason));
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (await db.EntryWithProcess(id, organisation.Id, published: true) is not var (entry, process))
        {
            return NotFound();
        }
        (Entry, Process) = (entry, process);
        CanManage = await authorizer.DecideAsync(LocalDirectoryPermissions.Manage, process) == Decision.Allowed;
        var person = authorizer.PersonId;
        // Until staff accept it, an entry is its proposer's word only: nobody else sees it.
        if (entry.State is EntryState.Proposed or EntryState.Refused && !CanManage
            && (person is null || !await db.DirectoryVersions.AnyAsync(v => v.EntryId == id && v.AuthorId == person)))
        {
            return NotFound();
        }
        Proposing = await authorizer.DecideAsync(LocalDirectoryPermissions.Propose, process);
        var themes = db.EntryThemes.Where(t => t.EntryId == id).Select(t => t.ThemeId);
        Themes = await db.Themes.Where(t => themes.Contains(t.Id)).OrderBy(t => t.Position).Select(t => t.Name).ToListAsync();
        Waiting = await db.DirectoryVersions.CountAsync(v => v.EntryId == id && v.State == VersionState.Pending);
        MineWaiting = person is not null && await db.DirectoryVersions.AnyAsync(v => v.EntryId == id && v.AuthorId == person && v.State == VersionState.Pending);
        Mentions = await mentions.WhereAsync(id);
        Stale = entry.CheckedAt is not { } checkedAt || clock.GetUtcNow() - checkedAt > Freshness;
        var point = DirectoryListing.Points([new ListedEntry(entry.Id, entry.Name, entry.Kind, "", entry.Address, entry.Commune, entry.Latitude, entry.Longitude, "", entry.Access, "", entry.Language, entry.CheckedAt, [])],
            await territory.CentresAsync())[0].Point;
        if (point is not null)
        {
            Map = await maps.DrawAsync([point], Text["Directory.EntryMapTitle", entry.Name], "entry-map", pointsAlone: false);
        }
        return null;
    }
}

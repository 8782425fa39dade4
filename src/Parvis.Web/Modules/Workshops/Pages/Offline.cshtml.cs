using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Modules.Workshops.Offline;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>
/// Running a workshop without network: on the main installation, the package for a laptop and the import
/// of the bundle it brings back (with what it added, updated and the conflicts); on the laptop, the bundle.
/// </summary>
public sealed class OfflineModel(ParvisDbContext database, CurrentOrganisation current, Authorizer authorizer, OfflineWorkshops offline)
    : WorkshopPage(database, current)
{
    [BindProperty]
    [Display(Name = "Offline.BundleFile")]
    public IFormFile? Upload { get; set; }

    /// <summary>Set on the laptop: the workshop came in a package.</summary>
    public OfflineLink? Copy { get; private set; }

    public IReadOnlyList<OfflineLink> Exports { get; private set; } = [];
    public IReadOnlyList<OfflineImport> Imports { get; private set; } = [];
    public OfflineReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostPackageAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var (result, file) = await offline.ExportPackageAsync(id);
        return Refusal(result) ?? (file is null ? Page() : File(file, "application/json", $"atelier-{Workshop.JoinCode.ToLowerInvariant()}.parvis-package.json"));
    }

    public async Task<IActionResult> OnGetBundleAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        var (result, file) = await offline.ExportBundleAsync(id);
        return Refusal(result) ?? (file is null ? Page() : File(file, "application/json", $"atelier-{Workshop.JoinCode.ToLowerInvariant()}-{DateTime.Now:yyyyMMdd-HHmm}.parvis-bundle.json"));
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (ReadSignedFile(Upload, nameof(Upload)) is not { } bytes)
        {
            return Page();
        }
        using var stream = new MemoryStream(bytes);
        var (result, report) = await offline.ImportBundleAsync(id, stream);
        if (Refusal(result, nameof(Upload)) is { } refusal)
        {
            return refusal;
        }
        Report = report;
        Imports = await Db.OfflineImports.AsNoTracking().Where(i => i.WorkshopId == id).OrderByDescending(i => i.ImportedAt).ToListAsync();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(WorkshopsPermissions.Run, Board.Process)) is { } denied)
        {
            return denied;
        }
        var links = await Db.OfflineLinks.AsNoTracking().Where(l => l.WorkshopId == id).OrderByDescending(l => l.CreatedAt).ToListAsync();
        Copy = links.FirstOrDefault(l => l.Role == OfflineRole.Copy);
        Exports = links.Where(l => l.Role == OfflineRole.Exported).ToList();
        Imports = await Db.OfflineImports.AsNoTracking().Where(i => i.WorkshopId == id).OrderByDescending(i => i.ImportedAt).ToListAsync();
        return null;
    }
}

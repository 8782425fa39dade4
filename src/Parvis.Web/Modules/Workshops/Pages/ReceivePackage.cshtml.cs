using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Modules.Workshops.Offline;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>On the facilitator's laptop: receive a workshop package from the main installation, and find the workshops received.</summary>
public sealed class ReceivePackageModel(ParvisDbContext db, Authorizer authorizer, OfflineWorkshops offline) : ParvisPageModel
{
    [BindProperty]
    [Display(Name = "Offline.PackageFile")]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<(Guid Id, string Title, DateTimeOffset ReceivedAt)> Received { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } early)
        {
            return early;
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Text["Offline.ChooseFile"]);
            return Page();
        }
        await using var upload = Upload.OpenReadStream();
        if (ReadUpload(upload, nameof(Upload), OfflineEnvelope.MaxBytes) is not { } bytes)
        {
            return Page();
        }
        using var stream = new MemoryStream(bytes);
        var result = await offline.ImportPackageAsync(stream);
        return After(result, "Offline.Received", $"/workshops/{result.Id}/console", nameof(Upload));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(WorkshopsPermissions.Manage)) is { } denied)
        {
            return denied;
        }
        Received = (await db.OfflineLinks.AsNoTracking().Where(l => l.Role == OfflineRole.Copy)
                .Join(db.Workshops, l => l.WorkshopId, w => w.Id, (l, w) => new { w.Id, w.Title, l.CreatedAt }).ToListAsync())
            .OrderByDescending(r => r.CreatedAt).Select(r => (r.Id, r.Title, r.CreatedAt)).ToList();
        return null;
    }
}

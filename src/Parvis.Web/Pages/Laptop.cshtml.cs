using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

/// <summary>
/// On a laptop without network: receive a package prepared on the main installation (a workshop, a survey), handed
/// to the module whose format it names, and find what was received.
/// </summary>
public sealed class LaptopModel(Authorizer authorizer, IEnumerable<IOfflinePackages> modules) : ParvisPageModel
{
    [BindProperty]
    [Display(Name = "Laptop.PackageFile")]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<ReceivedCopy> Received { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } early)
        {
            return early;
        }
        if (ReadSignedFile(Upload, nameof(Upload)) is not { } bytes)
        {
            return Page();
        }
        if (SignedFile.Format(bytes) is not { } format || modules.FirstOrDefault(m => m.Format == format) is not { } module)
        {
            ModelState.AddModelError(nameof(Upload), Text["Laptop.NotAPackage"]);
            return Page();
        }
        using var stream = new MemoryStream(bytes);
        var result = await module.ReceiveAsync(stream);
        return After(result, "Laptop.Received", result.Id is { } id ? module.Address(id) : "/offline", nameof(Upload));
    }

    /// <summary>Receiving sets up a process's copy: for those who may create one.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        if (Denied(await authorizer.DecideAsync(Permission.CreateProcess)) is { } denied)
        {
            return denied;
        }
        var received = new List<ReceivedCopy>();
        foreach (var module in modules)
        {
            received.AddRange(await module.ReceivedAsync());
        }
        Received = [.. received.OrderByDescending(r => r.ReceivedAt)];
        return null;
    }
}

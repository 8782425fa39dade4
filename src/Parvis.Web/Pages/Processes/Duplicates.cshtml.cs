using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// The analysts' queue of likely duplicates across every channel of a process, each pair with its score and the
/// words it shares marked in both texts; the analyst merges the later into the earlier, or says they differ.
/// </summary>
public sealed class DuplicatesModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, SimilarContributions similar) : ParvisPageModel
{
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<DuplicateView> Pairs { get; private set; } = [];
    public int Compared { get; private set; }

    public string Address => $"/processes/{Process.Slug}/duplicates";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        await ShowAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostMergeAsync(Guid merged, Guid into) =>
        await LoadAsync() ?? await AfterAsync(await similar.MergeAsync(Process, merged, into), "Duplicates.Merged", Address, ShowAsync);

    public async Task<IActionResult> OnPostDismissAsync(Guid first, Guid second) =>
        await LoadAsync() ?? await AfterAsync(await similar.DismissAsync(Process, first, second), "Duplicates.Dismissed", Address, ShowAsync);

    private async Task ShowAsync()
    {
        if (!CodeSuggestions.Offered(Process))
        {
            return;
        }
        Compared = (await similar.IndexAsync(Process)).Count;
        Pairs = await similar.QueueAsync(Process);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug);
        if (process is null)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.Analyse, process)) is { } denied)
        {
            return denied;
        }
        Process = process;
        return null;
    }
}

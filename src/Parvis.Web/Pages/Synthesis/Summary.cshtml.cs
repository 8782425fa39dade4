using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Synthesis;

/// <summary>
/// A cited summary, for analysts: its text to rewrite, its cited sentences with the contributions behind each, and
/// publication into the synthesis once rewritten.
/// </summary>
public sealed class SummaryModel(ParvisDbContext db, Authorizer authorizer, CitedSummaries summaries) : ParvisPageModel
{
    [BindProperty]
    public SynthesisInput Input { get; set; } = new();

    public Summary Summary { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public IReadOnlyList<CitationView> Citations { get; private set; } = [];

    // The stored text, a sentence withdrawn since reading as such.
    private string _readable = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        Input = Stored();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id) =>
        await LoadAsync(id) ?? (ModelState.IsValid ? After(await summaries.SaveAsync(id, Input.ToDraft()), "Summaries.Saved", $"/summaries/{id}") : Page());

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await summaries.PublishAsync(id, Input.ToDraft());
        var field = result.ErrorKey is "Error.SummaryUnedited" or "Error.SummaryUnknownCitation" or "Error.SummaryWithdrawnCitation" ? "Input.Body" : "";
        if (Refusal(result, field) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Summaries.PublishedNow");
        return Redirect($"/synthesis/{await db.Summaries.Where(s => s.Id == id).Select(s => s.SynthesisItemId).SingleAsync()}");
    }

    /// <summary>Taking a citation out posts no text: the form shows the summary as stored, with what is left.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, int number)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        Input = Stored();
        return After(await summaries.RemoveCitationAsync(id, number), "Summaries.CitationRemoved", $"/summaries/{id}#citations");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirmed)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        Input = Stored();
        return Unconfirmed(confirmed, $"/summaries/{id}")
            ?? After(await summaries.DeleteAsync(id), "Summaries.Deleted", $"/processes/{Process.Slug}/summaries");
    }

    private SynthesisInput Stored() => new() { Kind = Summary.Kind, Title = Summary.Title, Body = _readable, ThemeId = Summary.ThemeId };

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var summary = await summaries.FindAsync(id);
        var process = summary is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == summary.ProcessId && p.Published);
        if (summary is null || process is null)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.Analyse, process)) is { } denied)
        {
            return denied;
        }
        (Summary, Process) = (summary, process);
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        (_readable, Citations) = await summaries.ReadableAsync(summary);
        return null;
    }
}

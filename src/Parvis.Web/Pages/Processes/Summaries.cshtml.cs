using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// The cited summaries of a process, for analysts: those drafted, rewritten and published, and a new one of a theme,
/// a synthesis item or a grid cell (chosen on the grid).
/// </summary>
public sealed class SummariesModel(ParvisDbContext db, CitedSummaries summaries) : ParvisPageModel
{
    /// <summary>What to summarise, as <see cref="CitedSummaries"/> names it.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.SummaryScope")]
    public string? Scope { get; set; }

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Summary> List { get; private set; } = [];
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public IReadOnlyList<SynthesisItem> Items { get; private set; } = [];

    /// <summary>The scope asked for, in words, and how many shown contributions it holds.</summary>
    public (CitedSummaries.Subject Subject, int Count)? Chosen { get; private set; }

    /// <summary>The themes and synthesis items to summarise, grouped.</summary>
    public IReadOnlyList<SelectListItem> Scopes()
    {
        var themes = new SelectListGroup { Name = Text["Summaries.Themes"] };
        var items = new SelectListGroup { Name = Text["Summaries.Items"] };
        return
        [
            new SelectListItem(Text["Summaries.Choose"], ""),
            .. Themes.Select(t => new SelectListItem(t.Name, CitedSummaries.ThemeScope(t.Id)) { Group = themes }),
            .. Items.Select(i => new SelectListItem(i.Title, CitedSummaries.ItemScope(i.Id)) { Group = items }),
        ];
    }

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused)
        {
            return refused;
        }
        if (Scope is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Scope), Text["Validation.Required"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await summaries.DraftAsync(Process, Scope!);
        // Said above the form: the scope chosen is shown as words, not as its field.
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("Summaries.Drafted");
        return Redirect($"/summaries/{result.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var (process, refused) = await AnalysedProcessAsync(slug);
        if (process is null)
        {
            return refused;
        }
        Process = process;
        List = await db.Summaries.AsNoTracking().Where(s => s.ProcessId == process.Id).OrderByDescending(s => s.CreatedAt).ToListAsync();
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        Items = await db.SynthesisItems.AsNoTracking().Where(i => i.ProcessId == process.Id).OrderBy(i => i.Kind).ThenBy(i => i.Position).ToListAsync();
        if (Scope is { Length: > 0 } scope)
        {
            if (await summaries.SubjectAsync(process, scope) is { } subject)
            {
                Chosen = (subject, await summaries.CountAsync(process, subject));
            }
            else
            {
                ModelState.AddModelError(nameof(Scope), Text["Error.SummaryScope"]);
            }
        }
        return null;
    }
}

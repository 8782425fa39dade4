using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Pages.Contributions;

/// <summary>
/// Any contribution, whatever its module: its text, where to read it, and its fate with the history.
/// Analysts decide the fate here.
/// </summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, FateCommands fates, SimilarContributions similar,
    AnalystThemes themes)
    : ParvisPageModel
{
    /// <summary>Merge targets offered in the list; beyond, the most recent.</summary>
    private const int TargetsShown = 500;

    [BindProperty]
    public Fate? Fate { get; set; }

    [BindProperty]
    [StringLength(FateDecision.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FateText")]
    public string? Explanation { get; set; }

    [BindProperty]
    [Display(Name = "Field.SynthesisItem")]
    public Guid? SynthesisItemId { get; set; }

    [BindProperty]
    [Display(Name = "Field.MergedInto")]
    public Guid? MergedIntoId { get; set; }

    public Contribution Contribution { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public FateView FateView { get; private set; } = default!;
    public bool CanDecide { get; private set; }
    public IReadOnlyList<SelectListItem> Items { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Targets { get; private set; } = [];

    /// <summary>For an analyst, the contributions of the process closest to this one, with the words they share.</summary>
    public IReadOnlyList<(Contribution Contribution, Similar Match)> Similar { get; private set; } = [];

    /// <summary>Whether anyone may read its text here (<see cref="ShownContributions"/>).</summary>
    public bool Visible { get; private set; }

    /// <summary>The process's themes, and those analysts gave this contribution.</summary>
    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    [BindProperty]
    public List<Guid> ThemeIds { get; set; } = [];

    /// <summary>Analysts give a contribution of any channel the process's themes it speaks of.</summary>
    public async Task<IActionResult> OnPostThemesAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanDecide)
        {
            return Denied(await authorizer.DecideAsync(Permission.Analyse, Process)) ?? Forbid();
        }
        ModelState.Clear();
        var result = await themes.SetAsync(id, ThemeIds);
        if (!result.Succeeded)
        {
            // Shown again as they stand now.
            ThemeIds = await themes.OfAsync(id);
        }
        return After(result, "Themes.Saved", $"/contributions/{id}#themes");
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ThemeIds = CanDecide ? await themes.OfAsync(id) : [];
        var current = FateView.Current;
        Fate = current?.Fate;
        Explanation = current?.Text;
        SynthesisItemId = current?.Item?.Id;
        MergedIntoId = current?.MergedInto?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? returnUrl)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanDecide)
        {
            return Denied(await authorizer.DecideAsync(Permission.Analyse, Process)) ?? Forbid();
        }
        if (Fate is null)
        {
            ModelState.AddModelError(nameof(Fate), Text["Validation.ChooseFate"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await fates.DecideAsync(id, new FateInput(Fate!.Value, Explanation ?? "", SynthesisItemId, MergedIntoId));
        var field = result.ErrorKey switch
        {
            "Error.FateTextRequired" or "Error.FateTextTooLong" => nameof(Explanation),
            "Error.FateItem" => nameof(SynthesisItemId),
            "Error.FateMergeTarget" or "Error.FateMergedInto" => nameof(MergedIntoId),
            _ => "",
        };
        return After(result, "Fate.Saved", LocalAddresses.Or(returnUrl, $"/contributions/{id}"), field);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var contribution = await db.Contributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.OrganisationId == organisation.Id);
        var process = contribution is null ? null
            : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == contribution.ProcessId && p.Published);
        if (contribution is null || process is null)
        {
            return false;
        }
        Contribution = contribution;
        Process = process;
        Visible = await fates.Shown.AnyAsync(c => c.Id == id);
        FateView = await FateView.LoadAsync(db, fates.Shown, id);
        // Hidden, it may still get a fate; withheld by its module, not yet (FateCommands.DecideAsync).
        CanDecide = contribution.ErasedAt is null && !await fates.WithheldAsync(id) && await authorizer.CanAsync(Permission.Analyse, process);
        if (CanDecide)
        {
            Items = (await db.SynthesisItems.AsNoTracking().Where(i => i.ProcessId == process.Id)
                    .OrderBy(i => i.Kind).ThenBy(i => i.Position).Select(i => new { i.Id, i.Kind, i.Title }).ToListAsync())
                .Select(i => new SelectListItem($"{Text["SynthesisKind." + i.Kind]} : {i.Title}", i.Id.ToString()))
                .Prepend(new SelectListItem("—", "")).ToList();
            var targets = await fates.Awaiting(process)
                .Where(c => c.Id != id && (c.Fate == null || c.Fate != Kernel.Contributions.Fate.Merged))
                .OrderByDescending(c => c.CreatedAt).Take(TargetsShown).ToListAsync();
            Targets = targets
                .Select(c => new SelectListItem($"{Text["Kind." + c.Kind]} : {Excerpts.Cut(c.Excerpt, 90)}", c.Id.ToString()))
                .Prepend(new SelectListItem("—", "")).ToList();
            Similar = Visible ? await similar.SimilarToAsync(process, id) : [];
            Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        }
        return true;
    }
}

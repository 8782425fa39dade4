using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// What helps the analysts of a process and how, public: the methods with their parameters, how analysts answered the
/// suggestions, and for analysts how often the suggestions would have matched their own coding. Staff switch the
/// suggestions off or on here.
/// </summary>
public sealed class AnalysisHelpModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, CodeSuggestions suggestions,
    ProcessCommands commands, FateCommands fates) : ParvisPageModel
{
    /// <summary>A grid's figures: contributions coded, the quality measured on them (analysts only), the answers given.</summary>
    public sealed record GridFigures(AnalysisGrid Grid, int Coded, SuggestionQuality? Quality, int Accepted, int Rejected);

    [BindProperty]
    public bool Offered { get; set; }

    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<GridFigures> Grids { get; private set; } = [];
    public bool CanAnalyse { get; private set; }
    public bool CanSwitch { get; private set; }

    /// <summary>Cited summaries that went into the synthesis, each rewritten by an analyst.</summary>
    public int SummariesPublished { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        Offered = CodeSuggestions.Offered(Process);
        await FiguresAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSwitchAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            await FiguresAsync();
            return Page();
        }
        // The figures only for the page shown again with what was refused, not for a switch that goes through.
        var result = await commands.SwitchSuggestionsAsync(Process.Id, Offered, Change);
        return await AfterAsync(result, Offered ? "AnalysisHelp.SwitchedOn" : "AnalysisHelp.SwitchedOff", $"/processes/{slug}/analysis-help", FiguresAsync,
            JournalFields.Of(result.ErrorKey) ?? "");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return false;
        }
        Process = process;
        CanAnalyse = await authorizer.CanAsync(Permission.Analyse, process);
        CanSwitch = await authorizer.CanAsync(Permission.EditProcess, process);
        return true;
    }

    private async Task FiguresAsync()
    {
        var grids = await db.AnalysisGrids.AsNoTracking().Where(g => g.ProcessId == Process.Id).OrderBy(g => g.CreatedAt).ToListAsync();
        var figures = new List<GridFigures>(grids.Count);
        var shown = fates.Shown.Select(c => c.Id);
        foreach (var grid in grids)
        {
            var (accepted, rejected) = await suggestions.AnswersAsync(Process, CodeSuggestions.GridScheme(grid.Id));
            var coded = await db.GridCodings.Where(c => c.GridId == grid.Id && c.ContributionId != null && shown.Contains(c.ContributionId!.Value))
                .Select(c => c.ContributionId).Distinct().CountAsync();
            // Measuring means comparing texts: worked out for analysts only, never at a visitor's request.
            var quality = CanAnalyse && CodeSuggestions.Offered(Process) ? (await suggestions.GridBuildAsync(Process, grid)).Quality : null;
            figures.Add(new GridFigures(grid, coded, quality, accepted, rejected));
        }
        Grids = figures;
        SummariesPublished = await db.Summaries.CountAsync(s => s.ProcessId == Process.Id && s.SynthesisItemId != null);
    }
}

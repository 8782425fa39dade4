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
    /// <summary>
    /// The figures of what is suggested (the process's themes, a grid's cells): contributions coded, the quality measured
    /// on them (analysts only), the answers given. <see cref="Named"/>: its name is the organisation's, in its language.
    /// </summary>
    public sealed record SchemeFigures(string Name, bool Named, string Address, int Coded, SuggestionQuality? Quality, int Accepted, int Rejected);

    [BindProperty]
    public bool Offered { get; set; }

    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<SchemeFigures> Schemes { get; private set; } = [];
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
        var figures = new List<SchemeFigures>();
        var shown = fates.Shown.Select(c => c.Id);
        var themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == Process.Id).Select(t => t.Id).ToListAsync();
        if (themes.Count > 0)
        {
            // Theme by theme: one query of them all would join more selects than SQLite takes.
            var themed = new HashSet<Guid>();
            foreach (var theme in themes)
            {
                var inTheme = fates.InTheme(theme);
                themed.UnionWith(await fates.Shown.Where(c => c.ProcessId == Process.Id && inTheme.Contains(c.Id)).Select(c => c.Id).ToListAsync());
            }
            var coded = themed.Count;
            figures.Add(await FiguresOfAsync(suggestions.ForThemes(Process), Text["AnalysisHelp.Themes"], false, $"/processes/{Process.Slug}/theme-suggestions", coded));
        }
        foreach (var grid in await db.AnalysisGrids.AsNoTracking().Where(g => g.ProcessId == Process.Id).OrderBy(g => g.CreatedAt).ToListAsync())
        {
            var coded = await db.GridCodings.Where(c => c.GridId == grid.Id && c.ContributionId != null && shown.Contains(c.ContributionId!.Value))
                .Select(c => c.ContributionId).Distinct().CountAsync();
            figures.Add(await FiguresOfAsync(suggestions.ForGrid(grid), grid.Title, true, $"/grids/{grid.Id}", coded));
        }
        Schemes = figures;
        SummariesPublished = await db.Summaries.CountAsync(s => s.ProcessId == Process.Id && s.SynthesisItemId != null);
    }

    private async Task<SchemeFigures> FiguresOfAsync(ICodeScheme scheme, string name, bool named, string address, int coded)
    {
        var (accepted, rejected) = await suggestions.AnswersAsync(Process, scheme.Key);
        // Measuring means comparing texts: worked out for analysts only, never at a visitor's request.
        var quality = CanAnalyse && CodeSuggestions.Offered(Process) ? (await suggestions.BuildAsync(Process, scheme)).Quality : null;
        return new SchemeFigures(name, named, address, coded, quality, accepted, rejected);
    }
}

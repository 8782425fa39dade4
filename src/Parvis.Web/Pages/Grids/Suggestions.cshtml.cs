using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Grids;

/// <summary>
/// Cells of a grid suggested for the contributions not coded in it yet, learned from those analysts coded, each with
/// its confidence, the words that led to it and the coded contribution it is most like; the analyst accepts (the
/// contribution is coded there) or rejects (it is not offered again).
/// </summary>
public sealed class SuggestionsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, CodeSuggestions suggestions, FateCommands fates)
    : SuggestionQueuePage(suggestions, fates)
{
    public AnalysisGrid Grid { get; private set; } = default!;
    public string Culture { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    // Entries of both frameworks, by id.
    private Dictionary<Guid, FrameworkEntry> _entries = [];

    public override string Address => $"/grids/{Grid.Id}/suggestions";

    protected override ICodeScheme Scheme => Suggestions.ForGrid(Grid);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        await ShowAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, Guid contribution, string code) =>
        await LoadAsync(id) ?? await AcceptAsync(contribution, code, "Suggestions.Accepted");

    public async Task<IActionResult> OnPostRejectAsync(Guid id, Guid contribution, string code) =>
        await LoadAsync(id) ?? await RejectAsync(contribution, code);

    public SuggestionQueueView View => QueueView(Heading, Text["Suggestions.Accept"]);

    /// <summary>A suggested cell in words: its row, its column, strength or weakness.</summary>
    private string Heading(Suggestion suggestion)
    {
        var (row, column, sign) = CodeSuggestions.Cell(suggestion.Code)!.Value;
        return Text["Suggestions.Cell", _entries.TryGetValue(row, out var r) ? r.LabelIn(Culture) : "?", _entries.TryGetValue(column, out var c) ? c.LabelIn(Culture) : "?",
            Text["GridSign." + sign].Value];
    }

    protected override async Task ShowAsync()
    {
        await base.ShowAsync();
        var frameworks = new[] { Grid.RowFrameworkId, Grid.ColumnFrameworkId };
        _entries = await db.FrameworkEntries.AsNoTracking().Where(e => frameworks.Contains(e.FrameworkId)).ToDictionaryAsync(e => e.Id);
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var grid = await db.AnalysisGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && g.OrganisationId == organisation.Id);
        var process = grid is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == grid.ProcessId && p.Published);
        if (grid is null || process is null)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.Analyse, process)) is { } denied)
        {
            return denied;
        }
        (Grid, Process) = (grid, process);
        return null;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// Themes of the process suggested for its contributions, learned from those that have one (chosen by their author or
/// given by analysts), each with its confidence, the words that led to it and the contribution it is most like; the
/// analyst accepts (the theme is given) or rejects (it is not offered again).
/// </summary>
public sealed class ThemeSuggestionsModel(ParvisDbContext db, CodeSuggestions suggestions, FateCommands fates)
    : SuggestionQueuePage(suggestions, fates)
{
    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public override string Address => $"/processes/{Process.Slug}/theme-suggestions";

    protected override ICodeScheme Scheme => Suggestions.ForThemes(Process);

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused)
        {
            return refused;
        }
        await ShowAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string slug, Guid contribution, string code) =>
        await LoadAsync(slug) ?? await AcceptAsync(contribution, code, "Suggestions.ThemeAccepted");

    public async Task<IActionResult> OnPostRejectAsync(string slug, Guid contribution, string code) =>
        await LoadAsync(slug) ?? await RejectAsync(contribution, code);

    public SuggestionQueueView View =>
        QueueView(s => Text["Suggestions.Theme", Themes.FirstOrDefault(t => t.Id.ToString() == s.Code)?.Name ?? "?"], Text["Suggestions.AcceptTheme"]);

    // A process without themes has none to suggest.
    protected override Task ShowAsync() => Themes.Count == 0 ? Task.CompletedTask : base.ShowAsync();

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        var (process, refused) = await AnalysedProcessAsync(slug);
        if (process is null)
        {
            return refused;
        }
        Process = process;
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        return null;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;
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
    : ParvisPageModel
{
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<SuggestedFor> Queue { get; private set; } = [];
    public int Coded { get; private set; }
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    private Dictionary<Guid, Contribution> _examples = [];

    public string Address => $"/processes/{Process.Slug}/theme-suggestions";

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
        await LoadAsync(slug) ?? await AfterAsync(await suggestions.AcceptAsync(Process, suggestions.ForThemes(Process), contribution, code), "Suggestions.ThemeAccepted",
            Address, ShowAsync);

    public async Task<IActionResult> OnPostRejectAsync(string slug, Guid contribution, string code) =>
        await LoadAsync(slug) ?? await AfterAsync(await suggestions.RejectAsync(Process, suggestions.ForThemes(Process), contribution, code), "Suggestions.Rejected",
            Address, ShowAsync);

    public SuggestionQueueView View => new(Queue,
        s => Text["Suggestions.Theme", Themes.FirstOrDefault(t => t.Id.ToString() == s.Code)?.Name ?? "?"],
        s => s.Like.Select(id => _examples.GetValueOrDefault(id)).FirstOrDefault(c => c is not null),
        Text["Suggestions.AcceptTheme"]);

    private async Task ShowAsync()
    {
        if (!CodeSuggestions.Offered(Process) || Themes.Count == 0)
        {
            return;
        }
        var scheme = suggestions.ForThemes(Process);
        var build = await suggestions.BuildAsync(Process, scheme);
        Coded = build.Suggester.Coded;
        Queue = await suggestions.QueueAsync(Process, scheme, build);
        var like = Queue.SelectMany(q => q.Suggestions).SelectMany(s => s.Like).Distinct().ToList();
        _examples = await fates.Shown.AsNoTracking().Where(c => like.Contains(c.Id) && c.Fate != Fate.Merged).ToDictionaryAsync(c => c.Id);
    }

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

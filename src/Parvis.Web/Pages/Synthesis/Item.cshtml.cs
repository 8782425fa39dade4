using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Synthesis;

/// <summary>One synthesis item and every contribution behind it; analysts edit, move or delete it here.</summary>
public sealed class ItemModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, SynthesisCommands synthesis,
    IEnumerable<IContributionSource> sources, Kernel.Territory.ActorMentions actors, CitedSummaries summaries) : ParvisPageModel
{
    [BindProperty]
    public SynthesisInput Input { get; set; } = new();

    public SynthesisItem Item { get; private set; } = default!;

    /// <summary>The actor of the territory carrying the result, from the directory.</summary>
    public Kernel.Territory.ActorChoice? Actor { get; private set; }
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<ContributionRef> Contributions { get; private set; } = [];

    /// <summary>The dated updates of a recommendation or an action, latest first.</summary>
    public IReadOnlyList<ResultUpdate> Updates { get; private set; } = [];
    public bool CanEdit { get; private set; }

    /// <summary>What this recommendation or action answers, and what answers this item: the link read both ways.</summary>
    public IReadOnlyList<SynthesisItem> Answers { get; private set; } = [];
    public IReadOnlyList<SynthesisItem> AnsweredBy { get; private set; } = [];

    /// <summary>The other items of the synthesis, for an analyst to say what a recommendation or an action answers.</summary>
    public IReadOnlyList<SynthesisItem> Others { get; private set; } = [];

    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    /// <summary>The sentences the text cites ([n]), from the summary published into the item.</summary>
    public IReadOnlyList<CitationView> Citations { get; private set; } = [];

    public IReadOnlySet<int> Cited => Citations.Select(c => c.Number).ToHashSet();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = SynthesisInput.Of(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return After(await synthesis.UpdateAsync(id, Input.ToDraft()), "Synthesis.Saved", $"/synthesis/{id}");
    }

    public Task<IActionResult> OnPostAnswerAsync(Guid id, List<Guid> answered) =>
        ActAsync(id, () => synthesis.AnswerAsync(id, answered), "Synthesis.AnswersSaved", () => $"/synthesis/{id}#answers");

    public Task<IActionResult> OnPostMoveAsync(Guid id, int direction) =>
        ActAsync(id, () => synthesis.MoveAsync(id, direction), "Synthesis.Moved", () => $"/processes/{Process.Slug}/synthesis#item-{id}");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirmed) =>
        Unconfirmed(confirmed, $"/synthesis/{id}") ?? await ActAsync(id, () => synthesis.DeleteAsync(id), "Synthesis.Deleted", () => $"/processes/{Process.Slug}/synthesis");

    /// <summary>Moving and deleting post no item form: the edit form keeps showing the item as stored.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<CommandResult>> act, string done, Func<string> next)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        Input = SynthesisInput.Of(Item);
        return After(await act(), done, next());
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var item = await db.SynthesisItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OrganisationId == organisation.Id);
        var process = item is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == item.ProcessId && p.Published);
        if (item is null || process is null)
        {
            return false;
        }
        Item = item;
        Process = process;
        CanEdit = await authorizer.CanAsync(Permission.Analyse, process);
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        Contributions = await FateView.ReferencesAsync(
            db.Contributions.Where(c => db.SynthesisLinks.Any(l => l.SynthesisItemId == id && l.ContributionId == c.Id)).OrderBy(c => c.CreatedAt),
            ShownContributions.Of(db, sources));
        Answers = await db.SynthesisItems.AsNoTracking().Where(i => db.SynthesisItemLinks.Any(l => l.FromItemId == id && l.ToItemId == i.Id))
            .OrderBy(i => i.Kind).ThenBy(i => i.Position).ToListAsync();
        AnsweredBy = await db.SynthesisItems.AsNoTracking().Where(i => db.SynthesisItemLinks.Any(l => l.ToItemId == id && l.FromItemId == i.Id))
            .OrderBy(i => i.Kind).ThenBy(i => i.Position).ToListAsync();
        Others = CanEdit && item.IsTracked
            ? await db.SynthesisItems.AsNoTracking().Where(i => i.ProcessId == item.ProcessId && i.Id != id).OrderBy(i => i.Kind).ThenBy(i => i.Position).ToListAsync()
            : [];
        Citations = await summaries.OfItemAsync(id) is { } summary ? await summaries.CitationsAsync(summary) : [];
        Actor = item.IsTracked ? await actors.OfAsync(id, ResultCommands.ResultMention) : null;
        Updates = item.IsTracked
            ? await db.ResultUpdates.AsNoTracking().Where(u => u.SynthesisItemId == id).OrderByDescending(u => u.On).ThenByDescending(u => u.RecordedAt).ToListAsync()
            : [];
        return true;
    }
}

using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Microsoft.EntityFrameworkCore;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>
/// A text as published: the version asked for (the current one by default), what changed in it and why, its articles by
/// section with their votes, and the ways to compare, print and download it.
/// </summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, IEnumerable<IContributionSource> sources)
    : TextPage(db, organisation, processes)
{
    public TextVersion Version { get; private set; } = default!;
    public IReadOnlyList<TextArticle> Articles { get; private set; } = [];
    public IReadOnlyDictionary<Guid, OpinionCount> Opinions { get; private set; } = new Dictionary<Guid, OpinionCount>();
    public IReadOnlyDictionary<Guid, int> AmendmentCounts { get; private set; } = new Dictionary<Guid, int>();
    public Changelog Changelog { get; private set; } = default!;
    public int NewArticles { get; private set; }

    public bool Current => Version.Number == Collaborative.Version;

    public async Task<IActionResult> OnGetAsync(Guid id, int? version)
    {
        if (!await LoadTextAsync(id))
        {
            return NotFound();
        }
        if (Versions.FirstOrDefault(v => v.Number == (version ?? Collaborative.Version)) is not { } shown)
        {
            return NotFound();
        }
        Version = shown;
        Articles = await ArticlesAsync(shown.Number);
        var ids = Articles.Select(a => a.Id).ToList();
        Opinions = await TextFigures.OpinionsAsync(Db, id, ids);
        AmendmentCounts = await TextFigures.ShownAmendments(Db, id).AsNoTracking().Where(a => a.ArticleId != null && ids.Contains(a.ArticleId.Value))
            .GroupBy(a => a.ArticleId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        NewArticles = await TextFigures.ShownAmendments(Db, id).CountAsync(a => a.ArticleId == null);
        Changelog = await Changelog.LoadAsync(Db, ShownContributions.Of(Db, sources), id, shown.Number);
        return Page();
    }
}

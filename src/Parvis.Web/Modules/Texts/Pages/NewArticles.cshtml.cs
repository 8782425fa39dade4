using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>The new articles participants propose, each at the place they chose, voted and argued like amendments; and the form to propose one.</summary>
public sealed class NewArticlesModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, TextCommands commands)
    : ContributionPage(db, organisation, processes, authorizer, commands)
{
    /// <summary>The current version's articles: the places a new article can go after.</summary>
    public IReadOnlyList<TextArticle> Articles { get; private set; } = [];

    /// <summary>Every article's latest heading by lineage, to say where a proposal made against an earlier version goes.</summary>
    private Dictionary<Guid, string> _headings = [];

    public override bool Open => true;

    public Task<IActionResult> OnGetAsync(Guid id, Voice? voice, [FromQuery(Name = "page")] int number = 1) => ShowAsync(id, null, voice, number);

    protected override async Task<bool> LoadPageAsync(Guid id, Guid? articleId, Voice? voice, int page)
    {
        if (!await LoadTextAsync(id))
        {
            return false;
        }
        Articles = await ArticlesAsync(Collaborative.Version);
        _headings = (await Db.TextArticles.AsNoTracking().Where(a => a.TextId == id).OrderBy(a => a.Version).Select(a => new { a.LineageId, a.Heading }).ToListAsync())
            .GroupBy(a => a.LineageId).ToDictionary(g => g.Key, g => g.Last().Heading);
        await LoadAmendmentsAsync(id, null, voice, page);
        return true;
    }

    /// <summary>Where a proposed article goes, in words: after which article of the current version.</summary>
    public string Place(Amendment amendment) => amendment.AfterLineageId is { } after && _headings.TryGetValue(after, out var heading)
        ? Text["Texts.PlaceAfter", heading] : Text["Texts.PlaceStart"];
}

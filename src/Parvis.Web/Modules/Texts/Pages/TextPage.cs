using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>The pages about one text: the text and its process (published, or staff's), its versions and their articles.</summary>
public abstract class TextPage(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes) : ParvisPageModel, IProcessPage
{
    public CollaborativeText Collaborative { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<TextVersion> Versions { get; private set; } = [];

    public string Address => $"/texts/{Collaborative.Id}";

    protected ParvisDbContext Db => db;

    protected Guid OrganisationId => organisation.Id;

    /// <summary>The text, once it has a published version: drafts are staff's, on their pages.</summary>
    protected async Task<bool> LoadTextAsync(Guid id)
    {
        var text = await db.CollaborativeTexts.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganisationId == organisation.Id && t.Version > 0);
        var process = text is null ? null : await processes.FindAsync(text.ProcessId, TextsModule.Key);
        if (text is null || process is null)
        {
            return false;
        }
        (Collaborative, Process) = (text, process);
        Versions = await db.TextVersions.AsNoTracking().Where(v => v.TextId == id).OrderBy(v => v.Number).ToListAsync();
        return true;
    }

    protected Task<List<TextArticle>> ArticlesAsync(int version) =>
        db.TextArticles.AsNoTracking().Where(a => a.TextId == Collaborative.Id && a.Version == version).OrderBy(a => a.Position).ToListAsync();

    protected Task<Func<Kernel.Contributions.Contribution, Author>> AuthorsAsync(IEnumerable<Kernel.Contributions.Contribution> contributions) =>
        TextFigures.AuthorsAsync(db, organisation.Id, contributions);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>
/// An article: its wording, the votes on it, arguments for and against, its amendments with theirs, and the forms to
/// vote, argue and amend while its version is the current one. People's and organisations' contributions can be read apart.
/// </summary>
public sealed class ArticleModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer, TextCommands commands)
    : ContributionPage(db, organisation, processes, authorizer, commands)
{
    public TextArticle Article { get; private set; } = default!;

    protected override Guid? PageArticleId => Article.Id;

    /// <summary>For an article of an earlier version: the same article in the current one, if it is still there.</summary>
    public TextArticle? CurrentArticle { get; private set; }

    /// <summary>The article as one votes and argues on it.</summary>
    public SubjectView Subject { get; private set; } = default!;

    public override bool Open => Article.Version == Collaborative.Version;

    public Task<IActionResult> OnGetAsync(Guid id, Guid articleId, Voice? voice, [FromQuery(Name = "page")] int number = 1) => ShowAsync(id, articleId, voice, number);

    protected override async Task<bool> LoadPageAsync(Guid id, Guid? articleId, Voice? voice, int page)
    {
        if (!await LoadTextAsync(id))
        {
            return false;
        }
        var article = await Db.TextArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId && a.TextId == id);
        if (article is null)
        {
            return false;
        }
        Article = article;
        // The amendment form starts from the wording as it is, to be changed where the participant wants.
        Wording ??= article.Body;
        if (!Open)
        {
            CurrentArticle = await Db.TextArticles.AsNoTracking().FirstOrDefaultAsync(a => a.TextId == id && a.Version == Collaborative.Version && a.LineageId == article.LineageId);
        }
        Subject = new SubjectView(article.Id, article.Heading, (await TextFigures.OpinionsAsync(Db, id, [article.Id])).GetValueOrDefault(article.Id, OpinionCount.None),
            (await MineAsync([article.Id])).GetValueOrDefault(article.Id), (await ArgumentsAsync([article.Id], voice))[article.Id], Open, OrganisationLanguage);
        await LoadAmendmentsAsync(id, article.Id, voice, page);
        return true;
    }
}

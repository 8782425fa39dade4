using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// A text's amendments and arguments, one line each, saying whether an organisation wrote it (and which), so analysts
/// read people's and organisations' contributions apart. No account, no e-mail: pseudonyms or origins only.
/// </summary>
public static class TextExport
{
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> RowsAsync(ParvisDbContext db, CollaborativeText text, IStringLocalizer words)
    {
        var amendments = await TextFigures.ShownAmendments(db, text.Id).AsNoTracking().OrderBy(a => a.CreatedAt).ToListAsync();
        var arguments = await TextFigures.ShownArguments(db, text.Id).AsNoTracking().OrderBy(a => a.CreatedAt).ToListAsync();
        var articleIds = amendments.Select(a => a.ArticleId).Concat(arguments.Select(a => a.ArticleId)).OfType<Guid>().Distinct().ToList();
        var articles = await db.TextArticles.AsNoTracking().Where(a => articleIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var authors = await TextFigures.AuthorsAsync(db, text.OrganisationId, [.. amendments, .. arguments]);
        var opinions = await TextFigures.OpinionsAsync(db, text.Id, [.. amendments.Select(a => a.Id)]);
        IReadOnlyList<string> Who(Kernel.Contributions.Contribution c) => authors(c) is { Voice: { } voice } author
            ? [words["Texts.Voice.Organisations"], author.Name ?? "", voice.Name, words[$"VoiceKind.{voice.Kind}"]]
            : [words["Texts.Voice.People"], authors(c).Name ?? "", "", ""];
        string Article(Guid? id, string heading) => id is { } known && articles.TryGetValue(known, out var article) ? $"{article.Heading} (v{article.Version})" : heading;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Texts.Export.Kind", "Texts.Export.Id", "Texts.Export.Article", "Texts.Export.Side", "Texts.Export.Text", "Texts.Export.Reason", "Texts.Export.Voice",
                "Texts.Export.Author", "Texts.Export.Organisation", "Texts.Export.OrganisationKind", "Texts.Export.Channel", "Opinion.Agree", "Opinion.Mixed",
                "Opinion.Disagree", "Texts.Export.Outcome", "Texts.Export.Date" }.Select(k => words[k].Value).ToList(),
        };
        foreach (var a in amendments)
        {
            var count = opinions.GetValueOrDefault(a.Id, OpinionCount.None);
            rows.Add([words[a.IsNewArticle ? "Texts.Export.NewArticle" : "Texts.Export.Amendment"], $"{a.Id}", Article(a.ArticleId, a.Heading), "", a.Wording, a.Reason,
                .. Who(a), words[$"Channel.{a.Channel}"], $"{count.Agree}", $"{count.Mixed}", $"{count.Disagree}",
                a.Outcome is { } outcome ? words[$"AmendmentOutcome.{outcome}", a.OutcomeVersion ?? 0] : "", a.CreatedAt.ToString("u")]);
        }
        foreach (var a in arguments)
        {
            rows.Add([words["Texts.Export.Argument"], $"{a.Id}", Article(a.ArticleId, ""), words[$"ArgumentSide.{a.Side}"], a.Text, a.AmendmentId?.ToString() ?? "",
                .. Who(a), words[$"Channel.{a.Channel}"], "", "", "", "", a.CreatedAt.ToString("u")]);
        }
        return rows;
    }
}

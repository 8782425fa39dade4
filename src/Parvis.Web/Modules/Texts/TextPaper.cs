using System.Globalization;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// A text as documents: a version with its changelog (each change's reason, the wording before and after, the words
/// removed and added), and the amendment booklet to fill in by hand at a workshop or a desk.
/// </summary>
public static class TextPaper
{
    public static ReportDocument Version(CollaborativeText text, TextVersion version, IReadOnlyList<TextArticle> articles, Changelog changelog, IStringLocalizer words, string written)
    {
        var blocks = new List<ReportBlock>();
        if (text.PlainSummary.Length > 0)
        {
            blocks.Add(new ReportParagraph(text.PlainSummary, written));
        }
        if (version.Note.Length > 0)
        {
            blocks.Add(new ReportParagraph(version.Note, written));
        }
        blocks.AddRange(Articles(articles, written));
        if (changelog.Lines.Count > 0)
        {
            blocks.Add(new ReportPageBreak());
            blocks.Add(new ReportHeading(1, words["Texts.ChangelogTitle", version.Number]));
            if (changelog.Whole)
            {
                blocks.Add(new ReportParagraph(words["Texts.DiffWhole"]));
            }
            foreach (var line in changelog.Lines)
            {
                blocks.Add(new ReportHeading(2, $"{line.Change.Heading} ({words[$"ArticleChange.{line.Change.Kind}"]})"));
                blocks.Add(new ReportParagraph($"{words["Texts.Why"]} {line.Change.Reason}"));
                if (line.Comparison.Before.Length > 0)
                {
                    blocks.Add(new ReportQuote(line.Comparison.Before, words["Texts.InVersion", version.Number - 1], written));
                }
                if (line.Comparison.After.Length > 0)
                {
                    blocks.Add(new ReportQuote(line.Comparison.After, words["Texts.InVersion", version.Number], written));
                }
                var removed = line.Comparison.Diff.Where(p => p.Kind == PieceKind.Removed).Select(p => p.Text.Trim()).Where(p => p.Length > 0).ToList();
                var added = line.Comparison.Diff.Where(p => p.Kind == PieceKind.Added).Select(p => p.Text.Trim()).Where(p => p.Length > 0).ToList();
                // Shown whole for want of budget, the words removed and added would repeat both wordings above.
                if (line.Change.Kind == ArticleChange.Changed && !changelog.Whole && removed.Count + added.Count > 0)
                {
                    blocks.Add(new ReportList([.. removed.Select(r => words["Texts.PaperRemoved", r].Value), .. added.Select(a => words["Texts.PaperAdded", a].Value)]));
                }
                if (line.Causes.Count > 0)
                {
                    blocks.Add(new ReportList([.. line.Causes.Select(c => $"{words[$"Kind.{c.Kind}"]}{words["Texts.Colon"]} {c.Excerpt}")]));
                }
            }
        }
        return new ReportDocument(text.Title, words["Texts.VersionOf", version.Number, version.PublishedAt.ToLocalTime().ToString("d", CultureInfo.CurrentCulture)],
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, blocks) { TitleLanguage = written };
    }

    /// <summary>The "cahier d'amendements": each article's current wording, then room for an amendment and its reason.</summary>
    public static ReportDocument Booklet(CollaborativeText text, int version, IReadOnlyList<TextArticle> articles, IStringLocalizer words, string written)
    {
        var blocks = new List<ReportBlock> { new ReportParagraph(words["Texts.BookletInstructions"]) };
        var lines = Enumerable.Repeat("______________________________________________________________", 4).ToList();
        foreach (var (article, i) in articles.Select((a, i) => (a, i)))
        {
            if (i > 0 && article.Section != articles[i - 1].Section || i == 0 && article.Section.Length > 0)
            {
                blocks.Add(new ReportHeading(1, article.Section, written));
            }
            blocks.Add(new ReportHeading(2, article.Heading, written));
            blocks.Add(new ReportQuote(article.Body, words["Texts.CurrentWording", version], written));
            blocks.Add(new ReportParagraph(words["Texts.BookletAmendment"]));
            blocks.Add(new ReportList(lines));
            blocks.Add(new ReportParagraph(words["Texts.BookletReason"]));
            blocks.Add(new ReportList(lines[..2]));
        }
        blocks.Add(new ReportHeading(1, words["Texts.BookletNewArticle"]));
        blocks.Add(new ReportParagraph(words["Texts.BookletNewArticleHint"]));
        blocks.Add(new ReportList(lines));
        return new ReportDocument(words["Texts.BookletTitle", text.Title], words["Texts.VersionBadge", version], CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, blocks);
    }

    private static IEnumerable<ReportBlock> Articles(IReadOnlyList<TextArticle> articles, string written)
    {
        var level = articles.Any(a => a.Section.Length > 0) ? 2 : 1;
        for (var i = 0; i < articles.Count; i++)
        {
            if (articles[i].Section.Length > 0 && (i == 0 || articles[i].Section != articles[i - 1].Section))
            {
                yield return new ReportHeading(1, articles[i].Section, written);
            }
            yield return new ReportHeading(level, articles[i].Heading, written);
            foreach (var paragraph in articles[i].Body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return new ReportParagraph(paragraph, written);
            }
        }
    }
}

namespace Parvis.Web.Modules.Texts;

/// <summary>An article's change from the published version to the draft: before (null when added), after (null when removed).</summary>
public sealed record PlannedChange(ArticleChange Kind, string Heading, TextArticle? Before, DraftArticle? After)
{
    public string Key => VersionPlan.Key(Heading);
}

/// <summary>
/// What publishing the draft would change, article by article. An article is the same article from one version to the
/// next when its heading is (ignoring case and spacing): that is how staff rename nothing by accident, and how an
/// amendment follows its article.
/// </summary>
public static class VersionPlan
{
    public static string Key(string heading) => string.Join(' ', heading.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public static IReadOnlyList<PlannedChange> Changes(IReadOnlyList<TextArticle> published, IReadOnlyList<DraftArticle> draft)
    {
        var before = published.ToDictionary(a => Key(a.Heading));
        var after = draft.Select(a => Key(a.Heading)).ToHashSet();
        var changes = new List<PlannedChange>();
        foreach (var article in draft)
        {
            if (!before.TryGetValue(Key(article.Heading), out var old))
            {
                changes.Add(new PlannedChange(ArticleChange.Added, article.Heading, null, article));
            }
            else if (old.Body != article.Body || old.Section != article.Section)
            {
                changes.Add(new PlannedChange(ArticleChange.Changed, article.Heading, old, article));
            }
        }
        changes.AddRange(published.Where(a => !after.Contains(Key(a.Heading))).Select(a => new PlannedChange(ArticleChange.Removed, a.Heading, a, null)));
        return changes;
    }
}

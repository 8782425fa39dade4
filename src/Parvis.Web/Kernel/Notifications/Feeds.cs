using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using XmlText = Parvis.Web.Kernel.Text.XmlText;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// The public Atom feeds (RFC 4287) of an organisation, a process or a theme: the events of the kinds declared
/// <see cref="NotificationKind.InFeeds"/> (answers, fates, new versions, phase openings) of published processes,
/// newest first, in the reader's language; nothing moderation hid or an author erased. No account needed.
/// </summary>
public sealed class Feeds(ParvisDbContext db, CurrentOrganisation organisation, ModuleCatalog modules, IEnumerable<Contributions.IContributionSource> sources)
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const int Entries = 50;

    /// <param name="title">The feed's title.</param>
    /// <param name="self">The feed's own path.</param>
    /// <param name="page">The page the feed is the news of.</param>
    /// <param name="processId">Only this process's events, if given.</param>
    /// <param name="themeId">Only this theme's events, if given.</param>
    /// <param name="text">The interface text, in the reader's language.</param>
    public async Task<byte[]> BuildAsync(string title, string self, string page, Guid? processId, Guid? themeId, IStringLocalizer text)
    {
        var kinds = modules.NotificationKinds.Where(k => k.InFeeds).Select(k => k.Key).ToList();
        var published = db.Processes.Where(p => p.OrganisationId == organisation.Id && p.Published).Select(p => p.Id);
        var events = ShownEvents.Of(db, sources).AsNoTracking()
            .Where(e => e.OrganisationId == organisation.Id && kinds.Contains(e.Kind) && e.ProcessId != null && published.Contains(e.ProcessId.Value));
        if (processId is { } process)
        {
            events = events.Where(e => e.ProcessId == process);
        }
        if (themeId is { } theme)
        {
            events = events.Where(e => e.ThemeId == theme);
        }
        var newest = await events.OrderByDescending(e => e.RaisedAt).ThenByDescending(e => e.Id).Take(Entries).ToListAsync();
        // What people typed may hold characters XML cannot (a control character pasted from a word processor): left out.
        var feed = new SyndicationFeed(XmlText.Allowed(title), XmlText.Allowed(text["Feed.Description", organisation.Value.Name].Value), new Uri(organisation.Link(page)))
        {
            Id = organisation.Link(self),
            Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            LastUpdatedTime = newest.Count > 0 ? newest[0].RaisedAt : DateTimeOffset.UnixEpoch,
            Generator = "Parvis",
        };
        feed.Links.Add(new SyndicationLink(new Uri(organisation.Link(self))) { RelationshipType = "self", MediaType = "application/atom+xml" });
        feed.Authors.Add(new SyndicationPerson { Name = XmlText.Allowed(organisation.Value.Name) });
        feed.Items = newest.Select(e =>
        {
            var kind = modules.NotificationKind(e.Kind)!;
            var item = new SyndicationItem(XmlText.Allowed(e.ItemTitle), XmlText.Allowed(Digest.Sentence(text, kind, e)), new Uri(organisation.Link(e.Address)), $"urn:uuid:{e.Id}", e.RaisedAt)
            {
                PublishDate = e.RaisedAt,
            };
            item.Categories.Add(new SyndicationCategory(kind.Key, null, text[kind.LabelKey].Value));
            return item;
        }).ToList();
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return stream.ToArray();
    }
}

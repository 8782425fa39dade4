using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// Who a message is for and where its links lead: <c>Digest</c> for a daily or weekly digest rather than what just
/// happened, <c>Language</c> for the HTML part's lang attribute, <c>Unfollow</c> the full link that stops following an item.
/// </summary>
public sealed record MailContext(Site Site, string Pseudonym, bool Digest, string Language, Func<Guid, string> Unfollow, string Settings, string StopAll);

/// <summary>A message's subject and its two parts, the same content in plain text and in HTML.</summary>
public sealed record ComposedMail(string Subject, string Text, string Html);

/// <summary>
/// Writes a message from grouped items: a heading per item linking to it, its lines as a list, a link to stop following
/// it, and at the end the links to choose what to receive and to stop everything. The HTML part is plain semantic
/// markup (headings, lists, links that say where they lead) so screen readers navigate it as a page.
/// </summary>
public static class NotificationMail
{
    /// <summary>A message tells this many items at most; the rest are on the person's news page.</summary>
    public const int MostItems = 50;

    public static ComposedMail Compose(MailContext context, IReadOnlyList<DigestItem> all, IStringLocalizer text)
    {
        var items = all.Take(MostItems).ToList();
        var count = all.Count;
        var subject = items.Count == 1 && !context.Digest
            ? text["Notify.Mail.SubjectOne", context.Site.Name, items[0].Title].Value
            : text[context.Digest ? "Notify.Mail.SubjectDigest" : "Notify.Mail.SubjectMany", context.Site.Name, count].Value;
        var greeting = text["Notify.Mail.Greeting", context.Pseudonym].Value;
        var intro = text[context.Digest ? "Notify.Mail.IntroDigest" : "Notify.Mail.Intro", context.Site.Name, count].Value;

        var plain = new StringBuilder();
        plain.Append(greeting).Append("\n\n").Append(intro).Append("\n\n");
        var html = new StringBuilder();
        html.Append("<h1>").Append(Encode(context.Site.Name)).Append("</h1><p>")
            .Append(Encode(greeting)).Append("</p><p>").Append(Encode(intro)).Append("</p>");

        foreach (var item in items)
        {
            var link = context.Site.Address + item.Address;
            var unfollow = text["Notify.Mail.Unfollow", item.Title].Value;
            plain.Append("## ").Append(item.Title).Append('\n');
            html.Append("<h2><a href=\"").Append(Encode(link)).Append("\">").Append(Encode(item.Title)).Append("</a></h2><ul>");
            foreach (var line in item.Lines)
            {
                plain.Append("- ").Append(line).Append('\n');
                html.Append("<li>").Append(Encode(line)).Append("</li>");
            }
            plain.Append(text["Notify.Mail.ReadAt", link].Value).Append('\n')
                .Append(text["Notify.Mail.UnfollowAt", item.Title, context.Unfollow(item.ItemId)].Value).Append("\n\n");
            html.Append("</ul><p><a href=\"").Append(Encode(context.Unfollow(item.ItemId))).Append("\">").Append(Encode(unfollow)).Append("</a></p>");
        }

        if (all.Count > items.Count)
        {
            var more = text["Notify.Mail.More", all.Count - items.Count].Value;
            var page = context.Site.Address + "/account/notifications";
            plain.Append(more).Append('\n').Append(page).Append("\n\n");
            html.Append("<p><a href=\"").Append(Encode(page)).Append("\">").Append(Encode(more)).Append("</a></p>");
        }
        var why = text["Notify.Mail.Why", context.Site.Name].Value;
        var choose = text["Notify.Mail.Choose"].Value;
        var stop = text["Notify.Mail.StopAll"].Value;
        plain.Append("-- \n").Append(why).Append('\n').Append(text["Notify.Mail.ChooseAt", context.Settings].Value).Append('\n')
            .Append(text["Notify.Mail.StopAllAt", context.StopAll].Value).Append('\n');
        html.Append("<hr><p>").Append(Encode(why)).Append("</p><ul><li><a href=\"").Append(Encode(context.Settings)).Append("\">").Append(Encode(choose))
            .Append("</a></li><li><a href=\"").Append(Encode(context.StopAll)).Append("\">").Append(Encode(stop)).Append("</a></li></ul>");
        return new ComposedMail(Text.Excerpts.Fit(subject, OutgoingMessage.SubjectMax), plain.ToString(), Page(context.Language, subject, html.ToString()));
    }

    /// <summary>
    /// A plain message as both parts: its paragraphs (separated by a blank line) as written, and as an HTML page in
    /// its language.
    /// </summary>
    public static ComposedMail Plain(string language, string subject, string body) =>
        new(Text.Excerpts.Fit(subject, OutgoingMessage.SubjectMax), body,
            Page(language, subject, string.Concat(body.Split("\n\n").Select(p => $"<p>{Encode(p)}</p>"))));

    /// <summary>The HTML part's page around its body: its language and its title, for screen readers.</summary>
    private static string Page(string language, string subject, string body) =>
        $"<!DOCTYPE html><html lang=\"{Encode(language)}\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body>{body}</body></html>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

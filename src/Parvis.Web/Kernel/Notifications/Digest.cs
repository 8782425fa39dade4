using System.Text.Json;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>One person's notification with its event, as read for a list or a message.</summary>
public sealed record Received(Notification Notification, NotificationEvent Event);

/// <summary>
/// What happened on one item: its title, its page, and its lines, newest first. <c>First</c>: it holds what the person
/// most wants to know (their contribution's fate, an official answer); <c>Unread</c>: something on it is not read yet.
/// </summary>
public sealed record DigestItem(Guid ItemId, string Title, string Address, bool First, DateTimeOffset Latest, bool Unread, IReadOnlyList<string> Lines);

/// <summary>
/// Groups notifications by item, the same way for the in-site list and for every message (immediate or digest), so
/// that whoever reads them, however, reads the same: items about the person and official answers first, then the
/// newest; on each item, what is first told in full, then the rest counted ("12 nouveaux commentaires").
/// </summary>
public static class Digest
{
    public static IReadOnlyList<DigestItem> Group(IEnumerable<Received> received, ModuleCatalog modules, IStringLocalizer text)
    {
        var items = new List<DigestItem>();
        foreach (var item in received.GroupBy(r => r.Event.ItemId))
        {
            var lines = new List<(bool First, DateTimeOffset Latest, List<string> Sentences)>();
            foreach (var kind in item.GroupBy(r => r.Event.Kind))
            {
                if (modules.NotificationKind(kind.Key) is not { } declared)
                {
                    continue;
                }
                var newest = kind.OrderByDescending(r => r.Event.RaisedAt).ToList();
                // What is about the reader (a reply to them) is told in full; the rest of a busy item is counted.
                var (aboutYou, rest) = declared.First ? (newest, []) : (newest.Where(r => r.Notification.AboutYou).ToList(), newest.Where(r => !r.Notification.AboutYou).ToList());
                var first = declared.First || aboutYou.Count > 0;
                List<string> sentences =
                [
                    .. aboutYou.Select(r => Sentence(text, declared, r.Event)),
                    .. rest.Count == 1 ? [Sentence(text, declared, rest[0].Event)] : rest.Count > 1 ? [text[declared.CountKey, rest.Count].Value] : Array.Empty<string>(),
                ];
                lines.Add((first, newest[0].Event.RaisedAt, sentences));
            }
            if (lines.Count == 0)
            {
                continue;
            }
            var latest = item.MaxBy(r => r.Event.RaisedAt)!.Event;
            items.Add(new DigestItem(item.Key, latest.ItemTitle, latest.Address, lines.Any(l => l.First), latest.RaisedAt,
                item.Any(r => r.Notification.ReadAt is null),
                [.. lines.OrderByDescending(l => l.First).ThenByDescending(l => l.Latest).SelectMany(l => l.Sentences)]));
        }
        return [.. items.OrderByDescending(i => i.First).ThenByDescending(i => i.Latest).ThenBy(i => i.ItemId)];
    }

    /// <summary>The event's sentence in the current language.</summary>
    public static string Sentence(IStringLocalizer text, NotificationKind kind, NotificationEvent raised)
    {
        var arguments = JsonSerializer.Deserialize<NoticeArgument[]>(raised.Arguments, Notifier.Json) ?? [];
        return text[kind.TextKey, [.. arguments.Select(a => a.Read(text))]].Value;
    }
}
